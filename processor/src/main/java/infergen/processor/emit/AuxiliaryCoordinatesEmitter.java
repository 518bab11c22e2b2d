package infergen.processor.emit;

import com.palantir.javapoet.CodeBlock;
import infergen.processor.model.RuleSpec;
import infergen.processor.plan.LayerPlan;
import infergen.processor.plan.NetPlan;

/**
 * The quadratic-penalty method of auxiliary coordinates (docs/methods.md §4). Its Z-step on {@code E_μ / μ} is the
 * penalizer relaxation of predictive coding with β = 1/μ and an output that is not lifted: the output error is
 * {@code e_out = −∇ℓ(f(a_out)) / μ} at the current coordinates.
 */
final class AuxiliaryCoordinatesEmitter extends PenalizerEmitter {

    private final RuleSpec.AuxiliaryCoordinates rule;

    AuxiliaryCoordinatesEmitter(RuleSpec.AuxiliaryCoordinates rule) {
        this.rule = rule;
    }

    @Override
    public String title() {
        return "method of auxiliary coordinates";
    }

    @Override
    String section() {
        return "4";
    }

    @Override
    boolean outputIsState() {
        return false;
    }

    @Override
    boolean frozen() {
        return false;
    }

    @Override
    String backwardDoc() {
        return "Method of auxiliary coordinates (docs/methods.md §4): from the forward pass, {@code steps} simultaneous\n"
                + "gradient steps {@code z −= (rate/μ) ∂E_μ/∂z} on\n"
                + "{@code E_μ(z) = ℓ(f(a_out)) + (μ/2) Σ_{l<out} ‖z_l − f(a_l)‖²} (the Z-step), then the gradient of\n"
                + "{@code E_μ} in the weights: {@code −μ (f'(a_l) ⊙ e_l) z_{l−1}ᵀ} below the output, the output error\n"
                + "{@code δ_out z_{out−1}ᵀ} at it; batch means.\n";
    }

    @Override
    String updateScaleDoc() {
        return "μ";
    }

    @Override
    String updateScale() {
        return "mu";
    }

    @Override
    CodeBlock outputError(NetPlan plan, LayerPlan out) {
        return CodeBlock.builder()
                .add("// e_out = −∇ℓ / μ: the loss term of E_μ / μ in the form of a prediction error\n")
                .addStatement("$T.scale(-1f / mu, $N, $N, $L)", InferenceCode.STATE, plan.shared(NetPlan.Shared.G_OUT), out.e(),
                        Literals.len(out))
                .build();
    }

    @Override
    CodeBlock energyReturn() {
        return CodeBlock.builder().add("// E_μ = ℓ + (μ/2) Σ_{l<out} ‖e_l‖²\n")
                .addStatement("return (loss + mu * penalty) / n").build();
    }
}
