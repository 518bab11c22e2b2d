package infergen.runtime.kernel;

/**
 * Deviations of an activation from its forward-pass value, for the inference rules that relax the activities away
 * from the forward pass (docs/methods.md §3–5): given the forward pre-activation {@code a} and a small change
 * {@code da}, writes {@code df = f(a + da) − f(a)} and the slope {@code fp = f'(a + da)}, elementwise over the first
 * {@code len} values.
 *
 * <p>The difference is evaluated without cancellation, so that it stays accurate in float32 when {@code da} is many
 * orders of magnitude smaller than {@code a} (the nudged states of docs/methods.md §10 differ from the forward pass by
 * O(β)): box activations return exactly {@code da} on the linear piece and 0 on a saturated side, and a distance to
 * the bound across it; sigmoid and tanh use {@code expm1} and {@code sinh} identities in double.
 */
public final class Deviations {

    private Deviations() {
    }

    /** ReLU: {@code df = max(0, a + da) − max(0, a)}, {@code fp = [a + da > 0]} (relu'(0) = 0). */
    public static void relu(float[] a, float[] da, float[] df, float[] fp, int len) {
        box(a, da, df, fp, len, 0f, Float.POSITIVE_INFINITY);
    }

    /** Hard tanh, {@code f = clip(·, −1, 1)}. */
    public static void hardTanh(float[] a, float[] da, float[] df, float[] fp, int len) {
        box(a, da, df, fp, len, -1f, 1f);
    }

    /** Hard sigmoid, {@code f = clip(·, 0, 1)}. */
    public static void hardSigmoid(float[] a, float[] da, float[] df, float[] fp, int len) {
        box(a, da, df, fp, len, 0f, 1f);
    }

    /** {@code df = clip(a + da) − clip(a)} for one value, without cancellation. */
    public static float box(float a, float da, float lo, float hi) {
        float v = a + da;
        boolean aInside = a > lo && a < hi;
        boolean vInside = v > lo && v < hi;
        if (aInside && vInside) {
            return da;
        }
        float fa = Math.min(hi, Math.max(lo, a));
        float fv = Math.min(hi, Math.max(lo, v));
        // Across a bound one of the two sits on it: the difference is a distance to the bound.
        return fv - fa;
    }

    /** {@code df = clip(a + da, lo, hi) − clip(a, lo, hi)}, elementwise, without the slopes. */
    public static void boxChange(float[] a, float[] da, float[] df, int len, float lo, float hi) {
        for (int i = 0; i < len; i++) {
            df[i] = box(a[i], da[i], lo, hi);
        }
    }

    private static void box(float[] a, float[] da, float[] df, float[] fp, int len, float lo, float hi) {
        for (int i = 0; i < len; i++) {
            float v = a[i] + da[i];
            df[i] = box(a[i], da[i], lo, hi);
            fp[i] = v > lo && v < hi ? 1f : 0f;
        }
    }

    /** Sigmoid: {@code df = σ(a) σ(−a − da) expm1(da)}, {@code fp = σ(v)(1 − σ(v))} at {@code v = a + da}. */
    public static void sigmoid(float[] a, float[] da, float[] df, float[] fp, int len) {
        for (int i = 0; i < len; i++) {
            double v = (double) a[i] + da[i];
            double sa = 1.0 / (1.0 + Math.exp(-a[i]));
            double smv = 1.0 / (1.0 + Math.exp(v));
            df[i] = (float) (sa * smv * Math.expm1(da[i]));
            fp[i] = (float) (smv * (1.0 - smv));
        }
    }

    /** Tanh: {@code df = sinh(da) / (cosh(a) cosh(a + da))}, {@code fp = 1 − tanh²(a + da)}. */
    public static void tanh(float[] a, float[] da, float[] df, float[] fp, int len) {
        for (int i = 0; i < len; i++) {
            double v = (double) a[i] + da[i];
            double cv = Math.cosh(v);
            df[i] = (float) (Math.sinh(da[i]) / (Math.cosh(a[i]) * cv));
            fp[i] = (float) (1.0 / (cv * cv));
        }
    }

}
