package infergen.processor.emit;

import com.palantir.javapoet.CodeBlock;
import infergen.processor.model.RuleSpec;
import infergen.processor.plan.LayerPlan;
import infergen.processor.plan.NetPlan;

/** Predictive coding (docs/methods.md §3), iterative or with the fixed-prediction assumption. */
final class PredictiveCodingEmitter extends PenalizerEmitter {

    private final RuleSpec.PredictiveCoding rule;

    PredictiveCodingEmitter(RuleSpec.PredictiveCoding rule) {
        this.rule = rule;
    }

    @Override
    public String title() {
        return "predictive coding" + (rule.fixedPrediction() ? " with fixed predictions" : "");
    }

    @Override
    String section() {
        return "3";
    }

    @Override
    boolean outputIsState() {
        return !rule.fixedPrediction();
    }

    @Override
    boolean frozen() {
        return rule.fixedPrediction();
    }

    @Override
    String backwardDoc() {
        if (rule.fixedPrediction()) {
            return "Predictive coding with the fixed-prediction assumption (docs/methods.md §3, FPA): predictions, slopes and\n"
                    + "the output error {@code e_out = −β ∇ℓ(s*_out)} stay at the forward pass; {@code steps} steps of\n"
                    + "{@code d_l −= η (d_l − ε_{l+1}·W_{l+1})} reach {@code ε_l = −β δ_l} (exactly after {@code L − 1}\n"
                    + "steps at η = 1), and the update {@code −(1/β) ε_l s*_{l−1}ᵀ} is back-propagation.\n";
        }
        return "Predictive coding (docs/methods.md §3, Eq. 30): from the forward pass, {@code steps} simultaneous gradient\n"
                + "steps on {@code F_β(s) = Σ_l ½‖s_l − f(a_l)‖² + β ℓ(s_out)}, then the Hebbian update\n"
                + "{@code ∇W_l = −(1/β) mean of (f'(a_l) ⊙ e_l) s_{l−1}ᵀ} at the relaxed states.\n";
    }

    @Override
    String updateScaleDoc() {
        return "(1/β)";
    }

    @Override
    String updateScale() {
        return "1f / beta";
    }

    @Override
    CodeBlock outputError(NetPlan plan, LayerPlan out) {
        throw new IllegalStateException("the PCN output is a state");
    }

    @Override
    CodeBlock energyReturn() {
        return rule.fixedPrediction()
                ? CodeBlock.builder().add("// ½ Σ_l ‖e_l‖² with the frozen predictions\n")
                        .addStatement("return penalty / n").build()
                : CodeBlock.builder().add("// F_β = ½ Σ_l ‖e_l‖² + β ℓ(s_out)\n")
                        .addStatement("return (penalty + beta * loss) / n").build();
    }
}
