package infergen.runtime.train;

import infergen.runtime.Checks;
import infergen.runtime.Rng;
import infergen.runtime.TrainableNet;

/**
 * A hand-written stand-in for a generated network: one dense layer, softmax cross-entropy, plain SGD. Checks its
 * arguments exactly as the generated classes do, so the trainer's buffers must have exactly the right lengths.
 */
final class LinearSoftmaxNet implements TrainableNet {

    private final int inputs;
    private final int classes;
    private final int maxBatch;
    private final float learningRate;
    private final float[] w; // classes × inputs
    private final float[] bias;
    private final float[] gw;
    private final float[] gb;
    private final float[] p; // maxBatch × classes, softmax probabilities

    LinearSoftmaxNet(int inputs, int classes, int maxBatch, float learningRate, long seed) {
        this.inputs = inputs;
        this.classes = classes;
        this.maxBatch = maxBatch;
        this.learningRate = learningRate;
        this.w = new float[classes * inputs];
        this.bias = new float[classes];
        this.gw = new float[classes * inputs];
        this.gb = new float[classes];
        this.p = new float[maxBatch * classes];
        Rng rng = new Rng(seed);
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextFloat() - 0.5f;
        }
    }

    @Override
    public float trainStep(float[] x, int[] labels, int n) {
        float loss = computeGradients(x, labels, n);
        for (int i = 0; i < w.length; i++) {
            w[i] -= learningRate * gw[i];
        }
        for (int c = 0; c < classes; c++) {
            bias[c] -= learningRate * gb[c];
        }
        return loss;
    }

    @Override
    public float computeGradients(float[] x, int[] labels, int n) {
        Checks.labels(labels, n, classes);
        forward(x, n, p);
        java.util.Arrays.fill(gw, 0f);
        java.util.Arrays.fill(gb, 0f);
        double loss = 0;
        for (int s = 0; s < n; s++) {
            loss -= Math.log(p[s * classes + labels[s]]);
            for (int c = 0; c < classes; c++) {
                // dL/dz = p - onehot(label), averaged over the batch
                float d = (p[s * classes + c] - (c == labels[s] ? 1f : 0f)) / n;
                gb[c] += d;
                for (int j = 0; j < inputs; j++) {
                    gw[c * inputs + j] += d * x[s * inputs + j];
                }
            }
        }
        Checks.finiteLoss(loss);
        return (float) (loss / n);
    }

    @Override
    public void predict(float[] x, int n, float[] out) {
        Checks.length("out", out, n, classes);
        forward(x, n, out);
    }

    private void forward(float[] x, int n, float[] out) {
        Checks.batch(n, maxBatch);
        Checks.length("x", x, n, inputs);
        for (int s = 0; s < n; s++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                float z = bias[c];
                for (int j = 0; j < inputs; j++) {
                    z += w[c * inputs + j] * x[s * inputs + j];
                }
                out[s * classes + c] = z;
                max = Math.max(max, z);
            }
            float sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += out[s * classes + c] = (float) Math.exp(out[s * classes + c] - max);
            }
            for (int c = 0; c < classes; c++) {
                out[s * classes + c] /= sum;
            }
        }
    }

    @Override public float[] weights(int layer) { return only(layer, w); }
    @Override public float[] bias(int layer) { return only(layer, bias); }
    @Override public float[] weightGradient(int layer) { return only(layer, gw); }
    @Override public float[] biasGradient(int layer) { return only(layer, gb); }
    @Override public int inputSize() { return inputs; }
    @Override public int outputSize() { return classes; }
    @Override public int maxBatch() { return maxBatch; }
    @Override public int layerCount() { return 1; }
    @Override public void save(java.nio.file.Path file) { throw new UnsupportedOperationException(); }
    @Override public void load(java.nio.file.Path file) { throw new UnsupportedOperationException(); }

    private static float[] only(int layer, float[] a) {
        java.util.Objects.checkIndex(layer, 1);
        return a;
    }
}
