package infergen.processor.conv;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import infergen.annotations.Activation;
import infergen.annotations.Loss;
import infergen.annotations.Pool;
import infergen.processor.Compile;
import infergen.runtime.RegressionNet;
import infergen.runtime.TrainableNet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated conv nets against {@link ConvNetReference} in float64, and the reference against central finite
 * differences: two conv layers with padding (one with stride 2, one max-pooled, one average-pooled, both with a
 * pooling remainder), then two dense layers, every activation, both losses; BP exactly, Fenchel BP at β = 1e-4 next
 * to BP and at β = 0.5 (set at run time) against the reference's Fenchel errors.
 */
class ConvGradientsTest {

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Loss loss : Loss.values()) {
            for (Activation f : Activation.values()) {
                all.add(Arguments.of(f, loss));
            }
        }
        return all.stream();
    }

    private static String spec(String name, Activation f, Loss loss, String rule) {
        String out = loss == Loss.SOFTMAX_CROSS_ENTROPY ? "IDENTITY" : "SIGMOID";
        return """
                package cg;
                import infergen.annotations.*;
                @Network(inputShape = {2, 12, 12}, maxBatch = 5, loss = Loss.%s)
                @Conv2d(filters = 3, kernel = 3, padding = 1, activation = Activation.%s, pool = Pool.MAX)
                @Conv2d(filters = 4, kernel = 2, stride = 2, padding = 1, activation = Activation.%s, pool = Pool.AVERAGE,
                        poolSize = 3)
                @Dense(units = 5, activation = Activation.%s)
                @Dense(units = 3, activation = Activation.%s)
                %s
                @Sgd(learningRate = 0.1f)
                public interface %s {}
                """.formatted(loss, f, f, f, out, rule, name);
    }

    private static ConvNetReference reference(Activation f, Loss loss) {
        return new ConvNetReference(new int[] {2, 12, 12}, List.of(
                ConvNetReference.Layer.conv(3, 3, 1, 1, Pool.MAX, 2, f),
                ConvNetReference.Layer.conv(4, 2, 2, 1, Pool.AVERAGE, 3, f),
                ConvNetReference.Layer.dense(5, f),
                ConvNetReference.Layer.dense(3, loss == Loss.SOFTMAX_CROSS_ENTROPY ? Activation.IDENTITY
                        : Activation.SIGMOID)), loss == Loss.SOFTMAX_CROSS_ENTROPY);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void gradientsMatchTheReferenceAndFiniteDifferences(Activation f, Loss loss) {
        Compilation c = Compile.compile(spec("Bp", f, loss, "@Backprop"), spec("Fen", f, loss,
                "@FenchelBackprop(beta = 1e-4f)"));
        assertThat(c).succeededWithoutWarnings();
        TrainableNet bp = Compile.newNet(c, "cg.BpNet", 11L);
        TrainableNet fenchel = Compile.newNet(c, "cg.FenNet", 11L);
        ConvNetReference ref = reference(f, loss);
        assertEquals(4, bp.layerCount());
        assertEquals(3 * 2 * 3 * 3, bp.weights(0).length, "weights(0) is filters × inChannels × k × k");
        // conv 1: 12×12 → 12×12, max-pooled to 6×6; conv 2: 6×6 → 4×4 at stride 2, pad 1, 3×3 average pools → 1×1
        assertEquals(3 * 6 * 6, ref.width[0]);
        assertEquals(4, ref.width[1]);
        assertEquals(ref.width[1], bp.weights(2).length / 5, "the first dense layer flattens conv 2's output");

        SplittableRandom random = new SplittableRandom(f.ordinal() * 7L + loss.ordinal());
        int n = 4;
        float[] x = new float[n * bp.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        int[] labels = new int[n];
        float[] targets = new float[n * 3];
        double[][] t = new double[n][3];
        for (int r = 0; r < n; r++) {
            labels[r] = random.nextInt(3);
            for (int j = 0; j < 3; j++) {
                targets[r * 3 + j] = (float) random.nextDouble();
                t[r][j] = loss == Loss.SOFTMAX_CROSS_ENTROPY ? (j == labels[r] ? 1 : 0) : targets[r * 3 + j];
            }
        }
        double[][] xs = new double[n][bp.inputSize()];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < bp.inputSize(); i++) {
                xs[r][i] = x[r * bp.inputSize() + i];
            }
        }
        double[][] w = new double[4][];
        double[][] b = new double[4][];
        for (int l = 0; l < 4; l++) {
            w[l] = toDouble(bp.weights(l));
            b[l] = toDouble(bp.bias(l));
            // nonzero biases, so that their gradients and the bias add are exercised
            for (int i = 0; i < b[l].length; i++) {
                b[l][i] = 0.05 * (i % 3 - 1);
                bp.bias(l)[i] = (float) b[l][i];
                fenchel.bias(l)[i] = (float) b[l][i];
            }
        }
        float lossValue = compute(bp, x, labels, targets, n, loss);
        assertEquals(ref.meanLoss(w, b, xs, t), lossValue, 1e-5 * Math.max(1, Math.abs(lossValue)), "loss");

        double[][] gw = zeros(w);
        double[][] gb = zeros(b);
        ref.gradients(w, b, xs, t, 0, gw, gb);
        for (int l = 0; l < 4; l++) {
            assertClose(gw[l], bp.weightGradient(l), 2e-5, "BP ∇W of layer " + l);
            assertClose(gb[l], bp.biasGradient(l), 2e-5, "BP ∇b of layer " + l);
        }
        // the reference against central differences of its own loss
        double h = 1e-6;
        for (int l = 0; l < 4; l++) {
            for (int k = 0; k < 6; k++) {
                int i = random.nextInt(w[l].length);
                double keep = w[l][i];
                w[l][i] = keep + h;
                double plus = ref.meanLoss(w, b, xs, t);
                w[l][i] = keep - h;
                double minus = ref.meanLoss(w, b, xs, t);
                w[l][i] = keep;
                double fd = (plus - minus) / (2 * h);
                assertEquals(fd, gw[l][i], 1e-6 + 1e-5 * Math.abs(fd), "finite difference of w" + l + "[" + i + "]");
            }
        }

        compute(fenchel, x, labels, targets, n, loss);
        for (int l = 0; l < 4; l++) {
            assertClose(gw[l], fenchel.weightGradient(l), 2e-3, "Fenchel BP at β = 1e-4 next to BP, layer " + l);
        }
        fenchel.setHyperparameter("beta", 0.5);
        compute(fenchel, x, labels, targets, n, loss);
        double[][] fw = zeros(w);
        double[][] fb = zeros(b);
        ref.gradients(w, b, xs, t, 0.5, fw, fb);
        for (int l = 0; l < 4; l++) {
            assertClose(fw[l], fenchel.weightGradient(l), 2e-5, "Fenchel BP at β = 0.5, ∇W of layer " + l);
            assertClose(fb[l], fenchel.biasGradient(l), 2e-5, "Fenchel BP at β = 0.5, ∇b of layer " + l);
        }
    }

    private static float compute(TrainableNet net, float[] x, int[] labels, float[] targets, int n, Loss loss) {
        return loss == Loss.SOFTMAX_CROSS_ENTROPY ? net.computeGradients(x, labels, n)
                : ((RegressionNet) net).computeGradients(x, targets, n);
    }

    /** {@code ‖actual − expected‖ ≤ tolerance · ‖expected‖} (plus a floor for vanishing gradients). */
    private static void assertClose(double[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            diff += (expected[i] - actual[i]) * (expected[i] - actual[i]);
            norm += expected[i] * expected[i];
        }
        double rel = Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-6);
        assertTrue(rel <= tolerance, what + ": relative error " + rel + " (norm " + Math.sqrt(norm) + ")");
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    private static double[][] zeros(double[][] like) {
        double[][] z = new double[like.length][];
        for (int i = 0; i < like.length; i++) {
            z[i] = new double[like[i].length];
        }
        return z;
    }
}
