package infergen.annotations;

/** Weight initializations; biases start at zero for every init. */
public enum Init {
    /** w ~ U(−r, r) with r = √(6 / (fanIn + fanOut)) (Glorot and Bengio 2010). */
    GLOROT_UNIFORM,
    /**
     * The paper's "negative" init (§5): w = −|u| with u Glorot-uniform. With non-negative inputs every ReLU unit of
     * the layer starts dead, which back-propagation cannot escape and Fenchel back-propagation can.
     */
    NEGATIVE_GLOROT_UNIFORM,
    /** w ~ U(−r, r) with r = √(6 / fanIn) (He et al. 2015). */
    HE_UNIFORM
}
