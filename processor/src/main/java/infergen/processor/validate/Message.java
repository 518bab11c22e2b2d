package infergen.processor.validate;

import java.util.Locale;

/**
 * The catalogue of every diagnostic the processor reports: a stable tag (for searching and for tests), the message
 * and a hint. The text a user sees is {@code [infergen:tag] message (hint)}.
 */
public enum Message {
    NOT_ABSTRACT("spec-kind", "@Network goes on an interface or abstract class, but %s is %s",
            "declare the spec as 'public interface %s {}'"),
    NO_LAYERS("no-layers", "@Network spec %s has no @Dense layer",
            "add the layers in order from input to output, e.g. @Dense(units = 10, activation = IDENTITY)"),
    NOT_POSITIVE("not-positive", "%s must be > 0, got %d", "it is a size"),
    TOO_LARGE("too-large", "%s needs %d elements, more than a Java array holds (2^31 - 1)",
            "lower maxBatch or the layer sizes"),
    SOFTMAX_NEEDS_IDENTITY("softmax-identity",
            "with loss SOFTMAX_CROSS_ENTROPY the last @Dense must use activation IDENTITY, got %s",
            "softmax is fused into the loss; use IDENTITY, or loss = MEAN_SQUARED_ERROR for a squashed output"),
    BETA("beta", "beta must be > 0 and finite, got %s",
            "the paper uses 1e-4 for BP-like behaviour and large values (0.1 to 10) to escape dead units"),
    FENCHEL_OUTPUT_NEEDS_SOFTMAX("fenchel-output",
            "fenchelOutput = true needs loss SOFTMAX_CROSS_ENTROPY, the spec uses %s",
            "with MEAN_SQUARED_ERROR the output layer's Fenchel target follows from its activation already"),
    CONTRASTIVE_GAMMA("contrastive-gamma", "gamma must be in (0, 1), got %s",
            "gamma is the feedback strength; 1e-3 to 1e-2 give BP-like updates, larger values need gamma·‖W‖² < 1"),
    CONTRASTIVE_BETA("contrastive-beta", "%s needs beta in (0, 1], got %s",
            "beta is the clamping (nudging) strength per sample; 1e-2 is BP-like, EqProp uses 0.1 to 0.5"),
    CONTRASTIVE_STEPS("contrastive-steps", "%s must be >= 1, got %d",
            "it is the number of relaxation sweeps of a phase; 10 to 30 is usual"),
    CONTRASTIVE_FLOAT_RANGE("contrastive-float-range",
            "gamma = %s and beta = %s put the update of a %d-layer net out of float32 range (%s)",
            "float32 needs gamma^(L-1)·beta >= 1e-30 and gamma^(1-L)/beta <= 1e38; raise gamma or beta"),
    HARD_CLAMP_NEEDS_MSE("hard-clamp-mse", "hardClamp = true needs loss MEAN_SQUARED_ERROR, the spec uses %s",
            "a hard clamp sets the output to the target vector; with SOFTMAX_CROSS_ENTROPY use the soft clamp (beta)"),
    CONVEX_NEEDS_PROJECTION("convex-projection",
            "@ConvexContrastiveHebbian needs each activation to be the projection onto a convex set, got %s",
            "use RELU (s >= 0), HARD_TANH ([-1, 1]), HARD_SIGMOID ([0, 1]) or IDENTITY; for %s use @ContrastiveHebbian"),
    EQPROP_NEEDS_BOUNDED("eqprop-bounded",
            "@EquilibriumPropagation needs a bounded activation on hidden layer %d, got %s",
            "with full feedback an unbounded unit can run away; use SIGMOID, HARD_SIGMOID, TANH or HARD_TANH"),
    LEARNING_RATE("learning-rate", "learningRate must be > 0 and finite, got %s",
            "typical values are 1e-3 for @Adam and 1e-2 to 1e-1 for @Sgd"),
    UNIT_INTERVAL("unit-interval", "%s must be in [0, 1), got %s", "%s"),
    EPSILON("epsilon", "epsilon must be > 0 and finite, got %s", "the usual value is 1e-8"),
    TWO_RULES("two-rules", "a spec takes at most one learning rule, found %s and %s",
            "keep one; @Backprop is the default"),
    TWO_OPTIMIZERS("two-optimizers", "a spec takes at most one optimizer, found %s and %s",
            "keep one; @Adam is the default"),
    BAD_NAME("bad-name", "name \"%s\" is not a valid Java class name",
            "use a simple identifier such as \"FashionNet\", or leave it empty for %sNet"),
    NAME_CLASH("name-clash", "the generated class %s clashes with %s",
            "set @Network(name = ...) to another simple name"),
    MISSING_NETWORK("missing-network", "%s on %s needs @Network on the same type",
            "add @Network(inputs = ...) to %s"),
    RULE_BETA("rule-beta", "beta of %s must be > 0 and finite, got %s",
            "small values (1e-3) approach back-propagation, 0.1 to 1 train well; 1 with MEAN_SQUARED_ERROR is the hard clamp"),
    MU("mu", "mu of @AuxiliaryCoordinates must be > 0 and finite, got %s",
            "mu is 1/beta: 10 to 100 train well, 1e3 and more approach back-propagation"),
    INFERENCE_STEPS("inference-steps", "%s of %s must be at least 1, got %d",
            "it is the number of inference iterations; 20 is a usual value"),
    INFERENCE_RATE("inference-rate", "rate of %s must be in (0, 1], got %s",
            "the energy has curvature 1 in each state's own error, so rates above 1 overshoot; 0.05 is usual, as weights grow the coupling adds curvature"),
    NO_CLOSED_FORM_PROX("no-closed-form-prox",
            "@LiftedProximal needs activations with a closed-form prox, layer %d uses %s",
            "use RELU, HARD_TANH, HARD_SIGMOID or IDENTITY; sigmoid and tanh need a Newton prox infergen does not have"),
    INTERNAL("internal", "infergen could not process %s: %s", "please report this with the spec");

    private final String tag;
    private final String format;
    private final String hint;

    Message(String tag, String format, String hint) {
        this.tag = tag;
        this.format = format;
        this.hint = hint;
    }

    /** The stable tag, e.g. {@code beta}. */
    public String tag() {
        return tag;
    }

    /**
     * The full text. The arguments fill the message first, then the hint; numbers are formatted with
     * {@link Locale#ROOT}.
     */
    public String format(Object... args) {
        int inMessage = count(format);
        Object[] head = java.util.Arrays.copyOfRange(args, 0, Math.min(inMessage, args.length));
        Object[] tail = args.length > inMessage
                ? java.util.Arrays.copyOfRange(args, inMessage, args.length) : new Object[0];
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
