package infergen.processor.emit;

import static infergen.processor.emit.Literals.len;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import infergen.processor.model.RuleSpec;
import infergen.processor.plan.LayerPlan;
import infergen.processor.plan.NetPlan;
import infergen.processor.plan.Role;
import java.util.Optional;

/**
 * Equilibrium propagation (docs/methods.md §8): CHL with full feedback (γ = 1), its own sweep counts for the free
 * and the nudged phase, and optionally the centred estimate from two nudged phases at ±β.
 */
final class EqPropEmitter extends ContrastiveEmitter {

    private final RuleSpec.EquilibriumPropagation rule;

    EqPropEmitter(RuleSpec.EquilibriumPropagation rule) {
        this.rule = rule;
    }

    @Override
    public String title() {
        return "equilibrium propagation" + (rule.centered() ? " (centred)" : "");
    }

    /**
     * EqProp differentiates the loss at the free fixed point, so that is where the network answers: {@code predict}
     * runs the free phase (docs/methods.md §8), without labels and unheard by the listener.
     */
    @Override
    public Optional<Prediction> prediction(NetPlan plan) {
        return Optional.of(new Prediction(CodeBlock.builder()
                .add("// the free phase: EqProp's network answers at its free fixed point (docs/methods.md §8)\n")
                .addStatement("freePhase(null, n)")
                .build(), plan.output().buffer(Role.SF)));
    }

    @Override
    String section() {
        return "8";
    }

    @Override
    String clamped() {
        return "nudged";
    }

    @Override
    String freeSteps() {
        return "freeSteps";
    }

    @Override
    String clampedSteps() {
        return "nudgedSteps";
    }

    @Override
    String feedback() {
        return "1f";
    }

    @Override
    String scale(NetPlan plan, LayerPlan layer) {
        return rule.centered() ? "(float) (-1.0 / beta / 2)" : "(float) (-1.0 / beta)";
    }

    @Override
    String scaleFormula(NetPlan plan, LayerPlan layer) {
        return rule.centered() ? "−1 / (2β)" : "−1 / β";
    }

    @Override
    void clampedPhases(MethodSpec.Builder m, NetPlan plan) {
        super.clampedPhases(m, plan);
        if (rule.centered()) {
            for (LayerPlan layer : plan.layers()) {
                m.addStatement("$T.arraycopy($N, 0, $N, 0, $L)", System.class, layer.buffer(Role.D),
                        layer.buffer(Role.DP), len(layer));
            }
            m.addStatement("nudgedPhase($N, n, -beta)", target(plan));
        }
    }

    @Override
    void differences(MethodSpec.Builder m, NetPlan plan) {
        if (!rule.centered()) {
            super.differences(m, plan);
            return;
        }
        m.addComment("D = d⁺ − d⁻, s⁺ = š + d⁺, s⁻ = š + d⁻ (in place of d⁻)");
        for (LayerPlan layer : plan.layers()) {
            m.addStatement("$T.difference($N, $N, $N, $L)", InferenceCode.STATE, layer.buffer(Role.DP), layer.buffer(Role.D),
                    layer.buffer(Role.DU), len(layer));
            m.addStatement("$T.sum($N, $N, $N, $L)", InferenceCode.STATE, layer.buffer(Role.SF), layer.buffer(Role.DP),
                    layer.buffer(Role.SH), len(layer));
            m.addStatement("$T.sum($N, $N, $N, $L)", InferenceCode.STATE, layer.buffer(Role.SF), layer.buffer(Role.D),
                    layer.buffer(Role.D), len(layer));
        }
    }

    @Override
    UpdateTerms updateTerms(NetPlan plan, LayerPlan layer) {
        LayerPlan below = layer.index() > 0 ? plan.layers().get(layer.index() - 1) : null;
        if (rule.centered()) {
            return new UpdateTerms(layer.buffer(Role.DU), layer.buffer(Role.D),
                    below == null ? null : below.buffer(Role.DU),
                    "∇W = −(1/2β)[(s⁺_l − s⁻_l) s⁺_{l−1}ᵀ + s⁻_l (s⁺_{l−1} − s⁻_{l−1})ᵀ] / n");
        }
        return new UpdateTerms(layer.buffer(Role.D), layer.buffer(Role.SF), below == null ? null : below.buffer(Role.D),
                "∇W = −(1/β)[(ŝ_l − š_l) ŝ_{l−1}ᵀ + š_l (ŝ_{l−1} − š_{l−1})ᵀ] / n");
    }

    @Override
    String backwardDoc() {
        return "Equilibrium propagation (docs/methods.md §8): the free phase, the nudged phase"
                + (rule.centered() ? "s with ±β" : "") + ", then\n"
                + (rule.centered() ? "{@code ∇W_l = −(1/2β)(s⁺_l s⁺_{l−1}ᵀ − s⁻_l s⁻_{l−1}ᵀ)}"
                        : "{@code ∇W_l = −(1/β)(ŝ_l ŝ_{l−1}ᵀ − š_l š_{l−1}ᵀ)}")
                + ", formed from the state differences, the batch mean.\n";
    }

    @Override
    String freePhaseDoc() {
        return "Free phase (docs/methods.md §8): Gauss-Seidel sweeps, bottom-up, of\n"
                + "{@code s_l = ρ(s_{l−1}·W_lᵀ + b_l + s_{l+1}·W_{l+1})}, from the forward pass. Its first argument only\n"
                + "feeds the listener's energy: {@code predict} passes null, and the listener does not hear that phase.\n";
    }

    @Override
    String clampedDeltaDoc() {
        return "{@code d_l = ρ(u_l + Δu_l) − ρ(u_l)} with {@code Δu_l = d_{l−1}·W_lᵀ + d_{l+1}·W_{l+1}}";
    }

    @Override
    String energyDoc() {
        return "The batch-mean energy {@code Σ_l [G(s_l) − s_l·a_l] + β ℓ(s_out)} (docs/methods.md §8) of the free or the\n"
                + "nudged states; only for the listener.\n";
    }

    @Override
    CodeBlock energyTerm(NetPlan plan, LayerPlan layer, String state, CharSequence a) {
        return ChlEmitter.gapTerm("", layer, state, a);
    }
}
