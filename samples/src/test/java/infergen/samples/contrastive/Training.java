package infergen.samples.contrastive;

import infergen.runtime.TrainableNet;
import java.util.Random;

/** A minimal shuffled-minibatch loop and an accuracy evaluation for the training tests and measurements. */
final class Training {

    private Training() {
    }

    /** Trains {@code epochs} epochs of shuffled minibatches; returns the mean loss of the last epoch. */
    static double train(TrainableNet net, float[] x, int[] labels, int count, int batch, int epochs, long seed) {
        int inputs = net.inputSize();
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Random rng = new Random(seed);
        float[] bx = new float[batch * inputs];
        int[] by = new int[batch];
        double last = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = count - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double sum = 0;
            int batches = 0;
            for (int start = 0; start + batch <= count; start += batch) {
                for (int r = 0; r < batch; r++) {
                    System.arraycopy(x, order[start + r] * inputs, bx, r * inputs, inputs);
                    by[r] = labels[order[start + r]];
                }
                sum += net.trainStep(bx, by, batch);
                batches++;
            }
            last = sum / batches;
        }
        return last;
    }

    /** The fraction of {@code count} samples whose arg-max prediction equals the label. */
    static double accuracy(TrainableNet net, float[] x, int[] labels, int count) {
        int inputs = net.inputSize();
        int outputs = net.outputSize();
        int batch = net.maxBatch();
        float[] bx = new float[batch * inputs];
        int correct = 0;
        for (int start = 0; start < count; start += batch) {
            int n = Math.min(batch, count - start);
            float[] out = new float[n * outputs];
            float[] in = n == batch ? bx : new float[n * inputs];
            System.arraycopy(x, start * inputs, in, 0, n * inputs);
            net.predict(in, n, out);
            for (int r = 0; r < n; r++) {
                int best = 0;
                for (int c = 1; c < outputs; c++) {
                    if (out[r * outputs + c] > out[r * outputs + best]) {
                        best = c;
                    }
                }
                if (best == labels[start + r]) {
                    correct++;
                }
            }
        }
        return (double) correct / count;
    }
}
