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
}
