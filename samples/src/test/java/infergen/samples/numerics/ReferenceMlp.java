package infergen.samples.numerics;

import infergen.annotations.Activation;
import infergen.runtime.TrainableNet;

/**
 * An independent float64 MLP written from docs/methods.md §0–§2 with plain loops (no runtime kernels): forward pass,
 * back-propagation of the batch-mean loss, and Fenchel back-propagation per sample in its naive form
 * {@code δ̃ = (f(a) − f(a − βg)) / β} (exact enough in double for every β these tests use), with the correct
 * Eq. 53 weight gradient (forward presynaptic activity) or the Remark 2 mistake (presynaptic target).
 *
 * <p>Layer {@code l} maps {@code s_l} (the input for l = 0) to {@code a_{l+1} = W_l s_l + b_l}; weights are
 * row-major {@code units × fanIn}, as in the generated classes.
 */
public final class ReferenceMlp {

    /** The loss: softmax cross-entropy (identity output) or half squared error ½‖s_L − y‖². */
    public enum LossKind { CE, MSE }

    final int[] dims;
    final Activation[] acts;
    final LossKind loss;
    public final double[][] w;
    public final double[][] b;

    public ReferenceMlp(int[] dims, Activation[] acts, LossKind loss) {
        this.dims = dims.clone();
        this.acts = acts.clone();
        this.loss = loss;
        int layers = dims.length - 1;
        w = new double[layers][];
        b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = new double[dims[l + 1] * dims[l]];
            b[l] = new double[dims[l + 1]];
        }
    }

    /** A reference with the generated net's current parameters, widened to double. */
    public static ReferenceMlp of(TrainableNet net, Activation[] acts, LossKind loss) {
        int layers = net.layerCount();
        int[] dims = new int[layers + 1];
        dims[0] = net.inputSize();
        for (int l = 0; l < layers; l++) {
            dims[l + 1] = net.bias(l).length;
        }
        ReferenceMlp ref = new ReferenceMlp(dims, acts, loss);
        for (int l = 0; l < layers; l++) {
            float[] wl = net.weights(l);
            float[] bl = net.bias(l);
            for (int i = 0; i < wl.length; i++) {
                ref.w[l][i] = wl[i];
            }
            for (int i = 0; i < bl.length; i++) {
                ref.b[l][i] = bl[i];
            }
        }
        return ref;
    }

    public int layers() {
        return dims.length - 1;
    }

    // ------------------------------------------------------------------------------------------------ activations

    static double f(Activation act, double a) {
        return switch (act) {
            case IDENTITY -> a;
            case RELU -> a > 0 ? a : 0;
            case HARD_TANH -> Math.min(1, Math.max(-1, a));
            case HARD_SIGMOID -> Math.min(1, Math.max(0, a));
            case SIGMOID -> 1 / (1 + Math.exp(-a));
            case TANH -> Math.tanh(a);
        };
    }

    /** f'(a), with the kink convention of docs/methods.md §1: 0 at the kinks (relu'(0) = 0). */
    static double df(Activation act, double a) {
        return switch (act) {
            case IDENTITY -> 1;
            case RELU -> a > 0 ? 1 : 0;
            case HARD_TANH -> a > -1 && a < 1 ? 1 : 0;
            case HARD_SIGMOID -> a > 0 && a < 1 ? 1 : 0;
            case SIGMOID -> {
                double s = 1 / (1 + Math.exp(-a));
                yield s * (1 - s);
            }
            case TANH -> {
                double t = Math.tanh(a);
                yield 1 - t * t;
            }
        };
    }

    // ------------------------------------------------------------------------------------------------ forward

    /** Per-sample forward state: {@code a[k]}, {@code s[k]} for k = 1..L ({@code s[0]} is the input). */
    public static final class State {
        public final double[][] a;
        public final double[][] s;

        State(int layers) {
            a = new double[layers + 1][];
            s = new double[layers + 1][];
        }
    }

    public State forward(double[] x) {
        int layers = layers();
        State st = new State(layers);
        st.s[0] = x.clone();
        for (int l = 0; l < layers; l++) {
            int units = dims[l + 1];
            int fanIn = dims[l];
            double[] a = new double[units];
            double[] s = new double[units];
            for (int j = 0; j < units; j++) {
                double sum = b[l][j];
                for (int i = 0; i < fanIn; i++) {
                    sum += w[l][j * fanIn + i] * st.s[l][i];
                }
                a[j] = sum;
                s[j] = f(acts[l], sum);
            }
            st.a[l + 1] = a;
            st.s[l + 1] = s;
        }
        return st;
    }

    /** The output (softmax probabilities under CE). */
    public double[] output(State st) {
        double[] out = st.s[layers()];
        return loss == LossKind.CE ? softmax(out) : out.clone();
    }

    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** The loss of one sample; {@code y} is one-hot under CE. */
    public double sampleLoss(double[] x, double[] y) {
        State st = forward(x);
        double[] out = st.s[layers()];
        double total = 0;
        if (loss == LossKind.CE) {
            double[] p = softmax(out);
            for (int i = 0; i < p.length; i++) {
                if (y[i] != 0) {
                    total -= y[i] * Math.log(p[i]);
                }
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                double d = out[i] - y[i];
                total += 0.5 * d * d;
            }
        }
        return total;
    }

    /** The batch-mean loss. */
    public double loss(double[][] x, double[][] y) {
        double total = 0;
        for (int r = 0; r < x.length; r++) {
            total += sampleLoss(x[r], y[r]);
        }
        return total / x.length;
    }

    // ------------------------------------------------------------------------------------------------ gradients

    /** Gradients (or update directions) per layer, flat like the generated buffers. */
    public static final class Grads {
        public final double[][] w;
        public final double[][] b;

        Grads(ReferenceMlp net) {
            w = new double[net.layers()][];
            b = new double[net.layers()][];
            for (int l = 0; l < net.layers(); l++) {
                w[l] = new double[net.w[l].length];
                b[l] = new double[net.b[l].length];
            }
        }
    }

    /** Which update the backward sweep forms. */
    public enum Rule { BP, FENCHEL, FENCHEL_WRONG_REMARK2 }

    /** Back-propagation of the batch-mean loss (docs/methods.md §1). */
    public Grads bp(double[][] x, double[][] y) {
        return sweep(x, y, Rule.BP, 0, false);
    }

    /** Fenchel BP per sample (docs/methods.md §2, Eq. 53), the exact softmax-CE gradient at the output. */
    public Grads fenchel(double[][] x, double[][] y, double beta) {
        return sweep(x, y, Rule.FENCHEL, beta, false);
    }

    /**
     * One backward sweep, accumulating the batch mean. For the Fenchel rules {@code fenchelOutput} gives the
     * softmax output its own target {@code ŝ = softmax(a − βg)}, {@code g = −y/p} (CE only).
     */
    public Grads sweep(double[][] x, double[][] y, Rule rule, double beta, boolean fenchelOutput) {
        int layers = layers();
        Grads grads = new Grads(this);
        int n = x.length;
        for (int r = 0; r < n; r++) {
            State st = forward(x[r]);
            double[][] delta = errors(st, y[r], rule, beta, fenchelOutput);
            for (int k = 1; k <= layers; k++) {
                int l = k - 1;
                // presynaptic activity: forward s_{k-1}, or (Remark 2 mistake) the target ŝ_{k-1}
                double[] pre = st.s[l];
                if (rule == Rule.FENCHEL_WRONG_REMARK2 && l > 0) {
                    pre = target(st, delta, l, beta);
                }
                int fanIn = dims[l];
                for (int j = 0; j < dims[k]; j++) {
                    double d = delta[k][j] / n;
                    grads.b[l][j] += d;
                    for (int i = 0; i < fanIn; i++) {
                        grads.w[l][j * fanIn + i] += d * pre[i];
                    }
                }
            }
        }
        return grads;
    }

    /** The error at each layer's pre-activation ({@code delta[k]}, k = 1..L) for one sample, and g in {@link #lastG}. */
    double[][] lastG;

    double[][] errors(State st, double[] y, Rule rule, double beta, boolean fenchelOutput) {
        int layers = layers();
        double[][] delta = new double[layers + 1][];
        double[][] g = new double[layers + 1][];
        int out = dims[layers];
        double[] sL = st.s[layers];
        double[] dL = new double[out];
        if (loss == LossKind.CE) {
            double[] p = softmax(sL);
            if (rule != Rule.BP && fenchelOutput) {
                // g = ∂ℓ/∂p = −y/p; ŝ = softmax(a − βg); δ̃ = (p − ŝ)/β
                double[] v = new double[out];
                double[] gOut = new double[out];
                for (int i = 0; i < out; i++) {
                    gOut[i] = y[i] == 0 ? 0 : -y[i] / p[i];
                    v[i] = sL[i] - beta * gOut[i];
                }
                double[] target = softmax(v);
                for (int i = 0; i < out; i++) {
                    dL[i] = (p[i] - target[i]) / beta;
                }
                g[layers] = gOut;
            } else {
                for (int i = 0; i < out; i++) {
                    dL[i] = p[i] - y[i];
                }
                g[layers] = dL.clone();
            }
        } else {
            double[] gOut = new double[out];
            for (int i = 0; i < out; i++) {
                gOut[i] = sL[i] - y[i];
            }
            g[layers] = gOut;
            for (int i = 0; i < out; i++) {
                dL[i] = toPre(acts[layers - 1], st.a[layers][i], gOut[i], rule, beta);
            }
        }
        delta[layers] = dL;
        for (int k = layers - 1; k >= 1; k--) {
            int units = dims[k];
            int above = dims[k + 1];
            double[] gk = new double[units];
            for (int i = 0; i < units; i++) {
                double sum = 0;
                for (int j = 0; j < above; j++) {
                    sum += w[k][j * units + i] * delta[k + 1][j];
                }
                gk[i] = sum;
            }
            g[k] = gk;
            double[] dk = new double[units];
            for (int i = 0; i < units; i++) {
                dk[i] = toPre(acts[k - 1], st.a[k][i], gk[i], rule, beta);
            }
            delta[k] = dk;
        }
        lastG = g;
        return delta;
    }

    /** δ = f'(a) g (BP), or δ̃ = (f(a) − f(a − βg))/β (Fenchel), naive in double. */
    static double toPre(Activation act, double a, double g, Rule rule, double beta) {
        if (act == Activation.IDENTITY) {
            return g;
        }
        if (rule == Rule.BP) {
            return df(act, a) * g;
        }
        return (f(act, a) - f(act, a - beta * g)) / beta;
    }

    /** The Fenchel target ŝ_k = f(a_k − β g_k) of hidden layer k (g from the last {@link #errors} call). */
    double[] target(State st, double[][] delta, int k, double beta) {
        double[] t = new double[dims[k]];
        for (int i = 0; i < t.length; i++) {
            t[i] = f(acts[k - 1], st.a[k][i] - beta * lastG[k][i]);
        }
        return t;
    }

    /** The per-sample g = ∂ℓ/∂s_k (BP or Fenchel sweep), k = 1..L, for one sample. */
    public double[][] activityErrors(double[] x, double[] y, Rule rule, double beta) {
        errors(forward(x), y, rule, beta, false);
        return lastG;
    }
}
