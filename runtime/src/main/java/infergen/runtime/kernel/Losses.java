package infergen.runtime.kernel;

/** Losses over a batch, with their gradient at the output, per sample (not divided by the batch size). */
public final class Losses {

    private Losses() {
    }

    /**
     * Softmax cross-entropy for {@code n} samples of {@code classes} logits: writes the probabilities to
     * {@code probs}, the gradient with respect to the logits, {@code p − onehot(y)}, to {@code err}, and returns the
     * summed loss {@code Σ (logsumexp(a) − a_y)}, evaluated stably.
     */
    public static double softmaxCrossEntropy(float[] logits, int[] labels, int n, int classes, float[] probs,
            float[] err) {
        double total = 0.0;
        for (int r = 0; r < n; r++) {
            int off = r * classes;
            float max = rowMax(logits, off, classes);
            double logSum = softmaxRow(logits, off, classes, max, probs);
            System.arraycopy(probs, off, err, off, classes);
            int y = labels[r];
            err[off + y] -= 1f;
            total += logSum - (logits[off + y] - max);
        }
        return total;
    }

    /**
     * Half squared error for {@code n} samples of {@code outputs} values: writes {@code s − y} to {@code err} and
     * returns {@code Σ ½‖s − y‖²}.
     */
    public static double squaredError(float[] s, float[] targets, int n, int outputs, float[] err) {
        double total = 0.0;
        int len = n * outputs;
        for (int i = 0; i < len; i++) {
            float d = s[i] - targets[i];
            err[i] = d;
            total += 0.5 * (double) d * d;
        }
        return total;
    }

    /**
     * Softmax probabilities of {@code n} rows of {@code classes} logits into {@code out} (may be the same array).
     */
    public static void softmax(float[] logits, int n, int classes, float[] out) {
        for (int r = 0; r < n; r++) {
            int off = r * classes;
            softmaxRow(logits, off, classes, rowMax(logits, off, classes), out);
        }
    }

    private static float rowMax(float[] logits, int off, int classes) {
        float max = logits[off];
        for (int i = 1; i < classes; i++) {
            max = Math.max(max, logits[off + i]);
        }
        return max;
    }

    /**
     * Writes the softmax of the row at {@code off} to {@code out} (may be {@code logits}) and returns
     * {@code log Σ exp(a_i − max)}.
     */
    private static double softmaxRow(float[] logits, int off, int classes, float max, float[] out) {
        double sum = 0.0;
        for (int i = 0; i < classes; i++) {
            double e = Math.exp(logits[off + i] - max);
            out[off + i] = (float) e;
            sum += e;
        }
        double inv = 1.0 / sum;
        for (int i = 0; i < classes; i++) {
            out[off + i] = (float) (out[off + i] * inv);
        }
        return Math.log(sum);
    }
}
