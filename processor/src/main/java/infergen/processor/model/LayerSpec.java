package infergen.processor.model;

import infergen.annotations.Activation;
import infergen.annotations.Init;

/**
 * One layer as written: a {@code @Dense} (its {@code units}) or a {@code @Conv2d} ({@link #conv}, whose width follows
 * from the input shape; see {@link Shapes}), with references to its annotation and values.
 *
 * @param units a dense layer's width; 0 for a conv layer
 * @param initGain the factor on the initial weights ({@code initGain}, 1 by default)
 * @param conv the convolution of a {@code @Conv2d} layer, null for a {@code @Dense}
 */
public record LayerSpec(int units, Activation activation, Init init, float initGain, ValueRef annotation,
        ValueRef unitsRef, ValueRef activationRef, ValueRef initGainRef, ConvSpec conv) {

    /** A {@code @Dense} layer. */
    public LayerSpec(int units, Activation activation, Init init, float initGain, ValueRef annotation,
            ValueRef unitsRef, ValueRef activationRef, ValueRef initGainRef) {
        this(units, activation, init, initGain, annotation, unitsRef, activationRef, initGainRef, null);
    }

    /** Whether this is a {@code @Conv2d} layer. */
    public boolean isConv() {
        return conv != null;
    }
}
