package infergen.processor.validate;

import infergen.annotations.Activation;
import infergen.annotations.Loss;
import infergen.processor.model.LayerSpec;
import infergen.processor.model.NetworkSpec;
import infergen.processor.model.OptimizerSpec;
import infergen.processor.model.RuleSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.SourceVersion;

/** Checks a {@link NetworkSpec} and returns every problem, not only the first. Knows nothing of javac. */
public final class SpecValidator {

    private SpecValidator() {
    }

    /** All problems of {@code spec}; empty when it can be generated. */
    public static List<Problem> validate(NetworkSpec spec) {
        List<Problem> problems = new ArrayList<>();
        NetworkSpec.Refs refs = spec.refs();
        if (!spec.specIsAbstract()) {
            problems.add(Problem.of(refs.network(), Message.NOT_ABSTRACT, spec.specName(), spec.specKind(),
                    spec.specSimpleName()));
        }
        positive(problems, refs.inputs(), "inputs", spec.inputs());
        positive(problems, refs.maxBatch(), "maxBatch", spec.maxBatch());
        String name = spec.className();
        if (!SourceVersion.isName(name) || name.contains(".")) {
            problems.add(Problem.of(refs.name(), Message.BAD_NAME, name, spec.specSimpleName()));
        }
        List<LayerSpec> layers = spec.layers();
        if (layers.isEmpty()) {
            problems.add(Problem.of(refs.network(), Message.NO_LAYERS, spec.specName()));
        }
        long fanIn = spec.inputs();
        for (int l = 0; l < layers.size(); l++) {
            LayerSpec layer = layers.get(l);
            positive(problems, layer.unitsRef(), "units of layer " + l, layer.units());
            if (layer.units() > 0 && fanIn > 0) {
                fits(problems, layer.unitsRef(), "the weights of layer " + l + " (units × fanIn)",
                        (long) layer.units() * fanIn);
                if (spec.maxBatch() > 0) {
                    fits(problems, layer.unitsRef(), "the activations of layer " + l + " (maxBatch × units)",
                            (long) spec.maxBatch() * layer.units());
                }
            }
            fanIn = layer.units();
        }
        if (spec.inputs() > 0 && spec.maxBatch() > 0) {
            fits(problems, refs.maxBatch(), "an input batch (maxBatch × inputs)",
                    (long) spec.maxBatch() * spec.inputs());
        }
        if (spec.loss() == Loss.SOFTMAX_CROSS_ENTROPY && !layers.isEmpty()) {
            LayerSpec last = layers.get(layers.size() - 1);
            if (last.activation() != Activation.IDENTITY) {
                problems.add(Problem.of(last.activationRef(), Message.SOFTMAX_NEEDS_IDENTITY, last.activation()));
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
                if (!(fb.beta() > 0f) || !Float.isFinite(fb.beta())) {
                    problems.add(Problem.of(fb.betaRef(), Message.BETA, fb.beta()));
                }
                if (fb.fenchelOutput() && spec.loss() != Loss.SOFTMAX_CROSS_ENTROPY) {
                    problems.add(Problem.of(fb.fenchelOutputRef(), Message.FENCHEL_OUTPUT_NEEDS_SOFTMAX, spec.loss()));
                }
            }
        }
    }

    private static void validateOptimizer(List<Problem> problems, OptimizerSpec optimizer) {
        switch (optimizer) {
            case OptimizerSpec.Adam adam -> {
                learningRate(problems, adam.learningRateRef(), adam.learningRate());
                unitInterval(problems, adam.beta1Ref(), "beta1", adam.beta1(), "the usual value is 0.9");
                unitInterval(problems, adam.beta2Ref(), "beta2", adam.beta2(), "the usual value is 0.999");
                if (!(adam.epsilon() > 0f) || !Float.isFinite(adam.epsilon())) {
                    problems.add(Problem.of(adam.epsilonRef(), Message.EPSILON, adam.epsilon()));
                }
            }
            case OptimizerSpec.Sgd sgd -> {
                learningRate(problems, sgd.learningRateRef(), sgd.learningRate());
                unitInterval(problems, sgd.momentumRef(), "momentum", sgd.momentum(),
                        "0 is plain SGD, 0.9 is usual");
            }
        }
    }

    private static void learningRate(List<Problem> problems, infergen.processor.model.ValueRef ref, float lr) {
        if (!(lr > 0f) || !Float.isFinite(lr)) {
            problems.add(Problem.of(ref, Message.LEARNING_RATE, lr));
        }
    }

    private static void unitInterval(List<Problem> problems, infergen.processor.model.ValueRef ref, String what,
            float value, String hint) {
        if (!(value >= 0f && value < 1f)) {
            problems.add(Problem.of(ref, Message.UNIT_INTERVAL, what, value, hint));
        }
    }

    private static void positive(List<Problem> problems, infergen.processor.model.ValueRef ref, String what,
            int value) {
        if (value <= 0) {
            problems.add(Problem.of(ref, Message.NOT_POSITIVE, what, value));
        }
    }

    private static void fits(List<Problem> problems, infergen.processor.model.ValueRef ref, String what,
            long elements) {
        if (elements > Integer.MAX_VALUE - 8) {
            problems.add(Problem.of(ref, Message.TOO_LARGE, what, elements));
        }
    }
}
