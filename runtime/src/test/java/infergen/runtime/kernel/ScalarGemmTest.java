package infergen.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.runtime.kernel.VectorGemmTest.Layout;
import infergen.runtime.parallel.Parallel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ScalarGemm} is the bitwise reference of {@link VectorGemm} at every shape: {@code ab} and {@code atB},
 * {@code abT} in the broadcast form ({@link Gemm#abTBroadcast}) and in the dot form with its fixed 8 lanes (k below,
 * at and above 8, and around the machine's own lane count, which the kernels no longer depend on). Every layout,
 * overwriting and accumulating, two alphas, odd sizes, the reduction blocks of {@link VectorGemm#BC_KC}, and data
 * with signed zeros, subnormals, infinities and NaN; then the products through {@link Gemm} with 1, 2 and 3 threads,
 * and ScalarGemm's own column and row parts against its whole product.
 */
class ScalarGemmTest {

    private static final GemmKernel SCALAR = new ScalarGemm();
    private static final GemmKernel VECTOR = new VectorGemm();
    private static final int LANES = VectorGemm.SPECIES.length();
    private static final int ORIGINAL = Parallel.threads();

    @AfterAll
    static void restore() {
        Parallel.setThreads(ORIGINAL);
    }

    static Stream<Arguments> shapes() {
        List<Arguments> s = new ArrayList<>();
        int bk = VectorGemm.BC_KC;
        int[] odd = {1, 3, 13, 4 * LANES + 5, 207};
        int[] ks = java.util.stream.IntStream.of(1, 7, 8, 9, LANES - 1, 13, 16, 23, bk, bk + 1, 2 * bk + 7).distinct()
                .toArray();
        for (Layout layout : Layout.values()) {
            for (int m : odd) {
                for (int n : odd) {
                    for (int k : ks) {
                        if ((long) m * n * k <= 2_000_000) {
                            s.add(Arguments.of(layout, m, n, k));
                        }
                    }
                }
            }
        }
        // abT in the broadcast form: at the thresholds, with narrow last panels, and the MLP's forward products
        int rows = Gemm.ABT_BROADCAST_MIN_ROWS, cols = Gemm.ABT_BROADCAST_MIN_COLUMNS;
        for (int[] mnk : new int[][] {{rows, cols, 13}, {rows + 3, cols + 5, bk + 1}, {rows + 1, 4 * LANES + 21, 2 * bk + 7},
            {50, 256, 784}, {50, 128, 256}, {256, 64, 128}, {207, 207, 13}}) {
            s.add(Arguments.of(Layout.ABT, mnk[0], mnk[1], mnk[2]));
        }
        for (Layout layout : new Layout[] {Layout.AB, Layout.ATB}) {
            for (int[] mnk : new int[][] {{50, 784, 256}, {256, 784, 50}, {50, 10, 64}, {10, 64, 50}}) {
                s.add(Arguments.of(layout, mnk[0], mnk[1], mnk[2]));
            }
        }
        return s.stream();
    }

    @ParameterizedTest(name = "{0} m={1} n={2} k={3}")
    @MethodSource("shapes")
    void bitwiseTheVectorKernel(Layout layout, int m, int n, int k) {
        Random rnd = new Random(31L * m + 17L * n + k + layout.ordinal());
        float[] a = data(rnd, m * k, false), b = data(rnd, n * k, false), c0 = data(rnd, m * n, false);
        for (float alpha : new float[] {1f, -0.37f}) {
            for (boolean accumulate : new boolean[] {false, true}) {
                float[] cs = c0.clone(), cv = c0.clone();
                VectorGemmTest.run(SCALAR, layout, m, n, k, alpha, a, b, cs, accumulate);
                VectorGemmTest.run(VECTOR, layout, m, n, k, alpha, a, b, cv, accumulate);
                ScalarTwinsTest.assertBits(cs, cv, layout + " " + m + "×" + n + "×" + k + ", alpha " + alpha
                        + ", accumulate " + accumulate);
            }
        }
    }

    /** Non-finite operands: a NaN or an infinity reaches the same elements of C, with the same bits. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(Layout.class)
    void specialValuesGiveTheSameBits(Layout layout) {
        for (int[] mnk : new int[][] {{13, 4 * LANES + 5, LANES - 1}, {Gemm.ABT_BROADCAST_MIN_ROWS + 1, 4 * LANES + 5,
            VectorGemm.BC_KC + 3}}) {
            int m = mnk[0], n = mnk[1], k = mnk[2];
            Random rnd = new Random(m + n + k);
            float[] a = data(rnd, m * k, true), b = data(rnd, n * k, true), c0 = data(rnd, m * n, true);
            for (boolean accumulate : new boolean[] {false, true}) {
                float[] cs = c0.clone(), cv = c0.clone();
                VectorGemmTest.run(SCALAR, layout, m, n, k, 0.5f, a, b, cs, accumulate);
                VectorGemmTest.run(VECTOR, layout, m, n, k, 0.5f, a, b, cv, accumulate);
                ScalarTwinsTest.assertBits(cs, cv, layout + " " + m + "×" + n + "×" + k + ", accumulate " + accumulate);
            }
        }
    }

    /** The facade (the vector kernel, split over a worker team) against the scalar twin's single call. */
    @Test
    void bitwiseTheFacadeWithOneTwoAndThreeThreads() {
        int[][] shapes = {{50, 256, 784}, {50, 784, 256}, {256, 784, 50}, {37, 130, 67}, {64, 70, 250}};
        for (int[] mnk : shapes) {
            int m = mnk[0], n = mnk[1], k = mnk[2];
            Random rnd = new Random(m * 7L + n);
            float[] a = data(rnd, m * k, false), b = data(rnd, n * k, false), c0 = data(rnd, m * n, false);
            for (Layout layout : Layout.values()) {
                for (boolean accumulate : new boolean[] {false, true}) {
                    float[] want = c0.clone();
                    VectorGemmTest.run(SCALAR, layout, m, n, k, 0.02f, a, b, want, accumulate);
                    for (int threads = 1; threads <= 3; threads++) {
                        Parallel.setThreads(threads);
                        float[] got = c0.clone();
                        switch (layout) {
                            case ABT -> Gemm.abT(m, n, k, 0.02f, a, b, got, accumulate);
                            case AB -> Gemm.ab(m, n, k, 0.02f, a, b, got, accumulate);
                            case ATB -> Gemm.atB(m, n, k, 0.02f, a, b, got, accumulate);
                        }
                        ScalarTwinsTest.assertBits(want, got, layout + " " + m + "×" + n + "×" + k + ", " + threads
                                + " threads, accumulate " + accumulate);
                    }
                }
            }
        }
        Parallel.setThreads(ORIGINAL);
    }

    /** ScalarGemm's column ranges (and atB's row ranges) give the bits of its whole product. */
    @Test
    void partsEqualTheWhole() {
        int m = 37, n = 70, k = 19;
        Random rnd = new Random(4);
        float[] a = data(rnd, m * k, false), b = data(rnd, n * k, false), c0 = data(rnd, m * n, false);
        int[] cuts = {0, 1, 5, 20, 36, 37};
        int[] colCuts = {0, 3, 4, 33, 69, 70};
        for (boolean accumulate : new boolean[] {false, true}) {
            for (Layout layout : Layout.values()) {
                float[] whole = c0.clone(), parts = c0.clone();
                VectorGemmTest.run(SCALAR, layout, m, n, k, -0.7f, a, b, whole, accumulate);
                for (int p = 0; p + 1 < colCuts.length; p++) {
                    int j0 = colCuts[p], j1 = colCuts[p + 1];
                    switch (layout) {
                        case ABT -> SCALAR.abTColumns(j0, j1, m, n, k, -0.7f, a, b, parts, accumulate);
                        case AB -> SCALAR.abColumns(j0, j1, m, n, k, -0.7f, a, b, parts, accumulate);
                        case ATB -> SCALAR.atBColumns(j0, j1, m, n, k, -0.7f, a, b, parts, accumulate);
                    }
                }
                ScalarTwinsTest.assertBits(whole, parts, layout + " columns, accumulate " + accumulate);
            }
            float[] whole = c0.clone(), rows = c0.clone();
            SCALAR.atB(m, n, k, -0.7f, a, b, whole, accumulate);
            for (int p = 0; p + 1 < cuts.length; p++) {
                SCALAR.atBRows(cuts[p], cuts[p + 1], m, n, k, -0.7f, a, b, rows, accumulate);
            }
            ScalarTwinsTest.assertBits(whole, rows, "atB rows, accumulate " + accumulate);
        }
    }

    /** The shapes above do include abT products in the dot form, with k below one vector. */
    @Test
    void dotFormShapesAreCovered() {
        assertTrue(shapes().anyMatch(a -> a.get()[0] == Layout.ABT && !Gemm.abTBroadcast((int) a.get()[1],
                (int) a.get()[2])));
    }

    /**
     * Values in [-1, 1) with signed zeros and subnormals among them (every seventh and eleventh), and with
     * {@code nonFinite} a few NaNs and infinities as well.
     */
    private static float[] data(Random rnd, int len, boolean nonFinite) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = i % 7 == 3 ? (i % 2 == 0 ? -0f : 0f) : i % 11 == 5 ? (rnd.nextBoolean() ? 3e-39f : -Float.MIN_VALUE)
                    : 2 * rnd.nextFloat() - 1;
        }
        if (nonFinite && len > 40) {
            x[len / 3] = Float.NaN;
            x[len / 2] = Float.POSITIVE_INFINITY;
            x[2 * len / 3] = Float.NEGATIVE_INFINITY;
        }
        return x;
    }
}
