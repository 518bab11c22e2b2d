package infergen.runtime.train;

import infergen.runtime.TrainableNet;

/** A TrainableNet that passes every call to another, for tests that watch or override one method. */
class ForwardingNet implements TrainableNet {

    private final TrainableNet net;

    ForwardingNet(TrainableNet net) {
        this.net = net;
    }

    @Override public float trainStep(float[] x, int[] labels, int n) { return net.trainStep(x, labels, n); }
    @Override public float computeGradients(float[] x, int[] labels, int n) { return net.computeGradients(x, labels, n); }
    @Override public void predict(float[] x, int n, float[] out) { net.predict(x, n, out); }
    @Override public float[] weights(int layer) { return net.weights(layer); }
    @Override public float[] bias(int layer) { return net.bias(layer); }
    @Override public float[] weightGradient(int layer) { return net.weightGradient(layer); }
    @Override public float[] biasGradient(int layer) { return net.biasGradient(layer); }
    @Override public int inputSize() { return net.inputSize(); }
    @Override public int outputSize() { return net.outputSize(); }
    @Override public int maxBatch() { return net.maxBatch(); }
    @Override public int layerCount() { return net.layerCount(); }
    @Override public void save(java.nio.file.Path file) throws java.io.IOException { net.save(file); }
    @Override public void load(java.nio.file.Path file) throws java.io.IOException { net.load(file); }
}
