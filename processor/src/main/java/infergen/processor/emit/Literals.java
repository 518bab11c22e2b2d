package infergen.processor.emit;

import com.palantir.javapoet.ClassName;
import infergen.annotations.Activation;
import infergen.processor.plan.LayerPlan;

/** Names and literals shared by the emitters. */
final class Literals {

    static final String RUNTIME = "infergen.runtime";
    static final String KERNEL = "infergen.runtime.kernel";
    static final ClassName TRAINABLE_NET = ClassName.get(RUNTIME, "TrainableNet");
    static final ClassName REGRESSION_NET = ClassName.get(RUNTIME, "RegressionNet");
    static final ClassName CHECKS = ClassName.get(RUNTIME, "Checks");
    static final ClassName RNG = ClassName.get(RUNTIME, "Rng");
    static final ClassName INITIALIZERS = ClassName.get(RUNTIME, "Initializers");
    static final ClassName HYPERPARAMETERS = ClassName.get(RUNTIME, "Hyperparameters");
    static final ClassName GEMM = ClassName.get(KERNEL, "Gemm");
    static final ClassName VECTORS = ClassName.get(KERNEL, "Vectors");
    static final ClassName ACTIVATIONS = ClassName.get(KERNEL, "Activations");
    static final ClassName LOSSES = ClassName.get(KERNEL, "Losses");
    static final ClassName OPTIMIZERS = ClassName.get(KERNEL, "Optimizers");
    static final ClassName FENCHEL = ClassName.get(KERNEL, "FenchelTargets");
    static final ClassName NONLINEARITY = ClassName.get(KERNEL, "Nonlinearity");
    static final ClassName CONV2D = ClassName.get(KERNEL, "Conv2d");
    static final ClassName CONV_SHAPE = ClassName.get(KERNEL, "ConvShape");
    static final ClassName POOLING = ClassName.get(KERNEL, "Pooling");

    private Literals() {
    }

    /**
     * The runtime's name of a non-identity activation's kernels: {@code Activations.relu},
     * {@code Activations.reluBackward}, {@code FenchelTargets.relu}, {@code Deviations.relu}, ...
     */
    static String kernelName(Activation activation) {
        return switch (activation) {
            case RELU -> "relu";
            case HARD_TANH -> "hardTanh";
            case HARD_SIGMOID -> "hardSigmoid";
            case SIGMOID -> "sigmoid";
            case TANH -> "tanh";
            case IDENTITY -> throw new IllegalArgumentException("the identity has no kernel");
        };
    }

    /**
     * The buffer {@code f'} is computed from: the activity for sigmoid and tanh ({@code s(1 − s)}, {@code 1 − s²}),
     * the pre-activation for the box activations (so that {@code f'} is 0 at the kink).
     */
    static CharSequence derivativeInput(LayerPlan layer) {
        return switch (layer.activation()) {
            case SIGMOID, TANH -> layer.s();
            default -> layer.a();
        };
    }

    /** {@code n * UNITS_l}: the length of a layer's per-sample buffer for the batch in scope. */
    static com.palantir.javapoet.CodeBlock len(LayerPlan layer) {
        return com.palantir.javapoet.CodeBlock.of("n * $N", layer.units());
    }

    /** A float literal that reads back to exactly {@code value}, e.g. {@code 1.0E-4f}. */
    static String f(float value) {
        return Float.toString(value) + "f";
    }
}
