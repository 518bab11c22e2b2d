package infergen.runtime.kernel;

/**
 * Elementwise operations on the state buffers of the inference rules (docs/methods.md §3–5), over the first {@code len}
 * values. Plain loops that C2 vectorizes; none allocates.
 */
public final class StateVectors {

    private StateVectors() {
    }

    /** {@code out = x − y}. */
    public static void difference(float[] x, float[] y, float[] out, int len) {
        for (int i = 0; i < len; i++) {
            out[i] = x[i] - y[i];
        }
    }

    /** {@code out = x + y}. */
    public static void sum(float[] x, float[] y, float[] out, int len) {
        for (int i = 0; i < len; i++) {
            out[i] = x[i] + y[i];
        }
    }

    /** {@code out = x ⊙ y}. */
    public static void product(float[] x, float[] y, float[] out, int len) {
        for (int i = 0; i < len; i++) {
            out[i] = x[i] * y[i];
        }
    }

    /** {@code y += alpha · x}. */
    public static void axpy(float alpha, float[] x, float[] y, int len) {
        for (int i = 0; i < len; i++) {
            y[i] += alpha * x[i];
        }
    }

    /** {@code out = alpha · x}. */
    public static void scale(float alpha, float[] x, float[] out, int len) {
        for (int i = 0; i < len; i++) {
            out[i] = alpha * x[i];
        }
    }

    /** {@code Σ x²}, accumulated in double. */
    public static double sumSquares(float[] x, int len) {
        double total = 0.0;
        for (int i = 0; i < len; i++) {
            total += (double) x[i] * x[i];
        }
        return total;
    }
}
