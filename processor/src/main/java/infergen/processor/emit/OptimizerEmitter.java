package infergen.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import infergen.processor.model.OptimizerSpec;
import infergen.processor.plan.LayerPlan;
import infergen.processor.plan.NetPlan;
import infergen.processor.plan.Role;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The optimizer's {@code update()} method, its step counter and its checkpoint entries. Its hyperparameters
 * ({@code learningRate}, …) and state buffers ({@code mw0}, {@code velw0}, …) come from the plan.
 */
final class OptimizerEmitter {

    private final OptimizerSpec optimizer;

    OptimizerEmitter(OptimizerSpec optimizer) {
        this.optimizer = optimizer;
    }

    String title() {
        return switch (optimizer) {
            case OptimizerSpec.Adam a -> "Adam";
            case OptimizerSpec.Sgd s -> "SGD";
        };
    }

    /** The step counter of Adam; no fields for SGD. */
    List<FieldSpec> fields() {
        if (optimizer instanceof OptimizerSpec.Adam) {
            return List.of(FieldSpec.builder(long.class, "step", Modifier.PRIVATE)
                    .addJavadoc("number of Adam steps taken, t in the bias corrections\n")
                    .build());
        }
        return List.of();
    }

    MethodSpec update(NetPlan plan) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("update").addModifiers(Modifier.PRIVATE);
        switch (optimizer) {
            case OptimizerSpec.Adam a -> {
                m.addJavadoc("Adam with PyTorch's bias correction: {@code p −= lr·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε)}.\n");
                m.addCode(adamStepCounter());
                for (LayerPlan layer : plan.layers()) {
                    m.addCode(adamStep(layer, Role.W));
                    m.addCode(adamStep(layer, Role.B));
                }
            }
            case OptimizerSpec.Sgd s -> {
                m.addJavadoc("SGD: {@code p −= lr·g}, or with momentum {@code vel = μ·vel + g; p −= lr·vel}. At\n"
                        + "{@code momentum = 0} the velocities are not touched, so the step is plain SGD to the bit.\n");
                m.beginControlFlow("if (momentum == 0f)");
                for (LayerPlan layer : plan.layers()) {
                    for (Role p : List.of(Role.W, Role.B)) {
                        m.addStatement("$T.sgd($N, $N, $N.length, learningRate)", Literals.OPTIMIZERS,
                                layer.buffer(p), gradient(layer, p), layer.buffer(p));
                    }
                }
                m.nextControlFlow("else");
                for (LayerPlan layer : plan.layers()) {
                    for (Role p : List.of(Role.W, Role.B)) {
                        m.addStatement("$T.sgdMomentum($N, $N, $N, $N.length, learningRate, momentum)",
                                Literals.OPTIMIZERS, layer.buffer(p), gradient(layer, p),
                                layer.buffer(p == Role.W ? Role.VELW : Role.VELB), layer.buffer(p));
                    }
                }
                m.endControlFlow();
            }
        }
        return m.build();
    }

    /**
     * Whether the weight step can run inside the weight-gradient GEMM ({@link LayerOp#weightGradientAdam}), so that a
     * rule may emit a {@code backwardAndUpdate} for {@code trainStep}: Adam's update is elementwise in the gradient.
     */
    boolean fusesIntoWeightGradient() {
        return optimizer instanceof OptimizerSpec.Adam;
    }

    /** Counts the Adam step and computes its bias corrections {@code bc1}, {@code bc2}. */
    CodeBlock adamStepCounter() {
        return CodeBlock.builder()
                .addStatement("step++")
                .addStatement("float bc1 = (float) (1.0 - Math.pow(beta1, step))")
                .addStatement("float bc2 = (float) (1.0 - Math.pow(beta2, step))")
                .build();
    }

    /** One Adam step on the parameter array {@code param} ({@link Role#W} or {@link Role#B}) of a layer. */
    CodeBlock adamStep(LayerPlan layer, Role param) {
        boolean w = param == Role.W;
        return CodeBlock.of("$T.adam($N, $N, $N, $N, $N.length, learningRate, beta1, beta2, epsilon, bc1, bc2);\n",
                Literals.OPTIMIZERS, layer.buffer(param), gradient(layer, param), layer.buffer(w ? Role.MW : Role.MB),
                layer.buffer(w ? Role.VW : Role.VB), layer.buffer(param));
    }

    private static CharSequence gradient(LayerPlan layer, Role param) {
        return layer.buffer(param == Role.W ? Role.GW : Role.GB);
    }

    /** Adds the optimizer's state arrays to the checkpoint under construction in {@code checkpoint()}. */
    CodeBlock checkpointTensors(NetPlan plan) {
        CodeBlock.Builder code = CodeBlock.builder();
        for (LayerPlan layer : plan.layers()) {
            for (Role p : List.of(Role.W, Role.B)) {
                for (Role state : stateRoles(p)) {
                    code.add("\n.add($S, $L, $N)", tensorPrefix(state) + tensorName(layer, p), NetEmitter.shape(layer, p),
                            layer.buffer(state));
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

    private List<Role> stateRoles(Role param) {
        boolean w = param == Role.W;
        return switch (optimizer) {
            case OptimizerSpec.Adam a -> w ? List.of(Role.MW, Role.VW) : List.of(Role.MB, Role.VB);
            case OptimizerSpec.Sgd s -> List.of(w ? Role.VELW : Role.VELB);
        };
    }

    private static String tensorPrefix(Role state) {
        return switch (state) {
            case MW, MB -> "adam.m.";
            case VW, VB -> "adam.v.";
            default -> "sgd.velocity.";
        };
    }

    /** {@code layer0.weight} or {@code layer0.bias}. */
    static String tensorName(LayerPlan layer, Role param) {
        return "layer" + layer.index() + (param == Role.W ? ".weight" : ".bias");
    }
}
