package infergen.samples.contrastive;

import infergen.runtime.TrainableNet;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Measures test accuracy on the full Fashion-MNIST (gzip IDX files) for the README: trains one spec of
 * {@link TrainSpecs} for up to the given epochs (batch 64, shuffled, seed 7) and prints the test accuracy after each.
 * Not a test. Usage: {@code FashionMeasure <Chl|ConvexChl|EqProp|Bp> <epochs> [dir]} ({@code Bp}: the
 * BP baseline, {@code PaperMlpBp}).
 */
public final class FashionMeasure {

    private FashionMeasure() {
    }

    public static void main(String[] args) throws IOException {
        Grads.useAvailableKernels();
        String rule = args[0];
        int epochs = Integer.parseInt(args[1]);
        Path dir = Path.of(args.length > 2 ? args[2] : "/usr/share/datasets/fashion-mnist");
        float[] trainX = images(dir.resolve("train-images-idx3-ubyte.gz"));
        int[] trainY = labels(dir.resolve("train-labels-idx1-ubyte.gz"));
        float[] testX = images(dir.resolve("t10k-images-idx3-ubyte.gz"));
        int[] testY = labels(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        TrainableNet net = switch (rule) {
            case "Chl" -> new FashionChlNet(7);
            case "ConvexChl" -> new FashionConvexChlNet(7);
            case "EqProp" -> new FashionEqPropNet(7);
            case "Bp" -> new infergen.samples.specs.PaperMlpBpNet(7);
            default -> throw new IllegalArgumentException(rule);
        };
        long start = System.nanoTime();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double loss = Training.train(net, trainX, trainY, trainY.length, 64, 1, 100 + epoch);
            double acc = Training.accuracy(net, testX, testY, testY.length);
            System.out.printf("%s epoch %d: train loss %.4f, test accuracy %.4f (%.0f s)%n", rule, epoch, loss, acc,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    static float[] images(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != 0x803) {
                throw new IOException("not an IDX image file: " + file);
            }
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            byte[] raw = in.readNBytes(n * rows * cols);
            float[] x = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                x[i] = (raw[i] & 0xff) / 255f;
            }
            return x;
        }
    }

    static int[] labels(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != 0x801) {
                throw new IOException("not an IDX label file: " + file);
            }
            int n = in.readInt();
            byte[] raw = in.readNBytes(n);
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = raw[i];
            }
            return y;
        }
    }
}
