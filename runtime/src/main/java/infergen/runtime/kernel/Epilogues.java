package infergen.runtime.kernel;

/**
 * The elementwise tails of the fused GEMM entry points, on the rectangle {@code [0, m) × [j0, j1)} of a row-major
 * {@code m × n} matrix: the columns one worker has just computed, still in its cache. Each element is computed by
 * exactly the expression of the unfused kernel ({@link Vectors#addRowVector}, {@link Activations},
 * {@link FenchelTargets}), so fused and unfused passes agree bit for bit.
 */
final class Epilogues {

    /** The Vector API loops for bias, box activations and derivatives, or null for the scalar ones below. */
    private static final ElementwiseKernel VECTOR = Kernels.elementwise();

    private Epilogues() {
    }

    /** {@code a[i, j] += bias[j]}; then {@code s = f(a)} unless f is the identity. */
    static void biasActivate(int m, int n, int j0, int j1, float[] bias, float[] a, float[] s, Nonlinearity f) {
        for (int i = 0; i < m; i++) {
            int row = i * n;
            if (VECTOR != null) {
                VECTOR.addBias(a, row + j0, bias, j0, j1 - j0);
                if (f == Nonlinearity.IDENTITY || VECTOR.activate(f, a, s, row + j0, row + j1)) {
                    continue;
                }
            } else {
                for (int j = j0; j < j1; j++) {
                    a[row + j] += bias[j];
                }
            }
            switch (f) {
                case IDENTITY -> { }
                case RELU -> {
                    for (int j = row + j0; j < row + j1; j++) {
                        s[j] = Math.max(0f, a[j]);
                    }
                }
                case HARD_TANH -> {
                    for (int j = row + j0; j < row + j1; j++) {
                        s[j] = Math.min(1f, Math.max(-1f, a[j]));
                    }
                }
                case HARD_SIGMOID -> {
                    for (int j = row + j0; j < row + j1; j++) {
                        s[j] = Math.min(1f, Math.max(0f, a[j]));
                    }
                }
                case SIGMOID -> {
                    for (int j = row + j0; j < row + j1; j++) {
                        s[j] = (float) (1.0 / (1.0 + Math.exp(-a[j])));
                    }
                }
                case TANH -> {
                    for (int j = row + j0; j < row + j1; j++) {
                        s[j] = (float) Math.tanh(a[j]);
                    }
                }
            }
        }
    }

    /** {@code g ← f'(·) ⊙ g}: box activations read the pre-activation a, smooth ones the activity s. */
    static void derivative(int m, int n, int j0, int j1, float[] a, float[] s, Nonlinearity f, float[] g) {
        for (int i = 0; i < m; i++) {
            int lo = i * n + j0, hi = i * n + j1;
            if (VECTOR != null && (f == Nonlinearity.IDENTITY || VECTOR.derivative(f, a, s, g, lo, hi))) {
                continue;
            }
            switch (f) {
                case IDENTITY -> { }
                case RELU -> {
                    for (int j = lo; j < hi; j++) {
                        g[j] = a[j] > 0f ? g[j] : 0f;
                    }
                }
                case HARD_TANH -> {
                    for (int j = lo; j < hi; j++) {
                        g[j] = a[j] > -1f && a[j] < 1f ? g[j] : 0f;
                    }
                }
                case HARD_SIGMOID -> {
                    for (int j = lo; j < hi; j++) {
                        g[j] = a[j] > 0f && a[j] < 1f ? g[j] : 0f;
                    }
                }
                case SIGMOID -> {
                    for (int j = lo; j < hi; j++) {
                        g[j] *= s[j] * (1f - s[j]);
                    }
                }
                case TANH -> {
                    for (int j = lo; j < hi; j++) {
                        g[j] *= 1f - s[j] * s[j];
                    }
                }
            }
        }
    }

    /** {@code g ← δ̃(a, g, β)}, the Fenchel error of {@link FenchelTargets}. */
    static void fenchel(int m, int n, int j0, int j1, float[] a, Nonlinearity f, float beta, float[] g) {
        for (int i = 0; i < m; i++) {
            int lo = i * n + j0, hi = i * n + j1;
            if (VECTOR != null && VECTOR.fenchel(f, a, beta, g, lo, hi)) {
                continue;
            }
            switch (f) {
                case IDENTITY -> { }
                case RELU -> {
                    for (int j = lo; j < hi; j++) {
                        g[j] = FenchelTargets.relu(a[j], g[j], beta);
                    }
                }
                case HARD_TANH -> {
                    for (int j = lo; j < hi; j++) {
                        g[j] = FenchelTargets.hardTanh(a[j], g[j], beta);
                    }
                }
                case HARD_SIGMOID -> {
                    for (int j = lo; j < hi; j++) {
                        g[j] = FenchelTargets.hardSigmoid(a[j], g[j], beta);
                    }
                }
                case SIGMOID -> {
                    for (int j = lo; j < hi; j++) {
                        g[j] = FenchelTargets.sigmoid(a[j], g[j], beta);
                    }
                }
                case TANH -> {
                    for (int j = lo; j < hi; j++) {
                        g[j] = FenchelTargets.tanh(a[j], g[j], beta);
                    }
                }
            }
        }
    }
}
