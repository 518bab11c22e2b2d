package infergen.processor.plan;

import static infergen.processor.plan.MessageTemplate.floatSlot;
import static infergen.processor.plan.MessageTemplate.intSlot;
import static infergen.processor.plan.MessageTemplate.doubleSlot;

import infergen.processor.model.NetworkSpec;
import infergen.processor.model.OptimizerSpec;
import infergen.processor.model.RuleSpec;
import infergen.processor.model.Bound;
import infergen.processor.validate.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The run-time hyperparameters of a spec, in the order of the annotations' elements (rule first, then optimizer),
 * each with its range and the catalogue message a bad value gets. Boolean elements change the code's structure and
 * stay compile-time; so does β of a hard-clamped CHL, which is 1 by definition.
 */
public final class Hyperparameters {

    private Hyperparameters() {
    }

    static List<Hyperparameter> of(NetworkSpec spec) {
        List<Hyperparameter> list = new ArrayList<>();
        RuleSpec rule = spec.rule();
        String at = rule.annotationName();
        switch (rule) {
            case RuleSpec.Backprop bp -> {
            }
            case RuleSpec.FenchelBackprop fb -> list.add(real("beta", fb.beta(), Bound.POSITIVE_FINITE,
                    "spacing β of the Fenchel targets, per sample", Message.FENCHEL_BETA, floatSlot("beta")));
            case RuleSpec.PredictiveCoding pc -> {
                list.add(real("beta", pc.beta(), Bound.INVERTIBLE,
                        "output nudging β: the weight of the loss in the energy, per sample", Message.INFERENCE_BETA, at,
                        floatSlot("beta")));
                list.add(count("steps", pc.steps(), "inference steps", at));
                list.add(rate(pc.rate(), "step size η of inference", at));
            }
            case RuleSpec.AuxiliaryCoordinates mac -> {
                list.add(real("mu", mac.mu(), Bound.INVERTIBLE,
                        "penalty weight μ of the auxiliary coordinates, per sample", Message.AUXILIARY_MU, floatSlot("mu")));
                list.add(count("steps", mac.steps(), "Z-step iterations", at));
                list.add(rate(mac.rate(), "Z-step size, in units of 1/μ", at));
            }
            case RuleSpec.LiftedProximal lp -> {
                list.add(real("beta", lp.beta(), Bound.INVERTIBLE,
                        "coupling β of the Fenchel-Young gaps, per sample", Message.INFERENCE_BETA, at, floatSlot("beta")));
                list.add(count("sweeps", lp.sweeps(), "top-down block-coordinate sweeps", at));
                list.add(count("innerSteps", lp.innerSteps(),
                        "FISTA steps per hidden block, fixed-point steps of a softmax output block", at));
            }
            case RuleSpec.ContrastiveHebbian chl -> {
                list.add(gamma(chl.gamma()));
                if (!chl.hardClamp()) {
                    list.add(contrastiveBeta(chl.beta(), at));
                }
                list.add(sweeps("steps", chl.steps(), "relaxation sweeps of each phase"));
            }
            case RuleSpec.ConvexContrastiveHebbian cchl -> {
                list.add(gamma(cchl.gamma()));
                list.add(contrastiveBeta(cchl.beta(), at));
                list.add(sweeps("steps", cchl.steps(), "relaxation sweeps of each phase"));
            }
            case RuleSpec.EquilibriumPropagation ep -> {
                list.add(contrastiveBeta(ep.beta(), at));
                list.add(sweeps("freeSteps", ep.freeSteps(), "relaxation sweeps of the free phase"));
                list.add(sweeps("nudgedSteps", ep.nudgedSteps(), "relaxation sweeps of the nudged phase"));
            }
        }
        switch (spec.optimizer()) {
            case OptimizerSpec.Adam adam -> {
                list.add(learningRate(adam.learningRate(), "Adam's step size"));
                list.add(unit("beta1", adam.beta1(), "decay of Adam's first moment", Message.ADAM_BETA1));
                list.add(unit("beta2", adam.beta2(), "decay of Adam's second moment", Message.ADAM_BETA2));
                list.add(real("epsilon", adam.epsilon(), Bound.POSITIVE_FINITE, "Adam's denominator offset",
                        Message.ADAM_EPSILON, floatSlot("epsilon")));
            }
            case OptimizerSpec.Sgd sgd -> {
                list.add(learningRate(sgd.learningRate(), "SGD's step size"));
                list.add(unit("momentum", sgd.momentum(), "heavy-ball momentum μ (0: plain SGD)",
                        Message.SGD_MOMENTUM));
            }
        }
        return List.copyOf(list);
    }

    /**
     * The joint check of γ and β of CHL and convex CHL: their state differences scale like γ^{L−l−1}β and their
     * update scales like γ^{l+1−L}/β, the inverse, so {@code γ^(L−1)·β ≥ 1e-30} keeps both in float32's range.
     */
    static Optional<FloatRange> floatRange(NetworkSpec spec) {
        int layers = spec.layers().size();
        boolean contrastive = switch (spec.rule()) {
            case RuleSpec.ContrastiveHebbian chl -> true;
            case RuleSpec.ConvexContrastiveHebbian cchl -> true;
            default -> false;
        };
        if (!contrastive) {
            return Optional.empty();
        }
        boolean hardClamp = spec.rule() instanceof RuleSpec.ContrastiveHebbian chl && chl.hardClamp();
        String beta = hardClamp ? "1f" : "beta";
        return Optional.of(new FloatRange(hardClamp,
                MessageTemplate.of(Message.CONTRASTIVE_FLOAT_RANGE, floatSlot("gamma"), floatSlot(beta), layers,
                        doubleSlot("smallest"))));
    }

    /**
     * The float32-range check of the contrastive update scales.
     *
     * @param betaFixed β is the constant 1 (hard clamp), so only γ is checked
     * @param tooSmall the message when {@code γ^(L−1)·β < 1e-30}
     */
    public record FloatRange(boolean betaFixed, MessageTemplate tooSmall) {
    }

    private static Hyperparameter real(String name, float value, Bound bound, String doc, Message message,
            Object... args) {
        return new Hyperparameter(name, false, value, bound, MessageTemplate.of(message, args), doc);
    }

    private static Hyperparameter count(String name, int value, String doc, String annotation) {
        return new Hyperparameter(name, true, value, Bound.AT_LEAST_ONE,
                MessageTemplate.of(Message.INFERENCE_STEPS, name, annotation, intSlot(name)), doc);
    }

    private static Hyperparameter sweeps(String name, int value, String doc) {
        return new Hyperparameter(name, true, value, Bound.AT_LEAST_ONE,
                MessageTemplate.of(Message.CONTRASTIVE_STEPS, name, intSlot(name)), doc);
    }

    private static Hyperparameter rate(float value, String doc, String annotation) {
        return real("rate", value, Bound.UNIT_EXCLUDING_ZERO, doc, Message.INFERENCE_RATE, annotation,
                floatSlot("rate"));
    }

    private static Hyperparameter gamma(float value) {
        return real("gamma", value, Bound.OPEN_UNIT, "feedback strength γ", Message.CONTRASTIVE_GAMMA,
                floatSlot("gamma"));
    }

    private static Hyperparameter contrastiveBeta(float value, String annotation) {
        return real("beta", value, Bound.UNIT_INVERTIBLE,
                "clamping (nudging) strength β of β ℓ(s_out), per sample", Message.CONTRASTIVE_BETA, annotation,
                floatSlot("beta"));
    }

    private static Hyperparameter learningRate(float value, String doc) {
        return real("learningRate", value, Bound.POSITIVE_FINITE, doc, Message.OPTIMIZER_LEARNING_RATE,
                floatSlot("learningRate"));
    }

    private static Hyperparameter unit(String name, float value, String doc, Message message) {
        return real(name, value, Bound.UNIT_EXCLUDING_ONE, doc, message, floatSlot(name));
    }
}
