package infergen.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link LiftedProx} against the closed forms of docs/methods.md §5 and {@link SpectralNorm} against known norms. */
class LpomKernelsTest {

    @ParameterizedTest
    @ValueSource(floats = {1e-4f, 0.3f, 5f})
    void proxIsTheClosedFormInDeviations(float lambda) {
        SplittableRandom random = new SplittableRandom(3);
        int len = 101;
        float[] a = new float[len];
        float[] s = new float[len];
        float[] da = new float[len];
        float[] pull = new float[len];
        float[] d = new float[len];
        float[] dv = new float[len];
        for (int i = 0; i < len; i++) {
            a[i] = (float) random.nextGaussian();
            s[i] = Math.max(0f, a[i]);
            da[i] = (float) (0.3 * random.nextGaussian());
            pull[i] = a[i] - s[i] + da[i];
            dv[i] = (float) (0.3 * random.nextGaussian());
            d[i] = dv[i];
        }
        LiftedProx.prox(s, pull, lambda, d, len, 0f, Float.POSITIVE_INFINITY);
        for (int i = 0; i < len; i++) {
            double v = (double) s[i] + dv[i];
            double expected = Math.max(0, (v + lambda * ((double) a[i] + da[i])) / (1 + lambda)) - s[i];
            assertEquals(expected, d[i], 1e-6);
        }
    }

    @Test
    void gapIsTheFenchelYoungGapOfRelu() {
        SplittableRandom random = new SplittableRandom(5);
        int len = 57;
        float[] a = new float[len];
        float[] s = new float[len];
        float[] da = new float[len];
        float[] df = new float[len];
        float[] d = new float[len];
        double expected = 0;
        for (int i = 0; i < len; i++) {
            a[i] = (float) random.nextGaussian();
            s[i] = Math.max(0f, a[i]);
            da[i] = (float) (0.5 * random.nextGaussian());
            df[i] = Deviations.box(a[i], da[i], 0f, Float.POSITIVE_INFINITY);
            d[i] = Math.max(-s[i], (float) (0.5 * random.nextGaussian()));
            double an = (double) a[i] + da[i];
            double sn = (double) s[i] + d[i];
            // G(s) + G*(a) − s·a with G = ½s² + ι(s ≥ 0), G* = ½[a]₊²
            expected += 0.5 * sn * sn + 0.5 * Math.max(0, an) * Math.max(0, an) - sn * an;
        }
        double gap = LiftedProx.gap(a, s, da, df, d, len);
        assertEquals(expected, gap, 1e-5 * Math.abs(expected) + 1e-6);
        assertTrue(gap >= 0);
        java.util.Arrays.fill(da, 0f);
        double atForward = 0;
        for (int i = 0; i < len; i++) {
            double sn = (double) s[i] + d[i];
            atForward += 0.5 * sn * sn + 0.5 * s[i] * s[i] - sn * a[i];
        }
        assertEquals(atForward, LiftedProx.gapAtForward(a, s, d, len), 1e-5 * Math.abs(atForward) + 1e-6);
    }

    @Test
    void extrapolateMovesPastTheNewIterate() {
        float[] x = {1f, 2f};
        float[] xNew = {2f, 0f};
        float[] y = new float[2];
        LiftedProx.extrapolate(x, xNew, 0.5f, y, 2);
        assertEquals(2.5f, y[0]);
        assertEquals(-1f, y[1]);
        assertEquals(2f, x[0]);
        assertEquals(0f, x[1]);
    }

    @Test
    void spectralNormOfKnownMatrices() {
        // diag(3, 1, 0.5) padded to 3 × 4: ‖W‖² = 9
        float[] w = {3f, 0f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 0f, 0.5f, 0f};
        float[] u = new float[3];
        float[] v = new float[4];
        assertEquals(9f, SpectralNorm.squared(w, 3, 4, u, v, 50), 1e-4f);
        // a random matrix: the estimate is below the Frobenius norm and stable under warm restarts
        SplittableRandom random = new SplittableRandom(1);
        float[] g = new float[20 * 13];
        double frob = 0;
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) random.nextGaussian();
            frob += (double) g[i] * g[i];
        }
        float[] gu = new float[20];
        float[] gv = new float[13];
        float first = SpectralNorm.squared(g, 20, 13, gu, gv, 200);
        float again = SpectralNorm.squared(g, 20, 13, gu, gv, 2);
        assertTrue(first <= frob);
        assertEquals(first, again, 1e-4f * first);
    }
}
