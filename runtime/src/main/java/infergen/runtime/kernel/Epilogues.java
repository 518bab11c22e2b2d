package infergen.runtime.kernel;

/**
 * The elementwise tails of the fused GEMM entry points, on the rectangle {@code [0, m) × [j0, j1)} of a row-major
 * {@code m × n} matrix: the columns one worker has just computed, still in its cache. Each element is computed by
 * the {@link ElementwiseKernel} loop of the unfused kernel ({@link Vectors#addRowVector}, {@link Activations},
 * {@link FenchelTargets}), so fused and unfused passes agree bit for bit.
 */
final class Epilogues {

    /** The Vector API loops for bias, activations and derivatives, or their scalar twins. */
    private static final ElementwiseKernel KERNEL = Kernels.elementwise();

    private Epilogues() {
    }

    /** {@code a[i, j] += bias[j]}; then {@code s = f(a)} unless f is the identity. */
    static void biasActivate(int m, int n, int j0, int j1, float[] bias, float[] a, float[] s, Nonlinearity f) {
        for (int i = 0; i < m; i++) {
            int row = i * n;
            KERNEL.addBias(a, row + j0, bias, j0, j1 - j0);
            KERNEL.activate(f, a, s, row + j0, row + j1);
        }
    }

    /** {@code g ← f'(·) ⊙ g}: box activations read the pre-activation a, smooth ones the activity s. */
    static void derivative(int m, int n, int j0, int j1, float[] a, float[] s, Nonlinearity f, float[] g) {
        for (int i = 0; i < m; i++) {
            KERNEL.derivative(f, a, s, g, i * n + j0, i * n + j1);
        }
    }

    /** {@code g ← δ̃(a, g, β)}, the Fenchel error of {@link FenchelTargets}. */
    static void fenchel(int m, int n, int j0, int j1, float[] a, Nonlinearity f, float beta, float[] g) {
        for (int i = 0; i < m; i++) {
            KERNEL.fenchel(f, a, beta, g, i * n + j0, i * n + j1);
        }
    }
}
