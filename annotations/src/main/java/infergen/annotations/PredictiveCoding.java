package infergen.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Predictive coding (Whittington &amp; Bogacz 2017; Zach 2021, Eq. 30; docs/methods.md §3). Every layer's activity
 * {@code s_k} is a free state that starts at the forward pass; {@link #steps()} simultaneous gradient steps of size
 * {@link #rate()} lower the energy {@code F_β(s) = Σ_k ½‖s_k − f(W_{k−1}s_{k−1} + b_{k−1})‖² + β ℓ(s_L)}, and the
 * update is the local, Hebbian {@code ∇W_{k−1} = −(1/β)(e_k ⊙ f'(a_k)) s_{k−1}ᵀ} at the relaxed states, with the
 * prediction error {@code e_k = s_k − f(a_k)}. As {@code β → 0} with converged inference it tends to
 * back-propagation (relative error about 5–10·β); with {@link #fixedPrediction()} it is back-propagation exactly.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface PredictiveCoding {
    /**
     * The output nudging β, per sample: the weight of the loss in the energy. Must be positive and finite. With
     * {@link Loss#MEAN_SQUARED_ERROR} and an identity output, β = 1 is the classic hard clamp in the
     * fixed-prediction variant; small values (1e-3) make the update approach back-propagation.
     */
    float beta() default 0.1f;

    /** Number of inference steps (simultaneous gradient steps on all states); at least 1. */
    int steps() default 20;

    /**
     * The step size η of inference, in (0, 1]: each step is {@code s ← s − η ∂F/∂s}. The energy has curvature 1 in
     * each state's own error plus about {@code ‖W_k‖² f'²} from the layer above, so simultaneous steps are stable for
     * {@code η (1 + ‖W_k‖²) < 2}. Trained weights grow: on Fashion-MNIST, 784-256-128-64-10 diverged after 3 epochs
     * at η = 0.1 (a spectral norm reached 4.4) and trained stably at the default 0.05. With
     * {@link #fixedPrediction()}, η = 1 and {@code steps ≥ layers − 1} reach the exact fixed point (Z-IL).
     */
    float rate() default 0.05f;

    /**
     * The fixed-prediction assumption (Millidge et al. 2020; docs/methods.md §3, FPA): the predictions {@code f(a_k)},
     * the slopes {@code f'(a_k)} and the output error {@code −β∇ℓ(s_L)} stay at their forward-pass values, and the
     * update uses the forward activity. Its fixed point is back-propagation scaled by −β, exactly.
     */
    boolean fixedPrediction() default false;
}
