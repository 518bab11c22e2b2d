package infergen.processor.emit;

import infergen.processor.model.RuleSpec;

/** The emitter of each learning rule; adding a rule adds one case here. */
final class RuleEmitters {

    private RuleEmitters() {
    }

    static RuleEmitter of(RuleSpec rule) {
        return switch (rule) {
            case RuleSpec.Backprop bp -> new BackpropEmitter();
            case RuleSpec.FenchelBackprop fb -> new FenchelEmitter(fb);
            case RuleSpec.PredictiveCoding pc -> new PredictiveCodingEmitter(pc);
            case RuleSpec.AuxiliaryCoordinates mac -> new AuxiliaryCoordinatesEmitter(mac);
            case RuleSpec.LiftedProximal lp -> new LiftedProximalEmitter(lp);
            case RuleSpec.ContrastiveHebbian chl -> new ChlEmitter(chl);
            case RuleSpec.ConvexContrastiveHebbian cchl -> new ConvexChlEmitter(cchl);
            case RuleSpec.EquilibriumPropagation ep -> new EqPropEmitter(ep);
        };
    }
}
