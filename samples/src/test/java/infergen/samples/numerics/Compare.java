package infergen.samples.numerics;

import infergen.runtime.TrainableNet;
import infergen.samples.numerics.ReferenceMlp.Grads;

/** Per-layer comparisons of a generated net's gradient buffers against a reference, as worst-case figures. */
final class Compare {

    private Compare() {
    }

    /** max over layers of relerr(generated, ref) for weights and biases; {@code [w, b]}. */
    static double[] relerr(TrainableNet net, Grads ref) {
        double w = 0;
        double b = 0;
        for (int l = 0; l < net.layerCount(); l++) {
            w = Math.max(w, Num.relerr(Num.d(net.weightGradient(l)), ref.w[l]));
            b = Math.max(b, Num.relerr(Num.d(net.biasGradient(l)), ref.b[l]));
        }
        return new double[] {w, b};
    }

    static double maxRelerr(TrainableNet net, Grads ref) {
        double[] r = relerr(net, ref);
        return Math.max(r[0], r[1]);
    }

    /** min over layers of cos(generated ∇W, ref ∇W). */
    static double minCos(TrainableNet net, Grads ref) {
        double c = 1;
        for (int l = 0; l < net.layerCount(); l++) {
            c = Math.min(c, Num.cos(Num.d(net.weightGradient(l)), ref.w[l]));
        }
        return c;
    }

    static double minCos(Grads a, Grads ref) {
        double c = 1;
        for (int l = 0; l < ref.w.length; l++) {
            c = Math.min(c, Num.cos(a.w[l], ref.w[l]));
        }
        return c;
    }

    static double maxRelerr(Grads a, Grads ref) {
        double r = 0;
        for (int l = 0; l < ref.w.length; l++) {
            r = Math.max(r, Math.max(Num.relerr(a.w[l], ref.w[l]), Num.relerr(a.b[l], ref.b[l])));
        }
        return r;
    }
}
