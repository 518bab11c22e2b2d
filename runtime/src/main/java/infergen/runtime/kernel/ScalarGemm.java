package infergen.runtime.kernel;

/**
 * Plain-Java GEMM: the fallback when {@code jdk.incubator.vector} is absent, and the bitwise reference of
 * {@link VectorGemm}. Every element of C is the in-order fused multiply-add chain
 * {@code s = fma(A(i, p), B(p, j), s)} for p = 0, 1, …, k−1 from {@code s = +0} (for abT {@code B(j, p)}), then
 * {@code c = alpha·s} or, accumulating, {@code c = fma(alpha, s, c)}: the operations of {@link VectorGemm}'s broadcast
 * form, so the two agree bit for bit on {@code ab}, {@code atB} and on {@code abT} where it takes the broadcast form
 * ({@link Gemm#abTBroadcast}) or k is below the lane count. The smaller {@code abT} products with k of at least one
 * vector, which {@link VectorGemm} computes as dot products (one vector accumulator per element, a fixed lane tree,
 * then the k tail), are still this in-order chain here: they agree with the vector kernel to rounding, not bit for
 * bit (the lane tree adds the partial sums in another order), and the choice depends on the lane count, which a JVM
 * without the Vector API does not have.
 *
 * <p>ab and atB keep the innermost loop at unit stride: the raw sums of one row of C wait in C (overwriting) or in a
 * per-thread row (accumulating) while p runs, and are scaled once at the end. Any split over rows or columns gives
 * the same bits, as every element is computed by the same chain.
 */
public final class ScalarGemm implements GemmKernel {

    /** Per-thread row of raw sums for the accumulating ab and atB (grown on first need, then reused). */
    private static final ThreadLocal<float[][]> ROW = ThreadLocal.withInitial(() -> new float[][] {new float[0]});

    @Override
    public void abT(int m, int n, int k, float alpha, float[] a, float[] b, float[] c, boolean accumulate) {
        abTColumns(0, n, m, n, k, alpha, a, b, c, accumulate);
    }

    @Override
    public void ab(int m, int n, int k, float alpha, float[] a, float[] b, float[] c, boolean accumulate) {
        abColumns(0, n, m, n, k, alpha, a, b, c, accumulate);
    }

    @Override
    public void atB(int m, int n, int k, float alpha, float[] a, float[] b, float[] c, boolean accumulate) {
        atBColumns(0, n, m, n, k, alpha, a, b, c, accumulate);
    }

    @Override
    public void abTColumns(int j0, int j1, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
            boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int aRow = i * k;
            for (int j = j0; j < j1; j++) {
                int bRow = j * k;
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[aRow + p], b[bRow + p], s);
                }
                int idx = i * n + j;
                c[idx] = accumulate ? Math.fma(alpha, s, c[idx]) : alpha * s;
            }
        }
    }

    @Override
    public void abColumns(int j0, int j1, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
            boolean accumulate) {
        block(0, m, j0, j1, n, k, alpha, a, k, 1, b, c, accumulate);
    }

    @Override
    public void atBColumns(int j0, int j1, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
            boolean accumulate) {
        block(0, m, j0, j1, n, k, alpha, a, 1, m, b, c, accumulate);
    }

    @Override
    public void atBRows(int i0, int i1, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
            boolean accumulate) {
        block(i0, i1, 0, n, n, k, alpha, a, 1, m, b, c, accumulate);
    }

    /**
     * The rectangle {@code [i0, i1) × [j0, j1)} of {@code C = alpha · A·B} with B {@code k × n} row-major and
     * {@code A(i, p) = a[i·ars + p·acs]} ({@code ab}: {@code (k, 1)}, {@code atB}: {@code (1, m)}), row by row of C.
     */
    private static void block(int i0, int i1, int j0, int j1, int n, int k, float alpha, float[] a, int ars, int acs,
            float[] b, float[] c, boolean accumulate) {
        if (i0 >= i1 || j0 >= j1) {
            return;
        }
        int w = j1 - j0;
        float[] s = c;
        if (accumulate) {
            float[][] holder = ROW.get();
            if (holder[0].length < w) {
                holder[0] = new float[w];
            }
            s = holder[0];
        }
        for (int i = i0; i < i1; i++) {
            int row = i * n + j0;
            int base = accumulate ? 0 : row; // the raw sums of this row: in C, or in the per-thread row
            java.util.Arrays.fill(s, base, base + w, 0f);
            for (int p = 0, ap = i * ars, bp = j0; p < k; p++, ap += acs, bp += n) {
                float aip = a[ap];
                for (int t = 0; t < w; t++) {
                    s[base + t] = Math.fma(aip, b[bp + t], s[base + t]);
                }
            }
            if (accumulate) {
                for (int t = 0; t < w; t++) {
                    c[row + t] = Math.fma(alpha, s[t], c[row + t]);
                }
            } else {
                for (int t = 0; t < w; t++) {
                    c[row + t] = alpha * c[row + t];
                }
            }
        }
    }
}
