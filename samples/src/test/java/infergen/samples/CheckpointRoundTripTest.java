package infergen.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.runtime.Rng;
import infergen.runtime.TrainableNet;
import infergen.runtime.io.CheckpointException;
import infergen.samples.specs.PaperMlpBpNet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** save / load of generated networks: bitwise round trips, exact resumption, and untouched networks on bad files. */
class CheckpointRoundTripTest {

    @TempDir
    Path dir;

    private static float[] batch(Rng rng, int n) {
        float[] x = new float[n * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextFloat();
        }
        return x;
    }

    private static int[] labels(Rng rng, int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(10);
        }
        return y;
    }

    private static void train(TrainableNet net, long seed, int steps) {
        Rng rng = new Rng(seed);
        for (int s = 0; s < steps; s++) {
            net.trainStep(batch(rng, 50), labels(rng, 50), 50);
        }
    }

    private static void assertSameParameters(TrainableNet a, TrainableNet b) {
        for (int l = 0; l < a.layerCount(); l++) {
            assertArrayEquals(a.weights(l), b.weights(l), "weights of layer " + l);
            assertArrayEquals(a.bias(l), b.bias(l), "bias of layer " + l);
        }
    }

    @Test
    void resumedTrainingContinuesExactlyAsUninterrupted() throws IOException {
        FashionMlpNet uninterrupted = new FashionMlpNet(7);
        train(uninterrupted, 100, 3);
        Path file = dir.resolve("net.safetensors");
        uninterrupted.save(file);
        train(uninterrupted, 200, 3);

        FashionMlpNet resumed = new FashionMlpNet(99);
        resumed.load(file);
        train(resumed, 200, 3);
        // Adam's moments and step count came back too, or the three later steps would differ.
        assertSameParameters(uninterrupted, resumed);
    }

    @Test
    void roundTripIsBitwise() throws IOException {
        FashionMlpNet net = new FashionMlpNet(3);
        train(net, 5, 2);
        Path file = dir.resolve("a.safetensors");
        net.save(file);
        FashionMlpNet copy = new FashionMlpNet(4);
        copy.load(file);
        assertSameParameters(net, copy);
        Path again = dir.resolve("b.safetensors");
        copy.save(again);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
    }

    @Test
    void foreignSpecIsRejectedAndLeavesTheNetworkUntouched() throws IOException {
        PaperMlpBpNet other = new PaperMlpBpNet(1);
        Path file = dir.resolve("other.safetensors");
        other.save(file);
        FashionMlpNet net = new FashionMlpNet(2);
        FashionMlpNet twin = new FashionMlpNet(2);
        CheckpointException e = assertThrows(CheckpointException.class, () -> net.load(file));
        assertTrue(e.getMessage().contains("was saved by spec infergen.samples.specs.PaperMlpBp, this network is "
                + "infergen.samples.FashionMlp"), e.getMessage());
        assertSameParameters(twin, net);
        // the optimizer state is untouched too: both take the same step
        train(net, 9, 1);
        train(twin, 9, 1);
        assertSameParameters(twin, net);
    }

    @Test
    void truncatedFileIsRejectedAndLeavesTheNetworkUntouched() throws IOException {
        FashionMlpNet saved = new FashionMlpNet(5);
        train(saved, 1, 1);
        Path file = dir.resolve("net.safetensors");
        saved.save(file);
        byte[] bytes = Files.readAllBytes(file);
        for (int cut : new int[] {0, 7, 100, bytes.length / 2, bytes.length - 1}) {
            Path truncated = dir.resolve("cut" + cut + ".safetensors");
            Files.write(truncated, Arrays.copyOf(bytes, cut));
            FashionMlpNet net = new FashionMlpNet(6);
            FashionMlpNet twin = new FashionMlpNet(6);
            assertThrows(CheckpointException.class, () -> net.load(truncated), "cut at " + cut);
            assertSameParameters(twin, net);
        }
    }

    @Test
    void savedFileNamesTheSpecAndShapes() throws IOException {
        FashionMlpNet net = new FashionMlpNet(5);
        Path file = dir.resolve("net.safetensors");
        net.save(file);
        var reader = infergen.runtime.io.Checkpoint.read(file);
        assertEquals("infergen.samples.FashionMlp", reader.spec());
        assertEquals("784-256-10", reader.getString("infergen.shape"));
        assertArrayEquals(new int[] {256, 784}, reader.shape("layer0.weight"));
        assertArrayEquals(new int[] {10}, reader.shape("adam.v.layer1.bias"));
        assertEquals(0L, reader.getLong("adam.step"));
    }
}
