package infergen.samples;

import infergen.runtime.TrainableNet;
import java.util.Arrays;
import java.util.Locale;

/**
 * A rule's weight update against a reference gradient (back-propagation, or EqProp's implicit gradient), layer by
 * layer: the cosine and the relative error {@code ‖u − g‖/‖g‖} (docs/methods.md §10 quotes the min cosine and the max
 * relative error over layers). Shared by the limit tests of both rule packages.
 */
public record GradientComparison(double[] cos, double[] relErr) {

    /** Compares {@code net}'s weight gradient buffers with {@code reference}, one array per layer. */
    public static GradientComparison of(TrainableNet net, double[][] reference) {
        int layers = net.layerCount();
        double[] cos = new double[layers];
        double[] rel = new double[layers];
        for (int l = 0; l < layers; l++) {
            float[] u = net.weightGradient(l);
            double[] g = reference[l];
            double dot = 0;
            double uu = 0;
            double gg = 0;
            double diff = 0;
            for (int i = 0; i < u.length; i++) {
                dot += u[i] * g[i];
                uu += (double) u[i] * u[i];
                gg += g[i] * g[i];
                diff += (u[i] - g[i]) * (u[i] - g[i]);
            }
            cos[l] = dot / Math.sqrt(uu * gg);
            rel[l] = Math.sqrt(diff / gg);
        }
        return new GradientComparison(cos, rel);
    }

    /** Compares the weight gradient buffers of two nets of the same shape; {@code reference} is the denominator. */
    public static GradientComparison of(TrainableNet net, TrainableNet reference) {
        return of(net, weightGradients(reference));
    }

    /** The weight gradients of {@code net} as doubles, one array per layer. */
    public static double[][] weightGradients(TrainableNet net) {
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

    /** The smallest cosine over layers. */
    public double minCos() {
        return Arrays.stream(cos).min().orElseThrow();
    }

    /** The largest relative error over layers. */
    public double maxRelErr() {
        return Arrays.stream(relErr).max().orElseThrow();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "min cos %.7f, max relerr %.3e, per layer relerr %s", minCos(),
                maxRelErr(), Arrays.toString(relErr));
    }
}
