package infergen.runtime.kernel;

/** Small row and column operations on row-major {@code m × n} matrices. */
public final class Vectors {

    private Vectors() {
    }

    /** {@code c[i, j] += bias[j]} for every row i: adds the bias to each sample's pre-activation. */
    public static void addRowVector(int m, int n, float[] bias, float[] c) {
        for (int i = 0; i < m; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                c[row + j] += bias[j];
            }
        }
    }

    /** {@code out[j] = alpha · Σ_i a[i, j]}: the bias gradient, the batch mean of the errors with alpha = 1/m. */
    public static void columnSums(int m, int n, float alpha, float[] a, float[] out) {
        java.util.Arrays.fill(out, 0, n, 0f);
        for (int i = 0; i < m; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                out[j] += a[row + j];
            }
        }
        for (int j = 0; j < n; j++) {
            out[j] *= alpha;
        }
    }

    /** Whether all of the first {@code len} values are finite (no NaN, no infinity). */
    public static boolean allFinite(float[] a, int len) {
        for (int i = 0; i < len; i++) {
            if (!Float.isFinite(a[i])) {
                return false;
            }
        }
        return true;
    }

    /** The index of the first non-finite value among the first {@code len}, or −1. */
    public static int firstNonFinite(float[] a, int len) {
        for (int i = 0; i < len; i++) {
            if (!Float.isFinite(a[i])) {
                return i;
            }
        }
        return -1;
    }
}
