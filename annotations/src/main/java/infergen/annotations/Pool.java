package infergen.annotations;

/** The pooling of a {@link Conv2d} layer, applied to the convolution's output before the bias and activation. */
public enum Pool {
    /** No pooling. */
    NONE,
    /** The maximum of each window; ties go to the first in row-major order. */
    MAX,
    /** The mean of each window. */
    AVERAGE
}
