package infergen.annotations;

/**
 * Elementwise activations. Each is the gradient of a convex conjugate pair (docs/methods.md §0), which is what the
 * Fenchel-type rules need.
 */
public enum Activation {
    /** f(a) = a. Use it for the last layer under softmax cross-entropy, and for linear regression outputs. */
    IDENTITY,
    /** f(a) = max(0, a), with f'(0) = 0 as in PyTorch and Flux. */
    RELU,
    /** f(a) = clip(a, -1, 1). */
    HARD_TANH,
    /** f(a) = clip(a, 0, 1), the paper's convention (§2), slope 1 inside the box. */
    HARD_SIGMOID,
    /** f(a) = 1 / (1 + exp(-a)). */
    SIGMOID,
    /** f(a) = tanh(a). */
    TANH
}
