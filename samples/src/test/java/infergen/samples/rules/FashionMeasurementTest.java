package infergen.samples.rules;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import infergen.runtime.TrainableNet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * The README measurement, opt-in: trains each top-down rule on the full installed Fashion-MNIST and prints the test
 * accuracy after each epoch. Runs only with {@code -Dinfergen.fashion.epochs=N} (and
 * {@code -Dinfergen.fashion.rules=PCN,MAC,LPOM} to pick rules).
 */
class FashionMeasurementTest {

    @Test
    void measure() throws Exception {
        int epochs = Integer.getInteger("infergen.fashion.epochs", 0);
        Path dir = Path.of(System.getProperty("infergen.fashion.dir", "/usr/share/datasets/fashion-mnist"));
        assumeTrue(epochs > 0 && Files.isDirectory(dir), "opt-in: -Dinfergen.fashion.epochs=N");
        TrainingData train = TrainingData.idx(dir, "train");
        TrainingData test = TrainingData.idx(dir, "t10k");
        String rules = System.getProperty("infergen.fashion.rules", "PCN,MAC,LPOM");
        for (String rule : rules.split(",")) {
            LongFunction<TrainableNet> factory = switch (rule) {
                case "PCN" -> FashionPcnNet::new;
                case "MAC" -> FashionMacNet::new;
                case "LPOM" -> FashionLpomNet::new;
                case "BP" -> FashionBpNet::new;
                default -> throw new IllegalArgumentException(rule);
            };
            TrainableNet net = factory.apply(42);
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                double loss = Training.train(net, train, 1, epoch);
                System.out.printf("MEASURE %s epoch %d: train loss %.4f, test accuracy %.4f (%.0f s)%n", rule, epoch,
                        loss, Training.accuracy(net, test), (System.nanoTime() - start) / 1e9);
            }
        }
    }
}
