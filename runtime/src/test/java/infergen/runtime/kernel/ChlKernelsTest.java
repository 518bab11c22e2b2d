package infergen.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kernels of the contrastive family ({@link Contrastive}) against double references, at awkward sizes and at
 * increment scales down to 1e-12, where a naive float32 difference {@code f(u + Δ) − f(u)} has no digits left.
 */
class ChlKernelsTest {

    interface DeltaKernel {
        void apply(float[] u, float[] du, float[] d, int len);
    }

    static Stream<Arguments> deltas() {
        DoubleUnaryOperator relu = v -> Math.max(0, v);
        DoubleUnaryOperator hardTanh = v -> Math.min(1, Math.max(-1, v));
        DoubleUnaryOperator hardSigmoid = v -> Math.min(1, Math.max(0, v));
        DoubleUnaryOperator sigmoid = v -> 1 / (1 + Math.exp(-v));
        return Stream.of(
                Arguments.of("relu", (DeltaKernel) Contrastive::reluDelta, relu, true),
                Arguments.of("hardTanh", (DeltaKernel) Contrastive::hardTanhDelta, hardTanh, true),
                Arguments.of("hardSigmoid", (DeltaKernel) Contrastive::hardSigmoidDelta, hardSigmoid, true),
                Arguments.of("sigmoid", (DeltaKernel) Contrastive::sigmoidDelta, sigmoid, false),
                Arguments.of("tanh", (DeltaKernel) Contrastive::tanhDelta, (DoubleUnaryOperator) Math::tanh, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deltas")
    void deltaKeepsItsDigits(String name, DeltaKernel kernel, DoubleUnaryOperator f, boolean box) {
        Random rng = new Random(name.hashCode());
        for (int len : new int[] {1, 13, 207}) {
            for (double scale : new double[] {1e-1, 1e-4, 1e-8, 1e-12}) {
                float[] u = new float[len];
                float[] du = new float[len];
                float[] d = new float[len];
                for (int i = 0; i < len; i++) {
                    u[i] = (float) (3 * (2 * rng.nextDouble() - 1));
                    du[i] = (float) (scale * rng.nextGaussian());
                }
                kernel.apply(u, du, d, len);
                for (int i = 0; i < len; i++) {
                    double exact = reference(f, u[i], du[i], box);
                    double tol = 2e-6 * Math.abs(exact) + 1e-45;
                    int at = i;
                    assertEquals(exact, d[i], tol, () -> name + " u=" + u[at] + " Δ=" + du[at]);
                }
            }
        }
    }

    /** f(u + Δ) − f(u) in double; for small Δ on smooth f by a Taylor series (the plain difference cancels). */
    private static double reference(DoubleUnaryOperator f, double u, double delta, boolean box) {
        double v = u + delta;
        if (box) {
            double fu = f.applyAsDouble(u);
            double fv = f.applyAsDouble(v);
            boolean linear = fu != 0 && fu != 1 && fu != -1 && fv != 0 && fv != 1 && fv != -1;
            return linear ? delta : fv - fu;
        }
        if (Math.abs(delta) > 1e-3) {
            return f.applyAsDouble(v) - f.applyAsDouble(u);
        }
        double h = 1e-3;
        double d1 = (f.applyAsDouble(u + h) - f.applyAsDouble(u - h)) / (2 * h);
        double d2 = (f.applyAsDouble(u + h) - 2 * f.applyAsDouble(u) + f.applyAsDouble(u - h)) / (h * h);
        return d1 * delta + 0.5 * d2 * delta * delta;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deltas")
    void boxDeltaIsExactlyTheIncrementOnTheLinearPiece(String name, DeltaKernel kernel, DoubleUnaryOperator f,
            boolean box) {
        if (!box) {
            return;
        }
        float[] u = {0.25f, 0.5f, 0.75f};
        float[] du = {1e-30f, -3e-9f, 1e-5f};
        float[] d = new float[3];
        kernel.apply(u, du, d, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(du[i], d[i], 0f, name);
        }
    }

    @org.junit.jupiter.api.Test
    void reluAcrossTheKink() {
        float[] u = {0.5f, -0.5f, 0.5f, -0.5f, 0f};
        float[] du = {-1f, 1f, 0.25f, -0.25f, 1e-20f};
        float[] d = new float[5];
        Contrastive.reluDelta(u, du, d, 5);
        assertEquals(-0.5f, d[0]);
        assertEquals(0.5f, d[1]);
        assertEquals(0.25f, d[2]);
        assertEquals(0f, d[3]);
        assertEquals(1e-20f, d[4]);
    }

    @org.junit.jupiter.api.Test
    void softmaxNudgeMatchesDouble() {
        Random rng = new Random(3);
        int n = 3;
        int classes = 7;
        float[] free = new float[n * classes];
        float[] d = new float[n * classes];
        float[] du = new float[n * classes];
        for (int i = 0; i < free.length; i++) {
            free[i] = (float) (3 * rng.nextGaussian());
            d[i] = (float) (1e-3 * rng.nextGaussian());
            du[i] = (float) (1e-3 * rng.nextGaussian());
        }
        int[] labels = {0, 6, 3};
        float[] d0 = d.clone();
        float beta = -0.25f;
        Contrastive.nudgeSoftmax(free, du, labels, n, classes, beta, d);
        for (int r = 0; r < n; r++) {
            double sum = 0;
            for (int i = 0; i < classes; i++) {
                sum += Math.exp((double) free[r * classes + i] + d0[r * classes + i]);
            }
            for (int i = 0; i < classes; i++) {
                int k = r * classes + i;
                double p = Math.exp((double) free[k] + d0[k]) / sum;
                double expected = du[k] - beta * (p - (labels[r] == i ? 1 : 0));
                assertEquals(expected, d[k], 1e-6 * (1 + Math.abs(expected)));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void squaredErrorClampIsTheMinimiser() {
        // (â + βy)/(1 + β) − u with â = u + Δa
        float[] u = {0.5f, -2f, 3f};
        float[] y = {1f, 0f, -1f};
        float[] du = {0.1f, 0f, -0.2f};
        float beta = 0.5f;
        float[] expected = new float[3];
        for (int i = 0; i < 3; i++) {
            expected[i] = (u[i] + du[i] + beta * y[i]) / (1 + beta) - u[i];
        }
        Contrastive.nudgeSquaredError(u, y, beta, du, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], du[i], 1e-6f);
        }
        float[] free = {0.2f, 0.4f};
        float[] dd = {0.01f, -0.02f};
        float[] t = {1f, 0f};
        float[] inc = {0.3f, 0.3f};
        Contrastive.nudgeSquaredErrorSmooth(free, dd, t, 0.1f, inc, 2);
        assertEquals(0.3f - 0.1f * (0.21f - 1f), inc[0], 1e-6f);
        assertEquals(0.3f - 0.1f * 0.38f, inc[1], 1e-6f);
        float[] clamp = new float[2];
        Contrastive.hardClamp(free, t, clamp, 2);
        assertEquals(0.8f, clamp[0], 1e-7f);
        assertEquals(-0.4f, clamp[1], 1e-7f);
    }

    @org.junit.jupiter.api.Test
    void elementwiseAndEnergies() {
        float[] s = {1f, 2f, 3f, 4f};
        float[] a = {0.5f, 0.5f, 1f, 1f};
        float[] b = {0.1f, 0.2f};
        float[] out = new float[4];
        Contrastive.residual(s, a, b, 2, 2, out);
        assertEquals(0.4f, out[0], 1e-7f);
        assertEquals(1.3f, out[1], 1e-7f);
        assertEquals(1.9f, out[2], 1e-7f);
        assertEquals(2.8f, out[3], 1e-7f);
        assertEquals(0.5 * (0.25 + 2.25 + 4 + 9), Contrastive.halfSquaredDistance(s, a, 4), 1e-12);
        assertEquals(15, Contrastive.quadraticG(s, 4), 1e-12);
        assertEquals(8.5, Contrastive.dot(s, a, 4), 1e-12);
        float[] p = {0.25f, 1f, 0f};
        double sig = 0.25 * Math.log(0.25) + 0.75 * Math.log(0.75);
        assertEquals(sig, Contrastive.sigmoidG(p, 3), 1e-7);
        float[] t = {0.5f, -1f};
        double tanhG = 0.5 * (1.5 * Math.log(1.5) + 0.5 * Math.log(0.5)) + 0.5 * (2 * Math.log(2));
        assertEquals(tanhG, Contrastive.tanhG(t, 2), 1e-7);
        // cross-entropy agrees with the loss kernel
        float[] logits = {1f, -2f, 0.5f, 3f, 0f, -1f};
        int[] labels = {2, 0};
        double viaLoss = Losses.softmaxCrossEntropy(logits, labels, 2, 3, new float[6], new float[6]);
        assertEquals(viaLoss, Contrastive.crossEntropySum(logits, labels, 2, 3), 1e-6);
        assertTrue(Contrastive.crossEntropySum(logits, labels, 2, 3) > 0);
    }
}
