package infergen.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A 2-d convolutional layer {@code a = pool(W ∗ s_prev) + b}, {@code s = f(a)}: a square kernel slid with
 * {@link #stride()} over the previous activity zero-padded by {@link #padding()} pixels on each side (PyTorch's
 * cross-correlation), then pooling windows of {@link #poolSize()} × {@link #poolSize()} with stride
 * {@link #poolSize()}. Pooling acts on the pre-activation, so with {@link Pool#MAX} and a monotone activation the
 * layer equals conv → activation → max-pool, and with {@link Pool#AVERAGE} it equals conv → average-pool →
 * activation. Output sizes round down, as PyTorch's do.
 *
 * <p>Repeat it, in order from the input; every {@code @Conv2d} comes before every {@link Dense}, and the first
 * {@code @Dense} flattens (channel, row, column) as {@code torch.flatten}. The spec needs
 * {@link Network#inputShape()}. Weights are stored {@code filters × inChannels × kernel × kernel} row-major
 * (PyTorch's {@code Conv2d.weight}), biases {@code filters}; layers are counted conv first.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(Conv2d.List.class)
public @interface Conv2d {

    /** Number of output channels; must be positive. */
    int filters();

    /** Side of the square kernel; must be positive and fit the padded input. */
    int kernel();

    /** Step of the kernel in both directions; must be positive. */
    int stride() default 1;

    /** Zero pixels added on each side of the input; must not be negative. */
    int padding() default 0;

    /** The activation applied to the pooled pre-activation. */
    Activation activation() default Activation.RELU;

    /** How the weights start; fan-in {@code inChannels·kernel²} and fan-out {@code filters·kernel²}, as PyTorch. */
    Init init() default Init.GLOROT_UNIFORM;

    /**
     * A factor on the initial weights: they start as {@code initGain} times {@link #init()}'s draw (PyTorch's
     * {@code gain}); must be positive and finite. Below 1 it weakens a layer at the start, e.g. the feedback that
     * an energy-based rule sends down through the layer's transpose.
     */
    float initGain() default 1f;

    /** The pooling of the convolution's output. */
    Pool pool() default Pool.NONE;

    /** Side and stride of the pooling window; must be positive; ignored without pooling. */
    int poolSize() default 2;

    /** The container of repeated {@link Conv2d} annotations; written by javac, not by hand. */
    @Documented
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.TYPE)
    @interface List {
        /** The layers, from the input. */
        Conv2d[] value();
    }
}
