package infergen.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lifted proximal operator machines / Fenchel lifted networks (Li et al. 2019; Gu et al. 2020; Zach 2021, Eq. 34;
 * docs/methods.md §5). Every activity {@code s_k} is lifted and coupled to its pre-activation by the Fenchel-Young gap:
 * {@code min_s ℓ(s_L) + (1/β) Σ_k D_G(s_k, W_{k−1}s_{k−1} + b_{k−1})}, solved by {@link #sweeps()} top-down
 * block-coordinate sweeps, each layer's block by {@link #innerSteps()} FISTA steps with the closed-form prox of a box
 * activation. The update needs no derivative of f: {@code ∇W_{k−1} = (1/β)(f(a_k) − s_k) s_{k−1}ᵀ}. As
 * {@code β → 0} it tends to back-propagation (relative error ≤ 7e-4 at β = 1e-4). Hidden activations must have a
 * closed-form prox: {@code RELU}, {@code HARD_TANH}, {@code HARD_SIGMOID} (or {@code IDENTITY}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface LiftedProximal {
    /** The coupling β (LPOM's 1/μ), per sample. Must be positive and finite. */
    float beta() default 0.1f;

    /** Number of top-down block-coordinate sweeps over the layers; at least 1. */
    int sweeps() default 5;

    /**
     * FISTA steps per hidden-layer block per sweep (and fixed-point steps for a softmax output block); at least 1.
     */
    int innerSteps() default 5;
}
