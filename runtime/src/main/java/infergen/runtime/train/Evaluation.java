package infergen.runtime.train;

import infergen.runtime.TrainableNet;
import infergen.runtime.data.Dataset;
import infergen.runtime.data.Minibatches;

/**
 * Classification metrics of a network on a data set, computed with {@link TrainableNet#predict} in fixed-order
 * batches of up to {@link TrainableNet#maxBatch()} samples. The predicted class is the index of the largest output
 * (the first one on ties). Each call allocates its buffers once; the network's parameters are not changed.
 */
public final class Evaluation {

    private Evaluation() {
    }

    /** The fraction of {@code data}'s samples whose predicted class equals the label; {@code NaN} for no samples. */
    public static double accuracy(TrainableNet net, Dataset data) {
        int[] predicted = predictions(net, data);
        int[] labels = data.labels();
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        return predicted.length == 0 ? Double.NaN : (double) correct / predicted.length;
    }

    /**
     * The confusion matrix: {@code m[label][predicted]} counts the samples of class {@code label} predicted as
     * {@code predicted}; it is {@code outputSize() × outputSize()}.
     */
    public static int[][] confusionMatrix(TrainableNet net, Dataset data) {
        int[] predicted = predictions(net, data);
        int k = net.outputSize();
        int[][] m = new int[k][k];
        int[] labels = data.labels();
        for (int i = 0; i < predicted.length; i++) {
            m[labels[i]][predicted[i]]++;
        }
        return m;
    }

    /** The predicted class of every sample of {@code data}, in order. */
    public static int[] predictions(TrainableNet net, Dataset data) {
        check(net, data, "the data set");
        int k = net.outputSize();
        int count = data.count();
        int[] predicted = new int[count];
        if (count == 0) {
            return predicted;
        }
        int batch = Math.min(net.maxBatch(), count);
        Minibatches mb = new Minibatches(data, batch, false, 0L);
        float[] outFull = new float[batch * k];
        float[] outRest = new float[count % batch * k];
        mb.startEpoch();
        int done = 0;
        while (mb.next()) {
            int n = mb.size();
            float[] out = n == batch ? outFull : outRest;
            net.predict(mb.x(), n, out);
            for (int i = 0; i < n; i++) {
                predicted[done + i] = argmax(out, i * k, k);
            }
            done += n;
        }
        return predicted;
    }

    /** The index (from 0) of the largest of {@code a[offset .. offset+length)}, the first one on ties. */
    public static int argmax(float[] a, int offset, int length) {
        int best = 0;
        float max = a[offset];
        for (int j = 1; j < length; j++) {
            if (a[offset + j] > max) {
                max = a[offset + j];
                best = j;
            }
        }
        return best;
    }

    /** The data set must fit the network: same number of inputs, no more classes than outputs. */
    static void check(TrainableNet net, Dataset data, String what) {
        if (data.features() != net.inputSize()) {
            throw new IllegalArgumentException(what + " has " + data.features() + " features per sample but the "
                    + "network takes " + net.inputSize() + " inputs");
        }
        if (data.classes() > net.outputSize()) {
            throw new IllegalArgumentException(what + " has " + data.classes() + " classes but the network has "
                    + net.outputSize() + " outputs");
        }
    }
}
