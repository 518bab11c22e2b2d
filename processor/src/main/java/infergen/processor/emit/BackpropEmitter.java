package infergen.processor.emit;

import com.palantir.javapoet.CodeBlock;
import infergen.processor.plan.LayerPlan;

/** Back-propagation (docs/methods.md §1): {@code δ = f'(a) ⊙ g}. */
final class BackpropEmitter extends TopDownEmitter {

    @Override
    public String title() {
        return "back-propagation";
    }

    @Override
    String backwardDoc() {
        return "Back-propagation (docs/methods.md §1): {@code δ_l = f'(a_l) ⊙ (δ_{l+1}·W_{l+1})} below the output, then\n"
                + "{@code ∇W_l = mean over the batch of δ_l s_{l−1}ᵀ} and {@code ∇b_l = mean of δ_l}.\n";
    }

    @Override
    CodeBlock toPreActivation(LayerPlan layer) {
        String kernel = Literals.kernelName(layer.activation()) + "Backward";
        CharSequence from = Literals.derivativeInput(layer);
        return CodeBlock.builder()
                .add("// δ = $L'(a) ⊙ g\n", layer.activation().name().toLowerCase(java.util.Locale.ROOT))
                .addStatement("$T.$L($N, $N, $L)", Literals.ACTIVATIONS, kernel, from, layer.e(), Literals.len(layer))
                .build();
    }

    @Override
    CodeBlock backThroughFused(LayerPlan layer, LayerPlan below) {
        String f = below.activation().name().toLowerCase(java.util.Locale.ROOT);
        return CodeBlock.builder()
                .add(layer.isConv()
                        ? "// g = δ·W through the pooling and the transposed convolution, the error at the activity of\n"
                                + "// layer $L; then δ = $L'(a) ⊙ g\n"
                        : "// g = δ·W, the error at the activity of layer $L; then δ = $L'(a) ⊙ g, fused per column block\n",
                        below.index(), f)
                .add(LayerOp.of(layer).adjointDerivative(layer.e(), below))
                .build();
    }
}
