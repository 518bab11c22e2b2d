package infergen.runtime.kernel;

/**
 * Elementwise activations over the first {@code len} elements of a buffer: {@code forward} writes
 * {@code s = f(a)}; {@code backward} turns the gradient with respect to the activity, held in {@code err}, into the
 * gradient with respect to the pre-activation, {@code err ← f'(a) ⊙ err}. The box activations and all derivatives
 * run on the Vector API when it is present (C2 leaves these loops scalar), with the bits of the loops written here.
 */
public final class Activations {

    private static final ElementwiseKernel VECTOR = Kernels.elementwise();

    private Activations() {
    }

    /** {@code s = max(0, a)}. */
    public static void relu(float[] a, float[] s, int len) {
        if (VECTOR != null && VECTOR.activate(Nonlinearity.RELU, a, s, 0, len)) {
            return;
        }
        for (int i = 0; i < len; i++) {
            s[i] = Math.max(0f, a[i]);
        }
    }

    /** {@code err ← [a > 0] ⊙ err}: relu'(0) = 0, as in PyTorch and Flux. */
    public static void reluBackward(float[] a, float[] err, int len) {
        if (VECTOR != null && VECTOR.derivative(Nonlinearity.RELU, a, null, err, 0, len)) {
            return;
        }
        for (int i = 0; i < len; i++) {
            err[i] = a[i] > 0f ? err[i] : 0f;
        }
    }

    /** {@code s = clip(a, -1, 1)}. */
    public static void hardTanh(float[] a, float[] s, int len) {
        if (VECTOR != null && VECTOR.activate(Nonlinearity.HARD_TANH, a, s, 0, len)) {
            return;
        }
        for (int i = 0; i < len; i++) {
            s[i] = Math.min(1f, Math.max(-1f, a[i]));
        }
    }

    /** {@code err ← [-1 < a < 1] ⊙ err}. */
    public static void hardTanhBackward(float[] a, float[] err, int len) {
        if (VECTOR != null && VECTOR.derivative(Nonlinearity.HARD_TANH, a, null, err, 0, len)) {
            return;
        }
        for (int i = 0; i < len; i++) {
            err[i] = a[i] > -1f && a[i] < 1f ? err[i] : 0f;
        }
    }

    /** {@code s = clip(a, 0, 1)}, the paper's hard sigmoid. */
    public static void hardSigmoid(float[] a, float[] s, int len) {
        if (VECTOR != null && VECTOR.activate(Nonlinearity.HARD_SIGMOID, a, s, 0, len)) {
            return;
        }
        for (int i = 0; i < len; i++) {
            s[i] = Math.min(1f, Math.max(0f, a[i]));
        }
    }

    /** {@code err ← [0 < a < 1] ⊙ err}. */
    public static void hardSigmoidBackward(float[] a, float[] err, int len) {
        if (VECTOR != null && VECTOR.derivative(Nonlinearity.HARD_SIGMOID, a, null, err, 0, len)) {
            return;
        }
        for (int i = 0; i < len; i++) {
            err[i] = a[i] > 0f && a[i] < 1f ? err[i] : 0f;
        }
    }

    /** {@code s = 1 / (1 + exp(-a))}. */
    public static void sigmoid(float[] a, float[] s, int len) {
        for (int i = 0; i < len; i++) {
            s[i] = (float) (1.0 / (1.0 + Math.exp(-a[i])));
        }
    }

    /** {@code err ← s(1 − s) ⊙ err}, with {@code s = sigmoid(a)} from the forward pass. */
    public static void sigmoidBackward(float[] s, float[] err, int len) {
        if (VECTOR != null && VECTOR.derivative(Nonlinearity.SIGMOID, null, s, err, 0, len)) {
            return;
        }
        for (int i = 0; i < len; i++) {
            err[i] *= s[i] * (1f - s[i]);
        }
    }

    /** {@code s = tanh(a)}. */
    public static void tanh(float[] a, float[] s, int len) {
        for (int i = 0; i < len; i++) {
            s[i] = (float) Math.tanh(a[i]);
        }
    }

    /** {@code err ← (1 − s²) ⊙ err}, with {@code s = tanh(a)} from the forward pass. */
    public static void tanhBackward(float[] s, float[] err, int len) {
        if (VECTOR != null && VECTOR.derivative(Nonlinearity.TANH, null, s, err, 0, len)) {
            return;
        }
        for (int i = 0; i < len; i++) {
            err[i] *= 1f - s[i] * s[i];
        }
    }
}
