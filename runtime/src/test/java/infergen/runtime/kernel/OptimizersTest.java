package infergen.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Adam and SGD against a double-precision reference over several steps (PyTorch's update rules). */
class OptimizersTest {

    static Stream<Arguments> adamCases() {
        // seed, len, lr, beta1, beta2, epsilon
        return Stream.of(
                Arguments.of(1L, 1, 1e-3f, 0.9f, 0.999f, 1e-8f), Arguments.of(2L, 37, 1e-3f, 0.9f, 0.999f, 1e-8f),
                Arguments.of(3L, 1000, 1e-2f, 0.8f, 0.99f, 1e-6f), Arguments.of(4L, 17, 0.1f, 0.5f, 0.9f, 1e-3f));
    }

    @ParameterizedTest(name = "seed={0} len={1} lr={2} b1={3} b2={4} eps={5}")
    @MethodSource("adamCases")
    void adamMatchesDoubleReference(long seed, int len, float lr, float beta1, float beta2, float epsilon) {
        Random rnd = new Random(seed);
        float[] p = new float[len];
        double[] pd = new double[len];
        for (int i = 0; i < len; i++) {
            p[i] = (rnd.nextFloat() * 2 - 1);
            pd[i] = p[i];
        }
        float[] m = new float[len];
        float[] v = new float[len];
        double[] md = new double[len];
        double[] vd = new double[len];
        double[] mScale = new double[len]; // the same average of |g|: m cancels, its rounding error does not
        int steps = 12;
        for (int t = 1; t <= steps; t++) {
            float[] g = new float[len];
            for (int i = 0; i < len; i++) {
                // Mixed scales, and some exact zeros (v = 0 must not divide by zero).
                g[i] = i % 7 == 3 ? 0f : (rnd.nextFloat() * 2 - 1) * (float) Math.pow(10, rnd.nextInt(5) - 2);
            }
            float bc1 = (float) (1 - Math.pow(beta1, t));
            float bc2 = (float) (1 - Math.pow(beta2, t));
            Optimizers.adam(p, g, m, v, len, lr, beta1, beta2, epsilon, bc1, bc2);
            for (int i = 0; i < len; i++) {
                md[i] = beta1 * md[i] + (1 - (double) beta1) * g[i];
                mScale[i] = beta1 * mScale[i] + (1 - (double) beta1) * Math.abs(g[i]);
                vd[i] = beta2 * vd[i] + (1 - (double) beta2) * g[i] * (double) g[i];
                double mHat = md[i] / (1 - Math.pow(beta1, t));
                double vHat = vd[i] / (1 - Math.pow(beta2, t));
                pd[i] -= lr * mHat / (Math.sqrt(vHat) + epsilon);
            }
        }
        for (int i = 0; i < len; i++) {
            assertTrue(Float.isFinite(p[i]), "p[" + i + "] = " + p[i]);
            assertEquals(md[i], m[i], 1e-6 * mScale[i] + 1e-12, "m[" + i + "]");
            assertEquals(vd[i], v[i], 1e-5 * Math.abs(vd[i]) + 1e-18, "v[" + i + "]");
            // Each step moves p by at most ~lr; allow a small relative error of every step's update.
            assertEquals(pd[i], p[i], 1e-4 * lr * steps + 1e-6 * Math.abs(pd[i]), "p[" + i + "]");
        }
    }

    @Test
    void adamFirstStepMovesEachParameterByLrTimesTheSignOfItsGradient() {
        // At t = 1, m̂ = g and v̂ = g², so the step is lr · g / (|g| + eps) ≈ lr · sign(g).
        float[] p = {0f, 0f, 0f};
        float[] g = {3f, -0.01f, 0f};
        Optimizers.adam(p, g, new float[3], new float[3], 3, 0.5f, 0.9f, 0.999f, 1e-8f, 0.1f, 0.001f);
        assertArrayEquals(new float[] {-0.5f, 0.5f, 0f}, p, 1e-5f);
    }

    static Stream<Arguments> sgdCases() {
        return Stream.of(Arguments.of(1L, 1, 0.1f, 0.9f), Arguments.of(2L, 100, 0.01f, 0.0f),
                Arguments.of(3L, 33, 0.5f, 0.99f));
    }

    @ParameterizedTest(name = "seed={0} len={1} lr={2} momentum={3}")
    @MethodSource("sgdCases")
    void sgdWithAndWithoutMomentumMatchDoubleReference(long seed, int len, float lr, float momentum) {
        Random rnd = new Random(seed);
        float[] p = new float[len];
        float[] plain = new float[len];
        double[] pd = new double[len];
        double[] plainD = new double[len];
        for (int i = 0; i < len; i++) {
            p[i] = plain[i] = rnd.nextFloat();
            pd[i] = plainD[i] = p[i];
        }
        float[] vel = new float[len];
        double[] veld = new double[len];
        for (int t = 0; t < 10; t++) {
            float[] g = new float[len];
            for (int i = 0; i < len; i++) {
                g[i] = rnd.nextFloat() * 2 - 1;
            }
            Optimizers.sgdMomentum(p, g, vel, len, lr, momentum);
            Optimizers.sgd(plain, g, len, lr);
            for (int i = 0; i < len; i++) {
                veld[i] = momentum * veld[i] + g[i];
                pd[i] -= lr * veld[i];
                plainD[i] -= lr * (double) g[i];
            }
        }
        for (int i = 0; i < len; i++) {
            assertEquals(veld[i], vel[i], 1e-5 * (1 + Math.abs(veld[i])), "vel[" + i + "]");
            assertEquals(pd[i], p[i], 1e-5 * (1 + Math.abs(pd[i])), "p[" + i + "]");
            assertEquals(plainD[i], plain[i], 1e-5 * (1 + Math.abs(plainD[i])), "sgd p[" + i + "]");
        }
    }

    /** A momentum velocity that decays below the smallest normal float is stored as zero, as Adam's moments are. */
    @Test
    void sgdMomentumFlushesSubnormalVelocities() {
        float[] p = {1f, 1f};
        float[] vel = {1.25e-38f, 1f};
        Optimizers.sgdMomentum(p, new float[2], vel, 2, 0.1f, 0.9f);
        assertEquals(0f, vel[0], "0.9 · 1.25e-38 is subnormal");
        assertEquals(0.9f, vel[1]);
        assertEquals(1f, p[0]);
        assertEquals(1f - 0.1f * 0.9f, p[1]);
    }

    /**
     * A dead unit's velocity (gradient zero) decays by μ each step: negative or positive, it is never stored subnormal
     * and reaches exactly zero, while a velocity of exactly the smallest normal float, and a normal one plus a subnormal
     * gradient, are kept.
     */
    @Test
    void sgdMomentumNeverStoresASubnormalVelocity() {
        float[] p = {1f, 1f};
        float[] vel = {1e-30f, -1e-30f};
        float[] g = {0f, -0f};
        boolean[] reachedZero = new boolean[2];
        for (int step = 0; step < 300; step++) { // 0.9^175 · 1e-30 is below 1.2e-38
            Optimizers.sgdMomentum(p, g, vel, 2, 0.1f, 0.9f);
            for (int i = 0; i < 2; i++) {
                assertTrue(vel[i] == 0f || Math.abs(vel[i]) >= Float.MIN_NORMAL, "velocity " + i + " = " + vel[i]);
                reachedZero[i] |= vel[i] == 0f;
            }
        }
        assertTrue(reachedZero[0] && reachedZero[1]);
        assertEquals(0, Float.floatToRawIntBits(vel[0]), "stored as +0");
        float[] q = {1f, 1f};
        float[] w = {Float.MIN_NORMAL, -2e-38f};
        Optimizers.sgdMomentum(q, new float[] {0f, 1e-39f}, w, 2, 0.1f, 1f);
        assertEquals(Float.MIN_NORMAL, w[0], "exactly the smallest normal float: kept");
        assertEquals(-2e-38f + 1e-39f, w[1], "normal after adding a subnormal gradient: kept");
        assertEquals(1f - 0.1f * Float.MIN_NORMAL, q[0]);
    }

    @Test
    void updatesOnlyTheFirstLenElements() {
        float[] p = {1f, 1f, 1f};
        float[] g = {1f, 1f, 1f};
        Optimizers.sgd(p, g, 2, 0.5f);
        assertArrayEquals(new float[] {0.5f, 0.5f, 1f}, p);
        float[] m = new float[3];
        float[] v = new float[3];
        Optimizers.adam(p, g, m, v, 1, 0.1f, 0.9f, 0.999f, 1e-8f, 0.1f, 0.001f);
        assertEquals(1f, p[2]);
        assertEquals(0f, m[1]);
        assertEquals(0f, v[2]);
    }

    /** The vector Adam loop and the scalar one give the same bits, at awkward lengths and with tiny moments. */
    @Test
    void vectorAdamEqualsScalarAndFlushesSubnormalMoments() {
        Random rnd = new Random(5);
        for (int len : new int[] {1, 13, 207, 4098, 40_001}) {
            float[][] s = new float[4][len];
            for (int i = 0; i < len; i++) {
                s[0][i] = rnd.nextFloat() - 0.5f;
                s[1][i] = i % 3 == 0 ? 0f : (rnd.nextFloat() - 0.5f) * 1e-3f;
                s[2][i] = i % 5 == 0 ? 2e-38f : (rnd.nextFloat() - 0.5f) * 1e-4f;
                s[3][i] = i % 7 == 0 ? 1.1e-38f : rnd.nextFloat() * 1e-8f;
            }
            float[][] v = {s[0].clone(), s[1].clone(), s[2].clone(), s[3].clone()};
            for (int step = 1; step <= 3; step++) {
                float bc1 = (float) (1 - Math.pow(0.9, step)), bc2 = (float) (1 - Math.pow(0.999, step));
                float stepSize = 1e-3f / bc1, inv = (float) (1.0 / Math.sqrt(bc2));
                new ScalarAdam().adam(s[0], s[1], s[2], s[3], 0, len, stepSize, 0.9f, 0.999f, 1e-8f, inv);
                new VectorAdam().adam(v[0], v[1], v[2], v[3], 0, len, stepSize, 0.9f, 0.999f, 1e-8f, inv);
                for (int a = 0; a < 4; a++) {
                    assertArrayEquals(s[a], v[a], "array " + a + ", length " + len + ", step " + step);
                }
            }
            for (int i = 0; i < len; i++) {
                assertTrue(s[2][i] == 0f || Math.abs(s[2][i]) >= Float.MIN_NORMAL, "m is never subnormal");
                assertTrue(s[3][i] == 0f || s[3][i] >= Float.MIN_NORMAL, "v is never subnormal");
            }
        }
    }
}
