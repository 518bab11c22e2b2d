package infergen.processor.plan;

import infergen.annotations.Activation;
import infergen.annotations.Init;
import java.util.Map;

/**
 * One layer of the generated class: its sizes, constants and buffers.
 *
 * @param index the layer's index, 0 for the first layer
 * @param unitsValue its width
 * @param fanInValue its input width
 * @param units the constant holding its width, e.g. {@code UNITS_0}
 * @param fanIn the constant holding its input width, {@code INPUTS} or the previous layer's {@code UNITS_}
 * @param input what its input activity is named: {@code x} for layer 0, the previous layer's activity buffer else
 * @param buffers the layer's buffers by role, as the plan decided them for the rule
 * @param errorIsPreActivation whether its error buffer already holds the error at the pre-activation when the loss
 *     has run (softmax cross-entropy fused at the output)
 * @param conv the convolution of a conv layer, null for a dense one
 * @param initGain the factor on the initial weights, 1 for none
 */
public record LayerPlan(int index, int unitsValue, int fanInValue, Activation activation, Init init, float initGain,
        boolean last,
        String units, String fanIn, CharSequence input, Map<Role, Buffer> buffers, boolean errorIsPreActivation,
        ConvPlan conv) {

    /** Whether this is a conv layer. */
    public boolean isConv() {
        return conv != null;
    }

    /** The layer's buffer of {@code role}; the plan allocated it, or this throws. */
    public Buffer buffer(Role role) {
        Buffer b = buffers.get(role);
        if (b == null) {
            throw new IllegalStateException("layer " + index + " has no " + role + " buffer in this plan");
        }
        return b;
    }

    /** Whether the plan gave this layer a buffer of {@code role}. */
    public boolean has(Role role) {
        return buffers.containsKey(role);
    }

    public Buffer w() {
        return buffer(Role.W);
    }

    public Buffer b() {
        return buffer(Role.B);
    }

    public Buffer gw() {
        return buffer(Role.GW);
    }

    public Buffer gb() {
        return buffer(Role.GB);
    }

    public Buffer a() {
        return buffer(Role.A);
    }

    /** The activity: {@link #a()} itself for IDENTITY layers. */
    public Buffer s() {
        return buffer(Role.S);
    }

    public Buffer e() {
        return buffer(Role.ERROR);
    }

    /** {@code "784 → 256, RELU"}, or for a conv layer {@code "1×28×28 → 32@5×5, max-pool 2, RELU"}. */
    public String describe() {
        return (conv != null ? conv.describe() : fanInValue + " → " + unitsValue) + ", " + activation;
    }
}
