package infergen.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import infergen.annotations.Activation;
import infergen.processor.plan.LayerPlan;
import infergen.processor.plan.NetPlan;
import javax.lang.model.element.Modifier;

/** Names and small code pieces shared by the emitters of the iterative inference rules (docs/methods.md §3–5). */
final class InferenceCode {

    static final ClassName LISTENER = ClassName.get(Literals.RUNTIME, "InferenceListener");
    static final ClassName DEVIATIONS = ClassName.get(Literals.KERNEL, "Deviations");
    static final ClassName STATE = ClassName.get(Literals.KERNEL, "StateVectors");
    static final ClassName LIFTED = ClassName.get(Literals.KERNEL, "LiftedProx");
    static final ClassName SPECTRAL = ClassName.get(Literals.KERNEL, "SpectralNorm");

    private InferenceCode() {
    }

    /** {@code fp = f'(a)} at the forward pass: ones, then the {@code Activations} backward kernel. */
    static CodeBlock forwardSlope(LayerPlan layer, CharSequence fp) {
        String kernel = Literals.kernelName(layer.activation()) + "Backward";
        CharSequence from = Literals.derivativeInput(layer);
        return CodeBlock.builder()
                .addStatement("$T.fill($N, 0, $L, 1f)", java.util.Arrays.class, fp, Literals.len(layer))
                .addStatement("$T.$L($N, $N, $L)", Literals.ACTIVATIONS, kernel, from, fp, Literals.len(layer))
                .build();
    }

    /** The bounds {@code {lo, hi}} of a box activation's set C, as Java expressions. */
    static String[] box(Activation activation) {
        return switch (activation) {
            case RELU -> new String[] {"0f", "Float.POSITIVE_INFINITY"};
            case HARD_TANH -> new String[] {"-1f", "1f"};
            case HARD_SIGMOID -> new String[] {"0f", "1f"};
            case IDENTITY -> new String[] {"Float.NEGATIVE_INFINITY", "Float.POSITIVE_INFINITY"};
            case SIGMOID, TANH -> throw new IllegalArgumentException(activation + " has no closed-form prox");
        };
    }

    /** The listener field, {@code null} when diagnostics are off. */
    static FieldSpec listenerField() {
        return FieldSpec.builder(LISTENER, "listener", Modifier.PRIVATE)
                .addJavadoc("Receives the energy after each inference step; {@code null} (the default) turns the\n"
                        + "energies off, so they cost nothing.\n")
                .build();
    }

    /** {@code public void setInferenceListener(InferenceListener listener)}, reporting the named phases. */
    static MethodSpec listenerSetter(String... phases) {
        StringBuilder names = new StringBuilder();
        for (String phase : phases) {
            names.append(names.length() == 0 ? "" : ", ").append("{@code \"").append(phase).append("\"}");
        }
        return MethodSpec.methodBuilder("setInferenceListener")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Reports the batch-mean energy after every step of each phase ($L) of every later train step\n"
                        + "or gradient computation to {@code listener}; {@code null} turns the reports, and their cost, off.\n",
                        names)
                .addParameter(LISTENER, "listener")
                .addStatement("this.listener = listener")
                .build();
    }

    /** The parameter list tail of a method that reads what the loss compares with. */
    static String targetsName(NetPlan plan) {
        return plan.softmax() ? "labels" : "targets";
    }

    static Class<?> targetsType(NetPlan plan) {
        return plan.softmax() ? int[].class : float[].class;
    }

    /**
     * {@code loss = Σ ℓ} of the output activity {@code z} and its gradient {@code ∂ℓ/∂z} into {@code grad}:
     * softmax cross-entropy ({@code softmax(z) − y}, probabilities into {@code probs}) or half squared error.
     */
    static CodeBlock outputLoss(NetPlan plan, CharSequence z, CharSequence probs, CharSequence grad) {
        if (plan.softmax()) {
            return CodeBlock.of("$T.softmaxCrossEntropy($N, labels, n, OUTPUTS, $N, $N)", Literals.LOSSES, z, probs,
                    grad);
        }
        return CodeBlock.of("$T.squaredError($N, targets, n, OUTPUTS, $N)", Literals.LOSSES, z, grad);
    }
}
