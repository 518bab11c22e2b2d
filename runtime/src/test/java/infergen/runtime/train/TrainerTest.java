package infergen.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import infergen.runtime.Rng;
import infergen.runtime.data.Dataset;
import infergen.runtime.data.Datasets;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainerTest {

    /**
     * Three linearly separable classes in the plane plus two noise features: class c sits around
     * (2cos(2πc/3), 2sin(2πc/3)) with uniform noise of half-width 0.6, so a linear classifier can reach 100 %.
     */
    static Dataset blobs(int count, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[count * 4];
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            int c = rng.nextInt(3);
            double angle = 2 * Math.PI * c / 3;
            x[4 * i] = (float) (2 * Math.cos(angle)) + 1.2f * (rng.nextFloat() - 0.5f);
            x[4 * i + 1] = (float) (2 * Math.sin(angle)) + 1.2f * (rng.nextFloat() - 0.5f);
            x[4 * i + 2] = rng.nextFloat() - 0.5f;
            x[4 * i + 3] = rng.nextFloat() - 0.5f;
            y[i] = c;
        }
        return new Dataset(x, y, 4, 3, "blobs(" + count + ", " + seed + ")");
    }

    private static List<EpochResult> train(long netSeed, long shuffleSeed, int epochs) {
        LinearSoftmaxNet net = new LinearSoftmaxNet(4, 3, 32, 0.2f, netSeed);
        return Trainer.builder(net, blobs(610, 1)).test(blobs(300, 2)).batchSize(25).seed(shuffleSeed).build()
                .fit(epochs);
    }

    @Test
    void learnsASeparableProblem() {
        LinearSoftmaxNet net = new LinearSoftmaxNet(4, 3, 32, 0.2f, 7);
        Dataset train = blobs(610, 1);
        Dataset test = blobs(300, 2);
        double before = Evaluation.accuracy(net, test);
        List<EpochResult> r = Trainer.builder(net, train).test(test).batchSize(25).seed(3).build().fit(6);
        EpochResult first = r.getFirst();
        EpochResult last = r.getLast();
        assertTrue(before < 0.7, "an untrained net is not already good: " + before);
        assertTrue(last.testAccuracy() > 0.98, "test accuracy after training: " + last);
        assertTrue(last.trainAccuracy() > 0.97, "running train accuracy: " + last);
        assertTrue(last.trainLoss() < 0.5 * first.trainLoss(), "loss falls: " + first + " → " + last);
        assertEquals(25, first.batches(), "24 full batches and one of 10");
        assertEquals(610, first.samples());
        assertEquals(last.testAccuracy(), Evaluation.accuracy(net, test), "the trainer's test accuracy is Evaluation's");
    }

    @Test
    void sameSeedsSameResultsBitwise() {
        List<EpochResult> a = train(5, 9, 3);
        List<EpochResult> b = train(5, 9, 3);
        List<EpochResult> c = train(5, 10, 3);
        for (int e = 0; e < 3; e++) {
            assertEquals(a.get(e).trainLoss(), b.get(e).trainLoss());
            assertEquals(a.get(e).trainAccuracy(), b.get(e).trainAccuracy());
            assertEquals(a.get(e).testAccuracy(), b.get(e).testAccuracy());
        }
        assertNotEquals(a.getFirst().trainLoss(), c.getFirst().trainLoss(), "another shuffle seed, another run");
    }

    @Test
    void sameSeedsSameWeights() {
        float[][] w = new float[2][];
        for (int run = 0; run < 2; run++) {
            LinearSoftmaxNet net = new LinearSoftmaxNet(4, 3, 32, 0.2f, 5);
            Trainer.builder(net, blobs(200, 1)).batchSize(32).seed(4).build().fit(2);
            w[run] = net.weights(0).clone();
        }
        assertArrayEquals(w[0], w[1]);
    }

    /** Records the sample index (feature 0) of every sample it is trained on. */
    private static final class RecordingNet extends ForwardingNet {
        final List<Integer> seen = new ArrayList<>();

        RecordingNet(int maxBatch) {
            super(new LinearSoftmaxNet(2, 3, maxBatch, 0f, 0));
        }

        @Override
        public float trainStep(float[] x, int[] labels, int n) {
            for (int i = 0; i < n; i++) {
                seen.add((int) x[2 * i]);
                assertEquals((int) x[2 * i] % 3, labels[i], "label travels with its sample");
            }
            return super.trainStep(x, labels, n);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void everyEpochTrainsOnEverySampleExactlyOnce(boolean shuffle) {
        int count = 77;
        RecordingNet net = new RecordingNet(10);
        Trainer trainer = Trainer.builder(net, indexed(count)).batchSize(10).shuffle(shuffle).seed(8).build();
        List<List<Integer>> epochs = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            net.seen.clear();
            trainer.runEpoch();
            epochs.add(List.copyOf(net.seen));
            assertEquals(count, net.seen.size());
            assertEquals(count, net.seen.stream().distinct().count(), "each sample once");
        }
        if (shuffle) {
            assertNotEquals(epochs.get(0), epochs.get(1));
        } else {
            assertEquals(epochs.get(0), epochs.get(1));
            assertEquals(0, epochs.getFirst().getFirst());
        }
    }

    /** {@code count} samples whose feature 0 is their index and whose label is the index mod 3. */
    private static Dataset indexed(int count) {
        float[] x = new float[count * 2];
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            x[2 * i] = i;
            y[i] = i % 3;
        }
        return new Dataset(x, y, 2, 3, "indexed");
    }

    /** After skipEpochs(2), epoch 3 visits the samples in the order epoch 3 of an unbroken run does. */
    @Test
    void skippedEpochsDrawTheirOrders() {
        Dataset data = indexed(40);
        RecordingNet unbroken = new RecordingNet(10);
        Trainer a = Trainer.builder(unbroken, data).batchSize(10).seed(8).build();
        a.fit(2);
        unbroken.seen.clear();
        a.runEpoch();
        RecordingNet resumed = new RecordingNet(10);
        Trainer b = Trainer.builder(resumed, data).batchSize(10).seed(8).build();
        b.skipEpochs(2);
        assertEquals(List.of(), resumed.seen, "skipping trains nothing");
        EpochResult r = b.runEpoch();
        assertEquals(3, r.epoch());
        assertEquals(unbroken.seen, resumed.seen);
        assertThrows(IllegalArgumentException.class, () -> b.skipEpochs(-1));
    }

    @Test
    void listenerHearsEveryBatchAndEpoch() {
        List<String> events = new ArrayList<>();
        double[] weightedLoss = new double[1];
        List<EpochResult> ended = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void epochStarted(int epoch, int batches) {
                events.add("start " + epoch + " " + batches);
                weightedLoss[0] = 0;
            }

            @Override
            public void batchEnded(int epoch, int batch, int size, float loss) {
                events.add(epoch + ":" + batch + ":" + size);
                weightedLoss[0] += (double) loss * size;
            }

            @Override
            public void epochEnded(EpochResult result) {
                events.add("end " + result.epoch());
                ended.add(result);
                assertEquals(result.trainLoss(), weightedLoss[0] / result.samples(), 1e-12);
            }
        };
        LinearSoftmaxNet net = new LinearSoftmaxNet(4, 3, 32, 0.2f, 1);
        List<EpochResult> r = Trainer.builder(net, blobs(70, 1)).batchSize(30).listener(listener).build().fit(2);
        assertEquals(List.of("start 1 3", "1:0:30", "1:1:30", "1:2:10", "end 1",
                "start 2 3", "2:0:30", "2:1:30", "2:2:10", "end 2"), events);
        assertEquals(r, ended);
        assertTrue(Double.isNaN(r.getFirst().testAccuracy()), "no test set, no test accuracy");
    }

    @Test
    void dropRemainderAndNoTrainAccuracy() {
        LinearSoftmaxNet net = new LinearSoftmaxNet(4, 3, 32, 0.2f, 1);
        EpochResult r = Trainer.builder(net, blobs(70, 1)).batchSize(30).dropRemainder(true).trainAccuracy(false)
                .build().runEpoch();
        assertEquals(2, r.batches());
        assertEquals(60, r.samples());
        assertTrue(Double.isNaN(r.trainAccuracy()));
    }

    @Test
    void mismatchesAreReportedWhenBuilding() {
        LinearSoftmaxNet net = new LinearSoftmaxNet(4, 3, 32, 0.2f, 1);
        assertEquals("batch size 33 is outside 1..32 (the network's maxBatch)",
                assertThrows(IllegalArgumentException.class,
                        () -> Trainer.builder(net, blobs(10, 1)).batchSize(33).build()).getMessage());
        Dataset wide = new Dataset(new float[10], new int[2], 5, 3, "wide");
        assertEquals("the training set has 5 features per sample but the network takes 4 inputs",
                assertThrows(IllegalArgumentException.class, () -> Trainer.builder(net, wide).build()).getMessage());
        Dataset many = new Dataset(new float[8], new int[2], 4, 10, "ten classes");
        assertEquals("the test set has 10 classes but the network has 3 outputs",
                assertThrows(IllegalArgumentException.class,
                        () -> Trainer.builder(net, blobs(10, 1)).test(many).build()).getMessage());
    }

    /** End to end on the committed Fashion-MNIST slice: a linear softmax classifier beats 70 % in two epochs. */
    @Test
    void linearSoftmaxOnTheEmbeddedSlice() throws IOException {
        Path resources = Path.of("../samples/src/main/resources");
        assumeTrue(Files.isDirectory(resources), "samples resources not found");
        Datasets.Split data;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {resources.toUri().toURL()}, null)) {
            data = Datasets.embeddedFashionMnist(loader);
        }
        LinearSoftmaxNet net = new LinearSoftmaxNet(784, 10, 50, 0.1f, 1);
        List<EpochResult> r = Trainer.builder(net, data.train()).test(data.test()).batchSize(50).seed(1).build()
                .fit(2);
        assertTrue(r.getLast().testAccuracy() > 0.70, r.toString());
        assertTrue(r.getLast().trainLoss() < r.getFirst().trainLoss(), r.toString());
        int[][] m = Evaluation.confusionMatrix(net, data.test());
        int total = 0;
        int diagonal = 0;
        for (int c = 0; c < 10; c++) {
            diagonal += m[c][c];
            for (int p = 0; p < 10; p++) {
                total += m[c][p];
            }
        }
        assertEquals(1_000, total);
        assertEquals(r.getLast().testAccuracy(), diagonal / 1_000.0, 1e-12);
    }
}
