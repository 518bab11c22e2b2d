package infergen.runtime.kernel;

/**
 * The lifted-network kernels of LPOM / Fenchel lifted networks (docs/methods.md §5), in deviations from the forward pass
 * ({@code s = s* + d}) so that they stay accurate in float32 for small β.
 *
 * <p>For a box activation {@code f = Π_C} (ReLU, hard tanh, hard sigmoid; identity with no box) the prox of
 * {@code (1/λ)(G(s) − sᵀa)} at {@code v}, {@code G = ½‖·‖² + ι_C}, is {@code Π_C((v + λa)/(1 + λ))} (§5, "Robust
 * solver"). Written in deviations, with {@code c = (a* − s*) + Δa} the pull of the pre-activation and {@code w =
 * (dv + λc)/(1 + λ)}, the new deviation is {@code Π_C(s* + w) − s*}, a {@link Deviations#box} at {@code s*}.
 */
public final class LiftedProx {

    private LiftedProx() {
    }

    /**
     * In place: {@code d ← Π_C(s* + w) − s*} with {@code w = (d + λc)/(1 + λ)}, where {@code d} holds the deviation
     * {@code dv} of the point to take the prox of. {@code lo = −∞, hi = +∞} is the identity (no constraint).
     */
    public static void prox(float[] sStar, float[] pull, float lambda, float[] d, int len, float lo, float hi) {
        float inv = 1f / (1f + lambda);
        for (int i = 0; i < len; i++) {
            float w = (d[i] + lambda * pull[i]) * inv;
            d[i] = Deviations.box(sStar[i], w, lo, hi);
        }
    }

    /**
     * FISTA's extrapolation: {@code y = xNew + momentum (xNew − x)}, then {@code x = xNew}.
     */
    public static void extrapolate(float[] x, float[] xNew, float momentum, float[] y, int len) {
        for (int i = 0; i < len; i++) {
            float step = xNew[i] - x[i];
            y[i] = xNew[i] + momentum * step;
            x[i] = xNew[i];
        }
    }

    /**
     * The Fenchel-Young gap {@code Σ D_G(s, a)} of a box activation, summed: with {@code p = f(a)},
     * {@code D = ½‖s − p‖² + (p − s)ᵀ(a − p)}, from the deviations {@code s − p = d − df} and
     * {@code a − p = (a* + da) − (s* + df)}. For the identity pass {@code df = da} (the second term vanishes).
     */
    public static double gap(float[] aStar, float[] sStar, float[] da, float[] df, float[] d, int len) {
        double total = 0.0;
        for (int i = 0; i < len; i++) {
            double sp = (double) d[i] - df[i];
            double ap = ((double) aStar[i] - sStar[i]) + ((double) da[i] - df[i]);
            total += 0.5 * sp * sp - sp * ap;
        }
        return total;
    }

    /**
     * The gap {@code Σ D_G(s, a*)} where the pre-activation is still the forward one (the first layer, whose input is
     * clamped): {@code ½‖d‖² − dᵀ(a* − s*)}.
     */
    public static double gapAtForward(float[] aStar, float[] sStar, float[] d, int len) {
        double total = 0.0;
        for (int i = 0; i < len; i++) {
            double di = d[i];
            total += 0.5 * di * di - di * ((double) aStar[i] - sStar[i]);
        }
        return total;
    }
}
