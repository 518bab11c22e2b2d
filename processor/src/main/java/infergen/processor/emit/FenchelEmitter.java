package infergen.processor.emit;

import com.palantir.javapoet.CodeBlock;
import infergen.processor.model.RuleSpec;
import infergen.processor.plan.LayerPlan;
import infergen.processor.plan.NetPlan;
import java.util.Locale;

/**
 * Fenchel back-propagation (docs/methods.md §2): the finite target {@code ŝ = f(a − βg)} and the error
 * {@code δ̃ = (f(a) − ŝ) / β}, evaluated per unit in a form without cancellation; the weight gradient uses the
 * forward presynaptic activity (the paper's Eq. 53, not the Remark 2 mistake).
 */
final class FenchelEmitter extends TopDownEmitter {

    private final RuleSpec.FenchelBackprop rule;

    FenchelEmitter(RuleSpec.FenchelBackprop rule) {
        this.rule = rule;
    }

    @Override
    public String title() {
        return "Fenchel back-propagation" + (rule.fenchelOutput() ? " with the Fenchel softmax output" : "");
    }

    @Override
    String backwardDoc() {
        return "Fenchel back-propagation (docs/methods.md §2, Eq. 48–53): from the top down, the target\n"
                + "{@code ŝ_l = f(a_l − β g_l)}, the error {@code δ̃_l = (s_l − ŝ_l) / β},\n"
                + "{@code ∇W_l = mean of δ̃_l s_{l−1}ᵀ} with the forward activity {@code s_{l−1}}, and\n"
                + "{@code g_{l−1} = δ̃_l·W_l}.\n";
    }

    @Override
    public CodeBlock afterSoftmaxLoss(NetPlan plan) {
        if (!rule.fenchelOutput()) {
            return CodeBlock.of("");
        }
        LayerPlan out = plan.output();
        return CodeBlock.builder()
                .add("// Fenchel target at the softmax output: ŝ = softmax(a − βg) with g = −y / p (docs/methods.md §2)\n")
                .beginControlFlow("for (int r = 0; r < n; r++)")
                .addStatement("$T.softmaxCrossEntropy(probs, r * OUTPUTS, OUTPUTS, labels[r], beta, $N)",
                        Literals.FENCHEL, out.e())
                .endControlFlow()
                .build();
    }

    @Override
    CodeBlock toPreActivation(LayerPlan layer) {
        String kernel = Literals.kernelName(layer.activation());
        return CodeBlock.builder()
                .add("// target ŝ = $L(a − βg); δ̃ = ($L(a) − ŝ) / β, in place of g\n",
                        layer.activation().name().toLowerCase(Locale.ROOT),
                        layer.activation().name().toLowerCase(Locale.ROOT))
                .beginControlFlow("for (int i = 0; i < $L; i++)", Literals.len(layer))
                .addStatement("$N[i] = $T.$L($N[i], $N[i], beta)", layer.e(), Literals.FENCHEL, kernel, layer.a(),
                        layer.e())
                .endControlFlow()
                .build();
    }

    @Override
    CodeBlock backThroughFused(LayerPlan layer, LayerPlan below) {
        String f = below.activation().name().toLowerCase(Locale.ROOT);
        return CodeBlock.builder()
                .add("// g = δ̃·W$L, the error at the activity of layer $L; then the target\n",
                        layer.isConv() ? " through the pooling and the transposed convolution" : "", below.index())
                .add("// ŝ = $L(a − βg) and δ̃ = ($L(a) − ŝ) / β in place of g$L\n", f, f,
                        layer.isConv() ? "" : ", fused per column block")
                .add(LayerOp.of(layer).adjointFenchel(layer.e(), below, "beta"))
                .build();
    }
}
