package infergen.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fenchel back-propagation (Zach 2021, §4.2; docs/methods.md §2). After the forward pass, each layer from the top
 * down forms a finite target {@code ŝ_k = f(a_k − β g_k)} and passes the error {@code δ̃_k = (s_k − ŝ_k) / β}
 * downwards; the weight gradient is {@code δ̃_k s_{k−1}ᵀ} with the forward presynaptic activity (Eq. 53). As
 * {@code β → 0} this is back-propagation; at ReLU units away from the kink it equals BP exactly, and at dead units
 * it still passes {@code min(g, 0)}, which lets a large β revive a network that BP cannot train.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface FenchelBackprop {
    /**
     * The spacing β of the finite targets, per sample (not scaled by the batch size: the paper's Julia code uses
     * the batch-mean loss, so its β is ours times the batch size). Must be positive and finite. Small values
     * (1e-4) behave like BP; large values (0.1 to 10) let dead ReLU units receive a signal.
     */
    float beta() default 1e-3f;

    /**
     * Whether the softmax output also gets a Fenchel target, {@code ŝ_L = softmax(a_L − β g_L)} with
     * {@code g_L = −y / s_L} (docs/methods.md §2, "Softmax output"). The default, {@code false}, uses the exact
     * softmax cross-entropy gradient {@code s_L − y} at the output, like the paper's code. Only meaningful with
     * {@link Loss#SOFTMAX_CROSS_ENTROPY}.
     */
    boolean fenchelOutput() default false;
}
