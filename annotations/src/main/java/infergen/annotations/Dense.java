package infergen.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fully connected layer {@code s = f(W s_prev + b)}; repeat it, in order from the input to the output. The
 * weights are stored row-major {@code units × fanIn}; layer 0 is the first {@code @Dense}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(Dense.List.class)
public @interface Dense {
    /** Number of units (outputs) of this layer; must be positive. */
    int units();

    /** The activation f applied to the pre-activation {@code a = W s_prev + b}. */
    Activation activation() default Activation.RELU;

    /**
     * How the weights start (biases always start at zero). Per layer because the paper's experiment gives only
     * the first layer the negative init.
     */
    Init init() default Init.GLOROT_UNIFORM;

    /**
     * A factor on the initial weights: they start as {@code initGain} times {@link #init()}'s draw (PyTorch's
     * {@code gain}); must be positive and finite. Below 1 it weakens a layer at the start, e.g. the feedback that
     * an energy-based rule sends down through the layer's transpose.
     */
    float initGain() default 1f;

    /** The container of repeated {@link Dense} annotations; written by javac, not by hand. */
    @Documented
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.TYPE)
    @interface List {
        /** The layers, from input to output. */
        Dense[] value();
    }
}
