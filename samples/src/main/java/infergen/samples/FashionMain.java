package infergen.samples;

import infergen.runtime.data.Datasets;
import infergen.runtime.train.EpochResult;
import infergen.runtime.train.Trainer;
import infergen.runtime.kernel.Gemm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Trains the README's {@link FashionMlp} (784-256-10, Fenchel back-propagation, Adam) on Fashion-MNIST and prints
 * the loss and accuracies per epoch.
 *
 * <p>Usage: {@code FashionMain [--epochs N] [--data DIR | --embedded] [--seed S]}. The data defaults to the installed
 * Fashion-MNIST ({@code /usr/share/datasets/fashion-mnist}) when present, else the embedded slice of 6,000 training
 * and 1,000 test images.
 */
public final class FashionMain {

    private FashionMain() {
    }

    public static void main(String[] args) throws IOException {
        int epochs = 3;
        long seed = 1;
        Path dir = null;
        boolean embedded = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--data" -> dir = Path.of(args[++i]);
                case "--embedded" -> embedded = true;
                default -> {
                    System.err.println("usage: FashionMain [--epochs N] [--data DIR | --embedded] [--seed S]");
                    System.exit(2);
                }
            }
        }
        Datasets.Split data = dir != null ? Datasets.fashionMnist(dir)
                : embedded ? Datasets.embeddedFashionMnist() : Datasets.defaultFashionMnist();
        System.out.printf(Locale.ROOT, "data: %s (%d train, %d test)%n", data.source(), data.train().count(),
                data.test().count());
        System.out.printf(Locale.ROOT, "network: FashionMlpNet 784-256-10, Fenchel BP (beta = 1e-3), Adam 1e-3, "
                + "batch 50, kernels %s%n", Gemm.implementation());
        FashionMlpNet net = new FashionMlpNet(seed);
        Trainer trainer = Trainer.builder(net, data.train()).test(data.test()).batchSize(50).seed(seed)
                .trainAccuracy(false).build();
        for (int e = 0; e < epochs; e++) {
            EpochResult r = trainer.runEpoch();
            System.out.printf(Locale.ROOT, "epoch %d: train loss %.4f, test accuracy %.2f%% (%.0f samples/s)%n",
                    r.epoch(), r.trainLoss(), 100 * r.testAccuracy(), r.samples() / (r.nanos() / 1e9));
        }
    }
}
