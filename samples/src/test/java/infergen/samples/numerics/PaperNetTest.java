package infergen.samples.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.annotations.Activation;
import infergen.runtime.TrainableNet;
import infergen.samples.numerics.Num.Batch;
import infergen.samples.numerics.ReferenceMlp.LossKind;
import infergen.samples.numerics.ReferenceMlp.Rule;
import infergen.samples.specs.PaperBpNet;
import infergen.samples.specs.PaperFenNet;
import infergen.samples.specs.PaperNegBpNet;
import infergen.samples.specs.PaperNegFen5000Net;
import infergen.samples.specs.PaperNegFen500Net;
import infergen.samples.specs.PaperNegFen50Net;
import infergen.samples.specs.PaperNegFen5Net;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tasks 11–12 on the paper's 784-256-128-64-10 net: allocation-free train steps, and the negative-init experiment. */
class PaperNetTest {

    static final int B = 50;

    // ------------------------------------------------------------------------------------------------ task 11

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"BP", "Fenchel"})
    void trainStepAllocatesNothing(String rule) throws Exception {
        // the generated code alone: on the Vector API kernels C2 keeps a few vector objects in some compilations
        // (1,600 bytes per step in one of several fresh JVMs), a matter of the kernels (issue #14)
        double perStep = infergen.samples.Allocations.inFreshJvm(rule.equals("BP") ? PaperBpNet.class
                : PaperFenNet.class, 1, B, 50, "scalar");
        System.out.printf("[figures] task11 %s: %.2f bytes per step in the steady state%n", rule, perStep);
        assertTrue(perStep < 64, perStep + " bytes allocated per train step");
    }

    // ------------------------------------------------------------------------------------------------ task 12

    static final Activation[] ACTS = {Activation.RELU, Activation.RELU, Activation.RELU, Activation.IDENTITY};

    static boolean allZero(float[] a) {
        for (float v : a) {
            if (v != 0f) {
                return false;
            }
        }
        return true;
    }

    static int nonZero(float[] a) {
        int c = 0;
        for (float v : a) {
            if (v != 0f) {
                c++;
            }
        }
        return c;
    }

    @Test
    void negativeInitKillsBp() {
        PaperNegBpNet net = new PaperNegBpNet(42);
        SplittableRandom rnd = new SplittableRandom(42);
        for (int batch = 0; batch < 3; batch++) {
            float[] x = Num.uniform(rnd, B, 784, 0, 1);
            int[] labels = Num.labels(rnd, B, 10);
            net.computeGradients(x, labels, B);
            for (int l = 0; l < 3; l++) {
                assertTrue(allZero(net.weightGradient(l)), "BP ∇W of layer " + l + " is exactly zero");
                assertTrue(allZero(net.biasGradient(l)), "BP ∇b of layer " + l + " is exactly zero");
            }
            assertTrue(allZero(net.weightGradient(3)), "s_3 = 0: the output weights get no gradient either");
            assertTrue(!allZero(net.biasGradient(3)), "only the output bias learns (the class prior)");
        }
    }

    /**
     * The smallest per-sample β at which a layer-0 unit gets a non-zero Fenchel error on the batch: unit i of sample r
     * switches on when a − βg > 0, i.e. β > a / g for g < 0 (a ≤ 0 everywhere). From the float64 reference.
     */
    static double layer0Threshold(TrainableNet net, float[] x, int[] labels) {
        ReferenceMlp ref = ReferenceMlp.of(net, ACTS, LossKind.CE);
        double[][] xd = Num.rows(x, B, 784);
        double[][] yd = Num.oneHot(labels, 10);
        double min = Double.POSITIVE_INFINITY;
        for (int r = 0; r < B; r++) {
            // β only enters the layer-0 target through g_1, which is β-independent for a dead net (a_2 = a_3 = 0,
            // δ̃ = min(g, 0) for any β), so any β gives the right g_1
            double[][] g = ref.activityErrors(xd[r], yd[r], Rule.FENCHEL, 1.0);
            double[] a = ref.forward(xd[r]).a[1];
            for (int i = 0; i < a.length; i++) {
                assertTrue(a[i] <= 0, "negative init on non-negative input: a ≤ 0");
                if (g[1][i] < 0) {
                    min = Math.min(min, a[i] / g[1][i]);
                }
            }
        }
        return min;
    }

    @Test
    void negativeInitFenchelRevivesTheNetAboveABetaThreshold() {
        SplittableRandom rnd = new SplittableRandom(42);
        float[] x = Num.uniform(rnd, B, 784, 0, 1);
        int[] labels = Num.labels(rnd, B, 10);
        double[] betas = {5, 50, 500, 5000};
        @SuppressWarnings("unchecked")
        LongFunction<TrainableNet>[] makes = new LongFunction[] {
            (LongFunction<TrainableNet>) PaperNegFen5Net::new, (LongFunction<TrainableNet>) PaperNegFen50Net::new,
            (LongFunction<TrainableNet>) PaperNegFen500Net::new, (LongFunction<TrainableNet>) PaperNegFen5000Net::new};
        double threshold = layer0Threshold(makes[0].apply(42), x, labels);
        System.out.printf("[figures] task12 layer-0 revival threshold (per-sample β, uniform [0,1) inputs): %.1f%n",
                threshold);
        for (int k = 0; k < betas.length; k++) {
            TrainableNet net = makes[k].apply(42);
            net.computeGradients(x, labels, B);
            int units0 = nonZero(net.biasGradient(0));
            System.out.printf("[figures] task12 Fenchel β=%s: non-zero ∇b units layer0 %d/256, layer1 %d/128, "
                    + "layer2 %d/64%n", betas[k], units0, nonZero(net.biasGradient(1)), nonZero(net.biasGradient(2)));
            assertTrue(nonZero(net.biasGradient(1)) > 0, "layer 1 biases move for any β (δ̃ = min(g, 0) at a = 0)");
            assertTrue(nonZero(net.biasGradient(2)) > 0, "layer 2 biases move for any β");
            // layer 0 revives exactly when β passes the threshold (keep a factor 1.01 off it for float32 rounding)
            if (betas[k] < threshold / 1.01) {
                assertTrue(allZero(net.weightGradient(0)), "β = " + betas[k] + " below the threshold: layer 0 dead");
            } else if (betas[k] > threshold * 1.01) {
                assertTrue(units0 > 0, "β = " + betas[k] + " above the threshold: layer 0 gets a signal");
                assertTrue(!allZero(net.weightGradient(0)));
            }
        }
        assertTrue(threshold > betas[0] && threshold < betas[betas.length - 1],
                "the threshold lies inside the β grid, so both branches are tested: " + threshold);
    }
}
