package infergen.samples.rules;

import infergen.runtime.RegressionNet;
import infergen.runtime.TrainableNet;
import infergen.samples.GradientComparison;
import java.util.SplittableRandom;

/**
 * Compares a rule's update with back-propagation's on the same weights and batch (docs/methods.md §10): the relative
 * error {@code ‖u − g‖/‖g‖} (max over layers) and the cosine (min over layers) of the weight updates.
 */
final class LimitCase {

    static final int BATCH = 4;

    private LimitCase() {
    }

    /** Random weights and biases from {@code seed}, copied into both nets; then both gradients on one batch. */
    static GradientComparison compare(TrainableNet reference, TrainableNet rule, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int l = 0; l < reference.layerCount(); l++) {
            float[] w = reference.weights(l);
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (random.nextGaussian() / Math.sqrt(w.length / reference.bias(l).length));
            }
            float[] b = reference.bias(l);
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) (0.1 * random.nextGaussian());
            }
            System.arraycopy(w, 0, rule.weights(l), 0, w.length);
            System.arraycopy(b, 0, rule.bias(l), 0, b.length);
        }
        float[] x = new float[BATCH * reference.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        if (reference instanceof RegressionNet r && rule instanceof RegressionNet q) {
            float[] y = new float[BATCH * reference.outputSize()];
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) random.nextGaussian();
            }
            r.computeGradients(x, y, BATCH);
            q.computeGradients(x, y, BATCH);
        } else {
            int[] labels = new int[BATCH];
            for (int i = 0; i < BATCH; i++) {
                labels[i] = random.nextInt(reference.outputSize());
            }
            reference.computeGradients(x, labels, BATCH);
            rule.computeGradients(x, labels, BATCH);
        }
        return GradientComparison.of(rule, reference);
    }
}
