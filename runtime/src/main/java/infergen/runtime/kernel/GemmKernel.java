package infergen.runtime.kernel;

/**
 * The three matrix products the passes of a dense network need, on row-major float arrays. Every method computes
 * {@code C = alpha · op(A, B)} into the {@code m × n} matrix {@code c}, or adds it to {@code c} when
 * {@code accumulate}. Implementations must give the same result for any thread count (work is split over output
 * columns or rows, never over the reduction index).
 */
public interface GemmKernel {

    /** {@code C[m×n] (+)= alpha · A[m×k] · B[n×k]ᵀ}: the forward pass, {@code a = s_prev · Wᵀ}. */
    void abT(int m, int n, int k, float alpha, float[] a, float[] b, float[] c, boolean accumulate);

    /** {@code C[m×n] (+)= alpha · A[m×k] · B[k×n]}: the backward pass, {@code g_prev = δ · W}. */
    void ab(int m, int n, int k, float alpha, float[] a, float[] b, float[] c, boolean accumulate);

    /** {@code C[m×n] (+)= alpha · A[k×m]ᵀ · B[k×n]}: the weight gradient, {@code ∇W = δᵀ · s_prev / batch}. */
    void atB(int m, int n, int k, float alpha, float[] a, float[] b, float[] c, boolean accumulate);

    /**
     * Columns {@code [j0, j1)} of {@link #abT}, every element bit-identical to the whole call: a worker team splits
     * a GEMM over output columns with these.
     */
    void abTColumns(int j0, int j1, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
            boolean accumulate);

    /** Rows {@code [i0, i1)} of {@link #abT}, bit-identical to the whole call. */
    void abTRows(int i0, int i1, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
            boolean accumulate);

    /** Columns {@code [j0, j1)} of {@link #ab}, bit-identical to the whole call. */
    void abColumns(int j0, int j1, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
            boolean accumulate);

    /** Columns {@code [j0, j1)} of {@link #atB}, bit-identical to the whole call. */
    void atBColumns(int j0, int j1, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
            boolean accumulate);

    /**
     * Rows {@code [i0, i1)} of {@link #atB}, bit-identical to the whole call: a weight-gradient part whose output is
     * one contiguous range of {@code c}, so that an elementwise step after it (the fused optimizer) shares no cache
     * line with another worker's part but at its two ends.
     */
    void atBRows(int i0, int i1, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
            boolean accumulate);
}
