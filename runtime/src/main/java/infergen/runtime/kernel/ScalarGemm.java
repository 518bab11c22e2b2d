package infergen.runtime.kernel;

/**
 * Plain-Java GEMM: the fallback when {@code jdk.incubator.vector} is absent, and the bitwise reference of
 * {@link VectorGemm}. Every element of C is the in-order fused multiply-add chain
 * {@code s = fma(A(i, p), B(p, j), s)} for p = 0, 1, …, k−1 from {@code s = +0} (for abT {@code B(j, p)}), then
 * {@code c = alpha·s} or, accumulating, {@code c = fma(alpha, s, c)}: the operations of {@link VectorGemm}'s broadcast
 * form. Where {@link VectorGemm} computes {@code abT} as dot products (the shapes {@link Gemm#abTBroadcast} declines),
 * the chain runs over the k tail only and the whole multiples of 8 go through the same 8 lane accumulators and lane
 * tree as its fixed 8-lane species ({@link #dot8}). So the two agree bit for bit on every product, on any machine.
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
        abTBlock(0, m, j0, j1, m, n, k, alpha, a, b, c, accumulate);
    }

    @Override
    public void abTRows(int i0, int i1, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
            boolean accumulate) {
        abTBlock(i0, i1, 0, n, m, n, k, alpha, a, b, c, accumulate);
    }

    private static void abTBlock(int i0, int i1, int j0, int j1, int m, int n, int k, float alpha, float[] a,
            float[] b, float[] c, boolean accumulate) {
        boolean dot = !Gemm.abTBroadcast(m, n);
        int kv = dot ? k & -DOT_LANES : 0;
        for (int i = i0; i < i1; i++) {
            int aRow = i * k;
            for (int j = j0; j < j1; j++) {
                int bRow = j * k;
                float s = kv == 0 ? 0f : dot8(a, aRow, b, bRow, kv);
                for (int p = kv; p < k; p++) {
                    s = Math.fma(a[aRow + p], b[bRow + p], s);
                }
                int idx = i * n + j;
                c[idx] = accumulate ? Math.fma(alpha, s, c[idx]) : alpha * s;
            }
        }
    }

    /** The lanes of {@link VectorGemm}'s dot form of abT (its {@code DOT} species). */
    static final int DOT_LANES = 8;

    /**
     * {@link VectorGemm}'s dot form over {@code p < kv} (a multiple of 8), operation for operation: lane l accumulates
     * {@code fma(A(i, p), B(j, p), acc_l)} for p ≡ l (mod 8) in order, then the lane tree
     * {@code ((acc0 + acc4) + (acc2 + acc6)) + ((acc1 + acc5) + (acc3 + acc7))}.
     */
    private static float dot8(float[] a, int aRow, float[] b, int bRow, int kv) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        for (int p = 0; p < kv; p += DOT_LANES) {
            int x = aRow + p, y = bRow + p;
            s0 = Math.fma(a[x], b[y], s0);
            s1 = Math.fma(a[x + 1], b[y + 1], s1);
            s2 = Math.fma(a[x + 2], b[y + 2], s2);
            s3 = Math.fma(a[x + 3], b[y + 3], s3);
            s4 = Math.fma(a[x + 4], b[y + 4], s4);
            s5 = Math.fma(a[x + 5], b[y + 5], s5);
            s6 = Math.fma(a[x + 6], b[y + 6], s6);
            s7 = Math.fma(a[x + 7], b[y + 7], s7);
        }
        return ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7));
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
