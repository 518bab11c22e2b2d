package infergen.runtime.kernel;

/**
 * {@link Optimizers#adam} in plain Java: the kernel without {@code jdk.incubator.vector}, the reference
 * {@link VectorAdam} is tested against bit for bit, and that kernel's tail.
 */
final class ScalarAdam implements AdamKernel {

    @Override
    public void adam(float[] p, float[] g, float[] m, float[] v, int from, int to, float stepSize, float beta1,
            float beta2, float epsilon, float invSqrtBc2) {
        range(p, g, m, v, from, to, stepSize, beta1, beta2, epsilon, invSqrtBc2);
    }

    /** The update of the elements {@code [from, to)}, element by element (no fused multiply-add). */
    static void range(float[] p, float[] g, float[] m, float[] v, int from, int to, float stepSize, float beta1,
            float beta2, float epsilon, float invSqrtBc2) {
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = beta1 * m[i] + (1f - beta1) * gi;
            float vi = beta2 * v[i] + (1f - beta2) * gi * gi;
            mi = Math.abs(mi) < Float.MIN_NORMAL ? 0f : mi;
            vi = vi < Float.MIN_NORMAL ? 0f : vi;
            m[i] = mi;
            v[i] = vi;
            p[i] -= stepSize * mi / ((float) Math.sqrt(vi) * invSqrtBc2 + epsilon);
        }
    }
}
