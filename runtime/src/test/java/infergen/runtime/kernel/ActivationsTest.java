package infergen.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every activation's forward pass against the double function, and its backward pass against the derivative (with
 * the conventions at the kinks: relu'(0) = 0, the box derivatives are 0 on the bounds), on seeded random inputs
 * that include the kinks; only the first {@code len} elements are touched.
 */
class ActivationsTest {

    interface Forward {
        void apply(float[] a, float[] s, int len);
    }

    interface Backward {
        void apply(float[] x, float[] err, int len);
    }

    /** name, forward, f, backward, f' as a function of (a, s): the smooth ones take s = f(a) in backward. */
    static Stream<Arguments> activations() {
        return Stream.of(
                Arguments.of("relu", (Forward) Activations::relu, (DoubleUnaryOperator) a -> Math.max(0, a),
                        (Backward) Activations::reluBackward, false, (DoubleUnaryOperator) a -> a > 0 ? 1 : 0),
                Arguments.of("hardTanh", (Forward) Activations::hardTanh,
                        (DoubleUnaryOperator) a -> Math.min(1, Math.max(-1, a)),
                        (Backward) Activations::hardTanhBackward, false,
                        (DoubleUnaryOperator) a -> a > -1 && a < 1 ? 1 : 0),
                Arguments.of("hardSigmoid", (Forward) Activations::hardSigmoid,
                        (DoubleUnaryOperator) a -> Math.min(1, Math.max(0, a)),
                        (Backward) Activations::hardSigmoidBackward, false,
                        (DoubleUnaryOperator) a -> a > 0 && a < 1 ? 1 : 0),
                Arguments.of("sigmoid", (Forward) Activations::sigmoid,
                        (DoubleUnaryOperator) a -> 1 / (1 + Math.exp(-a)), (Backward) Activations::sigmoidBackward,
                        true, (DoubleUnaryOperator) a -> {
                            double s = 1 / (1 + Math.exp(-a));
                            return s * (1 - s);
                        }),
                Arguments.of("tanh", (Forward) Activations::tanh, (DoubleUnaryOperator) Math::tanh,
                        (Backward) Activations::tanhBackward, true, (DoubleUnaryOperator) a -> {
                            double t = Math.tanh(a);
                            return 1 - t * t;
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void forwardAndBackwardMatchDouble(String name, Forward forward, DoubleUnaryOperator f, Backward backward,
            boolean backwardTakesS, DoubleUnaryOperator df) {
        Random rnd = new Random(name.hashCode());
        int len = 1001;
        float[] a = new float[len + 3];
        float[] kinks = {0f, 1f, -1f, -0f, 1e-30f, -1e-30f, 30f, -30f, 100f, -100f};
        for (int i = 0; i < a.length; i++) {
            a[i] = i < kinks.length ? kinks[i] : (rnd.nextFloat() * 2 - 1) * 6f;
        }
        float[] s = new float[a.length];
        s[len] = s[len + 1] = s[len + 2] = 42f;
        forward.apply(a, s, len);
        for (int i = 0; i < len; i++) {
            double ref = f.applyAsDouble(a[i]);
            assertEquals(ref, s[i], 1e-6 * Math.max(1e-3, Math.abs(ref)), name + "(" + a[i] + ")");
        }
        assertEquals(42f, s[len], name + " wrote past len");

        float[] err = new float[a.length];
        for (int i = 0; i < err.length; i++) {
            err[i] = rnd.nextFloat() * 2 - 1;
        }
        float[] err0 = err.clone();
        backward.apply(backwardTakesS ? s : a, err, len);
        for (int i = 0; i < len; i++) {
            double ref = df.applyAsDouble(a[i]) * err0[i];
            assertEquals(ref, err[i], 2e-6 * Math.abs(err0[i]) + 1e-12, name + "' at a = " + a[i]);
        }
        assertEquals(err0[len], err[len], name + " backward wrote past len");
    }

    @Test
    void kinkConventions() {
        float[] a = {0f, -0f, 1f, -1f};
        float[] err = {1f, 1f, 1f, 1f};
        Activations.reluBackward(a, err, 4);
        assertEquals(0f, err[0], "relu'(0) = 0");
        assertEquals(0f, err[1], "relu'(-0) = 0");
        float[] e2 = {1f, 1f, 1f, 1f};
        Activations.hardTanhBackward(a, e2, 4);
        assertEquals(1f, e2[0]);
        assertEquals(0f, e2[2], "hardTanh'(1) = 0");
        assertEquals(0f, e2[3], "hardTanh'(-1) = 0");
        float[] e3 = {1f, 1f, 1f, 1f};
        Activations.hardSigmoidBackward(a, e3, 4);
        assertEquals(0f, e3[0], "hardSigmoid'(0) = 0");
        assertEquals(0f, e3[2], "hardSigmoid'(1) = 0");
    }

    @Test
    void forwardWorksInPlace() {
        float[] a = {-2f, -0.5f, 0.5f, 2f};
        Activations.hardTanh(a, a, 4);
        assertEquals(-1f, a[0]);
        assertEquals(-0.5f, a[1]);
        assertEquals(1f, a[3]);
        float[] b = {-2f, 3f};
        Activations.relu(b, b, 2);
        assertEquals(0f, b[0]);
        assertEquals(3f, b[1]);
    }

    /**
     * The vector loops ({@link VectorElementwise}, used by {@link Activations} and the fused epilogues) give the bits
     * of the scalar expressions on special values (NaN, signed zeros, infinities, the kinks and bounds) and random
     * ones, at a length with a scalar tail; and only the first {@code len} elements change.
     */
    @Test
    void vectorLoopsGiveTheScalarBits() {
        ElementwiseKernel vec = new VectorElementwise();
        float[] special = {Float.NaN, 0f, -0f, 1f, -1f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, -Float.MIN_VALUE, 0.5f, 1.0000001f, -1.0000001f, 0.99999994f, 3e38f, -3e38f};
        Random rnd = new Random(5);
        int len = 53;
        float[] a = new float[len + 3];
        for (int i = 0; i < a.length; i++) {
            a[i] = i < special.length ? special[i] : (float) (rnd.nextGaussian() * 2);
        }
        float[] g0 = new float[a.length];
        for (int i = 0; i < g0.length; i++) {
            g0[i] = (float) rnd.nextGaussian();
        }
        g0[3] = Float.NaN;
        for (Nonlinearity f : Nonlinearity.values()) {
            float[] act = new float[a.length];
            for (int i = 0; i < act.length; i++) {
                act[i] = f == Nonlinearity.SIGMOID ? (float) (1 / (1 + Math.exp(-a[i]))) : (float) Math.tanh(a[i]);
            }
            float[] s = act.clone(), want = act.clone();
            vec.activate(f, a, s, 0, len);
            for (int i = 0; i < len; i++) {
                want[i] = switch (f) {
                    case IDENTITY -> act[i]; // the identity touches nothing
                    case RELU -> Math.max(0f, a[i]);
                    case HARD_TANH -> Math.min(1f, Math.max(-1f, a[i]));
                    case HARD_SIGMOID -> Math.min(1f, Math.max(0f, a[i]));
                    case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-a[i])));
                    case TANH -> (float) Math.tanh(a[i]);
                };
            }
            assertBits(want, s, f + " forward");
            float[] g = g0.clone(), wantG = g0.clone();
            vec.derivative(f, a, act, g, 0, len);
            for (int i = 0; i < len; i++) {
                wantG[i] = switch (f) {
                    case IDENTITY -> g0[i];
                    case RELU -> a[i] > 0f ? g0[i] : 0f;
                    case HARD_TANH -> a[i] > -1f && a[i] < 1f ? g0[i] : 0f;
                    case HARD_SIGMOID -> a[i] > 0f && a[i] < 1f ? g0[i] : 0f;
                    case SIGMOID -> g0[i] * (act[i] * (1f - act[i]));
                    case TANH -> g0[i] * (1f - act[i] * act[i]);
                };
            }
            assertBits(wantG, g, f + " derivative");
        }
        for (float beta : new float[] {1e-6f, 0.01f, 0.5f, 3f}) {
            float[] g = g0.clone(), wantG = g0.clone();
            vec.fenchel(Nonlinearity.RELU, a, beta, g, 0, len);
            for (int i = 0; i < len; i++) {
                wantG[i] = FenchelTargets.relu(a[i], g0[i], beta);
            }
            assertBits(wantG, g, "relu Fenchel error, β = " + beta);
        }
        float[] bias = new float[a.length];
        for (int i = 0; i < bias.length; i++) {
            bias[i] = (float) rnd.nextGaussian();
        }
        float[] sum = a.clone(), want = a.clone();
        vec.addBias(sum, 2, bias, 1, len);
        for (int t = 0; t < len; t++) {
            want[2 + t] += bias[1 + t];
        }
        assertBits(want, sum, "bias");
    }

    /**
     * The vector column sums give the bits of the scalar loop (each column from +0 in row order, then one
     * multiplication), with signed zeros, NaN, infinities and overflow in the data, for widths with a four-vector
     * panel, single vectors and a scalar tail; elements of {@code out} beyond n are untouched.
     */
    @Test
    void columnSumsGiveTheScalarBits() {
        ElementwiseKernel vec = new VectorElementwise();
        int lanes = VectorGemm.SPECIES.length();
        Random rnd = new Random(11);
        for (int n : new int[] {1, lanes - 1, lanes, 4 * lanes, 5 * lanes + 3, 9 * lanes + 7}) {
            for (int m : new int[] {1, 2, 50}) {
                float[] a = new float[m * n];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) (rnd.nextGaussian() * 3);
                }
                a[0] = -0f;
                if (a.length > 5) {
                    a[a.length - 1] = Float.NaN;
                    a[a.length / 2] = Float.POSITIVE_INFINITY;
                    a[a.length / 3] = 3e38f;
                }
                for (float alpha : new float[] {1f, 1f / m, -0.3f}) {
                    float[] want = new float[n + 2], got = new float[n + 2];
                    want[n] = got[n] = 7f;
                    for (int j = 0; j < n; j++) {
                        float s = 0f;
                        for (int i = 0; i < m; i++) {
                            s += a[i * n + j];
                        }
                        want[j] = s * alpha;
                    }
                    vec.columnSums(m, n, alpha, a, got);
                    assertBits(want, got, "column sums " + m + " × " + n + ", alpha " + alpha);
                }
            }
        }
    }

    /** {@code allFinite} finds a NaN or an infinity wherever it is, in the vector body or the tail, and only there. */
    @Test
    void allFiniteFindsEveryNonFiniteValue() {
        ElementwiseKernel vec = new VectorElementwise();
        int len = 37;
        float[] a = new float[len + 1];
        java.util.Arrays.fill(a, Float.MAX_VALUE);
        a[len] = Float.NaN; // beyond len: not looked at
        org.junit.jupiter.api.Assertions.assertTrue(vec.allFinite(a, len));
        org.junit.jupiter.api.Assertions.assertTrue(Vectors.allFinite(a, len));
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            for (int at = 0; at < len; at++) {
                float[] b = a.clone();
                b[at] = bad;
                org.junit.jupiter.api.Assertions.assertFalse(vec.allFinite(b, len), bad + " at " + at);
            }
        }
    }

    private static void assertBits(float[] want, float[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]),
                    what + ", element " + i + ": " + want[i] + " vs " + got[i]);
        }
    }
}
