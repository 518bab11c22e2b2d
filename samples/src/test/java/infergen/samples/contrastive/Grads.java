package infergen.samples.contrastive;

import infergen.runtime.TrainableNet;
import java.util.Random;

/** Helpers of the contrastive tests: random batches and labels, random biases, copying and scaling parameters. */
final class Grads {

    private Grads() {
    }

    /** Gaussian values with standard deviation {@code scale}. */
    static float[] gaussian(Random rng, int len, double scale) {
        float[] a = new float[len];
        for (int i = 0; i < len; i++) {
            a[i] = (float) (scale * rng.nextGaussian());
        }
        return a;
    }

    /** Labels uniform in {@code 0..classes-1}. */
    static int[] labels(Random rng, int n, int classes) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(classes);
        }
        return y;
    }

    /** Gives {@code net} small random biases (the constructor starts them at zero). */
    static void randomBiases(TrainableNet net, Random rng, double scale) {
        for (int l = 0; l < net.layerCount(); l++) {
            float[] b = net.bias(l);
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) (scale * rng.nextGaussian());
            }
        }
    }

    /** Copies the weights and biases of {@code from} into {@code to} (same shapes). */
    static void copyParameters(TrainableNet from, TrainableNet to) {
        for (int l = 0; l < from.layerCount(); l++) {
            System.arraycopy(from.weights(l), 0, to.weights(l), 0, from.weights(l).length);
            System.arraycopy(from.bias(l), 0, to.bias(l), 0, from.bias(l).length);
        }
    }

    /** Multiplies every weight by {@code factor}. */
    static void scaleWeights(TrainableNet net, float factor) {
        for (int l = 0; l < net.layerCount(); l++) {
            float[] w = net.weights(l);
            for (int i = 0; i < w.length; i++) {
                w[i] *= factor;
            }
        }
    }
}
