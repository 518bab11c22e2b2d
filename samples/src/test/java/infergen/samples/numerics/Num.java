package infergen.samples.numerics;

import infergen.annotations.Activation;
import infergen.runtime.RegressionNet;
import infergen.runtime.TrainableNet;
import java.util.SplittableRandom;

/** Shared helpers of the numerical tests: seeded data, norms, relerr and cos, copying buffers to double. */
final class Num {

    private Num() {
    }

    /** ‖u − v‖ / ‖v‖ (0 when both are zero). */
    static double relerr(double[] u, double[] v) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < v.length; i++) {
            double d = u[i] - v[i];
            num += d * d;
            den += v[i] * v[i];
        }
        if (den == 0) {
            return num == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return Math.sqrt(num / den);
    }

    static double cos(double[] u, double[] v) {
        double uv = 0;
        double uu = 0;
        double vv = 0;
        for (int i = 0; i < v.length; i++) {
            uv += u[i] * v[i];
            uu += u[i] * u[i];
            vv += v[i] * v[i];
        }
        return uv / Math.sqrt(uu * vv);
    }

    static double norm(double[] u) {
        double s = 0;
        for (double v : u) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    static double[] d(float[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i];
        }
        return r;
    }

    /** n × dim floats uniform in [lo, hi). */
    static float[] uniform(SplittableRandom rnd, int n, int dim, double lo, double hi) {
        float[] x = new float[n * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (lo + (hi - lo) * rnd.nextDouble());
        }
        return x;
    }

    static int[] labels(SplittableRandom rnd, int n, int classes) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(classes);
        }
        return y;
    }

    /** Row {@code r} of a row-major float matrix, widened. */
    static double[] row(float[] m, int r, int cols) {
        double[] v = new double[cols];
        for (int i = 0; i < cols; i++) {
            v[i] = m[r * cols + i];
        }
        return v;
    }

    static double[][] rows(float[] m, int n, int cols) {
        double[][] v = new double[n][];
        for (int r = 0; r < n; r++) {
            v[r] = row(m, r, cols);
        }
        return v;
    }

    static double[][] oneHot(int[] labels, int classes) {
        double[][] y = new double[labels.length][classes];
        for (int r = 0; r < labels.length; r++) {
            y[r][labels[r]] = 1;
        }
        return y;
    }

    /** A batch: inputs, and labels (CE) or targets (MSE), with the reference's view of the targets. */
    record Batch(float[] x, int[] labels, float[] targets, int n, double[][] xd, double[][] yd) {

        static Batch random(SplittableRandom rnd, int n, int inputs, int outputs, boolean ce) {
            float[] x = uniform(rnd, n, inputs, -1, 1);
            if (ce) {
                int[] labels = Num.labels(rnd, n, outputs);
                return new Batch(x, labels, null, n, rows(x, n, inputs), oneHot(labels, outputs));
            }
            float[] t = uniform(rnd, n, outputs, -1, 1);
            return new Batch(x, null, t, n, rows(x, n, inputs), rows(t, n, outputs));
        }

        static Batch of(float[] x, int[] labels, float[] targets, int n, int inputs, int outputs) {
            return new Batch(x, labels, targets, n, rows(x, n, inputs),
                    labels != null ? oneHot(labels, outputs) : rows(targets, n, outputs));
        }

        /** computeGradients on the net with this batch's labels or targets; returns the loss. */
        float gradients(TrainableNet net) {
            return labels != null ? net.computeGradients(x, labels, n)
                    : ((RegressionNet) net).computeGradients(x, targets, n);
        }

        float train(TrainableNet net) {
            return labels != null ? net.trainStep(x, labels, n) : ((RegressionNet) net).trainStep(x, targets, n);
        }
    }

    /** Activations of a 12-10-8-4 spec with hidden activation {@code h} and an identity output. */
    static Activation[] hidden2(Activation h) {
        return new Activation[] {h, h, Activation.IDENTITY};
    }
}
