package infergen.processor.plan;

import infergen.annotations.Activation;
import infergen.processor.model.NetworkSpec;
import infergen.processor.model.OptimizerSpec;
import infergen.processor.model.RuleSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which buffers a layer gets under the spec's rule and optimizer, with the line that documents each: exactly those
 * that some emitted code reads. The rules' emitters ask their layers for these roles.
 */
final class BufferLayout {

    private final NetworkSpec spec;
    private final int layers;

    BufferLayout(NetworkSpec spec) {
        this.spec = spec;
        this.layers = spec.layers().size();
    }

    /** Whether layer {@code l} is a conv layer (its weights are {@code FILTERS_l × PATCH_l}). */
    boolean conv(int l) {
        return spec.layers().get(l).isConv();
    }

    /** Parameters, their gradients and the optimizer's state of layer {@code l}. */
    Map<Role, String> parameters(int l) {
        Map<Role, String> roles = new LinkedHashMap<>();
        roles.put(Role.W, conv(l) ? "weights of layer " + l + ", filters × inChannels × kernel × kernel"
                : "weights of layer " + l + ", row-major");
        roles.put(Role.B, "biases of layer " + l);
        roles.put(Role.GW, "update direction of w" + l);
        roles.put(Role.GB, "update direction of b" + l);
        switch (spec.optimizer()) {
            case OptimizerSpec.Adam adam -> {
                roles.put(Role.MW, "Adam's first moment of w" + l);
                roles.put(Role.VW, "Adam's second moment of w" + l);
                roles.put(Role.MB, "Adam's first moment of b" + l);
                roles.put(Role.VB, "Adam's second moment of b" + l);
            }
            case OptimizerSpec.Sgd sgd -> {
                roles.put(Role.VELW, "momentum velocity of w" + l);
                roles.put(Role.VELB, "momentum velocity of b" + l);
            }
        }
        return roles;
    }

    /** The per-sample buffers of layer {@code l}: the forward pass's and the rule's. */
    Map<Role, String> workspace(int l) {
        Activation f = spec.layers().get(l).activation();
        boolean identity = f == Activation.IDENTITY;
        boolean last = l == layers - 1;
        Map<Role, String> roles = new LinkedHashMap<>();
        roles.put(Role.A, "pre-activation a = input·Wᵀ + b");
        if (!identity) {
            roles.put(Role.S, "activity s = f(a)");
        }
        switch (spec.rule()) {
            case RuleSpec.Backprop bp -> roles.put(Role.ERROR, "∂ℓ/∂s, then δ at the pre-activation");
            case RuleSpec.FenchelBackprop fb ->
                    roles.put(Role.ERROR, "∂ℓ/∂s, then the Fenchel error δ̃ = (s − ŝ)/β");
            case RuleSpec.PredictiveCoding pc -> penalizer(roles, l, identity, last, pc.fixedPrediction(),
                    !pc.fixedPrediction());
            case RuleSpec.AuxiliaryCoordinates mac -> penalizer(roles, l, identity, last, false, false);
            case RuleSpec.LiftedProximal lp -> lifted(roles, l, identity, last);
            case RuleSpec.ContrastiveHebbian chl -> contrastive(roles, l, last, false, false, "clamped");
            case RuleSpec.ConvexContrastiveHebbian cchl -> contrastive(roles, l, last, true, false, "clamped");
            case RuleSpec.EquilibriumPropagation ep -> contrastive(roles, l, last, false, ep.centered(), "nudged");
        }
        return roles;
    }

    /** The per-sample buffers of the output that are not a layer's. */
    Map<NetPlan.Shared, String> shared() {
        Map<NetPlan.Shared, String> shared = new LinkedHashMap<>();
        boolean softmax = spec.loss() == infergen.annotations.Loss.SOFTMAX_CROSS_ENTROPY;
        if (softmax) {
            shared.put(NetPlan.Shared.PROBS, "softmax probabilities of the output");
        } else {
            shared.put(NetPlan.Shared.ONE_HOT, "one-hot targets built from integer labels");
        }
        boolean relaxedOutput = switch (spec.rule()) {
            case RuleSpec.PredictiveCoding pc -> !pc.fixedPrediction();
            case RuleSpec.AuxiliaryCoordinates mac -> true;
            case RuleSpec.LiftedProximal lp -> true;
            default -> false;
        };
        if (relaxedOutput) {
            if (softmax) {
                shared.put(NetPlan.Shared.P_OUT, "softmax of the current output state");
            }
            shared.put(NetPlan.Shared.G_OUT, "loss gradient ∇ℓ at the current output state");
        }
        return shared;
    }

    /**
     * PCN and MAC (the penalizer rules): state deviations {@code d = s − s*} where a layer is lifted, the changes of
     * pre-activation and prediction where the prediction moves, slopes and {@code ε = f'(a) ⊙ e}, current activities.
     */
    private static void penalizer(Map<Role, String> roles, int l, boolean identity, boolean last, boolean frozen,
            boolean outputIsState) {
        boolean lifted = !last || outputIsState;
        boolean fixedPrediction = frozen || l == 0;
        if (last || !(fixedPrediction && lifted)) {
            roles.put(Role.ERROR, last ? "the loss gradient, then the output error" : "prediction error e = s − f(a)");
        }
        if (lifted) {
            roles.put(Role.D, "state deviation d = s − s* from the forward pass");
        }
        if (!fixedPrediction) {
            roles.put(Role.DA, "change of the pre-activation Δa = d_in·Wᵀ");
            if (!identity) {
                roles.put(Role.DF, "change of the prediction Δf = f(a* + Δa) − f(a*)");
            }
        }
        if (!identity) {
            roles.put(Role.FP, frozen ? "slope f'(a) at the forward pass" : "slope f'(a) at the current state");
            roles.put(Role.EPS, "ε = f'(a) ⊙ e");
        }
        if (!frozen) {
            roles.put(Role.Z, "current activity s* + d");
        }
    }

    /** LPOM: every layer lifted, FISTA's iterates for the hidden blocks, the power iteration's vectors. */
    private static void lifted(Map<Role, String> roles, int l, boolean identity, boolean last) {
        roles.put(Role.ERROR, "Fenchel error e = f(a) − s at the final states");
        roles.put(Role.D, "state deviation d = s − s* from the forward pass");
        roles.put(Role.PULL, "pull of the pre-activation (a* − s*) + Δa");
        if (l > 0) {
            roles.put(Role.DA, "change of the pre-activation Δa = d_in·Wᵀ");
            if (!identity) {
                roles.put(Role.DF, "change of the prediction Δf = f(a* + Δa) − f(a*)");
            }
            roles.put(Role.NU, "power-iteration image W v");
            roles.put(Role.NV, "power-iteration vector v, kept between steps");
        }
        roles.put(Role.Z, "current activity s* + d");
        if (!last) {
            roles.put(Role.DY, "FISTA's extrapolated point");
            roles.put(Role.H, "FISTA's new iterate");
        }
    }

    /** CHL, convex CHL and EqProp: the free state and drive, the phase difference and its scratch. */
    private static void contrastive(Map<Role, String> roles, int l, boolean last, boolean convex, boolean centered,
            String clamped) {
        if (last) {
            roles.put(Role.ERROR, "output error from the loss (the phases use their own)");
        }
        roles.put(Role.SF, "free-phase state š");
        roles.put(Role.U, "free-phase drive (the argument of the " + (convex ? "projection" : "activation") + ")");
        roles.put(Role.D, "the " + clamped + "-minus-free state difference ŝ − š");
        roles.put(Role.DU, "drive increment of the " + clamped + " phase, then the difference the update uses");
        roles.put(Role.SH, "the " + clamped + " state ŝ = š + d");
        if (convex) {
            roles.put(Role.CA, "free-phase pre-activation a = s_in·Wᵀ + b");
            if (l > 0) {
                roles.put(Role.RES, "free-phase residual ř = š − a");
                roles.put(Role.DR, "scratch: a residual (difference)");
            }
        }
        if (centered) {
            roles.put(Role.DP, "the state difference nudged by +β");
        }
    }
}
