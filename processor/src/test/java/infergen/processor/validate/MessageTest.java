package infergen.processor.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The catalogue's words: every entry's full text for sample arguments, pinned to what the catalogue printed before
 * its entries were split by case and regrouped by annotation (the strings below were produced by that catalogue, with
 * the wording the call sites used to pass in), and the set of tags users and tests search for.
 */
class MessageTest {

    private record Row(Message message, String expected, Object[] args) {
    }

    private static Row row(Message message, Object... argsThenExpected) {
        Object[] args = Arrays.copyOf(argsThenExpected, argsThenExpected.length - 1);
        return new Row(message, (String) argsThenExpected[argsThenExpected.length - 1], args);
    }

    private static final List<Row> ROWS = List.of(
            row(Message.SPEC_IS_CLASS, "t.Spec", "Spec",
                    "[infergen:spec-kind] @Network goes on an interface or abstract class, but t.Spec is a class that is not abstract (declare the spec as 'public interface Spec {}')"),
            row(Message.SPEC_IS_ENUM, "t.Spec", "Spec",
                    "[infergen:spec-kind] @Network goes on an interface or abstract class, but t.Spec is an enum (declare the spec as 'public interface Spec {}')"),
            row(Message.SPEC_IS_RECORD, "t.Spec", "Spec",
                    "[infergen:spec-kind] @Network goes on an interface or abstract class, but t.Spec is a record (declare the spec as 'public interface Spec {}')"),
            row(Message.SPEC_IS_ANNOTATION_TYPE, "t.Spec", "Spec",
                    "[infergen:spec-kind] @Network goes on an interface or abstract class, but t.Spec is an annotation type (declare the spec as 'public interface Spec {}')"),
            row(Message.SPEC_WITHOUT_NETWORK, "@Dense", "Spec", "Spec",
                    "[infergen:missing-network] @Dense on Spec needs @Network on the same type (add @Network(inputs = ...) to Spec)"),
            row(Message.NETWORK_NO_LAYERS, "t.Spec",
                    "[infergen:no-layers] @Network spec t.Spec has no @Dense layer (add the layers in order from input to output, e.g. @Dense(units = 10, activation = IDENTITY))"),
            row(Message.NETWORK_BAD_NAME, "9x", "Spec",
                    "[infergen:bad-name] name \"9x\" is not a valid Java class name (use a simple identifier such as \"FashionNet\", or leave it empty for SpecNet)"),
            row(Message.NETWORK_NAME_CLASHES_GENERATED, "t.SpecNet", "t.Other",
                    "[infergen:name-clash] the generated class t.SpecNet clashes with the class generated for t.Other (set @Network(name = ...) to another simple name)"),
            row(Message.NETWORK_NAME_CLASHES_EXISTING, "t.SpecNet",
                    "[infergen:name-clash] the generated class t.SpecNet clashes with an existing type (set @Network(name = ...) to another simple name)"),
            row(Message.NETWORK_NOT_POSITIVE, "maxBatch", 0,
                    "[infergen:not-positive] maxBatch must be > 0, got 0 (it is a size)"),
            row(Message.DENSE_UNITS_NOT_POSITIVE, 2, -1,
                    "[infergen:not-positive] units of layer 2 must be > 0, got -1 (it is a size)"),
            row(Message.DENSE_WEIGHTS_TOO_LARGE, 1, 4294967296L,
                    "[infergen:too-large] the weights of layer 1 (units × fanIn) needs 4294967296 elements, more than a Java array holds (2^31 - 1) (lower maxBatch or the layer sizes)"),
            row(Message.DENSE_ACTIVATIONS_TOO_LARGE, 1, 4294967296L,
                    "[infergen:too-large] the activations of layer 1 (maxBatch × units) needs 4294967296 elements, more than a Java array holds (2^31 - 1) (lower maxBatch or the layer sizes)"),
            row(Message.NETWORK_INPUT_BATCH_TOO_LARGE, 4294967296L,
                    "[infergen:too-large] an input batch (maxBatch × inputs) needs 4294967296 elements, more than a Java array holds (2^31 - 1) (lower maxBatch or the layer sizes)"),
            row(Message.DENSE_SOFTMAX_NEEDS_IDENTITY, "RELU",
                    "[infergen:softmax-identity] with loss SOFTMAX_CROSS_ENTROPY the last @Dense must use activation IDENTITY, got RELU (softmax is fused into the loss; use IDENTITY, or loss = MEAN_SQUARED_ERROR for a squashed output)"),
            row(Message.LAYER_INIT_GAIN, 2, 0f,
                    "[infergen:init-gain] initGain of layer 2 must be > 0 and finite, got 0.0 (it multiplies the init's draw: 1 keeps it, 0.5 halves the initial weights)"),
            row(Message.NETWORK_INPUT_SHAPE, "{1, 4}",
                    "[infergen:input-shape] inputShape must be {channels, height, width}, each > 0, got {1, 4} (e.g. inputShape = {1, 28, 28} for one grey 28×28 image)"),
            row(Message.NETWORK_INPUTS_DISAGREE, 17, "{1, 4, 4}", 16L,
                    "[infergen:inputs-shape] inputs = 17 disagrees with inputShape {1, 4, 4}, whose product is 16 (omit inputs: it follows from inputShape)"),
            row(Message.CONV_NEEDS_INPUT_SHAPE,
                    "[infergen:conv-input-shape] @Conv2d needs @Network(inputShape = {channels, height, width}) (give the shape of one sample, e.g. inputShape = {1, 28, 28}; inputs then follows from it)"),
            row(Message.CONV_NOT_POSITIVE, "kernel", 0, -1,
                    "[infergen:not-positive] kernel of layer 0 must be > 0, got -1 (it is a size)"),
            row(Message.CONV_NEGATIVE_PADDING, 1, -2,
                    "[infergen:negative-padding] padding of layer 1 must be >= 0, got -2 (it is the number of zero pixels added on each side)"),
            row(Message.CONV_KERNEL_TOO_LARGE, 5, 1, 2, 3,
                    "[infergen:kernel-too-large] kernel 5 of layer 1 is larger than its padded input, 2×3 (lower kernel or raise padding: every output pixel needs the whole kernel inside the padded input)"),
            row(Message.CONV_EMPTY_OUTPUT, 0, 5, 5, 4, 4,
                    "[infergen:empty-output] layer 0 has an empty output: 5×5 pooling windows over a 4×4 convolution (lower poolSize, stride or kernel; sizes round down, as in PyTorch)"),
            row(Message.CONV_AFTER_DENSE,
                    "[infergen:conv-after-dense] this @Conv2d comes after a @Dense (write every @Conv2d before the first @Dense; the first @Dense flattens (channel, row, column))"),
            row(Message.CONV_MAX_POOL_RULE, 1, "@LiftedProximal",
                    "[infergen:conv-max-pool-rule] layer 1: pool = MAX makes the layer's map piecewise linear, and @LiftedProximal needs a linear map (its energy uses the map itself, not only its derivative at the forward pass) (use pool = Pool.AVERAGE, or a strided convolution (stride = 2) in place of the pooling)"),
            row(Message.TWO_RULES, "@Backprop", "@FenchelBackprop",
                    "[infergen:two-rules] a spec takes at most one learning rule, found @Backprop and @FenchelBackprop (keep one; @Backprop is the default)"),
            row(Message.TWO_OPTIMIZERS, "@Adam", "@Sgd",
                    "[infergen:two-optimizers] a spec takes at most one optimizer, found @Adam and @Sgd (keep one; @Adam is the default)"),
            row(Message.FENCHEL_BETA, -1f,
                    "[infergen:beta] beta must be > 0 and finite, got -1.0 (the paper uses 1e-4 for BP-like behaviour and large values (0.1 to 10) to escape dead units)"),
            row(Message.FENCHEL_OUTPUT_NEEDS_SOFTMAX, "MEAN_SQUARED_ERROR",
                    "[infergen:fenchel-output] fenchelOutput = true needs loss SOFTMAX_CROSS_ENTROPY, the spec uses MEAN_SQUARED_ERROR (with MEAN_SQUARED_ERROR the output layer's Fenchel target follows from its activation already)"),
            row(Message.CONTRASTIVE_GAMMA, 1.5f,
                    "[infergen:contrastive-gamma] gamma must be in (0, 1), got 1.5 (gamma is the feedback strength; 1e-3 to 1e-2 give BP-like updates, larger values need gamma·‖W‖² < 1)"),
            row(Message.CONTRASTIVE_BETA, "@ContrastiveHebbian", 0f,
                    "[infergen:contrastive-beta] @ContrastiveHebbian needs beta in (0, 1] with 1/beta finite in float32, got 0.0 (beta is the clamping (nudging) strength per sample; 1e-2 is BP-like, EqProp uses 0.1 to 0.5)"),
            row(Message.CONTRASTIVE_STEPS, "freeSteps", 0,
                    "[infergen:contrastive-steps] freeSteps must be >= 1, got 0 (it is the number of relaxation sweeps of a phase; 10 to 30 is usual)"),
            row(Message.CONTRASTIVE_FLOAT_RANGE, 1e-3f, 1e-2f, 12, 1.0E-35,
                    "[infergen:contrastive-float-range] gamma = 0.001 and beta = 0.01 put the update of a 12-layer net out of float32 range (gamma^(L-1)·beta = 1.0E-35) (float32 needs gamma^(L-1)·beta >= 1e-30, which keeps gamma^(1-L)/beta <= 1e30; raise gamma or beta)"),
            row(Message.CHL_HARD_CLAMP_NEEDS_MSE, "SOFTMAX_CROSS_ENTROPY",
                    "[infergen:hard-clamp-mse] hardClamp = true needs loss MEAN_SQUARED_ERROR, the spec uses SOFTMAX_CROSS_ENTROPY (a hard clamp sets the output to the target vector; with SOFTMAX_CROSS_ENTROPY use the soft clamp (beta))"),
            row(Message.CONVEX_CHL_NEEDS_PROJECTION, "TANH", "TANH",
                    "[infergen:convex-projection] @ConvexContrastiveHebbian needs each activation to be the projection onto a convex set, got TANH (use RELU (s >= 0), HARD_TANH ([-1, 1]), HARD_SIGMOID ([0, 1]) or IDENTITY; for TANH use @ContrastiveHebbian)"),
            row(Message.EQPROP_NEEDS_BOUNDED, 0, "RELU",
                    "[infergen:eqprop-bounded] @EquilibriumPropagation needs a bounded activation on hidden layer 0, got RELU (with full feedback an unbounded unit can run away; use SIGMOID, HARD_SIGMOID, TANH or HARD_TANH)"),
            row(Message.INFERENCE_BETA, "@PredictiveCoding", 0f,
                    "[infergen:rule-beta] beta of @PredictiveCoding must be > 0 and finite, with 1/beta finite in float32, got 0.0 (small values (1e-3) approach back-propagation, 0.1 to 1 train well; 1 with MEAN_SQUARED_ERROR is the hard clamp)"),
            row(Message.AUXILIARY_MU, -2f,
                    "[infergen:mu] mu of @AuxiliaryCoordinates must be > 0 and finite, with 1/mu finite in float32, got -2.0 (mu is 1/beta: 10 to 100 train well, 1e3 and more approach back-propagation)"),
            row(Message.INFERENCE_STEPS, "sweeps", "@LiftedProximal", 0,
                    "[infergen:inference-steps] sweeps of @LiftedProximal must be at least 1, got 0 (it is the number of inference iterations; 20 is a usual value)"),
            row(Message.INFERENCE_RATE, "@PredictiveCoding", 1.5f,
                    "[infergen:inference-rate] rate of @PredictiveCoding must be in (0, 1], got 1.5 (the energy has curvature 1 in each state's own error, so rates above 1 overshoot; 0.05 is usual, as weights grow the coupling adds curvature)"),
            row(Message.LIFTED_NO_CLOSED_FORM_PROX, 1, "SIGMOID",
                    "[infergen:no-closed-form-prox] @LiftedProximal needs activations with a closed-form prox, layer 1 uses SIGMOID (use RELU, HARD_TANH, HARD_SIGMOID or IDENTITY; sigmoid and tanh need a Newton prox infergen does not have)"),
            row(Message.OPTIMIZER_LEARNING_RATE, 0f,
                    "[infergen:learning-rate] learningRate must be > 0 and finite, got 0.0 (typical values are 1e-3 for @Adam and 1e-2 to 1e-1 for @Sgd)"),
            row(Message.ADAM_BETA1, 1f,
                    "[infergen:unit-interval] beta1 must be in [0, 1), got 1.0 (the usual value is 0.9)"),
            row(Message.ADAM_BETA2, 1f,
                    "[infergen:unit-interval] beta2 must be in [0, 1), got 1.0 (the usual value is 0.999)"),
            row(Message.ADAM_EPSILON, 0f,
                    "[infergen:epsilon] epsilon must be > 0 and finite, got 0.0 (the usual value is 1e-8)"),
            row(Message.SGD_MOMENTUM, 2f,
                    "[infergen:unit-interval] momentum must be in [0, 1), got 2.0 (0 is plain SGD, 0.9 is usual)"),
            row(Message.INTERNAL, "t.Spec", "java.lang.IllegalStateException: x",
                    "[infergen:internal] infergen could not process t.Spec: java.lang.IllegalStateException: x (please report this with the spec)"));

    @Test
    void everyEntryPrintsTheFormerText() {
        for (Row row : ROWS) {
            assertEquals(row.expected(), row.message().format(row.args()), row.message().name());
        }
    }

    @Test
    void everyEntryHasAPinnedText() {
        Set<Message> pinned = ROWS.stream().map(Row::message).collect(Collectors.toCollection(
                () -> EnumSet.noneOf(Message.class)));
        assertEquals(EnumSet.allOf(Message.class), pinned);
    }

    @Test
    void theTagsAreTheFormerOnes() {
        Set<String> tags = new TreeSet<>();
        for (Message m : Message.values()) {
            tags.add(m.tag());
        }
        assertEquals(new TreeSet<>(List.of("bad-name", "beta", "contrastive-beta", "contrastive-float-range",
                "contrastive-gamma", "contrastive-steps", "conv-after-dense", "conv-input-shape", "conv-max-pool-rule",
                "convex-projection", "empty-output", "epsilon", "eqprop-bounded", "input-shape", "inputs-shape",
                "kernel-too-large", "negative-padding",
                "fenchel-output", "hard-clamp-mse", "inference-rate", "init-gain", "inference-steps", "internal", "learning-rate",
                "missing-network", "mu", "name-clash", "no-closed-form-prox", "no-layers", "not-positive",
                "rule-beta", "softmax-identity", "spec-kind", "too-large", "two-optimizers", "two-rules",
                "unit-interval")), tags);
    }

    /** Every message is an error today; the entries of one tag agree, so a tag is an error or a warning. */
    @Test
    void severities() {
        Map<String, Message.Severity> byTag = new HashMap<>();
        for (Message m : Message.values()) {
            assertEquals(Message.Severity.ERROR, m.severity(), m.name());
            Message.Severity first = byTag.putIfAbsent(m.tag(), m.severity());
            assertEquals(first == null ? m.severity() : first, m.severity(), m.tag());
        }
    }
}
