package infergen.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The quadratic-penalty method of auxiliary coordinates (Carreira-Perpiñán &amp; Wang 2014; docs/methods.md §4). The
 * hidden activities become auxiliary coordinates {@code z_k}, started at the forward pass; {@link #steps()} gradient
 * steps lower {@code E_μ(z) = ℓ(f_L(W_{L−1}z_{L−1} + b)) + (μ/2) Σ_{k<L} ‖z_k − f(W_{k−1}z_{k−1} + b)‖²} (the
 * output is not lifted), and the update is the gradient of {@code E_μ} in the weights at that point:
 * {@code −μ (e_k ⊙ f'(a_k)) z_{k−1}ᵀ} on hidden layers and the usual output error on the last. As {@code μ → ∞} it
 * tends to back-propagation (relative error about 4–9/μ).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface AuxiliaryCoordinates {
    /** The penalty weight μ (the paper's 1/β), per sample. Must be positive and finite. */
    float mu() default 10f;

    /** Number of Z-step iterations (simultaneous gradient steps on all coordinates); at least 1. */
    int steps() default 20;

    /**
     * The Z-step's step size in units of 1/μ, in (0, 1]: each step is {@code z ← z − (rate/μ) ∂E_μ/∂z}. The penalty
     * has curvature μ in each coordinate's own error plus about {@code μ ‖W_k‖² f'²} from the layer above, so steps
     * are stable for {@code rate (1 + ‖W_k‖²) < 2}; as weights grow during training a rate of 0.1 diverged on
     * Fashion-MNIST after 3 epochs, the default 0.05 did not.
     */
    float rate() default 0.05f;
}
