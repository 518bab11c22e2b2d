package infergen.runtime.kernel;

/**
 * Kernels of the contrastive rules (contrastive Hebbian learning, convex CHL, equilibrium propagation; docs/methods.md
 * §6–8). Their clamped (nudged) phase is computed as the difference {@code d = ŝ − š} to the free state, because
 * the differences are tiny (of size {@code βγ^{L−k}}) and would vanish in float32 as a difference of nearly equal
 * states. The {@code *Delta} methods therefore evaluate {@code d = f(u + Δ) − f(u)} without cancellation: exactly
 * {@code Δ} on the linear piece of a box activation, {@code expm1} / {@code sinh} identities in double for the
 * smooth ones. All methods work on the first {@code len} elements (or {@code n} rows) and allocate nothing.
 */
public final class Contrastive {

    private Contrastive() {
    }

    /** {@code d = relu(u + Δ) − relu(u)}: Δ where both are positive, 0 where both are ≤ 0, else the crossing value. */
    public static void reluDelta(float[] u, float[] du, float[] d, int len) {
        for (int i = 0; i < len; i++) {
            float a = u[i];
            float v = a + du[i];
            if (a > 0f) {
                d[i] = v > 0f ? du[i] : -a;
            } else {
                d[i] = v > 0f ? v : 0f;
            }
        }
    }

    /** {@code d = clip(u + Δ, −1, 1) − clip(u, −1, 1)}. */
    public static void hardTanhDelta(float[] u, float[] du, float[] d, int len) {
        boxDelta(u, du, d, len, -1f, 1f);
    }

    /** {@code d = clip(u + Δ, 0, 1) − clip(u, 0, 1)}. */
    public static void hardSigmoidDelta(float[] u, float[] du, float[] d, int len) {
        boxDelta(u, du, d, len, 0f, 1f);
    }

    private static void boxDelta(float[] u, float[] du, float[] d, int len, float lo, float hi) {
        for (int i = 0; i < len; i++) {
            float a = u[i];
            float v = a + du[i];
            if (a > lo && a < hi && v > lo && v < hi) {
                d[i] = du[i];
            } else {
                d[i] = Math.min(hi, Math.max(lo, v)) - Math.min(hi, Math.max(lo, a));
            }
        }
    }

    /** {@code d = σ(u + Δ) − σ(u) = σ(u + Δ) σ(−u) (−expm1(−Δ))}, in double. */
    public static void sigmoidDelta(float[] u, float[] du, float[] d, int len) {
        for (int i = 0; i < len; i++) {
            double a = u[i];
            double delta = du[i];
            double v = a + delta;
            d[i] = (float) (sigma(v) * sigma(-a) * -Math.expm1(-delta));
        }
    }

    /** {@code d = tanh(u + Δ) − tanh(u) = sinh(Δ) / (cosh(u + Δ) cosh u)}, in double. */
    public static void tanhDelta(float[] u, float[] du, float[] d, int len) {
        for (int i = 0; i < len; i++) {
            double a = u[i];
            double delta = du[i];
            double v = a + delta;
            if (Math.abs(a) > 300 || Math.abs(v) > 300 || Math.abs(delta) > 300) {
                d[i] = (float) (Math.tanh(v) - Math.tanh(a));
            } else {
                d[i] = (float) (Math.sinh(delta) / (Math.cosh(v) * Math.cosh(a)));
            }
        }
    }

    private static double sigma(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /**
     * The soft clamp of an identity or box output under squared error, as an increment of the free drive {@code u}:
     * the clamped drive is {@code (â + βy)/(1 + β) = u + (Δa − β(u − y))/(1 + β)} with {@code Δa = â − u} held in
     * {@code du}; overwrites {@code du} with the increment.
     */
    public static void nudgeSquaredError(float[] u, float[] targets, float beta, float[] du, int len) {
        float scale = 1f / (1f + beta);
        for (int i = 0; i < len; i++) {
            du[i] = (du[i] - beta * (u[i] - targets[i])) * scale;
        }
    }

    /**
     * The nudge of a smooth output under squared error, {@code Δ ← Δa − β(š + d − y)}: the argument of the output
     * activation gets {@code −β∇ℓ} at the current clamped state {@code š + d}.
     */
    public static void nudgeSquaredErrorSmooth(float[] free, float[] d, float[] targets, float beta, float[] du,
            int len) {
        for (int i = 0; i < len; i++) {
            du[i] -= beta * (free[i] + d[i] - targets[i]);
        }
    }

    /**
     * The nudged identity output under softmax cross-entropy: {@code d = Δa − β(softmax(š + d) − y)}, one sample per
     * row, with the softmax of the current state.
     */
    public static void nudgeSoftmax(float[] free, float[] du, int[] labels, int n, int classes, float beta,
            float[] d) {
        for (int r = 0; r < n; r++) {
            int off = r * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < classes; i++) {
                max = Math.max(max, free[off + i] + d[off + i]);
            }
            double sum = 0.0;
            for (int i = 0; i < classes; i++) {
                sum += Math.exp(free[off + i] + d[off + i] - max);
            }
            double inv = 1.0 / sum;
            int y = labels[r];
            for (int i = 0; i < classes; i++) {
                double p = Math.exp(free[off + i] + d[off + i] - max) * inv;
                d[off + i] = (float) (du[off + i] - beta * (p - (i == y ? 1.0 : 0.0)));
            }
        }
    }

    /** The hard clamp {@code ŝ_L = y}: {@code d = y − š}. */
    public static void hardClamp(float[] free, float[] targets, float[] d, int len) {
        for (int i = 0; i < len; i++) {
            d[i] = targets[i] - free[i];
        }
    }

    /** The residual {@code out = s − a − bias} of {@code n} rows of {@code units} ({@code out} may be {@code a}). */
    public static void residual(float[] s, float[] a, float[] bias, int n, int units, float[] out) {
        for (int r = 0; r < n; r++) {
            int off = r * units;
            for (int j = 0; j < units; j++) {
                out[off + j] = s[off + j] - a[off + j] - bias[j];
            }
        }
    }

    /** {@code Σ a·b}, in double. */
    public static double dot(float[] a, float[] b, int len) {
        double sum = 0.0;
        for (int i = 0; i < len; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    /** {@code ½Σ(a − b)²}, in double. */
    public static double halfSquaredDistance(float[] a, float[] b, int len) {
        double sum = 0.0;
        for (int i = 0; i < len; i++) {
            double e = (double) a[i] - b[i];
            sum += 0.5 * e * e;
        }
        return sum;
    }

    /** {@code G(s) = ½‖s‖²} of the identity and box activations (the box indicator is 0 on their states). */
    public static double quadraticG(float[] s, int len) {
        return 0.5 * dot(s, s, len);
    }

    /** {@code G(s) = Σ s log s + (1 − s) log(1 − s)}, the negative binary entropy (∇G* = sigmoid). */
    public static double sigmoidG(float[] s, int len) {
        double sum = 0.0;
        for (int i = 0; i < len; i++) {
            double p = s[i];
            sum += xlogx(p) + xlogx(1.0 - p);
        }
        return sum;
    }

    /** {@code G(s) = ½Σ (1 + s) log(1 + s) + (1 − s) log(1 − s)} (∇G* = tanh). */
    public static double tanhG(float[] s, int len) {
        double sum = 0.0;
        for (int i = 0; i < len; i++) {
            double p = s[i];
            sum += 0.5 * (xlogx(1.0 + p) + xlogx(1.0 - p));
        }
        return sum;
    }

    private static double xlogx(double x) {
        return x > 0.0 ? x * Math.log(x) : 0.0;
    }

    /** {@code Σ (logsumexp(s_r) − s_r[y_r])} over {@code n} rows: the summed cross-entropy of logits {@code s}. */
    public static double crossEntropySum(float[] s, int[] labels, int n, int classes) {
        double total = 0.0;
        for (int r = 0; r < n; r++) {
            int off = r * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < classes; i++) {
                max = Math.max(max, s[off + i]);
            }
            double sum = 0.0;
            for (int i = 0; i < classes; i++) {
                sum += Math.exp(s[off + i] - max);
            }
            total += Math.log(sum) + max - s[off + labels[r]];
        }
        return total;
    }
}
