package infergen.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import infergen.processor.model.OptimizerSpec;
import infergen.processor.plan.LayerPlan;
import infergen.processor.plan.NetPlan;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/** The optimizer's constants, state buffers and {@code update()} method. */
final class OptimizerEmitter {

    private final OptimizerSpec optimizer;

    OptimizerEmitter(OptimizerSpec optimizer) {
        this.optimizer = optimizer;
    }

    String title() {
        return switch (optimizer) {
            case OptimizerSpec.Adam a -> "Adam (lr = " + a.learningRate() + ")";
            case OptimizerSpec.Sgd s -> "SGD (lr = " + s.learningRate()
                    + (s.momentum() != 0f ? ", momentum = " + s.momentum() : "") + ")";
        };
    }

    List<FieldSpec> constants() {
        List<FieldSpec> fields = new ArrayList<>();
        switch (optimizer) {
            case OptimizerSpec.Adam a -> {
                fields.add(constant("LEARNING_RATE", a.learningRate(), "Adam's step size."));
                fields.add(constant("BETA1", a.beta1(), "Decay of Adam's first moment."));
                fields.add(constant("BETA2", a.beta2(), "Decay of Adam's second moment."));
                fields.add(constant("EPSILON", a.epsilon(), "Adam's denominator offset."));
            }
            case OptimizerSpec.Sgd s -> {
                fields.add(constant("LEARNING_RATE", s.learningRate(), "SGD's step size."));
                if (hasMomentum()) {
                    fields.add(constant("MOMENTUM", s.momentum(), "Heavy-ball momentum."));
                }
            }
        }
        return fields;
    }

    /** The state buffers per parameter array, and the step counter. */
    List<FieldSpec> state(NetPlan plan) {
        List<FieldSpec> fields = new ArrayList<>();
        for (LayerPlan layer : plan.layers()) {
            for (String[] p : params(layer)) {
                for (String prefix : statePrefixes()) {
                    fields.add(FieldSpec.builder(float[].class, prefix + p[0], Modifier.PRIVATE, Modifier.FINAL)
                            .addJavadoc("$L of {@link #$L}.\n", stateName(prefix), p[0])
                            .initializer("new float[$L]", p[1])
                            .build());
                }
            }
        }
        if (optimizer instanceof OptimizerSpec.Adam) {
            fields.add(FieldSpec.builder(long.class, "step", Modifier.PRIVATE)
                    .addJavadoc("Number of Adam steps taken, t in the bias corrections.\n")
                    .build());
        }
        return fields;
    }

    MethodSpec update(NetPlan plan) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("update").addModifiers(Modifier.PRIVATE);
        switch (optimizer) {
            case OptimizerSpec.Adam a -> {
                m.addJavadoc("Adam with PyTorch's bias correction: {@code p −= lr·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε)}.\n");
                m.addCode(adamStepCounter());
                for (LayerPlan layer : plan.layers()) {
                    for (String[] p : params(layer)) {
                        m.addCode(adamStep(p[0]));
                    }
                }
            }
            case OptimizerSpec.Sgd s -> {
                m.addJavadoc(hasMomentum() ? "SGD with momentum: {@code vel = μ·vel + g; p −= lr·vel}.\n"
                        : "Plain SGD: {@code p −= lr·g}.\n");
                for (LayerPlan layer : plan.layers()) {
                    for (String[] p : params(layer)) {
                        if (hasMomentum()) {
                            m.addStatement("$T.sgdMomentum($L, g$L, vel$L, $L.length, LEARNING_RATE, MOMENTUM)",
                                    Literals.OPTIMIZERS, p[0], p[0], p[0], p[0]);
                        } else {
                            m.addStatement("$T.sgd($L, g$L, $L.length, LEARNING_RATE)", Literals.OPTIMIZERS, p[0],
                                    p[0], p[0]);
                        }
                    }
                }
            }
        }
        return m.build();
    }

    /**
     * Whether the weight step can run inside the weight-gradient GEMM ({@code Gemm.atBAdam}), so that a rule may emit
     * a {@code backwardAndUpdate} for {@code trainStep}: Adam's update is elementwise in the gradient.
     */
    boolean fusesIntoWeightGradient() {
        return optimizer instanceof OptimizerSpec.Adam;
    }

    /** Counts the Adam step and computes its bias corrections {@code bc1}, {@code bc2}. */
    CodeBlock adamStepCounter() {
        return CodeBlock.builder()
                .addStatement("step++")
                .addStatement("float bc1 = (float) (1.0 - Math.pow(BETA1, step))")
                .addStatement("float bc2 = (float) (1.0 - Math.pow(BETA2, step))")
                .build();
    }

    /** One Adam step on parameter array {@code param} from its gradient buffer {@code g<param>}. */
    CodeBlock adamStep(String param) {
        return CodeBlock.of("$T.adam($L, g$L, m$L, v$L, $L.length, LEARNING_RATE, BETA1, BETA2, EPSILON, bc1, bc2);\n",
                Literals.OPTIMIZERS, param, param, param, param, param);
    }

    /**
     * The weight gradient of a layer, {@code ∇W = δᵀ·input / n} into {@code gw}, with the Adam step on {@code W} fused
     * into the same GEMM ({@link #fusesIntoWeightGradient}).
     */
    CodeBlock fusedWeightStep(LayerPlan layer) {
        String w = layer.w();
        return CodeBlock.of("$T.atBAdam($N, $N, n, invN, $N, $N, $N, $L, m$L, v$L,$WLEARNING_RATE, BETA1, BETA2, "
                + "EPSILON, bc1, bc2);\n", Literals.GEMM, layer.units(), layer.fanIn(), layer.e(), layer.input(),
                layer.gw(), w, w, w);
    }

    private static String stateName(String prefix) {
        return switch (prefix) {
            case "m" -> "Adam's first moment";
            case "v" -> "Adam's second moment";
            default -> "Momentum velocity";
        };
    }

    /** Adds the optimizer's state arrays to the checkpoint under construction in {@code checkpoint()}. */
    CodeBlock checkpointTensors(NetPlan plan) {
        CodeBlock.Builder code = CodeBlock.builder();
        for (LayerPlan layer : plan.layers()) {
            for (String[] p : params(layer)) {
                for (String prefix : statePrefixes()) {
                    code.add("\n.add($S, $L, $L$L)", tensorPrefix(prefix) + tensorName(layer, p[0]),
                            NetEmitter.shape(layer, p[0]), prefix, p[0]);
                }
            }
        }
        return code.build();
    }

    /** The optimizer's scalar state, saved as checkpoint metadata: {name, field}. */
    List<String[]> scalars() {
        return optimizer instanceof OptimizerSpec.Adam ? List.<String[]>of(new String[] {"adam.step", "step"})
                : List.of();
    }

    private static String tensorPrefix(String prefix) {
        return switch (prefix) {
            case "m" -> "adam.m.";
            case "v" -> "adam.v.";
            default -> "sgd.velocity.";
        };
    }

    /** {@code layer0.weight} or {@code layer0.bias}. */
    static String tensorName(LayerPlan layer, String param) {
        return "layer" + layer.index() + (param.equals(layer.w()) ? ".weight" : ".bias");
    }

    private boolean hasMomentum() {
        return optimizer instanceof OptimizerSpec.Sgd s && s.momentum() != 0f;
    }

    private List<String> statePrefixes() {
        return switch (optimizer) {
            case OptimizerSpec.Adam a -> List.of("m", "v");
            case OptimizerSpec.Sgd s -> hasMomentum() ? List.of("vel") : List.of();
        };
    }

    /** {name, size expression} of each parameter array of a layer. */
    private static List<String[]> params(LayerPlan layer) {
        return List.of(new String[] {layer.w(), layer.units() + " * " + layer.fanIn()},
                new String[] {layer.b(), layer.units()});
    }

    private static FieldSpec constant(String name, float value, String doc) {
        return FieldSpec.builder(float.class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(doc + "\n")
                .initializer("$L", Literals.f(value))
                .build();
    }
}
