package infergen.processor.model;

import infergen.annotations.Pool;

/** The convolution of a {@code @Conv2d} layer, with references to its values. */
public record ConvSpec(int filters, int kernel, int stride, int padding, Pool pool, int poolSize, ValueRef filtersRef,
        ValueRef kernelRef, ValueRef strideRef, ValueRef paddingRef, ValueRef poolSizeRef, ValueRef poolRef) {
}
