package infergen.processor.plan;

import infergen.annotations.Activation;
import infergen.annotations.Init;

/**
 * One layer of the generated class: its sizes, the names of its constants and buffers, and the name of the
 * buffer that holds its input activity ({@code x} for layer 0).
 *
 * @param index the layer's index, 0 for the first {@code @Dense}
 * @param units the constant holding the layer's width, e.g. {@code UNITS_0}
 * @param fanIn the constant holding its input width, {@code INPUTS} or the previous layer's {@code UNITS_}
 * @param input the buffer of its input activity
 * @param a the pre-activation buffer, {@code maxBatch × units}
 * @param s the activity buffer ({@link #a} itself for IDENTITY layers)
 * @param e the error buffer: ∂ℓ/∂s after the layer above, then ∂ℓ/∂a (or the rule's surrogate)
 * @param errorIsPreActivation whether {@link #e} already holds the error at the pre-activation when the loss is
 *     computed (softmax cross-entropy fused at the output)
 */
public record LayerPlan(int index, int unitsValue, int fanInValue, Activation activation, Init init, boolean last,
        String units, String fanIn, String input, String w, String b, String gw, String gb, String a, String s,
        String e, boolean errorIsPreActivation) {

    /** {@code "784 → 256, RELU"}. */
    public String describe() {
        return fanInValue + " → " + unitsValue + ", " + activation;
    }
}
