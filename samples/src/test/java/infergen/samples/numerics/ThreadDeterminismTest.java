package infergen.samples.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import infergen.runtime.TrainableNet;
import infergen.runtime.parallel.Parallel;
import infergen.samples.conv.ConvBpNet;
import infergen.samples.conv.ConvChlNet;
import infergen.samples.conv.ConvConvexChlNet;
import infergen.samples.conv.ConvEqPropNet;
import infergen.samples.conv.ConvLpomNet;
import infergen.samples.conv.ConvMacNet;
import infergen.samples.conv.ConvPcnNet;
import infergen.samples.specs.PaperMlpBpNet;
import infergen.samples.specs.PaperMlpFenchelNet;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Train steps give bitwise the same parameters, gradients and losses for 1, 2 and 3 threads: the team splits every
 * GEMM and Adam over output elements only, never over a reduction.
 */
class ThreadDeterminismTest {

    private static final int STEPS = 4;
    private static final int ORIGINAL = Parallel.threads();

    @AfterAll
    static void restore() {
        Parallel.setThreads(ORIGINAL);
    }

    @ParameterizedTest(name = "{0}, batch {1}")
    @CsvSource({"BP, 1", "BP, 37", "BP, 256", "Fenchel, 1", "Fenchel, 50", "Fenchel, 256"})
    void sameBitsForAnyThreadCount(String rule, int batch) {
        LongFunction<TrainableNet> make = rule.equals("BP") ? PaperMlpBpNet::new : PaperMlpFenchelNet::new;
        SplittableRandom rnd = new SplittableRandom(7);
        float[] x = Num.uniform(rnd, batch, 784, 0, 1);
        int[] labels = Num.labels(rnd, batch, 10);

        for (int threads : new int[] {2, 3}) {
            TrainableNet one = train(make, 1, x, labels, batch);
            TrainableNet many = train(make, threads, x, labels, batch);
            for (int l = 0; l < one.layerCount(); l++) {
                String where = rule + ", " + threads + " threads, layer " + l;
                assertArrayEquals(one.weights(l), many.weights(l), where + " weights");
                assertArrayEquals(one.bias(l), many.bias(l), where + " bias");
                assertArrayEquals(one.weightGradient(l), many.weightGradient(l), where + " weight gradient");
                assertArrayEquals(one.biasGradient(l), many.biasGradient(l), where + " bias gradient");
            }
            assertEquals(Float.floatToRawIntBits(lastLoss(one, x, labels, batch)),
                    Float.floatToRawIntBits(lastLoss(many, x, labels, batch)), rule + " loss");
        }
    }

    /** The CNN with every rule (issue #13): the conv kernels split samples and ∇W columns, never a reduction. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"conv-bp", "conv-pcn", "conv-mac", "conv-lpom", "conv-chl", "conv-convex-chl", "conv-eqprop"})
    void convNetsGiveTheSameBitsForAnyThreadCount(String spec) {
        LongFunction<TrainableNet> make = switch (spec) {
            case "conv-bp" -> ConvBpNet::new;
            case "conv-pcn" -> ConvPcnNet::new;
            case "conv-mac" -> ConvMacNet::new;
            case "conv-lpom" -> ConvLpomNet::new;
            case "conv-chl" -> ConvChlNet::new;
            case "conv-convex-chl" -> ConvConvexChlNet::new;
            default -> ConvEqPropNet::new;
        };
        int batch = 5;
        SplittableRandom rnd = new SplittableRandom(11);
        float[] x = Num.uniform(rnd, batch, 784, 0, 1);
        int[] labels = Num.labels(rnd, batch, 10);
        TrainableNet one = train(make, 1, x, labels, batch, 2);
        for (int threads : new int[] {2, 3}) {
            TrainableNet many = train(make, threads, x, labels, batch, 2);
            for (int l = 0; l < one.layerCount(); l++) {
                String where = spec + ", " + threads + " threads, layer " + l;
                assertArrayEquals(one.weights(l), many.weights(l), where + " weights");
                assertArrayEquals(one.bias(l), many.bias(l), where + " bias");
                assertArrayEquals(one.weightGradient(l), many.weightGradient(l), where + " weight gradient");
            }
        }
    }

    private static TrainableNet train(LongFunction<TrainableNet> make, int threads, float[] x, int[] labels, int n) {
        return train(make, threads, x, labels, n, STEPS);
    }

    private static TrainableNet train(LongFunction<TrainableNet> make, int threads, float[] x, int[] labels, int n,
            int steps) {
        Parallel.setThreads(threads);
        TrainableNet net = make.apply(3);
        for (int s = 0; s < steps; s++) {
            net.trainStep(x, labels, n);
        }
        return net;
    }

    private static float lastLoss(TrainableNet net, float[] x, int[] labels, int n) {
        return net.computeGradients(x, labels, n);
    }
}
