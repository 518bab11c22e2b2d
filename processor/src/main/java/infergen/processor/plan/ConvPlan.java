package infergen.processor.plan;

import infergen.annotations.Pool;

/**
 * The convolution of a conv layer: its shape as the runtime's {@code ConvShape} constant {@code CONV_<l>}, and the
 * buffers its kernels need besides the layer's own (the im2col scratch shared by every conv layer, the max-pooling
 * record of this layer).
 *
 * @param constant the name of the {@code ConvShape} constant, e.g. {@code CONV_0}
 * @param filters the constant holding the filter count, e.g. {@code FILTERS_0}
 * @param patch the constant holding {@code inChannels · kernel²}, e.g. {@code PATCH_0}
 * @param argmax the max-pooling record, null unless the layer max-pools
 */
public record ConvPlan(String constant, String filters, String patch, int inChannels, int height, int width,
        int filterCount, int kernel, int stride, int padding, Pool pool, int poolSize, Buffer columns, Buffer map,
        Buffer argmax) {

    /** {@code inChannels · kernel²}. */
    public int patchSize() {
        return inChannels * kernel * kernel;
    }

    /** {@code 1×28×28 → 32@5×5, max-pool 2}. */
    public String describe() {
        return inChannels + "×" + height + "×" + width + " → " + filterCount + "@" + kernel + "×" + kernel
                + (stride != 1 ? " stride " + stride : "") + (padding != 0 ? " pad " + padding : "")
                + (pool == Pool.NONE ? "" : ", " + pool.name().toLowerCase(java.util.Locale.ROOT) + "-pool "
                        + poolSize);
    }
}
