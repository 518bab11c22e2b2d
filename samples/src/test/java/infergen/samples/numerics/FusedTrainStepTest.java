package infergen.samples.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import infergen.runtime.TrainableNet;
import infergen.runtime.kernel.Optimizers;
import infergen.runtime.parallel.Parallel;
import infergen.samples.specs.PaperMlpBpNet;
import infergen.samples.specs.PaperMlpFenchelNet;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * For BP and Fenchel BP with Adam, {@code trainStep} runs the backward sweep with Adam fused into each weight-gradient
 * GEMM ({@code backwardAndUpdate}). It must equal, bit for bit, the unfused path a user can build from the contract:
 * {@code computeGradients}, then {@link Optimizers#adam} on every parameter array with moments kept by the test, with
 * the spec's hyper-parameters and PyTorch's bias corrections; and it must leave the same gradients behind.
 */
class FusedTrainStepTest {

    private static final int STEPS = 4;
    /** The specs' Adam: {@code @Adam(learningRate = 1e-3f)} with the default β₁, β₂, ε. */
    private static final float LR = 1e-3f, BETA1 = 0.9f, BETA2 = 0.999f, EPSILON = 1e-8f;
    private static final int ORIGINAL = Parallel.threads();

    @AfterAll
    static void restore() {
        Parallel.setThreads(ORIGINAL);
    }

    @ParameterizedTest(name = "{0}, batch {1}, {2} threads")
    @CsvSource({"BP, 50, 1", "BP, 50, 2", "BP, 256, 2", "BP, 3, 2", "Fenchel, 50, 1", "Fenchel, 50, 2",
            "Fenchel, 131, 3"})
    void fusedTrainStepEqualsComputeGradientsThenAdam(String rule, int batch, int threads) {
        LongFunction<TrainableNet> make = rule.equals("BP") ? PaperMlpBpNet::new : PaperMlpFenchelNet::new;
        Parallel.setThreads(threads);
        TrainableNet fused = make.apply(5);
        TrainableNet unfused = make.apply(5);
        int arrays = 2 * unfused.layerCount();
        float[][] m = new float[arrays][], v = new float[arrays][];
        for (int i = 0; i < arrays; i++) {
            m[i] = new float[param(unfused, i).length];
            v[i] = new float[param(unfused, i).length];
        }
        SplittableRandom rnd = new SplittableRandom(11);
        for (int t = 1; t <= STEPS; t++) {
            float[] x = Num.uniform(rnd, batch, 784, 0, 1);
            int[] labels = Num.labels(rnd, batch, 10);
            float lossFused = fused.trainStep(x, labels, batch);
            float lossUnfused = unfused.computeGradients(x, labels, batch);
            float bc1 = (float) (1.0 - Math.pow(BETA1, t));
            float bc2 = (float) (1.0 - Math.pow(BETA2, t));
            for (int i = 0; i < arrays; i++) {
                float[] p = param(unfused, i);
                Optimizers.adam(p, gradient(unfused, i), m[i], v[i], p.length, LR, BETA1, BETA2, EPSILON, bc1, bc2);
            }
            assertEquals(Float.floatToRawIntBits(lossUnfused), Float.floatToRawIntBits(lossFused), "loss, step " + t);
            for (int i = 0; i < arrays; i++) {
                String where = rule + ", step " + t + ", " + (i % 2 == 0 ? "weights" : "bias") + " of layer " + i / 2;
                assertArrayEquals(gradient(unfused, i), gradient(fused, i), where + ": gradient");
                assertArrayEquals(param(unfused, i), param(fused, i), where + ": parameters after the step");
            }
        }
    }

    private static float[] param(TrainableNet net, int i) {
        return i % 2 == 0 ? net.weights(i / 2) : net.bias(i / 2);
    }

    private static float[] gradient(TrainableNet net, int i) {
        return i % 2 == 0 ? net.weightGradient(i / 2) : net.biasGradient(i / 2);
    }
}
