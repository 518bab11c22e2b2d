package infergen.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import infergen.runtime.parallel.Parallel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fused entry points of {@link Gemm} equal the unfused sequence of kernels bit for bit, for 1, 2 and 3 threads,
 * at sizes that split (and at awkward ones that do not).
 */
class FusedGemmTest {

    private static final int ORIGINAL = Parallel.threads();
    private static final int[][] SHAPES = {{50, 256, 784}, {37, 130, 67}, {1, 1000, 300}, {256, 64, 128}, {3, 5, 7}};

    @AfterAll
    static void restore() {
        Parallel.setThreads(ORIGINAL);
    }

    private static float[] random(SplittableRandom rnd, int len, double scale) {
        float[] a = new float[len];
        for (int i = 0; i < len; i++) {
            a[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        }
        return a;
    }

    @ParameterizedTest
    @EnumSource(Nonlinearity.class)
    void forwardEqualsUnfused(Nonlinearity f) {
        for (int[] s : SHAPES) {
            int m = s[0], n = s[1], k = s[2];
            SplittableRandom rnd = new SplittableRandom(m * 31L + n);
            float[] x = random(rnd, m * k, 1), w = random(rnd, n * k, 0.1), bias = random(rnd, n, 0.5);
            float[] a = new float[m * n], act = new float[m * n];
            Parallel.setThreads(1);
            Gemm.abT(m, n, k, 1f, x, w, a, false);
            Vectors.addRowVector(m, n, bias, a);
            switch (f) {
                case IDENTITY -> System.arraycopy(a, 0, act, 0, a.length);
                case RELU -> Activations.relu(a, act, m * n);
                case HARD_TANH -> Activations.hardTanh(a, act, m * n);
                case HARD_SIGMOID -> Activations.hardSigmoid(a, act, m * n);
                case SIGMOID -> Activations.sigmoid(a, act, m * n);
                case TANH -> Activations.tanh(a, act, m * n);
            }
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                float[] a2 = new float[m * n], s2 = new float[m * n];
                Gemm.abTBiasActivate(m, n, k, x, w, bias, a2, f == Nonlinearity.IDENTITY ? a2 : s2, f);
                assertArrayEquals(a, a2, f + " a, " + threads + " threads, " + m + "×" + n + "×" + k);
                assertArrayEquals(act, f == Nonlinearity.IDENTITY ? a2 : s2, f + " s, " + threads + " threads");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Nonlinearity.class)
    void backwardEqualsUnfused(Nonlinearity f) {
        for (int[] s : SHAPES) {
            int m = s[0], n = s[1], k = s[2];
            SplittableRandom rnd = new SplittableRandom(m * 17L + k);
            float[] delta = random(rnd, m * k, 1), w = random(rnd, k * n, 0.3), a = random(rnd, m * n, 1.5);
            float[] act = new float[m * n];
            for (int i = 0; i < act.length; i++) {
                act[i] = (float) Math.tanh(a[i]);
            }
            float beta = 0.01f;
            Parallel.setThreads(1);
            float[] bp = new float[m * n], fen = new float[m * n];
            Gemm.ab(m, n, k, 1f, delta, w, bp, false);
            System.arraycopy(bp, 0, fen, 0, bp.length);
            switch (f) {
                case IDENTITY -> { }
                case RELU -> Activations.reluBackward(a, bp, m * n);
                case HARD_TANH -> Activations.hardTanhBackward(a, bp, m * n);
                case HARD_SIGMOID -> Activations.hardSigmoidBackward(a, bp, m * n);
                case SIGMOID -> Activations.sigmoidBackward(act, bp, m * n);
                case TANH -> Activations.tanhBackward(act, bp, m * n);
            }
            for (int i = 0; i < fen.length; i++) {
                fen[i] = switch (f) {
                    case IDENTITY -> fen[i];
                    case RELU -> FenchelTargets.relu(a[i], fen[i], beta);
                    case HARD_TANH -> FenchelTargets.hardTanh(a[i], fen[i], beta);
                    case HARD_SIGMOID -> FenchelTargets.hardSigmoid(a[i], fen[i], beta);
                    case SIGMOID -> FenchelTargets.sigmoid(a[i], fen[i], beta);
                    case TANH -> FenchelTargets.tanh(a[i], fen[i], beta);
                };
            }
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                float[] bp2 = new float[m * n], fen2 = new float[m * n];
                Gemm.abDerivative(m, n, k, delta, w, a, act, f, bp2);
                Gemm.abFenchel(m, n, k, delta, w, a, f, beta, fen2);
                assertArrayEquals(bp, bp2, f + " BP, " + threads + " threads, " + m + "×" + n + "×" + k);
                assertArrayEquals(fen, fen2, f + " Fenchel, " + threads + " threads, " + m + "×" + n + "×" + k);
            }
        }
    }

    /**
     * The fused weight step equals {@code atB} then {@link Optimizers#adam}: the gradient buffer and the parameters
     * and both moments, bit for bit, over three steps (so that the moments are not just zero), with dead units whose
     * moments decay into the flushed range.
     */
    @org.junit.jupiter.api.Test
    void weightStepEqualsAtBThenAdam() {
        for (int[] s : SHAPES) {
            int units = s[1], fanIn = s[2], batch = s[0];
            SplittableRandom rnd = new SplittableRandom(units * 13L + fanIn);
            float[] delta = random(rnd, batch * units, 1), input = random(rnd, batch * fanIn, 1);
            for (int r = 0; r < batch; r++) {
                delta[r * units] = 0f; // unit 0 is dead: its gradient is zero
            }
            float[] w0 = random(rnd, units * fanIn, 0.1);
            float[] m0 = random(rnd, units * fanIn, 1e-3), v0 = random(rnd, units * fanIn, 1e-3);
            for (int i = 0; i < v0.length; i++) {
                v0[i] = Math.abs(v0[i]);
            }
            m0[0] = 1.25e-38f; // decays below the smallest normal float (1.18e-38) in the first step
            float invN = 1f / batch;
            Parallel.setThreads(1);
            float[] g = new float[units * fanIn], w = w0.clone(), m = m0.clone(), v = v0.clone();
            for (int t = 1; t <= 3; t++) {
                float bc1 = (float) (1 - Math.pow(0.9, t)), bc2 = (float) (1 - Math.pow(0.999, t));
                Gemm.atB(units, fanIn, batch, invN, delta, input, g, false);
                Optimizers.adam(w, g, m, v, w.length, 1e-3f, 0.9f, 0.999f, 1e-8f, bc1, bc2);
            }
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                float[] g2 = new float[g.length], w2 = w0.clone(), m2 = m0.clone(), v2 = v0.clone();
                for (int t = 1; t <= 3; t++) {
                    float bc1 = (float) (1 - Math.pow(0.9, t)), bc2 = (float) (1 - Math.pow(0.999, t));
                    Gemm.atBAdam(units, fanIn, batch, invN, delta, input, g2, w2, m2, v2, 1e-3f, 0.9f, 0.999f, 1e-8f,
                            bc1, bc2);
                }
                String where = threads + " threads, " + units + "×" + fanIn + "×" + batch;
                assertArrayEquals(g, g2, "gradient, " + where);
                assertArrayEquals(w, w2, "parameters, " + where);
                assertArrayEquals(m, m2, "first moment, " + where);
                assertArrayEquals(v, v2, "second moment, " + where);
            }
            org.junit.jupiter.api.Assertions.assertEquals(0f, m[0], "the tiny first moment was flushed to zero");
        }
    }

    /** Row blocks of {@code atB} (the fused weight step's parts) equal the whole call, for both kernels. */
    @org.junit.jupiter.api.Test
    void atBRowBlocksEqualTheWhole() {
        SplittableRandom rnd = new SplittableRandom(3);
        int m = 37, n = 70, k = 9;
        float[] a = random(rnd, k * m, 1), b = random(rnd, k * n, 1);
        for (GemmKernel g : new GemmKernel[] {new ScalarGemm(), new VectorGemm()}) {
            float[] whole = new float[m * n], parts = new float[m * n];
            g.atB(m, n, k, 0.5f, a, b, whole, false);
            int[] cuts = {0, 4, 5, 20, 36, 37};
            for (int c = 0; c + 1 < cuts.length; c++) {
                g.atBRows(cuts[c], cuts[c + 1], m, n, k, 0.5f, a, b, parts, false);
            }
            assertArrayEquals(whole, parts, g.getClass().getSimpleName());
        }
    }
}
