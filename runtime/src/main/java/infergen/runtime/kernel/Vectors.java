package infergen.runtime.kernel;

/** Small row and column operations on row-major {@code m × n} matrices. */
public final class Vectors {

    private static final ElementwiseKernel KERNEL = Kernels.elementwise();

    private Vectors() {
    }

    /** Whether every element of {@code a[0, len)} is finite: one vector pass when the Vector API is present. */
    public static boolean allFinite(float[] a, int len) {
        return KERNEL.allFinite(a, len);
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

    /**
     * {@code out[j] = alpha · Σ_i a[i, j]}: the bias gradient, the batch mean of the errors with alpha = 1/m. Each
     * column is summed from +0 in row order, then multiplied once.
     */
    public static void columnSums(int m, int n, float alpha, float[] a, float[] out) {
        KERNEL.columnSums(m, n, alpha, a, out);
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
