package infergen.runtime.kernel;

/**
 * The shape of one 2-D convolutional layer ({@link Conv2d}) on one sample: the input is {@code inChannels × height ×
 * width} row-major (NCHW without the N, as PyTorch), the weights {@code filters × inChannels × kernel × kernel}
 * row-major (PyTorch's {@code Conv2d.weight}), zero padding {@code padding} on each side, square kernel, then
 * optional pooling in {@code poolSize × poolSize} windows of stride {@code poolSize} ({@code poolSize} is ignored,
 * and reported as 1, for {@link Pooling#NONE}).
 *
 * @param inChannels channels of the input
 * @param height     input height
 * @param width      input width
 * @param filters    output channels
 * @param kernel     kernel side
 * @param stride     convolution stride (1 or more)
 * @param padding    zero padding on each side (0 or more)
 * @param pool       pooling after the convolution
 * @param poolSize   pooling window side and stride
 */
public record ConvShape(int inChannels, int height, int width, int filters, int kernel, int stride, int padding,
        Pooling pool, int poolSize) {

    public ConvShape {
        if (inChannels < 1 || height < 1 || width < 1 || filters < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("invalid convolution: " + inChannels + "×" + height + "×" + width
                    + " input, " + filters + " filters, kernel " + kernel + ", stride " + stride + ", padding "
                    + padding);
        }
        if (pool == null) {
            throw new IllegalArgumentException("pool must not be null (Pooling.NONE for none)");
        }
        if (pool == Pooling.NONE) {
            poolSize = 1;
        } else if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, got " + poolSize);
        }
        if (kernel > height + 2 * padding || kernel > width + 2 * padding) {
            throw new IllegalArgumentException("kernel " + kernel + " larger than the padded input "
                    + (height + 2 * padding) + "×" + (width + 2 * padding));
        }
        long convH = (height + 2L * padding - kernel) / stride + 1, convW = (width + 2L * padding - kernel) / stride + 1;
        if (convH / poolSize < 1 || convW / poolSize < 1) {
            throw new IllegalArgumentException("pooling window " + poolSize + " larger than the " + convH + "×"
                    + convW + " convolution output");
        }
        long patch = (long) inChannels * kernel * kernel;
        if ((long) inChannels * height * width > Integer.MAX_VALUE / 2 || patch * convH * convW > Integer.MAX_VALUE / 2
                || (long) filters * convH * convW > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("convolution too large for int indexing");
        }
    }

    /** A convolution without pooling. */
    public static ConvShape of(int inChannels, int height, int width, int filters, int kernel, int stride,
            int padding) {
        return new ConvShape(inChannels, height, width, filters, kernel, stride, padding, Pooling.NONE, 1);
    }

    /** Height of the convolution's output: {@code ⌊(height + 2·padding − kernel) / stride⌋ + 1}. */
    public int convHeight() {
        return (height + 2 * padding - kernel) / stride + 1;
    }

    /** Width of the convolution's output: {@code ⌊(width + 2·padding − kernel) / stride⌋ + 1}. */
    public int convWidth() {
        return (width + 2 * padding - kernel) / stride + 1;
    }

    /** Height of the output: {@code ⌊convHeight / poolSize⌋} ({@code convHeight} without pooling). */
    public int pooledHeight() {
        return convHeight() / poolSize;
    }

    /** Width of the output: {@code ⌊convWidth / poolSize⌋} ({@code convWidth} without pooling). */
    public int pooledWidth() {
        return convWidth() / poolSize;
    }

    /** Floats of one input sample: {@code inChannels · height · width}. */
    public int inputSize() {
        return inChannels * height * width;
    }

    /** Floats of one output sample: {@code filters · pooledHeight · pooledWidth}. */
    public int outputSize() {
        return filters * pooledHeight() * pooledWidth();
    }

    /** Weights: {@code filters · inChannels · kernel²}. */
    public int weightSize() {
        return filters * patchSize();
    }

    /** The length of one filter, a patch of the input: {@code inChannels · kernel²}, the GEMM reduction length. */
    public int patchSize() {
        return inChannels * kernel * kernel;
    }

    /** Fan-in as PyTorch counts it for Glorot and He initialization: {@code inChannels · kernel²}. */
    public int fanIn() {
        return patchSize();
    }

    /** Fan-out as PyTorch counts it for Glorot and He initialization: {@code filters · kernel²}. */
    public int fanOut() {
        return filters * kernel * kernel;
    }

    /**
     * Rows of the convolution's output that reach the output: all of them without pooling, else
     * {@code pooledHeight · poolSize} (the rows of a remainder are never computed).
     */
    public int usedConvRows() {
        return pool == Pooling.NONE ? convHeight() : pooledHeight() * poolSize;
    }

    /** Positions of the convolution's output that are computed: {@code usedConvRows · convWidth}. */
    public int usedPositions() {
        return usedConvRows() * convWidth();
    }
}
