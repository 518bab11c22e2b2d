package infergen.samples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.runtime.TrainableNet;
import infergen.runtime.data.Dataset;
import infergen.runtime.data.Datasets;
import infergen.samples.paper.PaperFenchelNet;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paper's β grid is one Fenchel network per init with β set at run time: each catalogue entry trains to the same
 * bits as the spec that had its β compiled in (kept in {@link ReferenceSpecs}), and a checkpoint is described by the
 * β it saved.
 */
class RuntimeBetaTest {

    @TempDir
    Path dir;

    /** Trains {@code steps} batches of 50 from the embedded slice, in file order. */
    private static void train(TrainableNet net, Dataset data, int steps) {
        int n = 50;
        int features = data.features();
        for (int s = 0; s < steps; s++) {
            float[] x = Arrays.copyOfRange(data.images(), s * n * features, (s + 1) * n * features);
            int[] y = Arrays.copyOfRange(data.labels(), s * n, (s + 1) * n);
            net.trainStep(x, y, n);
        }
    }

    private static void assertSameBits(TrainableNet expected, TrainableNet actual, String what) {
        assertEquals(expected.layerCount(), actual.layerCount(), what);
        for (int l = 0; l < expected.layerCount(); l++) {
            assertArrayEquals(expected.weights(l), actual.weights(l), what + " weights " + l);
            assertArrayEquals(expected.bias(l), actual.bias(l), what + " bias " + l);
            assertArrayEquals(expected.weightGradient(l), actual.weightGradient(l), what + " weight gradient " + l);
            assertArrayEquals(expected.biasGradient(l), actual.biasGradient(l), what + " bias gradient " + l);
        }
    }

    @Test
    void catalogueBetaEntriesTrainToTheBitsOfTheCompiledInSpec() throws Exception {
        Dataset train = Datasets.embeddedFashionMnist().train();
        for (var pair : List.of(List.of("paper-fenchel-3", new PaperFenchelB3Net(42)),
                List.of("paper-fenchel-3-neg", new PaperFenchelB3NegNet(42)))) {
            String name = (String) pair.get(0);
            TrainableNet reference = (TrainableNet) pair.get(1);
            TrainableNet net = Catalogue.byName(name).orElseThrow().create(42);
            assertEquals(reference.hyperparameters(), net.hyperparameters(), name);
            assertEquals(3f, net.hyperparameters().get("beta"), name);
            train(reference, train, 5);
            train(net, train, 5);
            assertSameBits(reference, net, name);
        }
    }

    @Test
    void everyGridEntrySetsItsBetaAsTheOldFloatLiteral() {
        // The old specs wrote β as float literals (1e-4f, 0.1f, ...); the entries cast their double β to float.
        List<String> literals = List.of("1e-4", "1e-2", "0.1", "1", "2", "3", "10", "30", "100", "300", "1000");
        assertEquals(literals, Catalogue.paperBetas().stream().map(Catalogue::formatBeta).toList());
        for (String b : literals) {
            for (String suffix : List.of("", "-neg")) {
                TrainableNet net = Catalogue.byName("paper-fenchel-" + b + suffix).orElseThrow().create(1);
                assertEquals(Float.parseFloat(b), net.hyperparameters().get("beta"), b + suffix);
            }
        }
    }

    @Test
    void aDifferentBetaGivesDifferentBits() throws Exception {
        // The runtime β is really used: β = 3 and β = 100 part ways within a few steps.
        Dataset train = Datasets.embeddedFashionMnist().train();
        TrainableNet a = Catalogue.byName("paper-fenchel-3").orElseThrow().create(42);
        TrainableNet b = Catalogue.byName("paper-fenchel-100").orElseThrow().create(42);
        train(a, train, 3);
        train(b, train, 3);
        assertNotEquals(Arrays.toString(a.weights(0)), Arrays.toString(b.weights(0)));
    }

    @Test
    void aCheckpointIsDescribedByTheBetaItSaved() throws Exception {
        Path file = dir.resolve("b30.safetensors");
        Catalogue.byName("paper-fenchel-30-neg").orElseThrow().create(5).save(file);
        InfergenCliTest.Result eval = InfergenCliTest.run("evaluate", file.toString(), "--embedded", "--test-limit",
                "50");
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(eval.out().contains("spec:   paper-fenchel-30-neg (infergen.samples.paper.PaperSpecs"
                + ".PaperFenchelNeg)"), eval.out());
        assertTrue(eval.out().contains("hyper:  beta=30, learningRate=0.001"), eval.out());

        // A β off the grid, e.g. from train --set beta=0.5: an entry of the same spec named by its β.
        PaperFenchelNet net = new PaperFenchelNet(5);
        net.setBeta(0.5f);
        Path off = dir.resolve("b05.safetensors");
        net.save(off);
        InfergenCliTest.Result predict = InfergenCliTest.run("predict", off.toString(), "0", "--embedded");
        assertEquals(0, predict.exit(), predict.err());
        assertTrue(predict.out().contains("spec:   paper-fenchel-0.5 (infergen.samples.paper.PaperSpecs"
                + ".PaperFenchel)"), predict.out());
    }

    @Test
    void betaNamesAndFormatting() {
        assertEquals("2.5e-3", Catalogue.formatBeta(2.5e-3));
        assertEquals("5e-3", Catalogue.formatBeta(1e-4 * 50));
        assertEquals("0.5", Catalogue.formatBeta(0.5));
        assertEquals("paper-fenchel-0.5-neg", Catalogue.paperFenchel(0.5, Catalogue.Init.NEGATIVE).name());
        assertEquals(Catalogue.byName("paper-fenchel-1e-2").orElseThrow(),
                Catalogue.paperFenchel(0.01, Catalogue.Init.GLOROT));
        assertEquals("3e-4", Catalogue.formatValue(3e-4f));
        assertEquals("0.999", Catalogue.formatValue(0.999f));
        assertEquals("1e-8", Catalogue.formatValue(1e-8f));
        assertEquals("1000", Catalogue.formatValue(1000f));
        assertEquals("20", Catalogue.formatValue(20));
    }
}
