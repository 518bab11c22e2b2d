package infergen.processor.emit;

import static infergen.processor.emit.Literals.len;

import com.palantir.javapoet.CodeBlock;
import infergen.annotations.Activation;
import infergen.processor.model.RuleSpec;
import infergen.processor.plan.LayerPlan;
import infergen.processor.plan.NetPlan;
import infergen.processor.plan.Role;

/**
 * Layered contrastive Hebbian learning (docs/methods.md §6): feedback of strength γ in both phases, a soft clamp of
 * strength β or a hard clamp {@code ŝ_out = y}, and the update {@code −(γ^{l+1−L}/β)(ŝ_l ŝ_{l−1}ᵀ − š_l š_{l−1}ᵀ)}.
 */
final class ChlEmitter extends ContrastiveEmitter {

    private final RuleSpec.ContrastiveHebbian rule;

    ChlEmitter(RuleSpec.ContrastiveHebbian rule) {
        this.rule = rule;
    }

    @Override
    public String title() {
        return "contrastive Hebbian learning" + (rule.hardClamp() ? " with the hard clamp" : "");
    }

    @Override
    String section() {
        return "6";
    }

    @Override
    String beta() {
        return rule.hardClamp() ? "1f" : "beta";
    }

    @Override
    boolean hardClamp() {
        return rule.hardClamp();
    }

    /** Under the hard clamp β = 1, so the scale is {@code −γ^{l+1−L}}. */
    @Override
    String scale(NetPlan plan, LayerPlan layer) {
        int p = power(plan, layer);
        if (!rule.hardClamp()) {
            return super.scale(plan, layer);
        }
        return p == 0 ? "-1f" : "(float) -Math.pow(gamma, " + p + ")";
    }

    @Override
    String scaleFormula(NetPlan plan, LayerPlan layer) {
        return super.scaleFormula(plan, layer) + (rule.hardClamp() ? " with β = 1" : "");
    }

    @Override
    UpdateTerms updateTerms(NetPlan plan, LayerPlan layer) {
        int l = layer.index();
        return new UpdateTerms(layer.buffer(Role.D), layer.buffer(Role.SF),
                l > 0 ? plan.layers().get(l - 1).buffer(Role.D) : null,
                "∇W = −(γ^{l+1−L}/β)[(ŝ_l − š_l) ŝ_{l−1}ᵀ + š_l (ŝ_{l−1} − š_{l−1})ᵀ] / n");
    }

    @Override
    String backwardDoc() {
        return "Contrastive Hebbian learning (docs/methods.md §6): the free phase, the "
                + (rule.hardClamp() ? "hard-clamped ({@code ŝ_out = y})" : "soft-clamped") + " phase, then\n"
                + "{@code ∇W_l = −(γ^{l+1−L}/β)(ŝ_l ŝ_{l−1}ᵀ − š_l š_{l−1}ᵀ)}, formed from the state differences, the\n"
                + "batch mean.\n";
    }

    @Override
    String freePhaseDoc() {
        return "Free phase (docs/methods.md §6): Gauss-Seidel sweeps, bottom-up, of\n"
                + "{@code s_l = f(s_{l−1}·W_lᵀ + b_l + γ s_{l+1}·W_{l+1})}, from the forward pass.\n";
    }

    @Override
    String clampedDeltaDoc() {
        return "{@code d_l = f(u_l + Δu_l) − f(u_l)} with {@code Δu_l = d_{l−1}·W_lᵀ + γ d_{l+1}·W_{l+1}}";
    }

    @Override
    String energyDoc() {
        return "The batch-mean energy {@code Σ_l γ^{l+1−L}[G(s_l) − s_l·a_l] + β ℓ(s_out)} (docs/methods.md §6) of the\n"
                + "free or the clamped states; only for the listener.\n";
    }

    @Override
    CodeBlock energyTerm(NetPlan plan, LayerPlan layer, String state, CharSequence a) {
        return gapTerm(weight(plan, layer), layer, state, a);
    }

    /** {@code e += w(G(s) − s·a)} with the primitive G of the layer's activation. */
    static CodeBlock gapTerm(String weight, LayerPlan layer, String state, CharSequence a) {
        String g = smooth(layer.activation())
                ? (layer.activation() == Activation.SIGMOID ? "sigmoidG" : "tanhG") : "quadraticG";
        return CodeBlock.of("e += $L($T.$L($L, $L) - $T.dot($L, $N, $L));\n", weight, CONTRASTIVE, g, state,
                len(layer), CONTRASTIVE, state, a, len(layer));
    }
}
