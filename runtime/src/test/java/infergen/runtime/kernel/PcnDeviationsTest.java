package infergen.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Deviations} and {@link StateVectors} against double-precision references, at tiny and large changes. */
class PcnDeviationsTest {

    private static double clip(double v, double lo, double hi) {
        return Math.min(hi, Math.max(lo, v));
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-7, 1e-4, 1e-1, 3})
    void changesAreAccurateForAnySize(double scale) {
        SplittableRandom random = new SplittableRandom(11);
        int len = 207;
        float[] a = new float[len];
        float[] da = new float[len];
        for (int i = 0; i < len; i++) {
            a[i] = (float) (2 * random.nextGaussian());
            da[i] = (float) (scale * random.nextGaussian());
        }
        float[] df = new float[len];
        float[] fp = new float[len];
        Deviations.relu(a, da, df, fp, len);
        for (int i = 0; i < len; i++) {
            double v = (double) a[i] + da[i];
            assertEquals(Math.max(0, v) - Math.max(0, a[i]), df[i], 1e-6 * Math.abs(da[i]) + 1e-7);
            assertEquals(v > 0 ? 1f : 0f, fp[i]);
        }
        Deviations.hardTanh(a, da, df, fp, len);
        for (int i = 0; i < len; i++) {
            double v = (double) a[i] + da[i];
            assertEquals(clip(v, -1, 1) - clip(a[i], -1, 1), df[i], 1e-6 * Math.abs(da[i]) + 1e-7);
        }
        Deviations.hardSigmoid(a, da, df, fp, len);
        Deviations.boxChange(a, da, fp, len, 0f, 1f);
        for (int i = 0; i < len; i++) {
            double v = (double) a[i] + da[i];
            assertEquals(clip(v, 0, 1) - clip(a[i], 0, 1), df[i], 1e-6 * Math.abs(da[i]) + 1e-7);
            assertEquals(df[i], fp[i]);
        }
        Deviations.sigmoid(a, da, df, fp, len);
        for (int i = 0; i < len; i++) {
            double v = (double) a[i] + da[i];
            double sv = 1 / (1 + Math.exp(-v));
            double exact = sv - 1 / (1 + Math.exp(-(double) a[i]));
            assertEquals(exact, df[i], 1e-6 * Math.abs(exact) + 1e-12);
            assertEquals(sv * (1 - sv), fp[i], 1e-6);
        }
        Deviations.tanh(a, da, df, fp, len);
        for (int i = 0; i < len; i++) {
            double v = (double) a[i] + da[i];
            double exact = Math.sinh(da[i]) / (Math.cosh(a[i]) * Math.cosh(v));
            assertEquals(exact, df[i], 1e-6 * Math.abs(exact) + 1e-12);
            assertEquals(1 - Math.tanh(v) * Math.tanh(v), fp[i], 1e-6);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 13, 207})
    void stateVectors(int len) {
        float[] x = new float[len];
        float[] y = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = i * 0.5f;
            y[i] = 1f - i;
        }
        float[] out = new float[len];
        StateVectors.difference(x, y, out, len);
        assertEquals(x[len - 1] - y[len - 1], out[len - 1]);
        StateVectors.sum(x, y, out, len);
        assertEquals(x[len - 1] + y[len - 1], out[len - 1]);
        StateVectors.product(x, y, out, len);
        assertEquals(x[len - 1] * y[len - 1], out[len - 1]);
        StateVectors.scale(-2f, x, out, len);
        assertEquals(-2f * x[len - 1], out[len - 1]);
        StateVectors.axpy(3f, x, out, len);
        assertEquals(x[len - 1], out[len - 1], 1e-5);
        double sq = 0;
        for (float v : x) {
            sq += (double) v * v;
        }
        assertEquals(sq, StateVectors.sumSquares(x, len), 1e-9 * sq);
    }
}
