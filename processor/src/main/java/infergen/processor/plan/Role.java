package infergen.processor.plan;

/**
 * What a per-layer buffer holds; its field name is the role's prefix and the layer index ({@code a0}, {@code d2}).
 * Which roles a layer has is decided by the plan from the spec's rule ({@link BufferLayout}); an emitter asks a
 * layer for a role and never builds a name.
 */
public enum Role {
    /** Weights, row-major units × fanIn. */
    W("w"),
    /** Biases. */
    B("b"),
    /** Weight gradient (the rule's update direction). */
    GW("gw"),
    /** Bias gradient. */
    GB("gb"),
    /** Pre-activation from the forward pass. */
    A("a"),
    /** Activity from the forward pass (the pre-activation itself for IDENTITY layers). */
    S("s"),
    /** The rule's error at this layer. */
    ERROR("e"),
    /** A state deviation or state difference. */
    D("d"),
    /** Change of the pre-activation. */
    DA("da"),
    /** Change of the prediction. */
    DF("df"),
    /** Slope f'(a). */
    FP("fp"),
    /** f'(a) ⊙ e. */
    EPS("eps"),
    /** Current activity. */
    Z("z"),
    /** Pull of the pre-activation (LPOM). */
    PULL("pull"),
    /** FISTA's extrapolated point (LPOM). */
    DY("dy"),
    /** FISTA's new iterate (LPOM). */
    H("h"),
    /** Power-iteration image W v (LPOM). */
    NU("nu"),
    /** Power-iteration vector (LPOM). */
    NV("nv"),
    /** Free-phase state (contrastive rules). */
    SF("sf"),
    /** Free-phase drive (contrastive rules). */
    U("u"),
    /** Drive increment (contrastive rules). */
    DU("du"),
    /** Clamped state (contrastive rules). */
    SH("sh"),
    /** Free-phase pre-activation (convex CHL). */
    CA("ca"),
    /** Free-phase residual (convex CHL). */
    RES("res"),
    /** Residual scratch (convex CHL). */
    DR("dr"),
    /** State difference nudged by +β (centred EqProp). */
    DP("dp"),
    /** Adam's first moment of W. */
    MW("mw"),
    /** Adam's second moment of W. */
    VW("vw"),
    /** Adam's first moment of b. */
    MB("mb"),
    /** Adam's second moment of b. */
    VB("vb"),
    /** Momentum velocity of W. */
    VELW("velw"),
    /** Momentum velocity of b. */
    VELB("velb");

    private final String prefix;

    Role(String prefix) {
        this.prefix = prefix;
    }

    /** The field name of this role in layer {@code index}. */
    public String name(int index) {
        return prefix + index;
    }
}
