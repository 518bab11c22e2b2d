package infergen.samples.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.runtime.TrainableNet;
import infergen.runtime.data.Dataset;
import infergen.runtime.data.Datasets;
import infergen.runtime.train.EpochResult;
import infergen.runtime.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CNN (conv 32@5×5 + max-pool, conv 64@5×5 + max-pool, dense 128, dense 10) trains on real Fashion-MNIST
 * images: one epoch over 2,000 images of the embedded slice, to a test accuracy no small MLP reaches that fast;
 * and a checkpoint of it round-trips with PyTorch's 4-d weight shape.
 */
class FashionCnnTest {

    static List<Object[]> nets() {
        return List.of(new Object[] {"BP", (LongFunction<TrainableNet>) ConvBpNet::new},
                new Object[] {"Fenchel 1e-3", (LongFunction<TrainableNet>) ConvFenchelNet::new});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nets")
    void trainsOnTheEmbeddedSlice(String name, LongFunction<TrainableNet> factory) throws IOException {
        Datasets.Split data = Datasets.embeddedFashionMnist();
        TrainableNet net = factory.apply(1);
        Dataset train = data.train().slice(0, 2000);
        Trainer trainer = Trainer.builder(net, train).test(data.test()).batchSize(64).seed(1).trainAccuracy(false)
                .build();
        List<EpochResult> results = trainer.fit(1);
        double accuracy = results.get(0).testAccuracy();
        System.out.printf(Locale.ROOT, "[figures] CNN %s, 2,000 images of the embedded slice, 1 epoch: test accuracy "
                + "%.4f%n", name, accuracy);
        assertTrue(accuracy >= 0.68, name + " test accuracy " + accuracy);
    }

    @Test
    void checkpointsCarryPyTorchsConvWeightShape(@TempDir Path dir) throws IOException {
        TrainableNet net = new ConvBpNet(3);
        Path file = dir.resolve("cnn.safetensors");
        net.save(file);
        var reader = infergen.runtime.io.Checkpoint.read(file);
        assertArrayEquals(new int[] {32, 1, 5, 5}, reader.shape("layer0.weight"));
        assertArrayEquals(new int[] {64, 32, 5, 5}, reader.shape("layer1.weight"));
        assertArrayEquals(new int[] {128, 64 * 7 * 7}, reader.shape("layer2.weight"));
        TrainableNet other = new ConvBpNet(4);
        other.load(file);
        for (int l = 0; l < 4; l++) {
            assertArrayEquals(net.weights(l), other.weights(l), "layer " + l);
        }
    }
}
