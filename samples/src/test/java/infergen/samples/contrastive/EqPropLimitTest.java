package infergen.samples.contrastive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.runtime.RegressionNet;
import infergen.samples.GradientComparison;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The limit of equilibrium propagation (docs/methods.md §8, §10): as β → 0 the update tends to the implicit gradient of
 * {@code ℓ(s*)} at the free fixed point {@code s* = σ(H s* + c)} of the recurrent network, computed here in double
 * by solving the fixed point and the adjoint system {@code (I − H D) λ = ∇ℓ}, {@code D = diag σ'(H s* + c)}. The net is
 * 12-10-8-4 with sigmoid everywhere and squared error, batch 4.
 */
class EqPropLimitTest {

    static IntStream seeds() {
        return IntStream.range(0, 6);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void oneSidedTendsToImplicitGradient(long seed) {
        GradientComparison c = limit(new SmallEqPropNet(seed), seed);
        System.out.println("[figures] EqProp one-sided seed " + seed + " β=1e-3: " + c);
        assertTrue(c.maxRelErr() <= 10 * 1e-3, c::toString);
        assertTrue(c.minCos() >= 0.99, c::toString);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void centredTendsToImplicitGradient(long seed) {
        GradientComparison c = limit(new SmallEqPropCenteredNet(seed), seed);
        System.out.println("[figures] EqProp centred seed " + seed + " β=1e-2: " + c);
        assertTrue(c.maxRelErr() <= 10 * 1e-2 * 1e-2, c::toString);
        assertTrue(c.minCos() >= 0.99, c::toString);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void softmaxNudgeTendsToImplicitGradient(long seed) {
        SmallEqPropSoftmaxNet net = new SmallEqPropSoftmaxNet(seed);
        Random rng = new Random(seed);
        Grads.randomBiases(net, rng, 0.1);
        float[] x = Grads.gaussian(rng, 4 * 12, 1.0);
        int[] labels = Grads.labels(rng, 4, 4);
        net.computeGradients(x, labels, 4);
        float[] oneHot = new float[4 * 4];
        for (int r = 0; r < 4; r++) {
            oneHot[r * 4 + labels[r]] = 1;
        }
        GradientComparison c = GradientComparison.of(net, implicitGradient(net, x, oneHot, 4, true));
        System.out.println("[figures] EqProp one-sided softmax-CE seed " + seed + " β=1e-3: " + c);
        assertTrue(c.maxRelErr() <= 10 * 1e-3, c::toString);
        assertTrue(c.minCos() >= 0.99, c::toString);
    }

    static GradientComparison limit(RegressionNet net, long seed) {
        Random rng = new Random(seed);
        Grads.randomBiases(net, rng, 0.1);
        float[] x = Grads.gaussian(rng, 4 * 12, 1.0);
        float[] y = new float[4 * 4];
        for (int i = 0; i < y.length; i++) {
            y[i] = rng.nextFloat();
        }
        net.computeGradients(x, y, 4);
        return GradientComparison.of(net, implicitGradient(net, x, y, 4, false));
    }

    /**
     * The batch-mean implicit gradient with respect to each weight matrix, in double: of ½‖s_L* − y‖² with sigmoid
     * everywhere, or ({@code softmax}) of the cross-entropy of softmax(s_L*) with an identity output layer.
     */
    static double[][] implicitGradient(infergen.runtime.TrainableNet net, float[] x, float[] y, int n,
            boolean softmax) {
        int layers = net.layerCount();
        int[] units = units(net);
        int[] offset = offsets(units);
        int inputs = net.inputSize();
        int size = offset[layers];
        double[][] grad = new double[layers][];
        for (int l = 0; l < layers; l++) {
            grad[l] = new double[net.weights(l).length];
        }
        for (int r = 0; r < n; r++) {
            double[] s = freeFixedPoint(net, x, r, softmax);
            // H as a dense symmetric matrix over the states: block (l, l−1) = W_l
            double[][] a = new double[size][size];
            for (int l = 1; l < layers; l++) {
                float[] w = net.weights(l);
                for (int i = 0; i < units[l]; i++) {
                    for (int j = 0; j < units[l - 1]; j++) {
                        a[offset[l] + i][offset[l - 1] + j] = w[i * units[l - 1] + j];
                        a[offset[l - 1] + j][offset[l] + i] = w[i * units[l - 1] + j];
                    }
                }
            }
            // (I − H D) λ = ∇ℓ
            double[] dsig = new double[size];
            for (int i = 0; i < size; i++) {
                dsig[i] = softmax && i >= offset[layers - 1] ? 1 : s[i] * (1 - s[i]);
            }
            double[][] m = new double[size][size];
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    m[i][j] = (i == j ? 1 : 0) - a[i][j] * dsig[j];
                }
            }
            double[] rhs = new double[size];
            int out = offset[layers - 1];
            int classes = units[layers - 1];
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int i = 0; i < classes; i++) {
                max = Math.max(max, s[out + i]);
            }
            for (int i = 0; i < classes; i++) {
                sum += Math.exp(s[out + i] - max);
            }
            for (int i = 0; i < classes; i++) {
                double prediction = softmax ? Math.exp(s[out + i] - max) / sum : s[out + i];
                rhs[out + i] = prediction - y[r * classes + i];
            }
            double[] lambda = solve(m, rhs);
            double[] mu = new double[size];
            for (int i = 0; i < size; i++) {
                mu[i] = dsig[i] * lambda[i];
            }
            // dℓ/dW_l = μ_l s_{l−1}ᵀ + s_l μ_{l−1}ᵀ (the input x is not a state)
            for (int l = 0; l < layers; l++) {
                int fanIn = l == 0 ? inputs : units[l - 1];
                for (int i = 0; i < units[l]; i++) {
                    for (int j = 0; j < fanIn; j++) {
                        double v = mu[offset[l] + i] * (l == 0 ? x[r * inputs + j] : s[offset[l - 1] + j]);
                        if (l > 0) {
                            v += s[offset[l] + i] * mu[offset[l - 1] + j];
                        }
                        grad[l][i * fanIn + j] += v / n;
                    }
                }
            }
        }
        return grad;
    }

    /**
     * The free fixed point of sample {@code r} by Gauss-Seidel sweeps in double, every layer's states one after the
     * other in {@code offset} order: sigmoid units, with an identity output layer if {@code softmax}.
     */
    static double[] freeFixedPoint(infergen.runtime.TrainableNet net, float[] x, int r, boolean softmax) {
        int layers = net.layerCount();
        int[] units = units(net);
        int[] offset = offsets(units);
        int inputs = net.inputSize();
        double[] s = new double[offset[layers]];
        for (int sweep = 0; sweep < 5000; sweep++) {
            for (int l = 0; l < layers; l++) {
                for (int i = 0; i < units[l]; i++) {
                    double z = drive(net, l, i, s, offset, units, x, r * inputs, inputs, layers);
                    s[offset[l] + i] = softmax && l == layers - 1 ? z : sigma(z);
                }
            }
        }
        return s;
    }

    /**
     * {@code predict} answers at the free fixed point, the state whose loss EqProp differentiates: with 200 free
     * sweeps its probabilities are the softmax of the double-precision fixed point's output, and not the forward
     * pass's.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void predictAnswersAtTheFreeFixedPoint(long seed) {
        SmallEqPropSoftmaxNet net = new SmallEqPropSoftmaxNet(seed);
        Random rng = new Random(seed);
        Grads.randomBiases(net, rng, 0.1);
        float[] x = Grads.gaussian(rng, 4 * 12, 1.0);
        float[] p = new float[4 * 4];
        net.predict(x, 4, p);
        double worst = 0, fromForward = 0;
        for (int r = 0; r < 4; r++) {
            double[] s = freeFixedPoint(net, x, r, true);
            double[] forward = forwardOutput(net, x, r);
            int out = s.length - 4;
            double[] fixed = softmax(s, out);
            double[] feedForward = softmax(forward, 0);
            for (int k = 0; k < 4; k++) {
                worst = Math.max(worst, Math.abs(p[r * 4 + k] - fixed[k]));
                fromForward = Math.max(fromForward, Math.abs(p[r * 4 + k] - feedForward[k]));
            }
        }
        System.out.println("[figures] EqProp predict seed " + seed + ": max |p − softmax(fixed point)| " + worst
                + ", max |p − softmax(forward pass)| " + fromForward);
        assertTrue(worst <= 1e-5, "predict vs the fixed point: " + worst);
        assertTrue(fromForward >= 1e-3, "the feedback moves the answer off the forward pass: " + fromForward);
    }

    /** The output pre-activation of the forward pass (no feedback) for sample {@code r}, in double. */
    private static double[] forwardOutput(infergen.runtime.TrainableNet net, float[] x, int r) {
        int inputs = net.inputSize();
        double[] in = new double[inputs];
        for (int j = 0; j < inputs; j++) {
            in[j] = x[r * inputs + j];
        }
        for (int l = 0; l < net.layerCount(); l++) {
            float[] w = net.weights(l), b = net.bias(l);
            double[] a = new double[b.length];
            for (int i = 0; i < b.length; i++) {
                a[i] = b[i];
                for (int j = 0; j < in.length; j++) {
                    a[i] += w[i * in.length + j] * in[j];
                }
                a[i] = l == net.layerCount() - 1 ? a[i] : sigma(a[i]);
            }
            in = a;
        }
        return in;
    }

    private static double[] softmax(double[] s, int from) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (int k = 0; k < 4; k++) {
            max = Math.max(max, s[from + k]);
        }
        double[] p = new double[4];
        for (int k = 0; k < 4; k++) {
            p[k] = Math.exp(s[from + k] - max);
            sum += p[k];
        }
        for (int k = 0; k < 4; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /** The width of every layer. */
    private static int[] units(infergen.runtime.TrainableNet net) {
        int[] units = new int[net.layerCount()];
        for (int l = 0; l < units.length; l++) {
            units[l] = net.bias(l).length;
        }
        return units;
    }

    /** Where each layer's states start in the stacked state vector, and (last) its length. */
    private static int[] offsets(int[] units) {
        int[] offset = new int[units.length + 1];
        for (int l = 0; l < units.length; l++) {
            offset[l + 1] = offset[l] + units[l];
        }
        return offset;
    }

    private static double drive(infergen.runtime.TrainableNet net, int l, int i, double[] s, int[] offset, int[] units, float[] x,
            int xOff, int inputs, int layers) {
        double z = net.bias(l)[i];
        float[] w = net.weights(l);
        if (l == 0) {
            for (int j = 0; j < inputs; j++) {
                z += w[i * inputs + j] * (double) x[xOff + j];
            }
        } else {
            for (int j = 0; j < units[l - 1]; j++) {
                z += w[i * units[l - 1] + j] * s[offset[l - 1] + j];
            }
        }
        if (l + 1 < layers) {
            float[] above = net.weights(l + 1);
            for (int k = 0; k < units[l + 1]; k++) {
                z += above[k * units[l] + i] * s[offset[l + 1] + k];
            }
        }
        return z;
    }

    private static double sigma(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Gaussian elimination with partial pivoting. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = java.util.Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
                    p = r;
                }
            }
            double[] t = m[c];
            m[c] = m[p];
            m[p] = t;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        double[] xs = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double v = m[r][n];
            for (int k = r + 1; k < n; k++) {
                v -= m[r][k] * xs[k];
            }
            xs[r] = v / m[r][r];
        }
        return xs;
    }
}
