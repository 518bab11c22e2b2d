package infergen.processor.emit;

import static infergen.processor.emit.Literals.len;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import infergen.processor.model.RuleSpec;
import infergen.processor.plan.Buffer;
import infergen.processor.plan.LayerPlan;
import infergen.processor.plan.NetPlan;
import infergen.processor.plan.Role;

/**
 * Convex contrastive Hebbian learning (docs/methods.md §7): each state is the projection of its pre-activation plus
 * γ times the residual feedback from above, {@code s_l = Π_C(a_l + γ r_{l+1}·W_{l+1})}, and the update is formed
 * from the residuals, {@code −(γ^{l+1−L}/β)(r̂_l ŝ_{l−1}ᵀ − ř_l š_{l−1}ᵀ)}.
 */
final class ConvexChlEmitter extends ContrastiveEmitter {

    private final RuleSpec.ConvexContrastiveHebbian rule;

    ConvexChlEmitter(RuleSpec.ConvexContrastiveHebbian rule) {
        this.rule = rule;
    }

    @Override
    public String title() {
        return "convex contrastive Hebbian learning";
    }

    @Override
    String section() {
        return "7";
    }

    @Override
    void startFree(MethodSpec.Builder m, NetPlan plan) {
        LayerPlan first = plan.layers().get(0);
        m.addStatement("$T.arraycopy($N, 0, $N, 0, $L)", System.class, first.a(), first.buffer(Role.CA), len(first));
    }

    @Override
    void freeDrive(MethodSpec.Builder m, NetPlan plan, LayerPlan layer, LayerPlan above) {
        int l = layer.index();
        Buffer ca = layer.buffer(Role.CA);
        Buffer u = layer.buffer(Role.U);
        if (l > 0) {
            m.addComment("a_$L = s_$L·W_$Lᵀ + b_$L", l, l - 1, l, l);
            m.addCode(LayerOp.of(layer).affine(plan.layers().get(l - 1).buffer(Role.SF), ca));
        }
        m.addStatement("$T.arraycopy($N, 0, $N, 0, $L)", System.class, ca, u, len(layer));
        if (above != null) {
            int k = l + 1;
            Buffer dr = above.buffer(Role.DR);
            m.addComment("u_$L = a_$L + γ r_$L·W_$L, r_$L = s_$L − s_$L·W_$Lᵀ − b_$L", l, l, k, k, k, k, l, k, k);
            m.addCode(LayerOp.of(above).map(layer.buffer(Role.SF), dr, false));
            m.addCode(LayerOp.of(above).residual(above.buffer(Role.SF), dr));
            m.addCode(LayerOp.of(above).adjoint("gamma", dr, u, true));
        }
    }

    @Override
    void afterFree(MethodSpec.Builder m, NetPlan plan) {
        m.addComment("the free residuals ř = š − a (those the update reads)");
        for (LayerPlan layer : plan.layers()) {
            if (layer.index() > 0) {
                m.addStatement("$T.difference($N, $N, $N, $L)", InferenceCode.STATE, layer.buffer(Role.SF), layer.buffer(Role.CA),
                        layer.buffer(Role.RES), len(layer));
            }
        }
    }

    @Override
    CharSequence clampedFeedback(MethodSpec.Builder m, LayerPlan layer, LayerPlan above) {
        Buffer dr = above.buffer(Role.DR);
        m.addCode(LayerOp.of(above).map(layer.buffer(Role.D), dr, false));
        m.addStatement("$T.difference($N, $N, $N, $L)", InferenceCode.STATE, above.buffer(Role.D), dr, dr, len(above));
        return dr;
    }

    @Override
    String clampedFeedbackFormula(int above) {
        return "γ Δr_" + above + "·W_" + above;
    }

    @Override
    void differences(MethodSpec.Builder m, NetPlan plan) {
        m.addComment("Δr_l = r̂_l − ř_l = d_l − d_{l−1}·W_lᵀ, and the clamped states ŝ = š + d");
        for (LayerPlan layer : plan.layers()) {
            int l = layer.index();
            Buffer d = layer.buffer(Role.D);
            Buffer du = layer.buffer(Role.DU);
            if (l == 0) {
                m.addStatement("$T.arraycopy($N, 0, $N, 0, $L)", System.class, d, du, len(layer));
            } else {
                m.addCode(LayerOp.of(layer).map(plan.layers().get(l - 1).buffer(Role.D), du, false));
                m.addStatement("$T.difference($N, $N, $N, $L)", InferenceCode.STATE, d, du, du, len(layer));
            }
            if (!layer.last()) {
                m.addStatement("$T.sum($N, $N, $N, $L)", InferenceCode.STATE, layer.buffer(Role.SF), d, layer.buffer(Role.SH),
                        len(layer));
            }
        }
    }

    @Override
    UpdateTerms updateTerms(NetPlan plan, LayerPlan layer) {
        int l = layer.index();
        return new UpdateTerms(layer.buffer(Role.DU), l > 0 ? layer.buffer(Role.RES) : null,
                l > 0 ? plan.layers().get(l - 1).buffer(Role.D) : null,
                "∇W = −(γ^{l+1−L}/β)[Δr_l ŝ_{l−1}ᵀ + ř_l (ŝ_{l−1} − š_{l−1})ᵀ] / n, ∇b = −(γ^{l+1−L}/β) mean Δr_l");
    }

    @Override
    String backwardDoc() {
        return "Convex contrastive Hebbian learning (docs/methods.md §7): the free and the clamped phase, then\n"
                + "{@code ∇W_l = −(γ^{l+1−L}/β)(r̂_l ŝ_{l−1}ᵀ − ř_l š_{l−1}ᵀ)}, formed from the differences, the batch\n"
                + "mean.\n";
    }

    @Override
    String freePhaseDoc() {
        return "Free phase (docs/methods.md §7): block-coordinate projected-gradient sweeps, bottom-up, on\n"
                + "{@code Σ_l γ^{l+1−L}[½‖s_l − a_l‖² + ι_C(s_l)]}: {@code s_l = Π_C(a_l + γ r_{l+1}·W_{l+1})} with the\n"
                + "residual {@code r_{l+1} = s_{l+1} − s_l·W_{l+1}ᵀ − b_{l+1}}; from the forward pass.\n";
    }

    @Override
    String clampedDeltaDoc() {
        return "{@code d_l = Π_C(u_l + Δu_l) − Π_C(u_l)} with {@code Δu_l = d_{l−1}·W_lᵀ + γ Δr_{l+1}·W_{l+1}} and\n"
                + "{@code Δr_{l+1} = d_{l+1} − d_l·W_{l+1}ᵀ}";
    }

    @Override
    String energyDoc() {
        return "The batch-mean energy {@code Σ_l γ^{l+1−L} ½‖s_l − a_l‖² + β ℓ(s_out)} (docs/methods.md §7) of the\n"
                + "free or the clamped states; only for the listener.\n";
    }

    @Override
    CodeBlock energyTerm(NetPlan plan, LayerPlan layer, String state, CharSequence a) {
        return CodeBlock.of("e += $L$T.halfSquaredDistance($L, $N, $L);\n", weight(plan, layer), CONTRASTIVE, state, a,
                len(layer));
    }
}
