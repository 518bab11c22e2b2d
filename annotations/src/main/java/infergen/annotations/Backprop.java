package infergen.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Plain back-propagation (docs/methods.md §1): {@code δ_L = ∂ℓ/∂a_L}, {@code δ_k = f'(a_k) ⊙ W_kᵀ δ_{k+1}},
 * {@code ∇W_{k−1} = mean over the batch of δ_k s_{k−1}ᵀ}. The default learning rule when a spec names none.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Backprop {
}
