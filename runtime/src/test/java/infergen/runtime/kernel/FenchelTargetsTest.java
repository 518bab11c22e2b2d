package infergen.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Fenchel error {@code δ̃ = (f(a) − f(a − βg)) / β} (docs/methods.md §2) in float32 against float64 references that do
 * not share the kernel's identities: for the smooth activations a Taylor expansion in {@code d = βg} to third order
 * (remainder ~ d³, far below the tolerance), for the box activations the plain difference in double (exact pieces),
 * for softmax cross-entropy the naive difference of two softmaxes in double at β where double still has the digits.
 */
class FenchelTargetsTest {

    private static final double REL = 1e-5;

    static Stream<Arguments> betaAndSeed() {
        return Stream.of(1e-6f, 1e-4f).flatMap(beta -> Stream.of(1L, 2L, 3L).map(seed -> Arguments.of(beta, seed)));
    }

    @ParameterizedTest(name = "beta={0} seed={1}")
    @MethodSource("betaAndSeed")
    void sigmoidMatchesTaylorReference(float beta, long seed) {
        Random rnd = new Random(seed);
        for (int t = 0; t < 2000; t++) {
            float a = (rnd.nextFloat() * 2 - 1) * 8f;
            float g = (rnd.nextFloat() * 2 - 1) * 3f;
            double s = 1 / (1 + Math.exp(-(double) a));
            double d1 = s * (1 - s);
            double d2 = d1 * (1 - 2 * s);
            double d3 = d1 * (1 - 6 * s + 6 * s * s);
            double ref = taylor(g, beta, d1, d2, d3);
            assertRelative(ref, FenchelTargets.sigmoid(a, g, beta), "sigmoid a=" + a + " g=" + g);
        }
    }

    @ParameterizedTest(name = "beta={0} seed={1}")
    @MethodSource("betaAndSeed")
    void tanhMatchesTaylorReference(float beta, long seed) {
        Random rnd = new Random(seed);
        for (int t = 0; t < 2000; t++) {
            float a = (rnd.nextFloat() * 2 - 1) * 5f;
            float g = (rnd.nextFloat() * 2 - 1) * 3f;
            double th = Math.tanh(a);
            double d1 = 1 - th * th;
            double d2 = -2 * th * d1;
            double d3 = -2 * d1 * (1 - 3 * th * th);
            double ref = taylor(g, beta, d1, d2, d3);
            assertRelative(ref, FenchelTargets.tanh(a, g, beta), "tanh a=" + a + " g=" + g);
        }
    }

    /** {@code (f(a) − f(a − d)) / β = g (f' − f'' d/2 + f''' d²/6 − …)} with {@code d = βg} (β the float value). */
    private static double taylor(float g, float beta, double d1, double d2, double d3) {
        double d = (double) beta * g;
        return g * (d1 - d2 * d / 2 + d3 * d * d / 6);
    }

    @ParameterizedTest(name = "beta={0} seed={1}")
    @MethodSource("betaAndSeed")
    void boxActivationsMatchDoubleDifference(float beta, long seed) {
        Random rnd = new Random(seed);
        for (int t = 0; t < 4000; t++) {
            // Half of the points within a few βg of a bound, where the kinks are.
            float g = (rnd.nextFloat() * 2 - 1) * 3f;
            float a = t % 2 == 0 ? (rnd.nextFloat() * 2 - 1) * 2f
                    : new float[] {-1f, 0f, 1f}[rnd.nextInt(3)] + (rnd.nextFloat() * 2 - 1) * 4 * beta;
            double v = a - (double) beta * g;
            double refTanh = (clip(a, -1, 1) - clip(v, -1, 1)) / beta;
            double refSig = (clip(a, 0, 1) - clip(v, 0, 1)) / beta;
            assertClose(refTanh, FenchelTargets.hardTanh(a, g, beta), Math.abs(g), "hardTanh a=" + a + " g=" + g);
            assertClose(refSig, FenchelTargets.hardSigmoid(a, g, beta), Math.abs(g), "hardSigmoid a=" + a + " g=" + g);
            double refRelu = (Math.max(0, a) - Math.max(0, v)) / beta;
            assertClose(refRelu, FenchelTargets.relu(a, g, beta), Math.abs(g), "relu a=" + a + " g=" + g);
        }
    }

    /** Error relative to {@code scale} (the size of g): across a kink the exact result can be anywhere in [0, g]. */
    private static void assertClose(double ref, float got, double scale, String what) {
        assertEquals(ref, got, REL * Math.max(scale, Math.abs(ref)) + 1e-30, what);
    }

    private static double clip(double x, double lo, double hi) {
        return Math.min(hi, Math.max(lo, x));
    }

    @ParameterizedTest(name = "beta={0}")
    @ValueSource(floats = {1e-6f, 1e-4f, 1e-2f, 1f})
    void reluIsExactOnEachLinearPiece(float beta) {
        Random rnd = new Random(11);
        for (int t = 0; t < 1000; t++) {
            float g = (rnd.nextFloat() * 2 - 1) * 3f;
            float pos = 0.5f + rnd.nextFloat() * 3f + 3 * beta * 3f;
            assertEquals(g, FenchelTargets.relu(pos, g, beta), 0f, "both positive: exactly g");
            float neg = -0.5f - rnd.nextFloat() * 3f - 3 * beta * 3f;
            assertEquals(0f, FenchelTargets.relu(neg, g, beta), 0f, "both ≤ 0: exactly 0");
            assertEquals(0f, FenchelTargets.relu(0f, Math.abs(g) + 0.1f, beta), 0f, "a = 0 ≥ v: exactly 0");
        }
    }

    @Test
    void reluAcrossTheKink() {
        float beta = 1e-4f;
        // a > 0 ≥ v: f(a) − f(v) = a, so δ̃ = a/β.
        float a = 1e-5f;
        float g = 1f;
        assertTrue(a - beta * g <= 0f);
        assertEquals(a / beta, FenchelTargets.relu(a, g, beta), 0f);
        // a ≤ 0 < v: f(a) − f(v) = −v = −(a − βg), so δ̃ = g − a/β.
        float a2 = -2e-5f;
        float g2 = -1f;
        assertTrue(a2 - beta * g2 > 0f);
        assertEquals(g2 - a2 / beta, FenchelTargets.relu(a2, g2, beta), 1e-6f);
        assertEquals(-0.8f, FenchelTargets.relu(a2, g2, beta), 1e-5f);
    }

    static Stream<Arguments> softmaxCases() {
        return Stream.of(3L, 4L, 5L, 6L).flatMap(seed -> Stream.of(3, 10).map(c -> Arguments.of(seed, c)));
    }

    /** As β → 0 the error tends to {@code p − onehot(y)}. */
    @ParameterizedTest(name = "seed={0} classes={1}")
    @MethodSource("softmaxCases")
    void softmaxCrossEntropyTendsToPMinusY(long seed, int classes) {
        Random rnd = new Random(seed);
        float[] p = randomSoftmax(rnd, classes, 3f);
        int y = rnd.nextInt(classes);
        float[] err = new float[classes];
        FenchelTargets.softmaxCrossEntropy(p, 0, classes, y, 1e-9f, err);
        for (int i = 0; i < classes; i++) {
            double expected = p[i] - (i == y ? 1.0 : 0.0);
            assertEquals(expected, err[i], 1e-5 + 1e-9 / p[y], "class " + i);
        }
    }

    /** Against the naive difference {@code (p − softmax(a − βg)) / β} in double, at β where double has the digits. */
    @ParameterizedTest(name = "seed={0} classes={1}")
    @MethodSource("softmaxCases")
    void softmaxCrossEntropyMatchesNaiveDouble(long seed, int classes) {
        Random rnd = new Random(seed);
        float[] p = randomSoftmax(rnd, classes, 3f);
        // The kernel assumes Σp = 1; renormalize the floats in double for the reference.
        double total = 0;
        for (float v : p) {
            total += v;
        }
        int y = rnd.nextInt(classes);
        for (float beta : new float[] {1e-4f, 1e-2f, 1f}) {
            float[] err = new float[classes];
            FenchelTargets.softmaxCrossEntropy(p, 0, classes, y, beta, err);
            double py = p[y] / total;
            // ŝ ∝ p · exp(−βg) with g_y = −1/p_y and g_i = 0 otherwise.
            double z = 1 - py + py * Math.exp(beta / py);
            for (int i = 0; i < classes; i++) {
                double pi = p[i] / total;
                double target = (i == y ? py * Math.exp(beta / py) : pi) / z;
                double ref = (pi - target) / beta;
                assertEquals(ref, err[i], REL * Math.max(1e-3, Math.abs(ref)) + 2e-7 / beta,
                        "beta=" + beta + " class " + i);
            }
        }
    }

    @ParameterizedTest(name = "p_y={0}")
    @ValueSource(floats = {0f, 1e-38f, 1e-30f, 1e-12f, 1e-6f})
    void softmaxCrossEntropyIsFiniteWhenTheLabelProbabilityVanishes(float py) {
        int classes = 4;
        float[] p = {py, (1 - py) / 3, (1 - py) / 3, (1 - py) / 3};
        for (float beta : new float[] {1e-6f, 1e-4f, 1f}) {
            float[] err = new float[classes];
            FenchelTargets.softmaxCrossEntropy(p, 0, classes, 0, beta, err);
            for (int i = 0; i < classes; i++) {
                assertTrue(Float.isFinite(err[i]), "beta=" + beta + " err[" + i + "] = " + err[i]);
            }
            // The target puts (almost) all mass on the label: δ̃_y → −(1 − p_y)/β, δ̃_i → p_i/β.
            if (py < 1e-12f) {
                assertEquals(-(1 - py) / beta, err[0], 1e-5 / beta);
                assertEquals(p[1] / beta, err[1], 1e-5 / beta);
            }
        }
    }

    @Test
    void softmaxCrossEntropyWritesOnlyItsSample() {
        float[] p = {0.1f, 0.9f, 0.3f, 0.7f, 0.5f, 0.5f};
        float[] err = {7f, 7f, 7f, 7f, 7f, 7f};
        FenchelTargets.softmaxCrossEntropy(p, 2, 2, 1, 1e-6f, err);
        assertEquals(7f, err[0]);
        assertEquals(7f, err[1]);
        assertEquals(0.3f, err[2], 1e-5f);
        assertEquals(-0.3f, err[3], 1e-5f);
        assertEquals(7f, err[4]);
        assertEquals(7f, err[5]);
    }

    private static float[] randomSoftmax(Random rnd, int classes, float spread) {
        double[] e = new double[classes];
        double sum = 0;
        for (int i = 0; i < classes; i++) {
            e[i] = Math.exp((rnd.nextFloat() * 2 - 1) * spread);
            sum += e[i];
        }
        float[] p = new float[classes];
        for (int i = 0; i < classes; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }

    private static void assertRelative(double ref, float got, String what) {
        assertEquals(ref, got, REL * Math.abs(ref) + 1e-30, what);
    }
}
