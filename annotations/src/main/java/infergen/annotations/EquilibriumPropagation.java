package infergen.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Equilibrium propagation (Scellier &amp; Bengio 2017; Zach 2021 §3.1; docs/methods.md §8): contrastive Hebbian
 * learning with full feedback (γ = 1) and a β-nudged output. The states relax to a fixed point of
 * {@code s_k = ρ(W_{k−1}s_{k−1} + b_{k−1} + W_kᵀ s_{k+1})} (the output's argument gets {@code −β ∇ℓ(s_L)} in the
 * nudged phase); the update is {@code ∇W_{k−1} = −(1/β)(ŝ_k ŝ_{k−1}ᵀ − š_k š_{k−1}ᵀ)}, or its centred form with
 * {@code ±β}. As β → 0 it tends to the implicit gradient of the loss at the free fixed point (recurrent BP), not to
 * feed-forward BP. Here the free phase starts from the forward pass (not from zero) and sweeps bottom-up.
 *
 * <p>Hidden layers need a bounded activation ({@code SIGMOID}, {@code HARD_SIGMOID}, {@code TANH},
 * {@code HARD_TANH}) so that the relaxation stays bounded; the processor rejects the others.
 *
 * <p><b>float32.</b> The nudged phase is computed as a difference to the free state, so the state differences
 * (of size β) keep their relative precision: float32 supports β down to about 1e-30. The relaxation converges when
 * roughly {@code ‖W‖²·Lip(ρ) < 1}; the one-sided estimate has an O(β) bias, the centred one O(β²).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface EquilibriumPropagation {
    /** The nudging strength β, per sample, in (0, 1]. Laborieux et al. use 0.1 to 0.5. */
    float beta() default 0.1f;

    /** Relaxation sweeps of the free phase, ≥ 1. */
    int freeSteps() default 30;

    /** Relaxation sweeps of the nudged phase (each, when centred), ≥ 1. */
    int nudgedSteps() default 10;

    /**
     * Use the centred estimate {@code −(1/2β)(s⁺s⁺ᵀ − s⁻s⁻ᵀ)} with phases nudged by {@code +β} and {@code −β}
     * (Laborieux et al.'s "third phase"): O(β²) bias for one extra phase.
     */
    boolean centered() default false;
}
