package infergen.runtime.kernel;

/**
 * The Fenchel back-propagation error of one unit (docs/methods.md §2): with the target {@code ŝ = f(a − βg)},
 * {@code δ̃ = (f(a) − ŝ) / β}. Each method evaluates it in a form without cancellation, so that it stays accurate
 * in float32 for any β (the naive difference loses all digits at β = 1e-6): box activations branch on the regions
 * of {@code a} and {@code v = a − βg} and return exactly {@code g} on the linear piece; smooth activations use
 * {@code expm1} and {@code sinh} identities, evaluated in double.
 */
public final class FenchelTargets {

    private FenchelTargets() {
    }

    /** ReLU: {@code g} where a and v are both positive, 0 where both are ≤ 0, {@code a/β} or {@code g − a/β} across the kink. */
    public static float relu(float a, float g, float beta) {
        float v = a - beta * g;
        if (a > 0f) {
            return v > 0f ? g : a / beta;
        }
        return v > 0f ? g - a / beta : 0f;
    }

    /** Hard tanh, f = clip(·, −1, 1). */
    public static float hardTanh(float a, float g, float beta) {
        return box(a, g, beta, -1f, 1f);
    }

    /** Hard sigmoid, f = clip(·, 0, 1). */
    public static float hardSigmoid(float a, float g, float beta) {
        return box(a, g, beta, 0f, 1f);
    }

    private static float box(float a, float g, float beta, float lo, float hi) {
        // v in double: the product of two floats is exact, and the difference keeps the digits of βg that float
        // spacing near ±1 (6e-8) would drop; at β = 1e-6 a float v lost ~10% of δ̃ across a bound at ±1.
        double v = a - (double) beta * g;
        boolean aInside = a > lo && a < hi;
        boolean vInside = v > lo && v < hi;
        if (aInside && vInside) {
            return g;
        }
        double fa = Math.min(hi, Math.max(lo, a));
        double fv = Math.min(hi, Math.max(lo, v));
        if (fa == fv) {
            return 0f;
        }
        // Across a bound one of the two sits on it: the difference is a distance to the bound, with no cancellation.
        return (float) ((fa - fv) / beta);
    }

    /** Sigmoid: {@code δ̃ = σ(a) σ(−v) (−expm1(−βg)) / β}. */
    public static float sigmoid(float a, float g, float beta) {
        double bg = (double) beta * g;
        double v = a - bg;
        double sa = 1.0 / (1.0 + Math.exp(-a));
        double smv = 1.0 / (1.0 + Math.exp(v));
        return (float) (sa * smv * -Math.expm1(-bg) / beta);
    }

    /** Tanh: {@code δ̃ = sinh(βg) / (β cosh(a) cosh(v))}. */
    public static float tanh(float a, float g, float beta) {
        double bg = (double) beta * g;
        double v = a - bg;
        return (float) (Math.sinh(bg) / (beta * Math.cosh(a) * Math.cosh(v)));
    }

    /**
     * The Fenchel error at a softmax output under cross-entropy with label {@code label}, for one sample: the
     * target is {@code ŝ = softmax(a − βg)} with {@code g = −y / p}, so only {@code g_label = −1/p_label} is non-zero.
     * With {@code c = p_y expm1(β / p_y)} and {@code r = c / (1 + c)}, {@code δ̃_i = p_i r / β} for {@code i ≠ y} and
     * {@code δ̃_y = −(1 − p_y) r / β}; as β → 0 this is {@code p − y}. Overwrites {@code err[off .. off+len)}.
     *
     * @param p softmax probabilities of the sample, at {@code p[off .. off+len)}
     */
    public static void softmaxCrossEntropy(float[] p, int off, int len, int label, float beta, float[] err) {
        double py = p[off + label];
        double c = py > 0.0 ? py * Math.expm1(beta / py) : Double.POSITIVE_INFINITY;
        double r = Double.isInfinite(c) ? 1.0 : c / (1.0 + c);
        double scale = r / beta;
        for (int i = 0; i < len; i++) {
            err[off + i] = (float) (p[off + i] * scale);
        }
        err[off + label] = (float) (-(1.0 - py) * scale);
    }
}
