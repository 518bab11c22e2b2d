package infergen.samples.contrastive;

import infergen.runtime.TrainableNet;
import java.util.Random;

/** Helpers of the limit tests: random batches, copying parameters, and comparing weight gradients per layer. */
final class Grads {

    private Grads() {
    }

    /**
     * Forces the scalar kernels when this branch has no {@code VectorGemm} yet (the runtime's kernel loader would
     * otherwise fail under {@code --add-modules jdk.incubator.vector}). Call before any generated net is used.
     */
    static void useAvailableKernels() {
        if (Grads.class.getResource("/infergen/runtime/kernel/VectorGemm.class") == null) {
            System.setProperty("infergen.kernels", "scalar");
        }
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

    /** Cosine and relative error of each layer's weight gradient against a reference. */
    record Comparison(double[] cos, double[] relerr) {
        double minCos() {
            return java.util.Arrays.stream(cos).min().orElseThrow();
        }

        double maxRelerr() {
            return java.util.Arrays.stream(relerr).max().orElseThrow();
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "min cos %.7f, max relerr %.3e, per layer relerr %s", minCos(),
                    maxRelerr(), java.util.Arrays.toString(relerr));
        }
    }

    static Comparison compare(TrainableNet net, double[][] reference) {
        int layers = net.layerCount();
        double[] cos = new double[layers];
        double[] rel = new double[layers];
        for (int l = 0; l < layers; l++) {
            float[] g = net.weightGradient(l);
            double[] r = reference[l];
            double dot = 0;
            double gg = 0;
            double rr = 0;
            double diff = 0;
            for (int i = 0; i < g.length; i++) {
                dot += g[i] * r[i];
                gg += (double) g[i] * g[i];
                rr += r[i] * r[i];
                diff += (g[i] - r[i]) * (g[i] - r[i]);
            }
            cos[l] = dot / Math.sqrt(gg * rr);
            rel[l] = Math.sqrt(diff / rr);
        }
        return new Comparison(cos, rel);
    }

    /** The weight gradients of {@code net} as doubles, one array per layer. */
    static double[][] weightGradients(TrainableNet net) {
        double[][] out = new double[net.layerCount()][];
        for (int l = 0; l < out.length; l++) {
            float[] g = net.weightGradient(l);
            out[l] = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                out[l][i] = g[i];
            }
        }
        return out;
    }
}
