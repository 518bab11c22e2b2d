package infergen.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Convex contrastive Hebbian learning (Zach &amp; Estellers 2019; Høier &amp; Zach 2020; Zach 2021 Table 1;
 * docs/methods.md §7). The layer energy is the proximal choice
 * {@code E = Σ_k γ^{k−L}[½‖s_k − W_{k−1}s_{k−1} − b_{k−1}‖² + ι_C(s_k)]}, jointly convex in the states, so both
 * phases (free, and clamped with {@code β ℓ(s_L)} added) are convex programs. They are solved by block-coordinate
 * projected-gradient sweeps, {@code s_k = Π_C(a_k + γ W_kᵀ r_{k+1})} with the residual
 * {@code r_k = s_k − W_{k−1}s_{k−1} − b_{k−1}}. The update is local,
 * {@code ∇W_{k−1} = −(γ^{k−L}/β)(r̂_k ŝ_{k−1}ᵀ − ř_k š_{k−1}ᵀ)}, the batch mean; as γ → 0 it tends to BP.
 *
 * <p>Every layer's activation must be the projection onto a convex set C: {@code RELU} (C = ℝ₊), {@code HARD_TANH}
 * ([−1, 1]), {@code HARD_SIGMOID} ([0, 1]) or {@code IDENTITY} (no constraint); the processor rejects the others.
 *
 * <p><b>float32.</b> As for {@link ContrastiveHebbian}: the clamped phase is computed as a difference to the free
 * state, so float32 supports {@code 1e-30 ≤ γ^{L−1}β} and {@code γ^{1−L}/β ≤ 1e38}; the sweeps contract for
 * roughly {@code γ‖W‖² < 1}, so keep γ small (1e-3 to 1e-2 for BP-like updates).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ConvexContrastiveHebbian {
    /** The feedback strength γ, in (0, 1); the bias to BP is O(γ). */
    float gamma() default 1e-2f;

    /** The clamping strength β of {@code β ℓ(s_L)}, per sample, in (0, 1]; small β gives BP-like updates. */
    float beta() default 1e-2f;

    /** Projected-gradient sweeps per phase, ≥ 1. */
    int steps() default 10;
}
