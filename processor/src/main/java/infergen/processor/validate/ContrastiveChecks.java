package infergen.processor.validate;

import infergen.annotations.Activation;
import infergen.annotations.Loss;
import infergen.processor.model.Bound;
import infergen.processor.model.LayerSpec;
import infergen.processor.model.NetworkSpec;
import infergen.processor.model.RuleSpec;
import infergen.processor.model.ValueRef;
import java.util.List;

/**
 * The checks of the contrastive rules (docs/methods.md §6–8): ranges of γ, β and the step counts, and what each can
 * express.
 */
final class ContrastiveChecks {

    private ContrastiveChecks() {
    }

    static void chl(List<Problem> problems, NetworkSpec spec, RuleSpec.ContrastiveHebbian rule) {
        boolean gammaOk = gamma(problems, rule.gammaRef(), rule.gamma());
        boolean betaOk = rule.hardClamp() || beta(problems, rule.betaRef(), rule.annotationName(), rule.beta());
        steps(problems, rule.stepsRef(), "steps", rule.steps());
        if (rule.hardClamp() && spec.loss() != Loss.MEAN_SQUARED_ERROR) {
            problems.add(Problem.of(rule.hardClampRef(), Message.CHL_HARD_CLAMP_NEEDS_MSE, spec.loss()));
        }
        if (gammaOk && betaOk) {
            floatRange(problems, rule.gammaRef(), spec, rule.gamma(), rule.hardClamp() ? 1f : rule.beta());
        }
    }

    static void convexChl(List<Problem> problems, NetworkSpec spec, RuleSpec.ConvexContrastiveHebbian rule) {
        boolean gammaOk = gamma(problems, rule.gammaRef(), rule.gamma());
        boolean betaOk = beta(problems, rule.betaRef(), rule.annotationName(), rule.beta());
        steps(problems, rule.stepsRef(), "steps", rule.steps());
        for (LayerSpec layer : spec.layers()) {
            switch (layer.activation()) {
                case IDENTITY, RELU, HARD_TANH, HARD_SIGMOID -> {
                }
                case SIGMOID, TANH -> problems.add(Problem.of(layer.activationRef(),
                        Message.CONVEX_CHL_NEEDS_PROJECTION, layer.activation(), layer.activation()));
            }
        }
        if (gammaOk && betaOk) {
            floatRange(problems, rule.gammaRef(), spec, rule.gamma(), rule.beta());
        }
    }

    static void eqProp(List<Problem> problems, NetworkSpec spec, RuleSpec.EquilibriumPropagation rule) {
        beta(problems, rule.betaRef(), rule.annotationName(), rule.beta());
        steps(problems, rule.freeStepsRef(), "freeSteps", rule.freeSteps());
        steps(problems, rule.nudgedStepsRef(), "nudgedSteps", rule.nudgedSteps());
        List<LayerSpec> layers = spec.layers();
        for (int l = 0; l < layers.size() - 1; l++) {
            Activation f = layers.get(l).activation();
            if (f == Activation.RELU || f == Activation.IDENTITY) {
                problems.add(Problem.of(layers.get(l).activationRef(), Message.EQPROP_NEEDS_BOUNDED, l, f));
            }
        }
    }

    private static boolean gamma(List<Problem> problems, ValueRef ref, float gamma) {
        if (!Bound.OPEN_UNIT.accepts(gamma)) {
            problems.add(Problem.of(ref, Message.CONTRASTIVE_GAMMA, gamma));
            return false;
        }
        return true;
    }

    private static boolean beta(List<Problem> problems, ValueRef ref, String rule, float beta) {
        if (!Bound.UNIT_INVERTIBLE.accepts(beta)) {
            problems.add(Problem.of(ref, Message.CONTRASTIVE_BETA, rule, beta));
            return false;
        }
        return true;
    }

    private static void steps(List<Problem> problems, ValueRef ref, String what, int steps) {
        if (!Bound.AT_LEAST_ONE.accepts(steps)) {
            problems.add(Problem.of(ref, Message.CONTRASTIVE_STEPS, what, steps));
        }
    }

    /** The clamped-minus-free differences scale like γ^{L−k}β and the update prefactor like γ^{k−L}/β. */
    private static void floatRange(List<Problem> problems, ValueRef ref, NetworkSpec spec, float gamma, float beta) {
        int layers = spec.layers().size();
        double smallest = Math.pow(gamma, layers - 1) * beta;
        if (!(smallest >= 1e-30)) {
            problems.add(Problem.of(ref, Message.CONTRASTIVE_FLOAT_RANGE, gamma, beta, layers, smallest));
        }
    }
}
