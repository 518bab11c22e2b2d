package infergen.runtime.kernel;

/**
 * Elementwise activations over the first {@code len} elements of a buffer: {@code forward} writes
 * {@code s = f(a)}; {@code backward} turns the gradient with respect to the activity, held in {@code err}, into the
 * gradient with respect to the pre-activation, {@code err ← f'(a) ⊙ err}. The loops are {@link ElementwiseKernel}'s:
 * the box activations and all derivatives run on the Vector API when it is present (C2 leaves these loops scalar),
 * with the bits of the scalar expressions of {@link ScalarElementwise} given with each method here.
 */
public final class Activations {

    private static final ElementwiseKernel KERNEL = Kernels.elementwise();

    private Activations() {
    }

    /** {@code s = max(0, a)}. */
    public static void relu(float[] a, float[] s, int len) {
        KERNEL.activate(Nonlinearity.RELU, a, s, 0, len);
    }

    /** {@code err ← [a > 0] ⊙ err}: relu'(0) = 0, as in PyTorch and Flux. */
    public static void reluBackward(float[] a, float[] err, int len) {
        KERNEL.derivative(Nonlinearity.RELU, a, null, err, 0, len);
    }

    /** {@code s = clip(a, -1, 1)}, that is {@code min(1, max(-1, a))}. */
    public static void hardTanh(float[] a, float[] s, int len) {
        KERNEL.activate(Nonlinearity.HARD_TANH, a, s, 0, len);
    }

    /** {@code err ← [-1 < a < 1] ⊙ err}. */
    public static void hardTanhBackward(float[] a, float[] err, int len) {
        KERNEL.derivative(Nonlinearity.HARD_TANH, a, null, err, 0, len);
    }

    /** {@code s = clip(a, 0, 1)}, that is {@code min(1, max(0, a))}, the paper's hard sigmoid. */
    public static void hardSigmoid(float[] a, float[] s, int len) {
        KERNEL.activate(Nonlinearity.HARD_SIGMOID, a, s, 0, len);
    }

    /** {@code err ← [0 < a < 1] ⊙ err}. */
    public static void hardSigmoidBackward(float[] a, float[] err, int len) {
        KERNEL.derivative(Nonlinearity.HARD_SIGMOID, a, null, err, 0, len);
    }

    /** {@code s = 1 / (1 + exp(-a))}, in double, rounded once. */
    public static void sigmoid(float[] a, float[] s, int len) {
        KERNEL.activate(Nonlinearity.SIGMOID, a, s, 0, len);
    }

    /** {@code err ← s(1 − s) ⊙ err}, with {@code s = sigmoid(a)} from the forward pass: {@code err *= s · (1 − s)}. */
    public static void sigmoidBackward(float[] s, float[] err, int len) {
        KERNEL.derivative(Nonlinearity.SIGMOID, null, s, err, 0, len);
    }

    /** {@code s = tanh(a)}, {@link Math#tanh} rounded to float. */
    public static void tanh(float[] a, float[] s, int len) {
        KERNEL.activate(Nonlinearity.TANH, a, s, 0, len);
    }

    /** {@code err ← (1 − s²) ⊙ err}, with {@code s = tanh(a)} from the forward pass: {@code err *= 1 − s · s}. */
    public static void tanhBackward(float[] s, float[] err, int len) {
        KERNEL.derivative(Nonlinearity.TANH, null, s, err, 0, len);
    }
}
