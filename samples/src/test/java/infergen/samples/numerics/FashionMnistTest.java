package infergen.samples.numerics;

import static infergen.annotations.Activation.IDENTITY;
import static infergen.annotations.Activation.RELU;
import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.annotations.Activation;
import infergen.annotations.Adam;
import infergen.annotations.Backprop;
import infergen.annotations.Dense;
import infergen.annotations.FenchelBackprop;
import infergen.annotations.Network;
import infergen.runtime.TrainableNet;
import infergen.runtime.data.Dataset;
import infergen.runtime.data.Datasets;
import infergen.runtime.train.EpochResult;
import infergen.runtime.train.Trainer;
import infergen.samples.specs.PaperBpNet;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The paper's network on real Fashion-MNIST images (the embedded slice): gradients against the float64 reference, and
 * training to a useful accuracy within a few epochs.
 */
class FashionMnistTest {

    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU) @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU) @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 1e-4f)
    @Adam(learningRate = 1e-3f)
    interface FashionFen1em4 { }

    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU) @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU) @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 0.5f)
    @Adam(learningRate = 1e-3f)
    interface FashionFen05 { }

    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU) @Dense(units = 10, activation = IDENTITY)
    @Backprop
    @Adam(learningRate = 1e-3f)
    interface SmallBp { }

    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU) @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 1e-4f)
    @Adam(learningRate = 1e-3f)
    interface SmallFen { }

    private static final Activation[] PAPER = {RELU, RELU, RELU, IDENTITY};
    private static final int B = 50;
    private static Datasets.Split data;

    @BeforeAll
    static void load() throws IOException {
        data = Datasets.embeddedFashionMnist();
    }

    /** Rows {@code from .. from+B} of the training images, as float32 for the net and float64 for the reference. */
    private static float[] x(int from) {
        return Arrays.copyOfRange(data.train().images(), from * 784, (from + B) * 784);
    }

    private static int[] labels(int from) {
        return Arrays.copyOfRange(data.train().labels(), from, from + B);
    }

    private static double[][] rows(float[] x) {
        double[][] r = new double[B][784];
        for (int i = 0; i < B; i++) {
            for (int k = 0; k < 784; k++) {
                r[i][k] = x[i * 784 + k];
            }
        }
        return r;
    }

    private static double[][] oneHot(int[] labels) {
        double[][] y = new double[B][10];
        for (int i = 0; i < B; i++) {
            y[i][labels[i]] = 1;
        }
        return y;
    }

    @ParameterizedTest(name = "batch at {0}")
    @ValueSource(ints = {0, 1000, 5000})
    void gradientsOnRealBatchesMatchTheFloat64Reference(int from) {
        float[] x = x(from);
        int[] labels = labels(from);
        double[][] xd = rows(x);
        double[][] y = oneHot(labels);
        // Each net gets its own seed; the reference copies its parameters.
        TrainableNet bp = new PaperBpNet(from + 1);
        ReferenceMlp ref = ReferenceMlp.of(bp, PAPER, ReferenceMlp.LossKind.CE);
        bp.computeGradients(x, labels, B);
        double bpErr = Compare.maxRelerr(bp, ref.bp(xd, y));

        TrainableNet small = new FashionFen1em4Net(from + 2);
        ReferenceMlp refSmall = ReferenceMlp.of(small, PAPER, ReferenceMlp.LossKind.CE);
        small.computeGradients(x, labels, B);
        double smallErr = Compare.maxRelerr(small, refSmall.fenchel(xd, y, 1e-4));
        double cosWithBp = Compare.minCos(small, refSmall.bp(xd, y));

        TrainableNet large = new FashionFen05Net(from + 3);
        ReferenceMlp refLarge = ReferenceMlp.of(large, PAPER, ReferenceMlp.LossKind.CE);
        large.computeGradients(x, labels, B);
        double largeErr = Compare.maxRelerr(large, refLarge.fenchel(xd, y, 0.5));

        System.out.printf(Locale.ROOT, "[figures] fashion batch %d: relerr BP %.2e, Fenchel 1e-4 %.2e (cos with BP %.7f),"
                + " Fenchel 0.5 %.2e%n", from, bpErr, smallErr, cosWithBp, largeErr);
        assertTrue(bpErr <= 2e-3, "BP relerr " + bpErr);
        assertTrue(smallErr <= 2e-3, "Fenchel 1e-4 relerr " + smallErr);
        assertTrue(largeErr <= 2e-3, "Fenchel 0.5 relerr " + largeErr);
        assertTrue(cosWithBp > 0.999, "Fenchel 1e-4 cos with BP " + cosWithBp);
    }

    static List<Object[]> nets() {
        return List.of(new Object[] {"BP", (LongFunction<TrainableNet>) SmallBpNet::new},
                new Object[] {"Fenchel 1e-4", (LongFunction<TrainableNet>) SmallFenNet::new});
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("nets")
    void trainsToEightyPercentOnTheEmbeddedSliceInThreeEpochs(String name, LongFunction<TrainableNet> factory) {
        TrainableNet net = factory.apply(1);
        Dataset train = data.train();
        Trainer trainer = Trainer.builder(net, train).test(data.test()).batchSize(B).seed(1).trainAccuracy(false)
                .build();
        List<EpochResult> results = trainer.fit(3);
        double accuracy = results.get(results.size() - 1).testAccuracy();
        System.out.printf(Locale.ROOT, "[figures] %s on the embedded slice: test accuracy %.4f after 3 epochs%n", name,
                accuracy);
        assertTrue(accuracy >= 0.80, name + " test accuracy " + accuracy);
    }

    @Test
    void theSliceIsRealFashionMnist() {
        // The slice's first training label is 9 (ankle boot), as in the full set; pixels span [0, 1].
        assertTrue(data.train().labels()[0] == 9 && data.train().count() == 6000 && data.test().count() == 1000);
    }
}
