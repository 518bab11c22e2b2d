package infergen.runtime.kernel;

/**
 * The elementwise loops of the passes: bias addition, the activations and their derivatives, the Fenchel error and
 * the bias gradient's column sums. {@link ScalarElementwise} holds the scalar expressions ({@link Activations},
 * {@link Epilogues}, {@link Vectors} and {@link FenchelTargets} call through this interface);
 * {@link VectorElementwise} runs the loops C2 leaves scalar on the Vector API with the same bits (max, min, selection
 * and the same multiplications in the same order) and hands the others to the scalar twin. {@link Kernels} picks one.
 */
interface ElementwiseKernel {

    /** {@code a[off + t] += bias[j0 + t]} for {@code t ∈ [0, len)}. */
    void addBias(float[] a, int off, float[] bias, int j0, int len);

    /** {@code s = f(a)} on {@code [from, to)}; the identity touches nothing (a is the activity). */
    void activate(Nonlinearity f, float[] a, float[] s, int from, int to);

    /**
     * {@code g ← f'(·) ⊙ g} on {@code [from, to)}, the derivative read from the pre-activation {@code a} (box
     * activations) or the activity {@code s} (sigmoid, tanh); the identity touches nothing.
     */
    void derivative(Nonlinearity f, float[] a, float[] s, float[] g, int from, int to);

    /**
     * {@code out[j] = alpha · Σ_i a[i, j]} over the rows of the row-major {@code m × n} matrix a, each column summed
     * from +0 in row order, then multiplied once.
     */
    void columnSums(int m, int n, float alpha, float[] a, float[] out);

    /** Whether every element of {@code a[0, len)} is finite (no NaN, no infinity). */
    boolean allFinite(float[] a, int len);

    /**
     * {@code g ← δ̃(a, g, β)}, the Fenchel error of {@link FenchelTargets}, on {@code [from, to)}; the identity
     * touches nothing.
     */
    void fenchel(Nonlinearity f, float[] a, float beta, float[] g, int from, int to);

    /**
     * Max pooling of one {@code r × r}-windowed plane: for each output {@code (u, v)} of {@code ph × pw},
     * {@code a[o] = max} and {@code argmax[o] =} the position {@code row·cw + col} (relative to {@code in}) of the first
     * maximum in row-major window order (a later element wins only if strictly greater, so a NaN wins only as the
     * first), {@code o = out + u·pw + v}; the window of {@code (u, v)} starts at {@code in + (u·r)·cw + v·r}.
     */
    void maxPool(float[] map, int in, int cw, int r, int ph, int pw, float[] a, int[] argmax, int out);
}
