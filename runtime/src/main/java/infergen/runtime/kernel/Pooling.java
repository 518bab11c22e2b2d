package infergen.runtime.kernel;

/**
 * The pooling after a convolution ({@link Conv2d}): none, or windows of {@code poolSize × poolSize} with stride
 * {@code poolSize} (non-overlapping; a remainder of rows or columns that does not fill a window is dropped, PyTorch's
 * floor). Pooling acts on the convolution's output, before the bias and the activation.
 */
public enum Pooling {
    /** No pooling: the output is the convolution's. */
    NONE,
    /** The largest value of each window; ties go to the first in row-major order within the window. */
    MAX,
    /** The mean of each window: its sum in row-major order, divided by {@code poolSize²}. */
    AVERAGE
}
