package infergen.samples.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.annotations.Activation;
import infergen.runtime.TrainableNet;
import infergen.samples.numerics.Num.Batch;
import infergen.samples.numerics.ReferenceMlp.Grads;
import infergen.samples.numerics.ReferenceMlp.LossKind;
import infergen.samples.numerics.ReferenceMlp.Rule;
import infergen.samples.specs.BpReluMseNet;
import infergen.samples.specs.FenOutReluCe05Net;
import infergen.samples.specs.FenOutReluCe3Net;
import infergen.samples.specs.FenOutReluCe6Net;
import infergen.samples.specs.FenOutTanhCe3Net;
import infergen.samples.specs.FenReluMse01Net;
import infergen.samples.specs.FenReluMse4Net;
import infergen.samples.specs.FenSigmoidMse6Net;
import infergen.samples.specs.FenSigmoidOutMse05Net;
import infergen.samples.specs.FenTanhCe01Net;
import infergen.samples.specs.FenTanhMse6Net;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tasks 2–7: the generated BP and Fenchel BP gradients against the float64 {@link ReferenceMlp}, loaded with the
 * generated net's own parameters. Every figure is printed with a {@code [figures]} prefix.
 */
class GeneratedGradientsTest {

    static final int N = 8;

    static ReferenceMlp ref(TrainableNet net, Activation[] acts, boolean ce) {
        return ReferenceMlp.of(net, acts, ce ? LossKind.CE : LossKind.MSE);
    }

    static void sameInit(TrainableNet a, TrainableNet b) {
        for (int l = 0; l < a.layerCount(); l++) {
            assertArrayEquals(a.weights(l), b.weights(l), "same seed, same spec shape: same init, layer " + l);
        }
    }

    /** Random biases so that the tests do not only see the zero-bias init. */
    static void randomBiases(SplittableRandom rnd, TrainableNet... nets) {
        for (int l = 0; l < nets[0].layerCount(); l++) {
            float[] b = nets[0].bias(l);
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) (0.2 * (2 * rnd.nextDouble() - 1));
            }
            for (int k = 1; k < nets.length; k++) {
                System.arraycopy(b, 0, nets[k].bias(l), 0, b.length);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ task 2

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @CsvSource({
        "RELU, false, 1", "RELU, true, 2", "HARD_TANH, false, 3", "HARD_TANH, true, 4",
        "HARD_SIGMOID, false, 5", "HARD_SIGMOID, true, 6", "SIGMOID, false, 7", "SIGMOID, true, 8",
        "TANH, false, 9", "TANH, true, 10"})
    void bpMatchesReference(Activation act, boolean ce, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        TrainableNet net = Nets.bp(act, ce, seed);
        randomBiases(rnd, net);
        Batch batch = Batch.random(rnd, N, 12, 4, ce);
        ReferenceMlp ref = ref(net, Num.hidden2(act), ce);
        float loss = batch.gradients(net);
        assertEquals(ref.loss(batch.xd(), batch.yd()), loss, 1e-5 * Math.max(1, Math.abs(loss)), "mean loss");
        double[] r = Compare.relerr(net, ref.bp(batch.xd(), batch.yd()));
        System.out.printf("[figures] task2 BP %s %s: relerr W %.2e b %.2e%n", act, ce ? "CE" : "MSE", r[0], r[1]);
        assertTrue(r[0] <= 1e-4 && r[1] <= 1e-4, "relerr " + r[0] + " / " + r[1]);
    }

    @ParameterizedTest(name = "squashed output, {0}")
    @CsvSource({"BP", "FENCHEL"})
    void sigmoidOutputUnderMseMatchesReference(Rule rule) {
        SplittableRandom rnd = new SplittableRandom(21);
        Activation[] acts = {Activation.TANH, Activation.RELU, Activation.SIGMOID};
        TrainableNet net = rule == Rule.BP ? new infergen.samples.specs.BpSigmoidOutMseNet(21)
                : new FenSigmoidOutMse05Net(21);
        randomBiases(rnd, net);
        Batch batch = Batch.random(rnd, N, 12, 4, false);
        batch.gradients(net);
        ReferenceMlp ref = ref(net, acts, false);
        double r = Compare.maxRelerr(net, ref.sweep(batch.xd(), batch.yd(), rule, 0.5, false));
        System.out.printf("[figures] task2/4 sigmoid-output MSE %s: relerr %.2e%n", rule, r);
        assertTrue(r <= 1e-4, "relerr " + r);
    }

    // ------------------------------------------------------------------------------------------------ task 3

    /**
     * Whether a sample is clearly off every kink for Fenchel BP at β: |a − kink| > 3β|g| + 1e-5 at every hidden
     * unit (g from the reference's Fenchel sweep). Such units must give exactly BP's error.
     */
    static boolean offKinks(ReferenceMlp ref, double[] x, double[] y, double beta, Activation act) {
        double[][] g = ref.activityErrors(x, y, Rule.FENCHEL, beta);
        ReferenceMlp.State st = ref.forward(x);
        double[] kinks = switch (act) {
            case RELU -> new double[] {0};
            case HARD_TANH -> new double[] {-1, 1};
            case HARD_SIGMOID -> new double[] {0, 1};
            default -> new double[0];
        };
        for (int k = 1; k < ref.layers(); k++) {
            for (int i = 0; i < st.a[k].length; i++) {
                for (double kink : kinks) {
                    if (Math.abs(st.a[k][i] - kink) <= 3 * beta * Math.abs(g[k][i]) + 1e-5) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** A batch of samples drawn until each is off the kinks (rejection sampling). */
    static Batch offKinkBatch(SplittableRandom rnd, ReferenceMlp ref, boolean ce, double beta, Activation act) {
        float[] x = new float[N * 12];
        int[] labels = ce ? new int[N] : null;
        float[] t = ce ? null : new float[N * 4];
        for (int r = 0; r < N; r++) {
            for (int tries = 0; ; tries++) {
                assertTrue(tries < 1000, "could not draw an off-kink sample");
                Batch one = Batch.random(rnd, 1, 12, 4, ce);
                if (offKinks(ref, one.xd()[0], one.yd()[0], beta, act)) {
                    System.arraycopy(one.x(), 0, x, r * 12, 12);
                    if (ce) {
                        labels[r] = one.labels()[0];
                    } else {
                        System.arraycopy(one.targets(), 0, t, r * 4, 4);
                    }
                    break;
                }
            }
        }
        return Batch.of(x, labels, t, N, 12, 4);
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @CsvSource({
        "RELU, false, 1", "RELU, true, 2", "RELU, false, 3", "RELU, true, 4",
        "HARD_TANH, false, 5", "HARD_TANH, true, 6", "HARD_SIGMOID, false, 7", "HARD_SIGMOID, true, 8"})
    void fenchelAtSmallBetaIsBitwiseBpOffTheKinks(Activation act, boolean ce, long seed) {
        double beta = 1e-4;
        SplittableRandom rnd = new SplittableRandom(seed);
        TrainableNet bp = Nets.bp(act, ce, seed);
        TrainableNet fen = Nets.fenchel(act, ce, beta, seed);
        sameInit(bp, fen);
        randomBiases(rnd, bp, fen);
        ReferenceMlp ref = ref(bp, Num.hidden2(act), ce);
        Batch batch = offKinkBatch(rnd, ref, ce, beta, act);
        batch.gradients(bp);
        batch.gradients(fen);
        for (int l = 0; l < bp.layerCount(); l++) {
            assertArrayEquals(bp.weightGradient(l), fen.weightGradient(l), "bitwise ∇W, layer " + l);
            assertArrayEquals(bp.biasGradient(l), fen.biasGradient(l), "bitwise ∇b, layer " + l);
        }
        double cos = Compare.minCos(fen, ref.bp(batch.xd(), batch.yd()));
        System.out.printf("[figures] task3 Fenchel β=1e-4 %s %s: bitwise = BP, min cos vs ref BP %.7f%n", act,
                ce ? "CE" : "MSE", cos);
        assertTrue(cos >= 0.999, "cos " + cos);
    }

    @ParameterizedTest(name = "ReLU crossing, seed {0}, switch-off {1}")
    @CsvSource({"1, true", "2, false", "3, true", "4, false"})
    void fenchelAtACrossingUnitGivesAnErrorBetweenZeroAndG(long seed, boolean switchOff) {
        double beta = 1e-4;
        SplittableRandom rnd = new SplittableRandom(seed);
        BpReluMseNet bp = new BpReluMseNet(seed);
        FenReluMse4Net fen = new FenReluMse4Net(seed);
        randomBiases(rnd, bp, fen);
        Activation[] acts = Num.hidden2(Activation.RELU);
        ReferenceMlp ref = ref(bp, acts, false);
        Batch one = offKinkBatch(rnd, ref, false, beta, Activation.RELU);
        one = Batch.of(java.util.Arrays.copyOf(one.x(), 12), null, java.util.Arrays.copyOf(one.targets(), 4), 1, 12, 4);
        // the unit of layer 1 (second hidden) with the largest |g|: move its pre-activation to a = β g / 2
        double[][] g = ref.activityErrors(one.xd()[0], one.yd()[0], Rule.FENCHEL, beta);
        ReferenceMlp.State st = ref.forward(one.xd()[0]);
        // switch-off: a > 0 ≥ a − βg needs g > 0; switch-on: a ≤ 0 < a − βg needs g < 0. Moving a_j changes s_j
        // and so the output error and g itself: park a_j at 0, re-read g, and keep the unit if g has the wanted
        // sign; then set a_j = βg/2 (s_j moves by at most β|g|/2, which leaves g unchanged to ~1e-5)
        int j = -1;
        for (int cand = 0; cand < g[2].length && j < 0; cand++) {
            float keep = bp.bias(1)[cand];
            setBias(bp, fen, cand, (float) (keep - st.a[2][cand]));
            ReferenceMlp parked = ref(bp, acts, false);
            double gc = parked.activityErrors(one.xd()[0], one.yd()[0], Rule.FENCHEL, beta)[2][cand];
            if ((gc > 0) == switchOff && Math.abs(gc) > 1e-2) {
                j = cand;
                ref = parked;
                g = parked.activityErrors(one.xd()[0], one.yd()[0], Rule.FENCHEL, beta);
                st = parked.forward(one.xd()[0]);
            } else {
                setBias(bp, fen, cand, keep);
            }
        }
        assertTrue(j >= 0, "a unit with the wanted sign of g");
        setBias(bp, fen, j, (float) (bp.bias(1)[j] + 0.5 * beta * g[2][j] - st.a[2][j]));
        ref = ref(bp, acts, false);
        g = ref.activityErrors(one.xd()[0], one.yd()[0], Rule.FENCHEL, beta);
        st = ref.forward(one.xd()[0]);
        double gj = g[2][j];
        assertTrue(Math.abs(gj) > 1e-3, "a unit with a usable error");
        assertEquals(switchOff, gj > 0);
        assertTrue(gj > 0 ? st.a[2][j] > 0 && st.a[2][j] - beta * gj < 0 : st.a[2][j] <= 0
                && st.a[2][j] - beta * gj > 0, "the unit crosses the kink");
        one.gradients(bp);
        one.gradients(fen);
        float dFen = fen.biasGradient(1)[j];
        float dBp = bp.biasGradient(1)[j];
        System.out.printf("[figures] task3 crossing unit (switch-off " + switchOff + "): g %.5f, BP δ %.5f, Fenchel δ̃ %.5f (expected g/2)%n", gj, dBp,
                dFen);
        assertTrue(gj > 0 ? dFen > 0 && dFen < gj : dFen < 0 && dFen > gj, "δ̃ strictly between 0 and g");
        assertEquals(0.5 * gj, dFen, 0.1 * Math.abs(gj), "δ̃ = g/2 at a = βg/2");
        assertNotEquals(dBp, dFen);
        // every other unit of that layer is off the kink: bitwise BP's error
        for (int i = 0; i < g[2].length; i++) {
            if (i != j) {
                assertEquals(bp.biasGradient(1)[i], fen.biasGradient(1)[i], 0f, "unit " + i);
            }
        }
        // the layer above is untouched by the crossing
        assertArrayEquals(bp.weightGradient(2), fen.weightGradient(2));
        // and the whole update matches the float64 Fenchel reference
        double r = Compare.maxRelerr(fen, ref.fenchel(one.xd(), one.yd(), beta));
        System.out.printf("[figures] task3 crossing: relerr vs Fenchel reference %.2e%n", r);
        assertTrue(r < 0.05, "relerr " + r);
    }

    static void setBias(TrainableNet bp, TrainableNet fen, int j, float value) {
        bp.bias(1)[j] = value;
        fen.bias(1)[j] = value;
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @CsvSource({"SIGMOID, false, 1", "SIGMOID, true, 2", "TANH, false, 3", "TANH, true, 4"})
    void fenchelAtSmallBetaIsBpWithinTenBetaForSmoothActivations(Activation act, boolean ce, long seed) {
        double beta = 1e-4;
        SplittableRandom rnd = new SplittableRandom(seed);
        TrainableNet bp = Nets.bp(act, ce, seed);
        TrainableNet fen = Nets.fenchel(act, ce, beta, seed);
        sameInit(bp, fen);
        randomBiases(rnd, bp, fen);
        Batch batch = Batch.random(rnd, N, 12, 4, ce);
        batch.gradients(bp);
        batch.gradients(fen);
        ReferenceMlp ref = ref(bp, Num.hidden2(act), ce);
        Grads refBp = ref.bp(batch.xd(), batch.yd());
        double r = Compare.maxRelerr(fen, refBp);
        double rRef = Compare.maxRelerr(ref.fenchel(batch.xd(), batch.yd(), beta), refBp);
        System.out.printf("[figures] task3 Fenchel β=1e-4 %s %s: relerr vs BP %.2e (= %.2fβ; float64 ref %.2e)%n",
                act, ce ? "CE" : "MSE", r, r / beta, rRef);
        assertTrue(r <= 10 * beta, "relerr " + r);
        assertTrue(r > 0, "Fenchel BP differs from BP at finite β");
    }

    // ------------------------------------------------------------------------------------------------ task 4

    @ParameterizedTest(name = "{0} {1} β={2}")
    @CsvSource({
        "RELU, false, 0.5", "RELU, true, 0.5", "RELU, false, 2.0", "RELU, true, 2.0",
        "HARD_TANH, false, 0.5", "HARD_TANH, true, 0.5", "HARD_TANH, false, 2.0", "HARD_TANH, true, 2.0",
        "HARD_SIGMOID, false, 0.5", "HARD_SIGMOID, true, 0.5", "HARD_SIGMOID, false, 2.0", "HARD_SIGMOID, true, 2.0",
        "SIGMOID, false, 0.5", "SIGMOID, true, 0.5", "SIGMOID, false, 2.0", "SIGMOID, true, 2.0",
        "TANH, false, 0.5", "TANH, true, 0.5", "TANH, false, 2.0", "TANH, true, 2.0"})
    void fenchelAtLargeBetaMatchesReference(Activation act, boolean ce, double beta) {
        long seed = 31 + act.ordinal() * 4L + (ce ? 2 : 0) + (beta > 1 ? 1 : 0);
        SplittableRandom rnd = new SplittableRandom(seed);
        TrainableNet fen = Nets.fenchel(act, ce, beta, seed);
        randomBiases(rnd, fen);
        Batch batch = Batch.random(rnd, N, 12, 4, ce);
        batch.gradients(fen);
        ReferenceMlp ref = ref(fen, Num.hidden2(act), ce);
        Grads want = ref.fenchel(batch.xd(), batch.yd(), beta);
        double[] r = Compare.relerr(fen, want);
        double rBp = Compare.maxRelerr(want, ref.bp(batch.xd(), batch.yd()));
        System.out.printf("[figures] task4 Fenchel β=%s %s %s: relerr W %.2e b %.2e (ref Fenchel vs BP %.2e)%n",
                beta, act, ce ? "CE" : "MSE", r[0], r[1], rBp);
        assertTrue(r[0] <= 1e-4 && r[1] <= 1e-4, "relerr " + r[0] + " / " + r[1]);
        assertTrue(rBp > 1e-2, "at this β Fenchel BP is not BP, so the comparison discriminates");
    }

    // ------------------------------------------------------------------------------------------------ task 5

    @ParameterizedTest(name = "{0}")
    @CsvSource({"RELU, false", "TANH, true"})
    void remark2MistakeIsDetected(Activation act, boolean ce) {
        double beta = 0.1;
        long seed = 41;
        SplittableRandom rnd = new SplittableRandom(seed);
        TrainableNet fen = act == Activation.RELU ? new FenReluMse01Net(seed) : new FenTanhCe01Net(seed);
        randomBiases(rnd, fen);
        Batch batch = Batch.random(rnd, N, 12, 4, ce);
        batch.gradients(fen);
        ReferenceMlp ref = ref(fen, Num.hidden2(act), ce);
        Grads right = ref.sweep(batch.xd(), batch.yd(), Rule.FENCHEL, beta, false);
        Grads wrong = ref.sweep(batch.xd(), batch.yd(), Rule.FENCHEL_WRONG_REMARK2, beta, false);
        for (int l = 0; l < fen.layerCount(); l++) {
            double[] gw = Num.d(fen.weightGradient(l));
            double toRight = Num.relerr(gw, right.w[l]);
            double toWrong = Num.relerr(gw, wrong.w[l]);
            double cosWrong = Num.cos(wrong.w[l], right.w[l]);
            System.out.printf("[figures] task5 Remark 2 %s β=0.1 layer %d: relerr to correct %.2e, to wrong %.2e "
                    + "(cos wrong/correct %.5f)%n", act, l, toRight, toWrong, cosWrong);
            assertTrue(toRight <= 1e-4, "layer " + l + " matches Eq. 53: " + toRight);
            if (l == 0) {
                assertEquals(0.0, Num.relerr(wrong.w[0], right.w[0]), "layer 0: both use the input");
            } else {
                assertTrue(toWrong >= 1e-2 && toWrong >= 100 * toRight,
                        "layer " + l + " is clearly not the Remark 2 variant: " + toWrong);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ task 6

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"1", "2", "3"})
    void fenchelSoftmaxOutputMatchesReferenceAtHalf(long seed) {
        double beta = 0.5;
        SplittableRandom rnd = new SplittableRandom(seed);
        TrainableNet fen = new FenOutReluCe05Net(seed);
        randomBiases(rnd, fen);
        Batch batch = Batch.random(rnd, N, 12, 4, true);
        batch.gradients(fen);
        ReferenceMlp ref = ref(fen, Num.hidden2(Activation.RELU), true);
        Grads want = ref.sweep(batch.xd(), batch.yd(), Rule.FENCHEL, beta, true);
        double r = Compare.maxRelerr(fen, want);
        double rPlain = Compare.maxRelerr(ref.fenchel(batch.xd(), batch.yd(), beta), want);
        System.out.printf("[figures] task6 softmax-Fenchel β=0.5: relerr %.2e (vs exact-CE-output Fenchel %.2e)%n",
                r, rPlain);
        assertTrue(r <= 1e-4, "relerr " + r);
        assertTrue(rPlain > 1e-2, "the Fenchel output changes the update");
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({"RELU, 1", "RELU, 2", "TANH, 3"})
    void fenchelSoftmaxOutputTendsToBp(Activation act, long seed) {
        double beta = 1e-3;
        SplittableRandom rnd = new SplittableRandom(seed);
        TrainableNet fen = act == Activation.RELU ? new FenOutReluCe3Net(seed) : new FenOutTanhCe3Net(seed);
        randomBiases(rnd, fen);
        ReferenceMlp ref = ref(fen, Num.hidden2(act), true);
        Batch batch = act == Activation.RELU ? offKinkBatch(rnd, ref, true, beta, act) : Batch.random(rnd, N, 12, 4, true);
        batch.gradients(fen);
        Grads bp = ref.bp(batch.xd(), batch.yd());
        double r = Compare.maxRelerr(fen, bp);
        double c = Compare.minCos(fen, bp);
        double rRef = Compare.maxRelerr(fen, ref.sweep(batch.xd(), batch.yd(), Rule.FENCHEL, beta, true));
        System.out.printf("[figures] task6 softmax-Fenchel β=1e-3 %s: relerr vs BP %.2e (= %.2fβ), cos %.6f; "
                + "vs Fenchel ref %.2e%n", act, r, r / beta, c, rRef);
        assertTrue(r <= 10 * beta, "relerr " + r);
        assertTrue(r >= 0.1 * beta, "the Fenchel output is active (O(β) away from BP)");
        assertTrue(rRef <= 1e-4, "relerr vs reference " + rRef);
    }

    // ------------------------------------------------------------------------------------------------ task 7

    /** The naive float32 Fenchel sweep (MSE, identity output): δ̃ = (f(a) − f(a − βg)) / β in float. */
    static double[][] naiveFloat32(TrainableNet net, Activation act, Batch batch, float beta) {
        int layers = net.layerCount();
        int[] dims = {12, 10, 8, 4};
        double[][] gw = new double[layers][];
        for (int l = 0; l < layers; l++) {
            gw[l] = new double[dims[l + 1] * dims[l]];
        }
        for (int r = 0; r < batch.n(); r++) {
            float[][] a = new float[layers + 1][];
            float[][] s = new float[layers + 1][];
            s[0] = java.util.Arrays.copyOfRange(batch.x(), r * 12, r * 12 + 12);
            for (int l = 0; l < layers; l++) {
                float[] w = net.weights(l);
                a[l + 1] = new float[dims[l + 1]];
                s[l + 1] = new float[dims[l + 1]];
                for (int j = 0; j < dims[l + 1]; j++) {
                    float sum = net.bias(l)[j];
                    for (int i = 0; i < dims[l]; i++) {
                        sum += w[j * dims[l] + i] * s[l][i];
                    }
                    a[l + 1][j] = sum;
                    s[l + 1][j] = l == layers - 1 ? sum : f32(act, sum);
                }
            }
            float[] delta = new float[4];
            for (int i = 0; i < 4; i++) {
                delta[i] = s[layers][i] - batch.targets()[r * 4 + i];
            }
            for (int k = layers; k >= 1; k--) {
                int l = k - 1;
                for (int j = 0; j < dims[k]; j++) {
                    for (int i = 0; i < dims[l]; i++) {
                        gw[l][j * dims[l] + i] += (double) delta[j] * s[l][i] / batch.n();
                    }
                }
                if (l > 0) {
                    float[] next = new float[dims[l]];
                    for (int i = 0; i < dims[l]; i++) {
                        float g = 0;
                        for (int j = 0; j < dims[k]; j++) {
                            g += net.weights(l)[j * dims[l] + i] * delta[j];
                        }
                        next[i] = (f32(act, a[l][i]) - f32(act, a[l][i] - beta * g)) / beta;
                    }
                    delta = next;
                }
            }
        }
        return gw;
    }

    static float f32(Activation act, float a) {
        return act == Activation.TANH ? (float) Math.tanh(a) : (float) (1 / (1 + Math.exp(-a)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({"TANH, 1", "TANH, 2", "SIGMOID, 3", "SIGMOID, 4"})
    void stableTargetsInFloat32AtTinyBeta(Activation act, long seed) {
        float beta = 1e-6f;
        SplittableRandom rnd = new SplittableRandom(seed);
        TrainableNet fen = act == Activation.TANH ? new FenTanhMse6Net(seed) : new FenSigmoidMse6Net(seed);
        randomBiases(rnd, fen);
        Batch batch = Batch.random(rnd, N, 12, 4, false);
        batch.gradients(fen);
        ReferenceMlp ref = ref(fen, Num.hidden2(act), false);
        Grads want = ref.fenchel(batch.xd(), batch.yd(), beta);
        double r = Compare.maxRelerr(fen, want);
        double[][] naive = naiveFloat32(fen, act, batch, beta);
        double rNaive = 0;
        for (int l = 0; l < fen.layerCount() - 1; l++) {
            rNaive = Math.max(rNaive, Num.relerr(naive[l], want.w[l]));
        }
        double rNaiveTop = Num.relerr(naive[2], want.w[2]);
        System.out.printf("[figures] task7 β=1e-6 %s: stable (generated) relerr %.2e; naive float32 %.2e "
                + "(top layer, no target: %.2e)%n", act, r, rNaive, rNaiveTop);
        assertTrue(r <= 1e-5, "generated relerr " + r);
        assertTrue(rNaive > 1e-3, "the naive float32 formula fails here, so the test discriminates: " + rNaive);
        assertTrue(rNaiveTop <= 1e-5, "the naive sweep itself is right where no target is formed");
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"1", "2"})
    void stableSoftmaxTargetInFloat32AtTinyBeta(long seed) {
        double beta = 1e-6;
        SplittableRandom rnd = new SplittableRandom(seed);
        TrainableNet fen = new FenOutReluCe6Net(seed);
        randomBiases(rnd, fen);
        ReferenceMlp ref = ref(fen, Num.hidden2(Activation.RELU), true);
        Batch batch = offKinkBatch(rnd, ref, true, beta, Activation.RELU);
        batch.gradients(fen);
        double r = Compare.maxRelerr(fen, ref.sweep(batch.xd(), batch.yd(), Rule.FENCHEL, beta, true));
        System.out.printf("[figures] task7 softmax-Fenchel β=1e-6: relerr %.2e%n", r);
        assertTrue(r <= 1e-5, "relerr " + r);
    }
}
