package infergen.runtime.kernel;

/**
 * The elementwise loops of the passes that C2 leaves scalar, on the Vector API: bias addition, the box activations,
 * the activation derivatives that are plain arithmetic, the relu Fenchel error and the bias gradient's column sums. Each gives the bits of the scalar loop it replaces
 * ({@link Activations}, {@link Epilogues}): max, min, selection and the same multiplications in the same order.
 * Loaded by name by {@link Kernels}; absent (null) without {@code jdk.incubator.vector}.
 */
interface ElementwiseKernel {

    /** {@code a[off + t] += bias[j0 + t]} for {@code t ∈ [0, len)}. */
    void addBias(float[] a, int off, float[] bias, int j0, int len);

    /**
     * {@code s = f(a)} on {@code [from, to)} for relu, hard tanh and hard sigmoid; returns false, having done
     * nothing, for the other activations.
     */
    boolean activate(Nonlinearity f, float[] a, float[] s, int from, int to);

    /**
     * {@code g ← f'(·) ⊙ g} on {@code [from, to)}, the derivative read from the pre-activation {@code a} (box
     * activations) or the activity {@code s} (sigmoid, tanh); returns false, having done nothing, for the identity.
     */
    boolean derivative(Nonlinearity f, float[] a, float[] s, float[] g, int from, int to);

    /**
     * {@code out[j] = alpha · Σ_i a[i, j]} over the rows of the row-major {@code m × n} matrix a, each column summed
     * from +0 in row order, then multiplied once: the bits of {@link Vectors#columnSums}' scalar loop.
     */
    void columnSums(int m, int n, float alpha, float[] a, float[] out);

    /** Whether every element of {@code a[0, len)} is finite (no NaN, no infinity). */
    boolean allFinite(float[] a, int len);

    /**
     * {@code g ← δ̃(a, g, β)}, the Fenchel error of {@link FenchelTargets}, on {@code [from, to)} for relu; returns
     * false, having done nothing, for the other activations.
     */
    boolean fenchel(Nonlinearity f, float[] a, float beta, float[] g, int from, int to);
}
