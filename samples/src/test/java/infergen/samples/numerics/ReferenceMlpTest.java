package infergen.samples.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.annotations.Activation;
import infergen.samples.numerics.ReferenceMlp.Grads;
import infergen.samples.numerics.ReferenceMlp.LossKind;
import infergen.samples.numerics.ReferenceMlp.Rule;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Task 1: the float64 reference's BP gradient against central finite differences of its own batch-mean loss. */
class ReferenceMlpTest {

    /** A random reference net 12-10-8-4 with Glorot-like weights and small random biases. */
    static ReferenceMlp randomNet(Activation[] acts, LossKind loss, SplittableRandom rnd) {
        ReferenceMlp ref = new ReferenceMlp(new int[] {12, 10, 8, 4}, acts, loss);
        for (int l = 0; l < ref.layers(); l++) {
            double r = Math.sqrt(6.0 / (ref.dims[l] + ref.dims[l + 1]));
            for (int i = 0; i < ref.w[l].length; i++) {
                ref.w[l][i] = r * (2 * rnd.nextDouble() - 1);
            }
            for (int i = 0; i < ref.b[l].length; i++) {
                ref.b[l][i] = 0.1 * (2 * rnd.nextDouble() - 1);
            }
        }
        return ref;
    }

    /** Smallest |a| over the hidden units of the batch (distance to the ReLU kink). */
    static double minAbsPre(ReferenceMlp ref, double[][] x) {
        double min = Double.POSITIVE_INFINITY;
        for (double[] xr : x) {
            ReferenceMlp.State st = ref.forward(xr);
            for (int k = 1; k < ref.layers(); k++) {
                for (double a : st.a[k]) {
                    min = Math.min(min, Math.abs(a));
                }
            }
        }
        return min;
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @CsvSource({
        "SIGMOID, MSE, 1", "SIGMOID, CE, 2", "TANH, MSE, 3", "TANH, CE, 4",
        "RELU, MSE, 5", "RELU, CE, 6", "RELU, MSE, 7", "TANH, CE, 8"})
    void bpMatchesCentralFiniteDifferences(Activation act, LossKind loss, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ReferenceMlp ref = randomNet(Num.hidden2(act), loss, rnd);
        int n = 4;
        double[][] x = new double[n][12];
        double[][] y = new double[n][4];
        for (int r = 0; r < n; r++) {
            // ReLU: draw samples until every hidden pre-activation is well away from the kink (h = 1e-5 steps)
            do {
                for (int i = 0; i < 12; i++) {
                    x[r][i] = 2 * rnd.nextDouble() - 1;
                }
            } while (act == Activation.RELU && minAbsPre(ref, new double[][] {x[r]}) < 1e-2);
            if (loss == LossKind.CE) {
                y[r][rnd.nextInt(4)] = 1;
            } else {
                for (int i = 0; i < 4; i++) {
                    y[r][i] = 2 * rnd.nextDouble() - 1;
                }
            }
        }
        Grads g = ref.bp(x, y);
        double h = 1e-5;
        double worst = 0;
        for (int l = 0; l < ref.layers(); l++) {
            for (double[][] pair : new double[][][] {{ref.w[l], g.w[l]}, {ref.b[l], g.b[l]}}) {
                double[] p = pair[0];
                double[] fd = new double[p.length];
                for (int i = 0; i < p.length; i++) {
                    double keep = p[i];
                    p[i] = keep + h;
                    double up = ref.loss(x, y);
                    p[i] = keep - h;
                    double down = ref.loss(x, y);
                    p[i] = keep;
                    fd[i] = (up - down) / (2 * h);
                }
                double e = Num.relerr(pair[1], fd);
                worst = Math.max(worst, e);
                assertTrue(e < 1e-6, act + " " + loss + " layer " + l + ": relerr vs central differences " + e);
            }
        }
        System.out.printf("[figures] reference BP vs FD %s %s seed %d: max relerr %.2e%n", act, loss, seed, worst);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"RELU", "TANH", "SIGMOID", "HARD_TANH"})
    void fenchelReferenceTendsToBpAndRemark2DiffersOnlyAboveLayer0(Activation act) {
        SplittableRandom rnd = new SplittableRandom(11);
        ReferenceMlp ref = randomNet(Num.hidden2(act), LossKind.MSE, rnd);
        double[][] x = new double[4][12];
        double[][] y = new double[4][4];
        for (int r = 0; r < 4; r++) {
            for (int i = 0; i < 12; i++) {
                x[r][i] = 2 * rnd.nextDouble() - 1;
            }
            for (int i = 0; i < 4; i++) {
                y[r][i] = 2 * rnd.nextDouble() - 1;
            }
        }
        Grads bp = ref.bp(x, y);
        Grads fen = ref.sweep(x, y, Rule.FENCHEL, 1e-7, false);
        Grads right = ref.sweep(x, y, Rule.FENCHEL, 0.3, false);
        Grads wrong = ref.sweep(x, y, Rule.FENCHEL_WRONG_REMARK2, 0.3, false);
        for (int l = 0; l < ref.layers(); l++) {
            assertTrue(Num.relerr(fen.w[l], bp.w[l]) < 1e-5, "layer " + l);
        }
        // the input is never perturbed: both variants agree on layer 0, and differ above
        assertEquals(0.0, Num.relerr(wrong.w[0], right.w[0]));
        assertTrue(Num.relerr(wrong.w[1], right.w[1]) > 1e-3);
    }
}
