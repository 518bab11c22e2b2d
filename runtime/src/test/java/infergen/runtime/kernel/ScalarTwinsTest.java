package infergen.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scalar twins {@link ScalarElementwise} and {@link ScalarAdam} (the kernels of a JVM without
 * {@code jdk.incubator.vector}) against the Vector API kernels, bit for bit, at lengths 1, 13, 207 and 4098 (below one
 * vector, a vector body with a tail, several, and many with a two-element tail), on ranges that start off the array's
 * start, with NaN, signed zeros, infinities, subnormals, the activations' kinks and bounds and overflowing values
 * among random ones; elements outside the range must be left alone by both.
 */
class ScalarTwinsTest {

    private static final int[] SIZES = {1, 13, 207, 4098};
    private static final float[] SPECIAL = {Float.NaN, 0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.MIN_VALUE, -Float.MIN_VALUE, 1e-39f, -3e-39f, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1f, -1f, 0.5f,
        1.0000001f, -1.0000001f, 0.99999994f, -0.99999994f, 3e38f, -3e38f, Float.MAX_VALUE, -Float.MAX_VALUE};
    private static final int OFF = 3, PAD = 2;

    private final ElementwiseKernel scalar = new ScalarElementwise();
    private final ElementwiseKernel vector = new VectorElementwise();

    /** Random values of scale {@code scale}, with a special value at every fifth element (cycling through them). */
    private static float[] data(Random rnd, int len, double scale) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = i % 5 == 2 ? SPECIAL[(i / 5 + rnd.nextInt(3)) % SPECIAL.length] : (float) (rnd.nextGaussian() * scale);
        }
        return x;
    }

    @Test
    void activationsAndDerivatives() {
        Random rnd = new Random(1);
        for (int len : SIZES) {
            int total = OFF + len + PAD;
            float[] a = data(rnd, total, 2), s0 = data(rnd, total, 1), g0 = data(rnd, total, 1);
            for (Nonlinearity f : Nonlinearity.values()) {
                float[] ss = s0.clone(), sv = s0.clone();
                scalar.activate(f, a, ss, OFF, OFF + len);
                vector.activate(f, a, sv, OFF, OFF + len);
                assertBits(ss, sv, f + " forward, length " + len);
                float[] gs = g0.clone(), gv = g0.clone();
                scalar.derivative(f, a, s0, gs, OFF, OFF + len);
                vector.derivative(f, a, s0, gv, OFF, OFF + len);
                assertBits(gs, gv, f + " derivative, length " + len);
                for (float beta : new float[] {1e-6f, 0.01f, 0.5f, 3f}) {
                    float[] fs = g0.clone(), fv = g0.clone();
                    scalar.fenchel(f, a, beta, fs, OFF, OFF + len);
                    vector.fenchel(f, a, beta, fv, OFF, OFF + len);
                    assertBits(fs, fv, f + " Fenchel error, β = " + beta + ", length " + len);
                }
            }
            float[] bias = data(rnd, total, 1);
            float[] bs = a.clone(), bv = a.clone();
            scalar.addBias(bs, OFF, bias, 1, len);
            vector.addBias(bv, OFF, bias, 1, len);
            assertBits(bs, bv, "bias, length " + len);
        }
    }

    @Test
    void columnSumsAndAllFinite() {
        Random rnd = new Random(2);
        for (int n : SIZES) {
            for (int m : new int[] {1, 2, 13}) {
                float[] a = data(rnd, m * n, 3);
                for (float alpha : new float[] {1f, 1f / m, -0.3f, 1e-39f}) {
                    float[] os = new float[n + PAD], ov = new float[n + PAD];
                    os[n] = ov[n] = 7f;
                    scalar.columnSums(m, n, alpha, a, os);
                    vector.columnSums(m, n, alpha, a, ov);
                    assertBits(os, ov, "column sums " + m + " × " + n + ", alpha " + alpha);
                }
            }
            float[] finite = new float[n + 1];
            for (int i = 0; i < n; i++) {
                finite[i] = i % 3 == 0 ? Float.MIN_VALUE : i % 3 == 1 ? -Float.MAX_VALUE : -0f;
            }
            finite[n] = Float.NaN; // beyond len
            assertEquals(true, scalar.allFinite(finite, n));
            assertEquals(true, vector.allFinite(finite, n));
            for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                for (int at : new int[] {0, n / 2, n - 1}) {
                    float[] x = finite.clone();
                    x[at] = bad;
                    assertEquals(false, scalar.allFinite(x, n), bad + " at " + at + " of " + n);
                    assertEquals(false, vector.allFinite(x, n), bad + " at " + at + " of " + n);
                }
            }
        }
    }

    /** Three Adam steps with both kernels, gradients and moments with special values (moments flushed alike). */
    @Test
    void adam() {
        Random rnd = new Random(3);
        AdamKernel s = new ScalarAdam(), v = new VectorAdam();
        float[][] hyper = {{1e-3f, 0.9f, 0.999f, 1e-8f}, {0.5f, 0f, 0.5f, 1e-30f}};
        for (int len : SIZES) {
            int total = OFF + len + PAD;
            for (float[] h : hyper) {
                float[] p0 = data(rnd, total, 1), g = data(rnd, total, 1e-3), m0 = data(rnd, total, 1e-4);
                float[] v0 = data(rnd, total, 1e-8);
                for (int i = 0; i < total; i++) {
                    v0[i] = i % 7 == 0 ? 1.1e-38f : i % 11 == 0 ? -0f : Math.abs(v0[i]);
                    g[i] = i % 3 == 0 ? 0f : g[i]; // dead units: moments decay into the flushed range
                }
                float[][] sa = {p0.clone(), m0.clone(), v0.clone()}, va = {p0.clone(), m0.clone(), v0.clone()};
                for (int step = 1; step <= 3; step++) {
                    float bc1 = (float) (1 - Math.pow(h[1], step)), bc2 = (float) (1 - Math.pow(h[2], step));
                    float stepSize = h[0] / bc1, inv = (float) (1.0 / Math.sqrt(bc2));
                    s.adam(sa[0], g, sa[1], sa[2], OFF, OFF + len, stepSize, h[1], h[2], h[3], inv);
                    v.adam(va[0], g, va[1], va[2], OFF, OFF + len, stepSize, h[1], h[2], h[3], inv);
                    for (int k = 0; k < 3; k++) {
                        assertBits(sa[k], va[k], "Adam array " + k + ", step " + step + ", length " + len
                                + ", β₁ " + h[1]);
                    }
                }
            }
        }
    }

    /**
     * Bit for bit, except that any NaN equals any NaN: the SIMD and the scalar units may propagate different NaN
     * payloads (which NaN operand wins is not specified), and no result of ours depends on a payload.
     */
    /**
     * Max pooling, windows 1 to 4 (the vector kernel shuffles 2 × 2 windows, the others are the scalar loop), output
     * widths 1 to 40 around the vector length, on data with ties (values rounded to quarters), NaN, signed zeros and
     * infinities: the same maxima bit for bit and the same recorded positions; outputs beyond the plane untouched.
     */
    @Test
    void maxPool() {
        Random rnd = new Random(5);
        for (int r = 1; r <= 4; r++) {
            for (int pw = 1; pw <= 40; pw++) {
                int ph = 1 + rnd.nextInt(3), cw = pw * r + rnd.nextInt(r), rows = ph * r;
                float[] map = data(rnd, OFF + rows * cw + PAD, 1);
                for (int i = 0; i < map.length; i++) {
                    if (i % 3 == 0 && !Float.isNaN(map[i])) {
                        map[i] = Math.round(map[i] * 4) / 4f;
                    }
                }
                float[] a0 = new float[ph * pw + 2 * PAD], a1 = a0.clone();
                int[] m0 = new int[a0.length], m1 = new int[a0.length];
                java.util.Arrays.fill(a0, 7f);
                java.util.Arrays.fill(a1, 7f);
                java.util.Arrays.fill(m0, -1);
                java.util.Arrays.fill(m1, -1);
                scalar.maxPool(map, OFF, cw, r, ph, pw, a0, m0, PAD);
                vector.maxPool(map, OFF, cw, r, ph, pw, a1, m1, PAD);
                String what = "maxPool r = " + r + ", " + ph + " × " + pw + " from width " + cw;
                assertBits(a0, a1, what);
                assertEquals(java.util.Arrays.toString(m0), java.util.Arrays.toString(m1), what + ": positions");
                assertEquals(-1, m1[0], what);
                assertEquals(-1, m1[m1.length - 1], what);
            }
        }
    }

    static void assertBits(float[] want, float[] got, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            if (Float.floatToIntBits(want[i]) != Float.floatToIntBits(got[i])) {
                assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]),
                        what + ", element " + i + ": " + want[i] + " vs " + got[i]);
            }
        }
    }
}
