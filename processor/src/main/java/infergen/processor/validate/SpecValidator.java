package infergen.processor.validate;

import infergen.annotations.Activation;
import infergen.annotations.Loss;
import infergen.processor.model.Bound;
import infergen.processor.model.LayerSpec;
import infergen.processor.model.NetworkSpec;
import infergen.processor.model.OptimizerSpec;
import infergen.processor.model.RuleSpec;
import infergen.processor.model.Shapes;
import infergen.processor.model.ValueRef;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.SourceVersion;

/** Checks a {@link NetworkSpec} and returns every problem, not only the first. Knows nothing of javac. */
public final class SpecValidator {

    /** Identifiers that are not keywords but cannot name a class (JLS §3.9). */
    private static final java.util.Set<String> RESTRICTED_TYPE_NAMES =
            java.util.Set.of("var", "yield", "record", "sealed", "permits");

    private SpecValidator() {
    }

    /** All problems of {@code spec}; empty when it can be generated. */
    public static List<Problem> validate(NetworkSpec spec) {
        List<Problem> problems = new ArrayList<>();
        NetworkSpec.Refs refs = spec.refs();
        Message kind = switch (spec.specKind()) {
            case INTERFACE, ABSTRACT_CLASS -> null;
            case CLASS -> Message.SPEC_IS_CLASS;
            case ENUM -> Message.SPEC_IS_ENUM;
            case RECORD -> Message.SPEC_IS_RECORD;
            case ANNOTATION_TYPE -> Message.SPEC_IS_ANNOTATION_TYPE;
        };
        if (kind != null) {
            problems.add(Problem.of(refs.network(), kind, spec.specName(), spec.specSimpleName()));
        }
        boolean shapeOk = ConvChecks.inputShape(problems, spec);
        if (spec.inputShape().isEmpty()) {
            positive(problems, refs.inputs(), Message.NETWORK_NOT_POSITIVE, "inputs", spec.inputs());
        }
        positive(problems, refs.maxBatch(), Message.NETWORK_NOT_POSITIVE, "maxBatch", spec.maxBatch());
        String name = spec.className();
        if (!SourceVersion.isName(name) || name.contains(".") || RESTRICTED_TYPE_NAMES.contains(name)) {
            problems.add(Problem.of(refs.name(), Message.NETWORK_BAD_NAME, name, spec.specSimpleName()));
        }
        List<LayerSpec> layers = spec.layers();
        if (layers.isEmpty()) {
            problems.add(Problem.of(refs.network(), Message.NETWORK_NO_LAYERS, spec.specName()));
        }
        ConvChecks.layers(problems, spec, shapeOk);
        List<Shapes.LayerShape> shapes = Shapes.of(spec);
        for (int l = 0; l < layers.size(); l++) {
            LayerSpec layer = layers.get(l);
            long units = shapes.get(l).units();
            long fanIn = shapes.get(l).fanIn();
            if (!layer.isConv()) {
                positive(problems, layer.unitsRef(), Message.DENSE_UNITS_NOT_POSITIVE, l, layer.units());
            }
            if (!Bound.POSITIVE_FINITE.accepts(layer.initGain())) {
                problems.add(Problem.of(layer.initGainRef(), Message.LAYER_INIT_GAIN, l, layer.initGain()));
            }
            if (units > 0 && fanIn > 0) {
                long weights = layer.isConv() ? (long) layer.conv().filters() * shapes.get(l).in()[0]
                        * layer.conv().kernel() * layer.conv().kernel() : units * fanIn;
                fits(problems, layer.unitsRef(), Message.DENSE_WEIGHTS_TOO_LARGE, l, weights);
                if (spec.maxBatch() > 0) {
                    fits(problems, layer.unitsRef(), Message.DENSE_ACTIVATIONS_TOO_LARGE, l,
                            (long) spec.maxBatch() * units);
                }
            }
        }
        if (spec.features() > 0 && spec.maxBatch() > 0) {
            fits(problems, refs.maxBatch(), Message.NETWORK_INPUT_BATCH_TOO_LARGE, null,
                    (long) spec.maxBatch() * spec.features());
        }
        if (spec.loss() == Loss.SOFTMAX_CROSS_ENTROPY && !layers.isEmpty()) {
            LayerSpec last = layers.get(layers.size() - 1);
            if (last.activation() != Activation.IDENTITY) {
                problems.add(Problem.of(last.activationRef(), Message.DENSE_SOFTMAX_NEEDS_IDENTITY, last.activation()));
            }
        }
        if (spec.rules().size() > 1) {
            for (int i = 1; i < spec.rules().size(); i++) {
                problems.add(Problem.of(spec.rules().get(i).annotation(), Message.TWO_RULES,
                        spec.rules().get(0).annotationName(), spec.rules().get(i).annotationName()));
            }
        }
        for (RuleSpec rule : spec.rules()) {
            validateRule(problems, spec, rule);
        }
        if (spec.optimizers().size() > 1) {
            for (int i = 1; i < spec.optimizers().size(); i++) {
                problems.add(Problem.of(spec.optimizers().get(i).annotation(), Message.TWO_OPTIMIZERS,
                        spec.optimizers().get(0).annotationName(), spec.optimizers().get(i).annotationName()));
            }
        }
        for (OptimizerSpec optimizer : spec.optimizers()) {
            validateOptimizer(problems, optimizer);
        }
        return problems;
    }

    private static void validateRule(List<Problem> problems, NetworkSpec spec, RuleSpec rule) {
        switch (rule) {
            case RuleSpec.ContrastiveHebbian chl -> ContrastiveChecks.chl(problems, spec, chl);
            case RuleSpec.ConvexContrastiveHebbian cchl -> ContrastiveChecks.convexChl(problems, spec, cchl);
            case RuleSpec.EquilibriumPropagation ep -> ContrastiveChecks.eqProp(problems, spec, ep);
            case RuleSpec.Backprop bp -> {
                // no hyper-parameters
            }
            case RuleSpec.FenchelBackprop fb -> {
                if (!Bound.POSITIVE_FINITE.accepts(fb.beta())) {
                    problems.add(Problem.of(fb.betaRef(), Message.FENCHEL_BETA, fb.beta()));
                }
                if (fb.fenchelOutput() && spec.loss() != Loss.SOFTMAX_CROSS_ENTROPY) {
                    problems.add(Problem.of(fb.fenchelOutputRef(), Message.FENCHEL_OUTPUT_NEEDS_SOFTMAX, spec.loss()));
                }
            }
            case RuleSpec.PredictiveCoding pc -> {
                ruleBeta(problems, pc, pc.betaRef(), pc.beta());
                inferenceSteps(problems, pc, pc.stepsRef(), "steps", pc.steps());
                inferenceRate(problems, pc, pc.rateRef(), pc.rate());
            }
            case RuleSpec.AuxiliaryCoordinates mac -> {
                if (!Bound.INVERTIBLE.accepts(mac.mu())) {
                    problems.add(Problem.of(mac.muRef(), Message.AUXILIARY_MU, mac.mu()));
                }
                inferenceSteps(problems, mac, mac.stepsRef(), "steps", mac.steps());
                inferenceRate(problems, mac, mac.rateRef(), mac.rate());
            }
            case RuleSpec.LiftedProximal lp -> {
                ruleBeta(problems, lp, lp.betaRef(), lp.beta());
                inferenceSteps(problems, lp, lp.sweepsRef(), "sweeps", lp.sweeps());
                inferenceSteps(problems, lp, lp.innerStepsRef(), "innerSteps", lp.innerSteps());
                for (int l = 0; l < spec.layers().size(); l++) {
                    LayerSpec layer = spec.layers().get(l);
                    if (layer.activation() == Activation.SIGMOID || layer.activation() == Activation.TANH) {
                        problems.add(Problem.of(layer.activationRef(), Message.LIFTED_NO_CLOSED_FORM_PROX, l,
                                layer.activation()));
                    }
                }
            }
        }
    }

    private static void ruleBeta(List<Problem> problems, RuleSpec rule, ValueRef ref,
            float beta) {
        if (!Bound.INVERTIBLE.accepts(beta)) {
            problems.add(Problem.of(ref, Message.INFERENCE_BETA, rule.annotationName(), beta));
        }
    }

    private static void inferenceSteps(List<Problem> problems, RuleSpec rule,
            ValueRef ref, String what, int steps) {
        if (!Bound.AT_LEAST_ONE.accepts(steps)) {
            problems.add(Problem.of(ref, Message.INFERENCE_STEPS, what, rule.annotationName(), steps));
        }
    }

    private static void inferenceRate(List<Problem> problems, RuleSpec rule, ValueRef ref,
            float rate) {
        if (!Bound.UNIT_EXCLUDING_ZERO.accepts(rate)) {
            problems.add(Problem.of(ref, Message.INFERENCE_RATE, rule.annotationName(), rate));
        }
    }

    private static void validateOptimizer(List<Problem> problems, OptimizerSpec optimizer) {
        switch (optimizer) {
            case OptimizerSpec.Adam adam -> {
                learningRate(problems, adam.learningRateRef(), adam.learningRate());
                unitInterval(problems, adam.beta1Ref(), Message.ADAM_BETA1, adam.beta1());
                unitInterval(problems, adam.beta2Ref(), Message.ADAM_BETA2, adam.beta2());
                if (!Bound.POSITIVE_FINITE.accepts(adam.epsilon())) {
                    problems.add(Problem.of(adam.epsilonRef(), Message.ADAM_EPSILON, adam.epsilon()));
                }
            }
            case OptimizerSpec.Sgd sgd -> {
                learningRate(problems, sgd.learningRateRef(), sgd.learningRate());
                unitInterval(problems, sgd.momentumRef(), Message.SGD_MOMENTUM, sgd.momentum());
            }
        }
    }

    private static void learningRate(List<Problem> problems, ValueRef ref, float lr) {
        if (!Bound.POSITIVE_FINITE.accepts(lr)) {
            problems.add(Problem.of(ref, Message.OPTIMIZER_LEARNING_RATE, lr));
        }
    }

    private static void unitInterval(List<Problem> problems, ValueRef ref, Message message, float value) {
        if (!Bound.UNIT_EXCLUDING_ONE.accepts(value)) {
            problems.add(Problem.of(ref, message, value));
        }
    }

    /** {@code value} must be positive; {@code what} is the element's name or the layer's index. */
    private static void positive(List<Problem> problems, ValueRef ref, Message message, Object what, int value) {
        if (value <= 0) {
            problems.add(Problem.of(ref, message, what, value));
        }
    }

    /** {@code elements} must fit a Java array; {@code layer} is the layer's index, or null for the input batch. */
    private static void fits(List<Problem> problems, ValueRef ref, Message message, Integer layer, long elements) {
        if (elements > Integer.MAX_VALUE - 8) {
            problems.add(layer == null ? Problem.of(ref, message, elements)
                    : Problem.of(ref, message, layer, elements));
        }
    }
}
