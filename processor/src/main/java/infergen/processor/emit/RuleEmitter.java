package infergen.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import infergen.processor.plan.NetPlan;
import java.util.List;
import java.util.Optional;

/**
 * The code of one learning rule. The class skeleton ({@link NetEmitter}) emits the constants, hyperparameters and
 * buffers the plan holds, the forward pass, the loss and the optimizer; a rule emits what happens between the loss
 * and the update: a {@code backward} method that fills the gradient buffers {@code gw<l>}, {@code gb<l>} with the
 * rule's update direction for the batch mean, and the phases it calls. It reads its buffers from the plan's layers
 * and emits every linear map through {@link LayerOp}.
 *
 * <p>When {@code backward} runs, the forward buffers {@code a<l>}, {@code s<l>} hold the batch's pass and the
 * output error buffer holds {@code ∂ℓ/∂a_out} under softmax cross-entropy ({@code p − y}) or {@code ∂ℓ/∂s_out}
 * under squared error ({@code s_out − y}), per sample.
 */
interface RuleEmitter {

    /** The rule's name for the class Javadoc, e.g. {@code "Fenchel back-propagation"}. */
    String title();

    /** Fixed constants of the rule that are not hyperparameters. None by default. */
    default List<FieldSpec> constants() {
        return List.of();
    }

    /** Fields of the rule that are not buffers (a listener). None by default. */
    default List<FieldSpec> fields() {
        return List.of();
    }

    /**
     * Code run right after the loss under softmax cross-entropy, where {@code labels} and {@code n} are in scope; it
     * may replace the output error. Empty by default.
     */
    default CodeBlock afterSoftmaxLoss(NetPlan plan) {
        return CodeBlock.of("");
    }

    /** The {@code backward(float[] x, int n)} method. */
    MethodSpec backward(NetPlan plan);

    /**
     * Whether {@code backward} also takes what the loss compares with, for rules that nudge the output during
     * inference: then its signature is {@code backward(float[] x, int[] labels, int n)} under softmax
     * cross-entropy and {@code backward(float[] x, float[] targets, int n)} under squared error (the skeleton passes
     * its one-hot buffer for integer labels). False by default.
     */
    default boolean backwardTakesTargets() {
        return false;
    }

    /**
     * A {@code private void backwardAndUpdate(float[] x, int n)} that does what {@code backward} then the optimizer's
     * {@code update()} do, with the update fused into the sweep, for {@code trainStep} to call; empty when the rule
     * (or this optimizer) has no fused form, and then {@code trainStep} is {@code computeGradients} then
     * {@code update()}. Empty by default.
     */
    default Optional<MethodSpec> backwardAndUpdate(NetPlan plan, OptimizerEmitter optimizer) {
        return Optional.empty();
    }

    /**
     * How {@code predict} reaches the network's output after the forward pass, for a rule whose network answers
     * at an equilibrium rather than at the end of its forward pass: the code to run and the buffer that then holds
     * the output state. Empty by default: the forward pass's output.
     */
    default Optional<Prediction> prediction(NetPlan plan) {
        return Optional.empty();
    }

    /** See {@link #prediction}: the code after the forward pass and the buffer holding the output state. */
    record Prediction(CodeBlock code, CharSequence output) {
    }

    /** The private methods {@code backward} calls (the phases of inference). None by default. */
    default List<MethodSpec> phases(NetPlan plan) {
        return List.of();
    }

    /** Public methods of the rule, e.g. {@code setInferenceListener}. None by default. */
    default List<MethodSpec> accessors(NetPlan plan) {
        return List.of();
    }
}
