package infergen.runtime.kernel;

/** Parameter updates, one flat loop per parameter array. */
public final class Optimizers {

    private Optimizers() {
    }

    /**
     * One Adam step, as PyTorch computes it: {@code m ← β₁m + (1−β₁)g}, {@code v ← β₂v + (1−β₂)g²},
     * {@code p ← p − lr · (m / bc1) / (√(v / bc2) + ε)} with the bias corrections {@code bc1 = 1 − β₁ᵗ},
     * {@code bc2 = 1 − β₂ᵗ} of step t.
     */
    public static void adam(float[] p, float[] g, float[] m, float[] v, int len, float lr, float beta1, float beta2,
            float epsilon, float bc1, float bc2) {
        float stepSize = lr / bc1;
        float invSqrtBc2 = (float) (1.0 / Math.sqrt(bc2));
        for (int i = 0; i < len; i++) {
            float gi = g[i];
            float mi = beta1 * m[i] + (1f - beta1) * gi;
            float vi = beta2 * v[i] + (1f - beta2) * gi * gi;
            m[i] = mi;
            v[i] = vi;
            p[i] -= stepSize * mi / ((float) Math.sqrt(vi) * invSqrtBc2 + epsilon);
        }
    }

    /** One SGD step with heavy-ball momentum: {@code vel ← μ·vel + g}, {@code p ← p − lr·vel}. */
    public static void sgdMomentum(float[] p, float[] g, float[] vel, int len, float lr, float momentum) {
        for (int i = 0; i < len; i++) {
            float vi = momentum * vel[i] + g[i];
            vel[i] = vi;
            p[i] -= lr * vi;
        }
    }

    /** One plain SGD step: {@code p ← p − lr·g}. */
    public static void sgd(float[] p, float[] g, int len, float lr) {
        for (int i = 0; i < len; i++) {
            p[i] -= lr * g[i];
        }
    }
}
