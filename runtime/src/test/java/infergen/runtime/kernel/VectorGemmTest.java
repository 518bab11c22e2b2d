package infergen.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link VectorGemm} against {@link ScalarGemm} and a double-precision triple loop, in every layout, overwriting and
 * accumulating, at awkward sizes (1, 3, 17, 63, 257, the MLP's shapes, sizes around the lane count) and seeded random
 * ones. The tolerance grows with k: {@code 1e-6 · (k · |alpha| · max|a| · max|b| + max|c₀|)}.
 */
class VectorGemmTest {

    enum Layout { ABT, AB, ATB }

    private static final GemmKernel VECTOR = new VectorGemm(); // surefire always adds jdk.incubator.vector
    private static final GemmKernel SCALAR = new ScalarGemm();
    private static final int LANES = VectorGemm.SPECIES.length();

    static Stream<Arguments> shapes() {
        List<int[]> s = new ArrayList<>();
        int[] awkward = {1, 3, 17, 63, 257};
        for (int m : awkward) {
            for (int n : awkward) {
                for (int k : awkward) {
                    if ((long) m * n * k <= 300_000) {
                        s.add(new int[] {m, n, k});
                    }
                }
            }
        }
        // The MLP 784-256-128-64-10 at batch 50, and around the lane count and the 4 × 4 tiles.
        s.add(new int[] {50, 10, 784});
        s.add(new int[] {50, 256, 784});
        s.add(new int[] {50, 784, 256});
        s.add(new int[] {256, 784, 50});
        s.add(new int[] {50, 64, 10});
        s.add(new int[] {10, 64, 50});
        s.add(new int[] {4, 4, LANES});
        s.add(new int[] {4, 4, LANES - 1});
        s.add(new int[] {5, 5, LANES + 1});
        s.add(new int[] {8, 4 * LANES, 2 * LANES});
        s.add(new int[] {7, 4 * LANES + 1, 3 * LANES - 1});
        s.add(new int[] {2, 2, 1});
        Random rnd = new Random(20260127L);
        for (int r = 0; r < 24; r++) {
            s.add(new int[] {1 + rnd.nextInt(70), 1 + rnd.nextInt(90), 1 + rnd.nextInt(130)});
        }
        return s.stream().flatMap(mnk -> Arrays.stream(Layout.values()).map(l -> Arguments.of(l, mnk[0], mnk[1],
                mnk[2])));
    }

    @ParameterizedTest(name = "{0} m={1} n={2} k={3}")
    @MethodSource("shapes")
    void matchesScalarAndDoubleReference(Layout layout, int m, int n, int k) {
        Random rnd = new Random(31L * m + 17L * n + k + layout.ordinal());
        float[] a = random(rnd, m * k, 1f);
        float[] b = random(rnd, n * k, 1f);
        float[] c0 = random(rnd, m * n, 2f);
        for (float alpha : new float[] {1f, -0.37f}) {
            for (boolean accumulate : new boolean[] {false, true}) {
                float[] cv = c0.clone();
                float[] cs = c0.clone();
                run(VECTOR, layout, m, n, k, alpha, a, b, cv, accumulate);
                run(SCALAR, layout, m, n, k, alpha, a, b, cs, accumulate);
                double[] ref = reference(layout, m, n, k, alpha, a, b, c0, accumulate);
                double tol = 1e-6 * (k * Math.abs(alpha) * maxAbs(a) * maxAbs(b) + (accumulate ? maxAbs(c0) : 0))
                        + 1e-30;
                for (int i = 0; i < m * n; i++) {
                    String where = layout + " alpha=" + alpha + " acc=" + accumulate + " at " + i / n + "," + i % n;
                    assertEquals(ref[i], cv[i], tol, "vector vs double, " + where);
                    assertEquals(cs[i], cv[i], 2 * tol, "vector vs scalar, " + where);
                }
            }
        }
    }

    /** Accumulating adds exactly alpha·op(A, B) to what C held: the difference to overwriting is C₀. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void accumulateAddsToExistingC(Layout layout) {
        int m = 9, n = 37, k = 41;
        Random rnd = new Random(7);
        float[] a = random(rnd, m * k, 1f);
        float[] b = random(rnd, n * k, 1f);
        float[] c0 = random(rnd, m * n, 1f);
        float[] over = new float[m * n];
        float[] acc = c0.clone();
        run(VECTOR, layout, m, n, k, 0.5f, a, b, over, false);
        run(VECTOR, layout, m, n, k, 0.5f, a, b, acc, true);
        for (int i = 0; i < m * n; i++) {
            assertEquals(c0[i] + over[i], acc[i], 1e-6, "element " + i);
        }
        // Twice accumulated with alpha and once with -alpha gives back one accumulation.
        float[] twice = c0.clone();
        run(VECTOR, layout, m, n, k, 0.5f, a, b, twice, true);
        run(VECTOR, layout, m, n, k, 0.5f, a, b, twice, true);
        run(VECTOR, layout, m, n, k, -0.5f, a, b, twice, true);
        assertArrayEquals(acc, twice, 1e-5f);
    }

    static Stream<Layout> layouts() {
        return Arrays.stream(Layout.values());
    }

    /** m = 0 or n = 0 touches nothing; k = 0 is an empty sum: C = 0 when overwriting, unchanged when accumulating. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void zeroSizes(Layout layout) {
        float[] sentinel = new float[12];
        Arrays.fill(sentinel, Float.NaN);
        float[] some = new float[12];
        Arrays.fill(some, 1f);
        for (boolean accumulate : new boolean[] {false, true}) {
            float[] c = sentinel.clone();
            run(VECTOR, layout, 0, 3, 4, 1f, some, some, c, accumulate);
            run(VECTOR, layout, 3, 0, 4, 1f, some, some, c, accumulate);
            run(VECTOR, layout, 0, 0, 0, 1f, new float[0], new float[0], c, accumulate);
            for (float v : c) {
                assertTrue(Float.isNaN(v), "m or n = 0 wrote to C");
            }
        }
        float[] c = some.clone();
        run(VECTOR, layout, 3, 4, 0, 2f, new float[0], new float[0], c, true);
        assertArrayEquals(some, c, 0f, "k = 0 accumulating changed C");
        run(VECTOR, layout, 3, 4, 0, 2f, new float[0], new float[0], c, false);
        float[] expected = new float[12];
        assertArrayEquals(expected, c, 0f, "k = 0 overwriting must give zeros, as ScalarGemm");
        float[] cs = some.clone();
        run(SCALAR, layout, 3, 4, 0, 2f, new float[0], new float[0], cs, false);
        assertArrayEquals(cs, c, 0f);
    }

    /**
     * Any split of C into row and column blocks gives the same bits as one call, as a worker team splitting over
     * output rows or columns will: every element is computed by the same operations whatever tile it lands in.
     */
    @ParameterizedTest(name = "{0} m={1} n={2} k={3}")
    @MethodSource("splitShapes")
    void blocksAreBitIdenticalToTheWhole(Layout layout, int m, int n, int k) {
        Random rnd = new Random(m * 1000L + n * 10L + k);
        float[] a = random(rnd, m * k, 1f);
        float[] b = random(rnd, n * k, 1f);
        float[] c0 = random(rnd, m * n, 1f);
        for (boolean accumulate : new boolean[] {false, true}) {
            float[] whole = c0.clone();
            run(VECTOR, layout, m, n, k, 0.7f, a, b, whole, accumulate);
            for (int split = 0; split < 6; split++) {
                int ri = 1 + rnd.nextInt(Math.max(1, m - 1));
                int cj = 1 + rnd.nextInt(Math.max(1, n - 1));
                float[] parts = c0.clone();
                int[][] blocks = {{0, ri, 0, cj}, {0, ri, cj, n}, {ri, m, 0, cj}, {ri, m, cj, n}};
                for (int[] blk : blocks) {
                    block(layout, blk[0], Math.min(blk[1], m), blk[2], Math.min(blk[3], n), m, n, k, 0.7f, a, b,
                            parts, accumulate);
                }
                for (int i = 0; i < m * n; i++) {
                    assertEquals(Float.floatToRawIntBits(whole[i]), Float.floatToRawIntBits(parts[i]),
                            "split at row " + ri + ", column " + cj + ": element " + i + " " + whole[i] + " vs "
                                    + parts[i]);
                }
            }
        }
    }

    static Stream<Arguments> splitShapes() {
        int[][] s = {{50, 256, 784}, {50, 10, 64}, {13, 37, 3 * LANES + 5}, {50, 784, 256}, {256, 78, 50},
            {9, 4 * LANES + 3, 11}, {2, 2, 2}, {Gemm.ABT_BROADCAST_MIN_ROWS + 3, 5 * LANES + 5, 2 * VectorGemm.BC_KC + 5},
            {Gemm.ABT_BROADCAST_MIN_ROWS - 1, 5 * LANES + 5, 7}, {Gemm.ABT_BROADCAST_MIN_ROWS, 4 * LANES - 1, 7}};
        return Arrays.stream(s).flatMap(mnk -> Arrays.stream(Layout.values()).map(l -> Arguments.of(l, mnk[0], mnk[1],
                mnk[2])));
    }

    @Test
    void rejectsShortArraysAndNegativeSizes() {
        float[] x = new float[10];
        assertThrows(IndexOutOfBoundsException.class, () -> VECTOR.abT(3, 4, 5, 1f, x, new float[20], new float[12],
                false));
        assertThrows(IndexOutOfBoundsException.class, () -> VECTOR.ab(2, 4, 5, 1f, x, new float[20], new float[7],
                false));
        assertThrows(IllegalArgumentException.class, () -> VECTOR.atB(-1, 4, 5, 1f, x, x, x, false));
    }

    @Test
    void facadeUsesTheVectorKernelWhenTheModuleIsPresent() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "the tests run with --add-modules jdk.incubator.vector (surefire argLine)");
        if (!"scalar".equals(System.getProperty("infergen.kernels"))) {
            assertEquals("VectorGemm", Gemm.implementation());
        }
    }

    /**
     * The broadcast form is, element by element, the chain {@code s = fma(A(i, p), B(p, j), s)} over p in order and then
     * {@code alpha·s}, bit for bit, also when the reduction runs in blocks of {@link VectorGemm#BC_KC} with the raw sums
     * kept in C in between (k just below, at and above one block, and several blocks), on the packed panels of B (and
     * atB's packed strips of A), with fewer rows than one strip and with a row tail after the packed strips; abT
     * is that chain too from {@link Gemm#ABT_BROADCAST_MIN_ROWS} rows on (with a narrow last panel, here 21 columns).
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(Layout.class)
    void broadcastFormIsTheInOrderFmaChain(Layout layout) {
        int bk = VectorGemm.BC_KC;
        int n = 4 * 16 + 16 + 5;
        int[] ms = layout == Layout.ABT ? new int[] {Gemm.ABT_BROADCAST_MIN_ROWS, Gemm.ABT_BROADCAST_MIN_ROWS + 3}
                : new int[] {3, 7, 18};
        for (int k : new int[] {1, bk - 1, bk, bk + 1, 3 * bk + 7}) {
            for (int m : ms) {
                Random rnd = new Random(k);
                float[] a = random(rnd, m * k, 1f), b = random(rnd, k * n, 1f), c = random(rnd, m * n, 1f);
                run(VECTOR, layout, m, n, k, 0.3f, a, b, c, false);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        float sum = 0f;
                        for (int p = 0; p < k; p++) {
                            sum = Math.fma(layout == Layout.ATB ? a[p * m + i] : a[i * k + p],
                                    layout == Layout.ABT ? b[j * k + p] : b[p * n + j], sum);
                        }
                        assertEquals(Float.floatToRawIntBits(0.3f * sum), Float.floatToRawIntBits(c[i * n + j]),
                                layout + " m = " + m + ", k = " + k + " at (" + i + ", " + j + ")");
                    }
                }
            }
        }
    }

    // -------------------------------------------------------------------------------------------------------------

    static void run(GemmKernel g, Layout layout, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
            boolean accumulate) {
        switch (layout) {
            case ABT -> g.abT(m, n, k, alpha, a, b, c, accumulate);
            case AB -> g.ab(m, n, k, alpha, a, b, c, accumulate);
            case ATB -> g.atB(m, n, k, alpha, a, b, c, accumulate);
        }
    }

    private static void block(Layout layout, int i0, int i1, int j0, int j1, int m, int n, int k, float alpha,
            float[] a, float[] b, float[] c, boolean accumulate) {
        switch (layout) {
            case ABT -> VectorGemm.abTBlock(i0, i1, j0, j1, m, n, k, alpha, a, b, c, accumulate);
            case AB -> VectorGemm.broadcastBlock(i0, i1, j0, j1, n, k, alpha, a, k, 1, b, c, accumulate);
            case ATB -> VectorGemm.broadcastBlock(i0, i1, j0, j1, n, k, alpha, a, 1, m, b, c, accumulate);
        }
    }

    /** The product in double, with A and B indexed as each layout defines them. */
    static double[] reference(Layout layout, int m, int n, int k, float alpha, float[] a, float[] b, float[] c0,
            boolean accumulate) {
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double av = layout == Layout.ATB ? a[p * m + i] : a[i * k + p];
                    double bv = layout == Layout.ABT ? b[j * k + p] : b[p * n + j];
                    s += av * bv;
                }
                out[i * n + j] = (accumulate ? c0[i * n + j] : 0.0) + alpha * s;
            }
        }
        return out;
    }

    static float[] random(Random rnd, int len, float scale) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (2 * rnd.nextFloat() - 1) * scale;
        }
        return x;
    }

    private static double maxAbs(float[] x) {
        double mx = 0;
        for (float v : x) {
            mx = Math.max(mx, Math.abs(v));
        }
        return mx;
    }
}
