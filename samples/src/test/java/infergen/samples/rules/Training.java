package infergen.samples.rules;

import infergen.runtime.TrainableNet;
import java.util.SplittableRandom;

/** A minimal seeded training loop and accuracy for the training tests. */
final class Training {

    private Training() {
    }

    /** {@code epochs} epochs of shuffled minibatches of {@code net.maxBatch()}; returns the last epoch's mean loss. */
    static double train(TrainableNet net, TrainingData data, int epochs, long seed) {
        int batch = net.maxBatch();
        int[] order = new int[data.n()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        float[] x = new float[batch * TrainingData.PIXELS];
        int[] y = new int[batch];
        SplittableRandom random = new SplittableRandom(seed);
        double mean = Double.NaN;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double total = 0.0;
            int steps = 0;
            for (int start = 0; start + batch <= data.n(); start += batch) {
                for (int r = 0; r < batch; r++) {
                    int src = order[start + r];
                    System.arraycopy(data.x(), src * TrainingData.PIXELS, x, r * TrainingData.PIXELS,
                            TrainingData.PIXELS);
                    y[r] = data.labels()[src];
                }
                total += net.trainStep(x, y, batch);
                steps++;
            }
            mean = total / steps;
        }
        return mean;
    }

    /** The fraction of correctly classified samples. */
    static double accuracy(TrainableNet net, TrainingData data) {
        int batch = net.maxBatch();
        float[] out = new float[batch * net.outputSize()];
        float[] x = new float[batch * TrainingData.PIXELS];
        int correct = 0;
        for (int start = 0; start < data.n(); start += batch) {
            int n = Math.min(batch, data.n() - start);
            System.arraycopy(data.x(), start * TrainingData.PIXELS, x, 0, n * TrainingData.PIXELS);
            net.predict(x, n, out);
            for (int r = 0; r < n; r++) {
                int best = 0;
                for (int c = 1; c < net.outputSize(); c++) {
                    if (out[r * net.outputSize() + c] > out[r * net.outputSize() + best]) {
                        best = c;
                    }
                }
                if (best == data.labels()[start + r]) {
                    correct++;
                }
            }
        }
        return (double) correct / data.n();
    }
}
