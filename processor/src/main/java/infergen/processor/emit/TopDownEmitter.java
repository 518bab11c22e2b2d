package infergen.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import infergen.annotations.Activation;
import infergen.processor.plan.LayerPlan;
import infergen.processor.plan.NetPlan;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * The closed-form top-down rules (back-propagation and Fenchel back-propagation): one backward sweep in which each
 * layer turns the error at its activity into an error at its pre-activation, accumulates its gradients against its
 * forward input, and passes {@code Wᵀ·error} down. The rules differ only in that one elementwise step.
 */
abstract class TopDownEmitter implements RuleEmitter {

    /** The Javadoc of the backward method. */
    abstract String backwardDoc();

    /**
     * Turns {@code layer.e()}, holding {@code g = ∂ℓ/∂s} for {@code n} samples, into the error at the pre-activation,
     * in place.
     */
    abstract CodeBlock toPreActivation(LayerPlan layer);

    /**
     * The fused form of {@code g = δ·W} followed by {@link #toPreActivation} of {@code below}: one call that writes
     * the error at the pre-activation of {@code below} into {@code below.e()}.
     */
    abstract CodeBlock backThroughFused(LayerPlan layer, LayerPlan below);

    /** Whether the backward sweep converts this layer's error to its pre-activation. */
    static boolean needsConversion(LayerPlan layer) {
        return !layer.errorIsPreActivation() && layer.activation() != Activation.IDENTITY;
    }

    @Override
    public MethodSpec backward(NetPlan plan) {
        return sweep(MethodSpec.methodBuilder("backward").addJavadoc(backwardDoc()), plan, null);
    }

    @Override
    public Optional<MethodSpec> backwardAndUpdate(NetPlan plan, OptimizerEmitter optimizer) {
        if (!optimizer.fusesIntoWeightGradient()) {
            return Optional.empty();
        }
        MethodSpec.Builder m = MethodSpec.methodBuilder("backwardAndUpdate")
                .addJavadoc("{@link #backward} with Adam's step fused in, for {@code trainStep}: each layer first passes\n"
                        + "its error down (through its weights before the step), then its weight gradient is computed\n"
                        + "with the Adam step on each worker's rows of W as they come out of the GEMM. The gradient\n"
                        + "buffers are filled as by {@code computeGradients}; the parameters and moments are bit for\n"
                        + "bit those of {@code backward} followed by {@code Optimizers.adam} on every parameter array.\n");
        return Optional.of(sweep(m, plan, optimizer));
    }

    /** The backward sweep; with {@code optimizer} non-null, each layer's parameter step is fused into it. */
    private MethodSpec sweep(MethodSpec.Builder m, NetPlan plan, OptimizerEmitter optimizer) {
        m.addModifiers(Modifier.PRIVATE)
                .addParameter(float[].class, "x")
                .addParameter(int.class, "n")
                .addStatement("float invN = 1f / n");
        if (optimizer != null) {
            m.addCode(optimizer.adamStepCounter());
        }
        List<LayerPlan> layers = plan.layers();
        for (int l = layers.size() - 1; l >= 0; l--) {
            LayerPlan layer = layers.get(l);
            m.addCode("\n");
            m.addComment("layer $L: $L", l, layer.describe());
            if (l == layers.size() - 1 && needsConversion(layer)) {
                m.addCode(toPreActivation(layer));
            }
            LayerOp op = LayerOp.of(layer);
            if (optimizer == null) {
                m.addComment(layer.isConv() ? "∇W = δ ⋆ input / n (the correlation of the error with the input, "
                        + "through the pooling) and ∇b = sums of δ per filter / n, in one pass"
                        : "∇W = δᵀ·input / n, ∇b = column means of δ");
                m.addCode(op.weightGradient("invN", layer.e(), layer.input(), false));
                m.addCode(op.biasGradient("invN", layer.e()));
                passDown(m, layers, l);
            } else {
                passDown(m, layers, l);
                m.addComment(layer.isConv() ? "∇W = δ ⋆ input / n and ∇b = sums of δ per filter / n in one pass, then "
                        + "Adam on W and b" : "∇W = δᵀ·input / n with Adam's step on W fused in; ∇b = column means of δ, "
                        + "then Adam on b");
                m.addCode(op.weightGradientAdam(layer.e(), layer.input()));
                m.addCode(op.biasGradient("invN", layer.e()));
                m.addCode(optimizer.adamStep(layer, infergen.processor.plan.Role.B));
            }
        }
        return m.build();
    }

    /** The error at the layer below: {@code g = δ·W}, then its conversion to the pre-activation when needed. */
    private void passDown(MethodSpec.Builder m, List<LayerPlan> layers, int l) {
        if (l == 0) {
            return;
        }
        LayerPlan layer = layers.get(l);
        LayerPlan below = layers.get(l - 1);
        if (needsConversion(below)) {
            m.addCode(backThroughFused(layer, below));
        } else {
            m.addComment("g = δ·W: the error at the activity of layer $L", l - 1);
            m.addCode(LayerOp.of(layer).adjoint("1f", layer.e(), below.e(), false));
        }
    }

}
