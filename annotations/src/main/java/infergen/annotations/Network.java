package infergen.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface (or abstract class) as a network spec. The processor generates a {@code public final} class
 * {@code <SpecSimpleName>Net} (or {@link #name()}) in the spec's package.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Network {
    /**
     * Number of input features per sample ({@code x} is row-major {@code n × inputs}); must be positive. With an
     * {@link #inputShape()} it may be omitted (it is the product) and must agree if given.
     */
    int inputs() default 0;

    /**
     * {@code {channels, height, width}} of one sample, stored row-major (channel, then row, then column) as
     * PyTorch's NCHW; needed by {@link Conv2d} layers. Empty for a dense network.
     */
    int[] inputShape() default {};

    /**
     * Largest batch a call may pass; every buffer of the generated class is sized for it at construction, so a
     * train step allocates nothing. Must be positive.
     */
    int maxBatch() default 64;

    /**
     * The loss. With {@link Loss#SOFTMAX_CROSS_ENTROPY} the last {@link Dense} must use
     * {@link Activation#IDENTITY}: softmax is fused into the loss.
     */
    Loss loss() default Loss.SOFTMAX_CROSS_ENTROPY;

    /** Simple name of the generated class; empty means the spec's simple name followed by {@code Net}. */
    String name() default "";
}
