package infergen.runtime.kernel;

/** Adam on a range of a parameter array; {@link Optimizers#adam} documents the update. */
interface AdamKernel {

    void adam(float[] p, float[] g, float[] m, float[] v, int from, int to, float stepSize, float beta1, float beta2,
            float epsilon, float invSqrtBc2);
}
