package infergen.samples.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.runtime.RegressionNet;
import infergen.runtime.TrainableNet;
import infergen.samples.numerics.Num.Batch;
import infergen.samples.specs.AdamTanhCeNet;
import infergen.samples.specs.BpReluCeNet;
import infergen.samples.specs.BpReluMseNet;
import infergen.samples.specs.FenReluCe05Net;
import infergen.samples.specs.ConvInitGainNet;
import infergen.samples.specs.ConvInitNet;
import infergen.samples.specs.MixedInitGainNet;
import infergen.samples.specs.MixedInitNet;
import infergen.samples.specs.SgdMomentumFenMseNet;
import infergen.samples.specs.SgdReluCeNet;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Tasks 8–10: determinism and init ranges, bad inputs leave every state untouched, optimizer updates. */
class ContractTest {

    static float[][] params(TrainableNet net) {
        float[][] p = new float[2 * net.layerCount()][];
        for (int l = 0; l < net.layerCount(); l++) {
            p[2 * l] = net.weights(l).clone();
            p[2 * l + 1] = net.bias(l).clone();
        }
        return p;
    }

    static void assertSameParams(TrainableNet a, TrainableNet b, String what) {
        float[][] pa = params(a);
        float[][] pb = params(b);
        for (int i = 0; i < pa.length; i++) {
            assertArrayEquals(pa[i], pb[i], what + ", array " + i);
        }
    }

    // ------------------------------------------------------------------------------------------------ task 8

    static Stream<Arguments> factories() {
        return Stream.of(
                Arguments.of("Adam BP CE", (LongFunction<TrainableNet>) BpReluCeNet::new, true),
                Arguments.of("Adam BP MSE", (LongFunction<TrainableNet>) BpReluMseNet::new, false),
                Arguments.of("Adam Fenchel CE", (LongFunction<TrainableNet>) FenReluCe05Net::new, true),
                Arguments.of("SGD CE", (LongFunction<TrainableNet>) SgdReluCeNet::new, true),
                Arguments.of("SGD momentum Fenchel MSE", (LongFunction<TrainableNet>) SgdMomentumFenMseNet::new,
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void sameSeedSameBitsDifferentSeedDifferentWeights(String name, LongFunction<TrainableNet> make, boolean ce) {
        TrainableNet a = make.apply(42);
        TrainableNet b = make.apply(42);
        TrainableNet c = make.apply(43);
        assertSameParams(a, b, "construction");
        for (int l = 0; l < a.layerCount(); l++) {
            assertFalse(Arrays.equals(a.weights(l), c.weights(l)), "seed 43 differs from 42, layer " + l);
        }
        SplittableRandom rnd = new SplittableRandom(5);
        boolean moved = false;
        float[][] before = params(a);
        for (int step = 0; step < 5; step++) {
            Batch batch = Batch.random(rnd, 8, 12, 4, ce);
            assertEquals(Float.floatToIntBits(batch.train(a)), Float.floatToIntBits(batch.train(b)), "loss");
        }
        assertSameParams(a, b, "after 5 steps");
        float[][] after = params(a);
        for (int i = 0; i < after.length; i++) {
            moved |= !Arrays.equals(before[i], after[i]);
        }
        assertTrue(moved, "training changed the parameters");
    }

    @Test
    void initRangesAndZeroBiases() {
        for (long seed = 0; seed < 5; seed++) {
            MixedInitNet net = new MixedInitNet(seed);
            int[] dims = {12, 10, 8, 4};
            for (int l = 0; l < 3; l++) {
                double r = l == 1 ? Math.sqrt(6.0 / dims[l]) : Math.sqrt(6.0 / (dims[l] + dims[l + 1]));
                float[] w = net.weights(l);
                double maxAbs = 0;
                for (float v : w) {
                    assertTrue(Math.abs(v) <= (float) r, "layer " + l + ": |w| = " + v + " > " + r);
                    maxAbs = Math.max(maxAbs, Math.abs(v));
                    if (l == 0) {
                        assertTrue(v <= 0f, "NEGATIVE_GLOROT_UNIFORM gives w ≤ 0, got " + v);
                    }
                }
                assertTrue(maxAbs > 0.5 * r, "the range is used, layer " + l);
                for (float v : net.bias(l)) {
                    assertEquals(0f, v, "biases start at zero");
                }
            }
            // Glorot layers are symmetric: some negative and some positive weights
            float[] w2 = net.weights(2);
            assertTrue(min(w2) < 0 && max(w2) > 0);
        }
    }

    /** {@code initGain = g} gives exactly {@code g ×} the draw of the same seed without it, layer by layer. */
    @Test
    void initGainScalesTheDraw() {
        for (long seed = 0; seed < 3; seed++) {
            assertScaled(new MixedInitNet(seed), new MixedInitGainNet(seed), new float[] {0.5f, 3f, 0.3f});
            assertScaled(new ConvInitNet(seed), new ConvInitGainNet(seed), new float[] {0.3f, 1f});
        }
    }

    private static void assertScaled(TrainableNet plain, TrainableNet gained, float[] gains) {
        for (int l = 0; l < gains.length; l++) {
            float[] w = plain.weights(l), g = gained.weights(l);
            assertEquals(w.length, g.length);
            for (int i = 0; i < w.length; i++) {
                assertEquals(Float.floatToIntBits(gains[l] * w[i]), Float.floatToIntBits(g[i]),
                        "layer " + l + " weight " + i);
            }
            assertTrue(max(w) > 0 || min(w) < 0, "layer " + l + " is not all zero");
        }
    }

    static float min(float[] a) {
        float m = Float.POSITIVE_INFINITY;
        for (float v : a) {
            m = Math.min(m, v);
        }
        return m;
    }

    static float max(float[] a) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    // ------------------------------------------------------------------------------------------------ task 9

    /** A bad call, the exact message it must give. */
    record Bad(String name, String message, Consumer<TrainableNet> call) {
        @Override
        public String toString() {
            return name;
        }
    }


    static float[] x(int n) {
        float[] x = new float[n * 12];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i + 1);
        }
        return x;
    }

    static float[] with(float[] a, int i, float v) {
        float[] b = a.clone();
        b[i] = v;
        return b;
    }

    static Stream<Bad> badCalls() {
        String nonFinite = "%s[%d] = %s is not finite";
        return Stream.of(
                new Bad("x too short", "x has length 11, expected 1 × 12 = 12",
                        net -> net.trainStep(new float[11], new int[] {0}, 1)),
                new Bad("x too long", "x has length 48, expected 3 × 12 = 36",
                        net -> net.computeGradients(x(4), new int[] {0, 1, 2}, 3)),
                new Bad("x null", "x is null", net -> net.trainStep(null, new int[] {0}, 1)),
                new Bad("n = 0", "batch size n = 0 is outside 1..8 (the spec's maxBatch)",
                        net -> net.trainStep(new float[0], new int[0], 0)),
                new Bad("n > maxBatch", "batch size n = 9 is outside 1..8 (the spec's maxBatch)",
                        net -> net.trainStep(x(9), new int[9], 9)),
                new Bad("label -1", "labels[1] = -1 is outside 0..3",
                        net -> net.trainStep(x(2), new int[] {0, -1}, 2)),
                new Bad("label = outputs", "labels[0] = 4 is outside 0..3",
                        net -> net.computeGradients(x(2), new int[] {4, 0}, 2)),
                new Bad("labels wrong length", "labels has length 3, expected n = 2",
                        net -> net.trainStep(x(2), new int[] {0, 1, 2}, 2)),
                new Bad("labels null", "labels is null", net -> net.trainStep(x(2), (int[]) null, 2)),
                new Bad("NaN in x", String.format(nonFinite, "x", 13, "NaN"),
                        net -> net.trainStep(with(x(2), 13, Float.NaN), new int[] {0, 1}, 2)),
                new Bad("+Inf in x", String.format(nonFinite, "x", 0, "Infinity"),
                        net -> net.trainStep(with(x(2), 0, Float.POSITIVE_INFINITY), new int[] {0, 1}, 2)),
                new Bad("-Inf in x", String.format(nonFinite, "x", 23, "-Infinity"),
                        net -> net.trainStep(with(x(2), 23, Float.NEGATIVE_INFINITY), new int[] {0, 1}, 2)),
                new Bad("predict out wrong length", "out has length 7, expected 2 × 4 = 8",
                        net -> net.predict(x(2), 2, new float[7])),
                new Bad("predict n > maxBatch", "batch size n = 9 is outside 1..8 (the spec's maxBatch)",
                        net -> net.predict(x(9), 9, new float[36])),
                new Bad("weights(-1)", "layer -1 is outside 0..2", net -> net.weights(-1)),
                new Bad("bias(3)", "layer 3 is outside 0..2", net -> net.bias(3)),
                new Bad("weightGradient(3)", "layer 3 is outside 0..2", net -> net.weightGradient(3)),
                new Bad("biasGradient(-1)", "layer -1 is outside 0..2", net -> net.biasGradient(-1)));
    }

    static Stream<Bad> badRegressionCalls() {
        return Stream.of(
                new Bad("targets wrong length", "targets has length 7, expected 2 × 4 = 8",
                        net -> ((RegressionNet) net).trainStep(x(2), new float[7], 2)),
                new Bad("targets null", "targets is null",
                        net -> ((RegressionNet) net).computeGradients(x(2), (float[]) null, 2)),
                new Bad("NaN target", "targets[5] = NaN is not finite",
                        net -> ((RegressionNet) net).trainStep(x(2), with(new float[8], 5, Float.NaN), 2)),
                new Bad("Inf target", "targets[0] = Infinity is not finite",
                        net -> ((RegressionNet) net).trainStep(x(2), with(new float[8], 0, Float.POSITIVE_INFINITY),
                                2)));
    }

    /**
     * The net that saw the bad call and a twin that never did: one good step before (so Adam's moments are not
     * zero), the bad call on one of them, one good step after; the two must stay bitwise equal.
     */
    static void assertBadCallLeavesNoTrace(LongFunction<TrainableNet> make, boolean ce, Bad bad) {
        TrainableNet net = make.apply(7);
        TrainableNet twin = make.apply(7);
        SplittableRandom rnd = new SplittableRandom(3);
        Batch first = Batch.random(rnd, 8, 12, 4, ce);
        Batch second = Batch.random(rnd, 5, 12, 4, ce);
        first.train(net);
        first.train(twin);
        float[][] before = params(net);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bad.call().accept(net));
        assertTrue(e.getMessage().matches(bad.message()) || e.getMessage().equals(bad.message()),
                "message: " + e.getMessage());
        float[][] right = params(net);
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i], right[i], "parameters untouched by the failed call");
        }
        second.train(net);
        second.train(twin);
        first.train(net);
        first.train(twin);
        assertSameParams(net, twin, "after the bad call, parameters and optimizer state as in the twin");
    }

    @ParameterizedTest(name = "CE net: {0}")
    @MethodSource("badCalls")
    void badInputOnClassifier(Bad bad) {
        assertBadCallLeavesNoTrace(BpReluCeNet::new, true, bad);
    }

    @ParameterizedTest(name = "MSE net: {0}")
    @MethodSource({"badCalls", "badRegressionCalls"})
    void badInputOnRegressionNet(Bad bad) {
        assertBadCallLeavesNoTrace(BpReluMseNet::new, false, bad);
    }

    static final String NON_FINITE_LOSS = "the batch loss is (NaN|Infinity|-Infinity); the parameters were left "
            + "unchanged \\(lower the learning rate or check the inputs\\)";

    @ParameterizedTest(name = "{0}")
    @CsvSource({"CE, inputs", "MSE, inputs", "CE, weights", "MSE, weights"})
    void nonFiniteLossThrowsAndLeavesNoTrace(String loss, String how) {
        boolean ce = loss.equals("CE");
        LongFunction<TrainableNet> make = ce ? BpReluCeNet::new : BpReluMseNet::new;
        assertBadCallLeavesNoTrace(make, ce, new Bad("non-finite loss", NON_FINITE_LOSS, net -> {
            float[] x = new float[2 * 12];
            if (how.equals("inputs")) {
                Arrays.fill(x, 3e38f); // finite inputs whose pre-activations overflow
            } else {
                Arrays.fill(x, 1f);
            }
            float[][] saved = params(net);
            if (how.equals("weights")) {
                for (int l = 0; l < net.layerCount(); l++) {
                    Arrays.fill(net.weights(l), 1e20f);
                }
            }
            try {
                if (ce) {
                    net.trainStep(x, new int[] {0, 1}, 2);
                } else {
                    ((RegressionNet) net).trainStep(x, new float[8], 2);
                }
            } finally {
                for (int l = 0; l < net.layerCount(); l++) {
                    System.arraycopy(saved[2 * l], 0, net.weights(l), 0, saved[2 * l].length);
                }
            }
        }));
    }

    // ------------------------------------------------------------------------------------------------ task 10

    @Test
    void adamUpdateMatchesAnIndependentDoubleAdam() {
        // spec: lr 0.05, β₁ 0.8, β₂ 0.99, ε 1e-6
        double lr = 0.05f;
        double b1 = 0.8f;
        double b2 = 0.99f;
        double eps = 1e-6f;
        AdamTanhCeNet net = new AdamTanhCeNet(9);
        int params = 2 * net.layerCount();
        double[][] m = new double[params][];
        double[][] v = new double[params][];
        SplittableRandom rnd = new SplittableRandom(9);
        for (int t = 1; t <= 3; t++) {
            float[][] before = params(net);
            Batch.random(rnd, 6, 12, 4, true).train(net);
            float[][] after = params(net);
            for (int i = 0; i < params; i++) {
                float[] g = i % 2 == 0 ? net.weightGradient(i / 2) : net.biasGradient(i / 2);
                if (m[i] == null) {
                    m[i] = new double[g.length];
                    v[i] = new double[g.length];
                }
                double[] want = new double[g.length];
                double[] got = new double[g.length];
                for (int k = 0; k < g.length; k++) {
                    m[i][k] = b1 * m[i][k] + (1 - b1) * g[k];
                    v[i][k] = b2 * v[i][k] + (1 - b2) * (double) g[k] * g[k];
                    double mh = m[i][k] / (1 - Math.pow(b1, t));
                    double vh = v[i][k] / (1 - Math.pow(b2, t));
                    want[k] = -lr * mh / (Math.sqrt(vh) + eps);
                    got[k] = (double) after[i][k] - before[i][k];
                }
                double r = Num.relerr(got, want);
                System.out.printf("[figures] task10 Adam step %d array %d: relerr %.2e%n", t, i, r);
                assertTrue(r <= 1e-5, "Adam step " + t + ", array " + i + ": relerr " + r);
            }
        }
    }

    @Test
    void sgdMomentumUpdateMatchesAnIndependentDoubleSgd() {
        double lr = 0.5f;
        double mu = 0.9f;
        SgdMomentumFenMseNet net = new SgdMomentumFenMseNet(9);
        int params = 2 * net.layerCount();
        double[][] vel = new double[params][];
        SplittableRandom rnd = new SplittableRandom(10);
        for (int t = 1; t <= 3; t++) {
            float[][] before = params(net);
            Batch.random(rnd, 6, 12, 4, false).train(net);
            float[][] after = params(net);
            for (int i = 0; i < params; i++) {
                float[] g = i % 2 == 0 ? net.weightGradient(i / 2) : net.biasGradient(i / 2);
                if (vel[i] == null) {
                    vel[i] = new double[g.length];
                }
                double[] want = new double[g.length];
                double[] got = new double[g.length];
                for (int k = 0; k < g.length; k++) {
                    vel[i][k] = mu * vel[i][k] + g[k];
                    want[k] = -lr * vel[i][k];
                    got[k] = (double) after[i][k] - before[i][k];
                }
                double r = Num.relerr(got, want);
                System.out.printf("[figures] task10 SGD momentum step %d array %d: relerr %.2e%n", t, i, r);
                assertTrue(r <= 1e-5, "SGD step " + t + ", array " + i + ": relerr " + r);
            }
        }
    }

    @Test
    void plainSgdUpdateIsMinusLrTimesGradient() {
        double lr = 0.5f;
        SgdReluCeNet net = new SgdReluCeNet(9);
        SplittableRandom rnd = new SplittableRandom(11);
        for (int t = 1; t <= 3; t++) {
            float[][] before = params(net);
            Batch.random(rnd, 6, 12, 4, true).train(net);
            float[][] after = params(net);
            for (int i = 0; i < before.length; i++) {
                float[] g = i % 2 == 0 ? net.weightGradient(i / 2) : net.biasGradient(i / 2);
                double[] want = new double[g.length];
                double[] got = new double[g.length];
                for (int k = 0; k < g.length; k++) {
                    want[k] = -lr * g[k];
                    got[k] = (double) after[i][k] - before[i][k];
                }
                double r = Num.relerr(got, want);
                assertTrue(r <= 1e-5, "SGD step " + t + ", array " + i + ": relerr " + r);
            }
        }
    }
}
