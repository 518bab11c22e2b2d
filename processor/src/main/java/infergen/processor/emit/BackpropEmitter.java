package infergen.processor.emit;

import com.palantir.javapoet.CodeBlock;
import infergen.processor.plan.LayerPlan;

/** Back-propagation (methods.md §1): {@code δ = f'(a) ⊙ g}. */
final class BackpropEmitter extends TopDownEmitter {

    @Override
    public String title() {
        return "back-propagation";
    }

    @Override
    String backwardDoc() {
        return "Back-propagation (methods.md §1): {@code δ_k = f'(a_k) ⊙ (δ_{k+1}·W_k)}, then\n"
                + "{@code ∇W_{k-1} = mean over the batch of δ_k s_{k-1}ᵀ} and {@code ∇b_{k-1} = mean of δ_k}.\n";
    }

    @Override
    CodeBlock toPreActivation(LayerPlan layer) {
        String kernel = Literals.kernelName(layer.activation()) + "Backward";
        CharSequence from = Literals.derivativeInput(layer);
        return CodeBlock.builder()
                .add("// δ = $L'(a) ⊙ g\n", layer.activation().name().toLowerCase(java.util.Locale.ROOT))
                .addStatement("$T.$L($N, $N, $L)", Literals.ACTIVATIONS, kernel, from, layer.e(), length(layer))
                .build();
    }

    @Override
    CodeBlock backThroughFused(LayerPlan layer, LayerPlan below) {
        String f = below.activation().name().toLowerCase(java.util.Locale.ROOT);
        return CodeBlock.builder()
                .add("// g = δ·W, the error at the activity of layer $L; then δ = $L'(a) ⊙ g, fused per column block\n",
                        below.index(), f)
                .add(LayerOp.of(layer).adjointDerivative(layer.e(), below))
                .build();
    }
}
