package infergen.processor.model;

import infergen.annotations.Activation;
import infergen.annotations.Init;

/** One {@code @Dense} layer, with references to its annotation and values. */
public record LayerSpec(int units, Activation activation, Init init, ValueRef annotation, ValueRef unitsRef,
        ValueRef activationRef) {
}
