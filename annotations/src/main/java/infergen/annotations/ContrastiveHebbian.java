package infergen.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Layered contrastive Hebbian learning with feedback γ (Xie &amp; Seung 2003; Zach 2021, Eq. 22–25; docs/methods.md §6).
 * The network relaxes twice to a fixed point of {@code s_k = f(W_{k−1}s_{k−1} + b_{k−1} + γ W_kᵀ s_{k+1})}:
 * freely (output {@code s_L = f(a_L)}), then with the output clamped (softly, {@code β ℓ(s_L)} added to the energy,
 * or hard, {@code s_L = y}). The update is Hebbian in the clamped and anti-Hebbian in the free phase,
 * {@code ∇W_{k−1} = −(γ^{k−L}/β)(ŝ_k ŝ_{k−1}ᵀ − š_k š_{k−1}ᵀ)}, the batch mean. As γ → 0 (and β → 0) it tends
 * to back-propagation with a bias of O(γ).
 *
 * <p><b>float32.</b> The clamped phase is computed as the difference {@code ŝ − š} to the free state, and the
 * update as {@code (ŝ_k − š_k)ŝ_{k−1}ᵀ + š_k(ŝ_{k−1} − š_{k−1})ᵀ}, so the state differences (of size
 * {@code βγ^{L−k}}) keep their relative precision instead of vanishing in a difference of nearly equal states.
 * float32 then supports {@code 1e-30 ≤ γ^{L−1}β} and {@code γ^{1−L}/β ≤ 1e38} (the processor rejects the rest);
 * for BP-like updates use γ ≤ 1e-2 and β ≤ 1e-2. The relaxation contracts only for roughly
 * {@code γ‖W‖²·Lip(f) < 1}, which the processor cannot check: keep γ small.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ContrastiveHebbian {
    /**
     * The feedback strength γ, in (0, 1). Layer k's energy is weighted {@code γ^{k−L}}; the update of layer k is
     * scaled by the same factor (Xie &amp; Seung's layer-dependent learning rate). The bias to BP is about 5γ
     * (relative); 1e-3 to 1e-2 behave like BP.
     */
    float gamma() default 1e-2f;

    /**
     * The clamping strength β of the soft clamp {@code β ℓ(s_L)}, per sample, in (0, 1]. Ignored with
     * {@link #hardClamp()} (which is β = 1 with {@code s_L = y}). Small β (≤ 1e-2) gives BP-like updates.
     */
    float beta() default 1e-2f;

    /** Relaxation sweeps per phase (free and clamped), ≥ 1. With small γ a few sweeps converge. */
    int steps() default 10;

    /**
     * Clamp the output to the target, {@code s_L = y}, as Xie &amp; Seung do (then β = 1). Needs
     * {@link Loss#MEAN_SQUARED_ERROR}.
     */
    boolean hardClamp() default false;
}
