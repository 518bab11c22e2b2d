package infergen.runtime.kernel;

/**
 * The GEMM entry points generated code calls. The implementation is chosen once, at class initialization, by
 * {@link Kernels}: the Vector API kernel when {@code jdk.incubator.vector} is in the boot layer, the scalar one
 * otherwise.
 */
public final class Gemm {

    private static final GemmKernel IMPL = Kernels.gemm();

    private Gemm() {
    }

    /** {@code C[m×n] (+)= alpha · A[m×k] · B[n×k]ᵀ}; see {@link GemmKernel#abT}. */
    public static void abT(int m, int n, int k, float alpha, float[] a, float[] b, float[] c, boolean accumulate) {
        IMPL.abT(m, n, k, alpha, a, b, c, accumulate);
    }

    /** {@code C[m×n] (+)= alpha · A[m×k] · B[k×n]}; see {@link GemmKernel#ab}. */
    public static void ab(int m, int n, int k, float alpha, float[] a, float[] b, float[] c, boolean accumulate) {
        IMPL.ab(m, n, k, alpha, a, b, c, accumulate);
    }

    /** {@code C[m×n] (+)= alpha · A[k×m]ᵀ · B[k×n]}; see {@link GemmKernel#atB}. */
    public static void atB(int m, int n, int k, float alpha, float[] a, float[] b, float[] c, boolean accumulate) {
        IMPL.atB(m, n, k, alpha, a, b, c, accumulate);
    }

    /** The name of the implementation in use, for logs and benchmark reports. */
    public static String implementation() {
        return IMPL.getClass().getSimpleName();
    }
}
