package infergen.processor.model;

import infergen.annotations.Activation;
import infergen.annotations.Init;

/**
 * One layer as written: a {@code @Dense} (its {@code units}) or a {@code @Conv2d} ({@link #conv}, whose width follows
 * from the input shape; see {@link Shapes}), with references to its annotation and values.
 *
 * @param units a dense layer's width; 0 for a conv layer
 * @param conv the convolution of a {@code @Conv2d} layer, null for a {@code @Dense}
 */
public record LayerSpec(int units, Activation activation, Init init, ValueRef annotation, ValueRef unitsRef,
        ValueRef activationRef, ConvSpec conv) {

    /** A {@code @Dense} layer. */
    public LayerSpec(int units, Activation activation, Init init, ValueRef annotation, ValueRef unitsRef,
            ValueRef activationRef) {
        this(units, activation, init, annotation, unitsRef, activationRef, null);
    }

    /** Whether this is a {@code @Conv2d} layer. */
    public boolean isConv() {
        return conv != null;
    }
}
