package infergen.processor.conv;

import infergen.annotations.Activation;
import infergen.annotations.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * An independent float64 network of conv and dense layers, written from the definitions (cross-correlation with zero
 * padding, pooling of the convolution's output with the first maximum in row-major order, bias, activation), for
 * checking the generated classes: the loss, BP's gradient of the batch-mean loss, and Fenchel BP's update
 * direction {@code δ̃ = (f(a) − f(a − βg)) / β}.
 */
final class ConvNetReference {

    /** A layer: conv when {@code filters > 0}, dense otherwise. */
    record Layer(int filters, int kernel, int stride, int padding, Pool pool, int poolSize, int units,
            Activation f) {
        static Layer conv(int filters, int kernel, int stride, int padding, Pool pool, int poolSize, Activation f) {
            return new Layer(filters, kernel, stride, padding, pool, pool == Pool.NONE ? 1 : poolSize, 0, f);
        }

        static Layer dense(int units, Activation f) {
            return new Layer(0, 0, 0, 0, Pool.NONE, 1, units, f);
        }

        boolean isConv() {
            return filters > 0;
        }
    }

    final int[] inputShape;
    final List<Layer> layers;
    final boolean softmax;
    /** Per layer {c, h, w} of the input (conv) and output sizes. */
    final List<int[]> in = new ArrayList<>();
    final List<int[]> convOut = new ArrayList<>();
    final List<int[]> out = new ArrayList<>();
    final int[] fanIn;
    final int[] width;

    ConvNetReference(int[] inputShape, List<Layer> layers, boolean softmax) {
        this.inputShape = inputShape;
        this.layers = layers;
        this.softmax = softmax;
        fanIn = new int[layers.size()];
        width = new int[layers.size()];
        int[] volume = inputShape;
        int flat = inputShape[0] * inputShape[1] * inputShape[2];
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            fanIn[l] = flat;
            if (layer.isConv()) {
                int ch = (volume[1] + 2 * layer.padding() - layer.kernel()) / layer.stride() + 1;
                int cw = (volume[2] + 2 * layer.padding() - layer.kernel()) / layer.stride() + 1;
                in.add(volume);
                convOut.add(new int[] {layer.filters(), ch, cw});
                volume = new int[] {layer.filters(), ch / layer.poolSize(), cw / layer.poolSize()};
                out.add(volume);
                flat = volume[0] * volume[1] * volume[2];
            } else {
                in.add(null);
                convOut.add(null);
                out.add(null);
                flat = layer.units();
            }
            width[l] = flat;
        }
    }

    /** The state of one sample's pass: pre-activations, activities, and for max-pooling the argmax. */
    final class Pass {
        final double[][] a = new double[layers.size()][];
        final double[][] s = new double[layers.size()][];
        final int[][] argmax = new int[layers.size()][];
        double[] x;
    }

    Pass forward(double[][] w, double[][] b, double[] x) {
        Pass p = new Pass();
        p.x = x;
        double[] input = x;
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            double[] a = new double[width[l]];
            if (layer.isConv()) {
                double[] y = conv(l, w[l], input);
                int[] co = convOut.get(l);
                int[] o = out.get(l);
                int ps = layer.poolSize();
                p.argmax[l] = new int[a.length];
                for (int f = 0; f < o[0]; f++) {
                    for (int ph = 0; ph < o[1]; ph++) {
                        for (int pw = 0; pw < o[2]; pw++) {
                            double best = Double.NEGATIVE_INFINITY;
                            int at = -1;
                            double sum = 0;
                            for (int i = 0; i < ps; i++) {
                                for (int j = 0; j < ps; j++) {
                                    int pos = (ph * ps + i) * co[2] + pw * ps + j;
                                    double v = y[f * co[1] * co[2] + pos];
                                    sum += v;
                                    if (v > best) {
                                        best = v;
                                        at = pos;
                                    }
                                }
                            }
                            int k = (f * o[1] + ph) * o[2] + pw;
                            a[k] = (layer.pool() == Pool.MAX ? best : layer.pool() == Pool.AVERAGE ? sum / (ps * ps)
                                    : sum) + b[l][f];
                            p.argmax[l][k] = at;
                        }
                    }
                }
            } else {
                for (int u = 0; u < layer.units(); u++) {
                    double sum = b[l][u];
                    for (int i = 0; i < fanIn[l]; i++) {
                        sum += w[l][u * fanIn[l] + i] * input[i];
                    }
                    a[u] = sum;
                }
            }
            double[] s = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                s[i] = f(layer.f(), a[i]);
            }
            p.a[l] = a;
            p.s[l] = s;
            input = s;
        }
        return p;
    }

    /** The convolution of layer {@code l}'s input, {@code filters × convH × convW}. */
    private double[] conv(int l, double[] w, double[] x) {
        Layer layer = layers.get(l);
        int[] i = in.get(l);
        int[] co = convOut.get(l);
        double[] y = new double[co[0] * co[1] * co[2]];
        int k = layer.kernel();
        for (int f = 0; f < co[0]; f++) {
            for (int oh = 0; oh < co[1]; oh++) {
                for (int ow = 0; ow < co[2]; ow++) {
                    double sum = 0;
                    for (int c = 0; c < i[0]; c++) {
                        for (int ki = 0; ki < k; ki++) {
                            for (int kj = 0; kj < k; kj++) {
                                int h = oh * layer.stride() + ki - layer.padding();
                                int ww = ow * layer.stride() + kj - layer.padding();
                                if (h >= 0 && h < i[1] && ww >= 0 && ww < i[2]) {
                                    sum += w[((f * i[0] + c) * k + ki) * k + kj] * x[(c * i[1] + h) * i[2] + ww];
                                }
                            }
                        }
                    }
                    y[(f * co[1] + oh) * co[2] + ow] = sum;
                }
            }
        }
        return y;
    }

    /** The per-sample loss and the output error (∂ℓ/∂a under softmax, ∂ℓ/∂s under squared error). */
    double loss(Pass p, double[] target, double[] outputError) {
        double[] a = p.a[layers.size() - 1];
        double[] s = p.s[layers.size() - 1];
        if (softmax) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : a) {
                max = Math.max(max, v);
            }
            double z = 0;
            for (double v : a) {
                z += Math.exp(v - max);
            }
            double loss = 0;
            for (int i = 0; i < a.length; i++) {
                double prob = Math.exp(a[i] - max) / z;
                outputError[i] = prob - target[i];
                if (target[i] > 0) {
                    loss -= target[i] * (a[i] - max - Math.log(z));
                }
            }
            return loss;
        }
        double loss = 0;
        for (int i = 0; i < s.length; i++) {
            outputError[i] = s[i] - target[i];
            loss += 0.5 * (s[i] - target[i]) * (s[i] - target[i]);
        }
        return loss;
    }

    /** The batch-mean loss. */
    double meanLoss(double[][] w, double[][] b, double[][] x, double[][] targets) {
        double total = 0;
        for (int r = 0; r < x.length; r++) {
            total += loss(forward(w, b, x[r]), targets[r], new double[width[layers.size() - 1]]);
        }
        return total / x.length;
    }

    /**
     * The update direction for the batch mean into {@code gw}, {@code gb}: BP's gradient ({@code beta = 0}) or Fenchel
     * BP's at spacing {@code beta}.
     */
    void gradients(double[][] w, double[][] b, double[][] x, double[][] targets, double beta, double[][] gw,
            double[][] gb) {
        int n = x.length;
        for (int r = 0; r < n; r++) {
            Pass p = forward(w, b, x[r]);
            int top = layers.size() - 1;
            double[] g = new double[width[top]];
            loss(p, targets[r], g);
            for (int l = top; l >= 0; l--) {
                Layer layer = layers.get(l);
                double[] delta = new double[g.length];
                boolean fusedSoftmax = l == top && softmax;
                for (int i = 0; i < g.length; i++) {
                    delta[i] = fusedSoftmax ? g[i] : error(layer.f(), p.a[l][i], g[i], beta);
                }
                double[] input = l == 0 ? p.x : p.s[l - 1];
                double[] below = l == 0 ? null : new double[fanIn[l]];
                if (layer.isConv()) {
                    convBackward(l, p, w[l], input, delta, gw[l], gb[l], below, n);
                } else {
                    for (int u = 0; u < layer.units(); u++) {
                        gb[l][u] += delta[u] / n;
                        for (int i = 0; i < fanIn[l]; i++) {
                            gw[l][u * fanIn[l] + i] += delta[u] * input[i] / n;
                            if (below != null) {
                                below[i] += delta[u] * w[l][u * fanIn[l] + i];
                            }
                        }
                    }
                }
                g = below;
            }
        }
    }

    private void convBackward(int l, Pass p, double[] w, double[] x, double[] delta, double[] gw, double[] gb,
            double[] below, int n) {
        Layer layer = layers.get(l);
        int[] i = in.get(l);
        int[] co = convOut.get(l);
        int[] o = out.get(l);
        int ps = layer.poolSize();
        double[] dy = new double[co[0] * co[1] * co[2]];
        for (int f = 0; f < o[0]; f++) {
            for (int ph = 0; ph < o[1]; ph++) {
                for (int pw = 0; pw < o[2]; pw++) {
                    int k = (f * o[1] + ph) * o[2] + pw;
                    gb[f] += delta[k] / n;
                    if (layer.pool() == Pool.MAX) {
                        dy[f * co[1] * co[2] + p.argmax[l][k]] += delta[k];
                    } else {
                        for (int a = 0; a < ps; a++) {
                            for (int c = 0; c < ps; c++) {
                                dy[f * co[1] * co[2] + (ph * ps + a) * co[2] + pw * ps + c] += delta[k] / (ps * ps);
                            }
                        }
                    }
                }
            }
        }
        int k = layer.kernel();
        for (int f = 0; f < co[0]; f++) {
            for (int oh = 0; oh < co[1]; oh++) {
                for (int ow = 0; ow < co[2]; ow++) {
                    double d = dy[(f * co[1] + oh) * co[2] + ow];
                    for (int c = 0; c < i[0]; c++) {
                        for (int ki = 0; ki < k; ki++) {
                            for (int kj = 0; kj < k; kj++) {
                                int h = oh * layer.stride() + ki - layer.padding();
                                int ww = ow * layer.stride() + kj - layer.padding();
                                if (h >= 0 && h < i[1] && ww >= 0 && ww < i[2]) {
                                    int wi = ((f * i[0] + c) * k + ki) * k + kj;
                                    int xi = (c * i[1] + h) * i[2] + ww;
                                    gw[wi] += d * x[xi] / n;
                                    if (below != null) {
                                        below[xi] += d * w[wi];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** BP's {@code f'(a)·g} at {@code beta = 0}, Fenchel BP's {@code (f(a) − f(a − βg)) / β} otherwise. */
    static double error(Activation f, double a, double g, double beta) {
        if (beta == 0) {
            return derivative(f, a) * g;
        }
        return (f(f, a) - f(f, a - beta * g)) / beta;
    }

    static double f(Activation f, double a) {
        return switch (f) {
            case IDENTITY -> a;
            case RELU -> Math.max(0, a);
            case HARD_TANH -> Math.max(-1, Math.min(1, a));
            case HARD_SIGMOID -> Math.max(0, Math.min(1, a));
            case SIGMOID -> 1 / (1 + Math.exp(-a));
            case TANH -> Math.tanh(a);
        };
    }

    static double derivative(Activation f, double a) {
        return switch (f) {
            case IDENTITY -> 1;
            case RELU -> a > 0 ? 1 : 0;
            case HARD_TANH -> a > -1 && a < 1 ? 1 : 0;
            case HARD_SIGMOID -> a > 0 && a < 1 ? 1 : 0;
            case SIGMOID -> f(f, a) * (1 - f(f, a));
            case TANH -> 1 - Math.tanh(a) * Math.tanh(a);
        };
    }
}
