package infergen.samples.rules;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * Data for the training tests: images {@code n × 784} in [0, 1] and labels.
 *
 * <p>TODO(issue 5): the embedded Fashion-MNIST slice and its loader ({@code
 * infergen.runtime.data.Datasets.embeddedFashionMnist()}) are on main but not yet on this branch; until it is merged,
 * the CI-sized test trains on {@link #synthetic} data and only the opt-in measurement reads the installed
 * Fashion-MNIST with the small IDX reader below.
 */
record TrainingData(float[] x, int[] labels, int n) {

    static final int PIXELS = 784;
    static final int CLASSES = 10;

    /**
     * Learnable synthetic images: ten random smooth prototypes in [0, 1], each sample a prototype with per-pixel
     * noise and a random brightness, so that classes overlap somewhat (a linear model gets well above chance, not 100%).
     */
    static TrainingData synthetic(int n, long seed) {
        SplittableRandom prototypes = new SplittableRandom(42);
        float[][] proto = new float[CLASSES][PIXELS];
        for (int c = 0; c < CLASSES; c++) {
            for (int i = 0; i < PIXELS; i++) {
                proto[c][i] = prototypes.nextDouble() < 0.3 ? (float) prototypes.nextDouble() : 0f;
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * PIXELS];
        int[] labels = new int[n];
        for (int r = 0; r < n; r++) {
            int c = random.nextInt(CLASSES);
            labels[r] = c;
            double brightness = 0.6 + 0.8 * random.nextDouble();
            for (int i = 0; i < PIXELS; i++) {
                double v = brightness * proto[c][i] + 0.35 * random.nextGaussian();
                x[r * PIXELS + i] = (float) Math.min(1.0, Math.max(0.0, v));
            }
        }
        return new TrainingData(x, labels, n);
    }

    /** Fashion-MNIST from gzip IDX files ({@code prefix} is {@code train} or {@code t10k}). */
    static TrainingData idx(Path dir, String prefix) throws IOException {
        byte[] images = read(dir.resolve(prefix + "-images-idx3-ubyte.gz"), 0x803, 16);
        byte[] labels = read(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), 0x801, 8);
        int n = labels.length;
        float[] x = new float[n * PIXELS];
        for (int i = 0; i < x.length; i++) {
            x[i] = (images[i] & 0xff) / 255f;
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels[i];
        }
        return new TrainingData(x, y, n);
    }

    private static byte[] read(Path file, int magic, int header) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            DataInputStream data = new DataInputStream(in);
            if (data.readInt() != magic) {
                throw new IOException(file + ": bad magic");
            }
            int count = data.readInt();
            int size = count;
            for (int i = 8; i < header; i += 4) {
                size *= data.readInt();
            }
            return data.readNBytes(size);
        }
    }
}
