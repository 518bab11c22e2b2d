package infergen.processor.validate;

import java.util.Arrays;
import java.util.Locale;

/**
 * The catalogue of every diagnostic the processor reports, and the only place its words are written: a stable tag
 * (for searching and for tests), a severity, the message and a hint. The text a user sees is
 * {@code [infergen:tag] message (hint)}. Call sites pass values only (numbers, names as written in the source), never
 * words; one tag may have several entries when the wording differs by case (e.g. {@code too-large} for the weights,
 * the activations and the input batch). Grouped by the annotation the message is about.
 */
public enum Message {

    // ---- the spec type and @Network --------------------------------------------------------------------------

    SPEC_IS_CLASS("spec-kind", Text.SPEC_KIND + "a class that is not abstract", Hint.SPEC_KIND),
    SPEC_IS_ENUM("spec-kind", Text.SPEC_KIND + "an enum", Hint.SPEC_KIND),
    SPEC_IS_RECORD("spec-kind", Text.SPEC_KIND + "a record", Hint.SPEC_KIND),
    SPEC_IS_ANNOTATION_TYPE("spec-kind", Text.SPEC_KIND + "an annotation type", Hint.SPEC_KIND),
    SPEC_WITHOUT_NETWORK("missing-network", "%s on %s needs @Network on the same type",
            "add @Network(inputs = ...) to %s"),
    NETWORK_NO_LAYERS("no-layers", "@Network spec %s has no @Dense layer",
            "add the layers in order from input to output, e.g. @Dense(units = 10, activation = IDENTITY)"),
    NETWORK_BAD_NAME("bad-name", "name \"%s\" is not a valid Java class name",
            "use a simple identifier such as \"FashionNet\", or leave it empty for %sNet"),
    NETWORK_NAME_CLASHES_GENERATED("name-clash", "the generated class %s clashes with the class generated for %s",
            Hint.NAME_CLASH),
    NETWORK_NAME_CLASHES_EXISTING("name-clash", "the generated class %s clashes with an existing type",
            Hint.NAME_CLASH),

    // ---- sizes: @Network(inputs, maxBatch), @Dense(units) ----------------------------------------------------

    /** {@code inputs} or {@code maxBatch}, named as in the annotation. */
    NETWORK_NOT_POSITIVE("not-positive", "%s must be > 0, got %d", Hint.SIZE),
    DENSE_UNITS_NOT_POSITIVE("not-positive", "units of layer %d must be > 0, got %d", Hint.SIZE),
    DENSE_WEIGHTS_TOO_LARGE("too-large", "the weights of layer %d (units × fanIn)" + Text.TOO_LARGE,
            Hint.TOO_LARGE),
    DENSE_ACTIVATIONS_TOO_LARGE("too-large", "the activations of layer %d (maxBatch × units)" + Text.TOO_LARGE,
            Hint.TOO_LARGE),
    NETWORK_INPUT_BATCH_TOO_LARGE("too-large", "an input batch (maxBatch × inputs)" + Text.TOO_LARGE,
            Hint.TOO_LARGE),

    // ---- @Dense and the loss -----------------------------------------------------------------------------------

    /** The layer, the value as written. */
    LAYER_INIT_GAIN("init-gain", "initGain of layer %d must be > 0 and finite, got %s",
            "it multiplies the init's draw: 1 keeps it, 0.5 halves the initial weights"),
    DENSE_SOFTMAX_NEEDS_IDENTITY("softmax-identity",
            "with loss SOFTMAX_CROSS_ENTROPY the last @Dense must use activation IDENTITY, got %s",
            "softmax is fused into the loss; use IDENTITY, or loss = MEAN_SQUARED_ERROR for a squashed output"),

    // ---- @Conv2d and @Network(inputShape) ----------------------------------------------------------------------

    /** The shape as written, e.g. {@code {1, 28}}. */
    NETWORK_INPUT_SHAPE("input-shape", "inputShape must be {channels, height, width}, each > 0, got %s",
            "e.g. inputShape = {1, 28, 28} for one grey 28×28 image"),
    /** inputs, the shape as written, its product. */
    NETWORK_INPUTS_DISAGREE("inputs-shape", "inputs = %d disagrees with inputShape %s, whose product is %d",
            "omit inputs: it follows from inputShape"),
    CONV_NEEDS_INPUT_SHAPE("conv-input-shape", "@Conv2d needs @Network(inputShape = {channels, height, width})",
            "give the shape of one sample, e.g. inputShape = {1, 28, 28}; inputs then follows from it"),
    /** {@code filters}, {@code kernel}, {@code stride} or {@code poolSize}, the layer, the value. */
    CONV_NOT_POSITIVE("not-positive", "%s of layer %d must be > 0, got %d", Hint.SIZE),
    CONV_NEGATIVE_PADDING("negative-padding", "padding of layer %d must be >= 0, got %d",
            "it is the number of zero pixels added on each side"),
    /** kernel, layer, padded height, padded width. */
    CONV_KERNEL_TOO_LARGE("kernel-too-large", "kernel %d of layer %d is larger than its padded input, %d×%d",
            "lower kernel or raise padding: every output pixel needs the whole kernel inside the padded input"),
    /** layer, poolSize, poolSize, conv height, conv width. */
    CONV_EMPTY_OUTPUT("empty-output", "layer %d has an empty output: %d×%d pooling windows over a %d×%d convolution",
            "lower poolSize, stride or kernel; sizes round down, as in PyTorch"),
    CONV_AFTER_DENSE("conv-after-dense", "this @Conv2d comes after a @Dense",
            "write every @Conv2d before the first @Dense; the first @Dense flattens (channel, row, column)"),
    /** The {@code pool} value of the layer. */
    CONV_MAX_POOL_RULE("conv-max-pool-rule", "layer %d: pool = MAX makes the layer's map piecewise linear, and %s needs "
            + "a linear map (its energy uses the map itself, not only its derivative at the forward pass)",
            "use pool = Pool.AVERAGE, or a strided convolution (stride = 2) in place of the pooling"),

    // ---- one rule, one optimizer -----------------------------------------------------------------------------

    TWO_RULES("two-rules", "a spec takes at most one learning rule, found %s and %s",
            "keep one; @Backprop is the default"),
    TWO_OPTIMIZERS("two-optimizers", "a spec takes at most one optimizer, found %s and %s",
            "keep one; @Adam is the default"),

    // ---- @FenchelBackprop ------------------------------------------------------------------------------------

    FENCHEL_BETA("beta", "beta must be > 0 and finite, got %s",
            "the paper uses 1e-4 for BP-like behaviour and large values (0.1 to 10) to escape dead units"),
    FENCHEL_OUTPUT_NEEDS_SOFTMAX("fenchel-output",
            "fenchelOutput = true needs loss SOFTMAX_CROSS_ENTROPY, the spec uses %s",
            "with MEAN_SQUARED_ERROR the output layer's Fenchel target follows from its activation already"),

    // ---- @ContrastiveHebbian, @ConvexContrastiveHebbian, @EquilibriumPropagation -----------------------------

    CONTRASTIVE_GAMMA("contrastive-gamma", "gamma must be in (0, 1), got %s",
            "gamma is the feedback strength; 1e-3 to 1e-2 give BP-like updates, "
                    + "larger values need gamma·‖W‖² < 1"),
    /** The rule's annotation name, then beta. */
    CONTRASTIVE_BETA("contrastive-beta", "%s needs beta in (0, 1] with 1/beta finite in float32, got %s",
            "beta is the clamping (nudging) strength per sample; 1e-2 is BP-like, EqProp uses 0.1 to 0.5"),
    /** {@code steps}, {@code freeSteps} or {@code nudgedSteps}, named as in the annotation. */
    CONTRASTIVE_STEPS("contrastive-steps", "%s must be >= 1, got %d",
            "it is the number of relaxation sweeps of a phase; 10 to 30 is usual"),
    CONTRASTIVE_FLOAT_RANGE("contrastive-float-range", "gamma = %s and beta = %s put the update of a %d-layer net "
            + "out of float32 range (gamma^(L-1)·beta = %s)",
            "float32 needs gamma^(L-1)·beta >= 1e-30, which keeps gamma^(1-L)/beta <= 1e30; raise gamma or beta"),
    CHL_HARD_CLAMP_NEEDS_MSE("hard-clamp-mse", "hardClamp = true needs loss MEAN_SQUARED_ERROR, the spec uses %s",
            "a hard clamp sets the output to the target vector; "
                    + "with SOFTMAX_CROSS_ENTROPY use the soft clamp (beta)"),
    /** The activation, twice (message and hint). */
    CONVEX_CHL_NEEDS_PROJECTION("convex-projection",
            "@ConvexContrastiveHebbian needs each activation to be the projection onto a convex set, got %s",
            "use RELU (s >= 0), HARD_TANH ([-1, 1]), HARD_SIGMOID ([0, 1]) or IDENTITY; "
                    + "for %s use @ContrastiveHebbian"),
    EQPROP_NEEDS_BOUNDED("eqprop-bounded",
            "@EquilibriumPropagation needs a bounded activation on hidden layer %d, got %s",
            "with full feedback an unbounded unit can run away; use SIGMOID, HARD_SIGMOID, TANH or HARD_TANH"),

    // ---- @PredictiveCoding, @AuxiliaryCoordinates, @LiftedProximal -------------------------------------------

    /** The rule's annotation name, then beta. */
    INFERENCE_BETA("rule-beta", "beta of %s must be > 0 and finite, with 1/beta finite in float32, got %s",
            "small values (1e-3) approach back-propagation, 0.1 to 1 train well; "
                    + "1 with MEAN_SQUARED_ERROR is the hard clamp"),
    AUXILIARY_MU("mu", "mu of @AuxiliaryCoordinates must be > 0 and finite, with 1/mu finite in float32, got %s",
            "mu is 1/beta: 10 to 100 train well, 1e3 and more approach back-propagation"),
    /** {@code steps}, {@code sweeps} or {@code innerSteps} as named in the annotation, the rule's name, the value. */
    INFERENCE_STEPS("inference-steps", "%s of %s must be at least 1, got %d",
            "it is the number of inference iterations; 20 is a usual value"),
    INFERENCE_RATE("inference-rate", "rate of %s must be in (0, 1], got %s",
            "the energy has curvature 1 in each state's own error, so rates above 1 overshoot; 0.05 is usual, "
                    + "as weights grow the coupling adds curvature"),
    LIFTED_NO_CLOSED_FORM_PROX("no-closed-form-prox",
            "@LiftedProximal needs activations with a closed-form prox, layer %d uses %s",
            "use RELU, HARD_TANH, HARD_SIGMOID or IDENTITY; "
                    + "sigmoid and tanh need a Newton prox infergen does not have"),

    // ---- @Adam, @Sgd -------------------------------------------------------------------------------------------

    OPTIMIZER_LEARNING_RATE("learning-rate", "learningRate must be > 0 and finite, got %s",
            "typical values are 1e-3 for @Adam and 1e-2 to 1e-1 for @Sgd"),
    ADAM_BETA1("unit-interval", "beta1 must be in [0, 1), got %s", "the usual value is 0.9"),
    ADAM_BETA2("unit-interval", "beta2 must be in [0, 1), got %s", "the usual value is 0.999"),
    ADAM_EPSILON("epsilon", "epsilon must be > 0 and finite, got %s", "the usual value is 1e-8"),
    SGD_MOMENTUM("unit-interval", "momentum must be in [0, 1), got %s", "0 is plain SGD, 0.9 is usual"),

    // ---- the processor itself ----------------------------------------------------------------------------------

    /** The spec's name, then the exception's stack trace. */
    INTERNAL("internal", "infergen could not process %s: %s", "please report this with the spec");

    /** How javac is to print a message: an error stops the spec from being generated, a warning does not. */
    public enum Severity {
        ERROR,
        WARNING
    }

    /** Wording shared by several entries (a holder class: enum constants cannot read the enum's own statics). */
    private static final class Text {
        static final String SPEC_KIND = "@Network goes on an interface or abstract class, but %s is ";
        static final String TOO_LARGE = " needs %d elements, more than a Java array holds (2^31 - 1)";
    }

    /** Hints shared by several entries. */
    private static final class Hint {
        static final String SPEC_KIND = "declare the spec as 'public interface %s {}'";
        static final String NAME_CLASH = "set @Network(name = ...) to another simple name";
        static final String SIZE = "it is a size";
        static final String TOO_LARGE = "lower maxBatch or the layer sizes";
    }

    private final String tag;
    private final Severity severity;
    private final String format;
    private final String hint;

    Message(String tag, String format, String hint) {
        this(tag, Severity.ERROR, format, hint);
    }

    Message(String tag, Severity severity, String format, String hint) {
        this.tag = tag;
        this.severity = severity;
        this.format = format;
        this.hint = hint;
    }

    /** The stable tag, e.g. {@code beta}. */
    public String tag() {
        return tag;
    }

    /** Whether the message is an error or a warning. */
    public Severity severity() {
        return severity;
    }

    /**
     * The full text. The arguments fill the message first, then the hint; numbers are formatted with
     * {@link Locale#ROOT}.
     */
    public String format(Object... args) {
        int inMessage = count(format);
        Object[] head = Arrays.copyOfRange(args, 0, Math.min(inMessage, args.length));
        Object[] tail = args.length > inMessage ? Arrays.copyOfRange(args, inMessage, args.length) : new Object[0];
        return "[infergen:" + tag + "] " + String.format(Locale.ROOT, format, head)
                + " (" + String.format(Locale.ROOT, hint, tail) + ")";
    }

    private static int count(String f) {
        int n = 0;
        for (int i = f.indexOf('%'); i >= 0; i = f.indexOf('%', i + 2)) {
            n++;
        }
        return n;
    }
}
