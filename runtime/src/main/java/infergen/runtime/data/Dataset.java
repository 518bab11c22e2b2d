package infergen.runtime.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A labelled classification data set held in memory: {@link #count()} samples of {@link #features()} floats each,
 * row-major in one array, with one class index in {@code 0..classes()-1} per sample.
 *
 * <p>Immutable in the way a record is: the accessors return the backing arrays (copying tens of megabytes on every
 * access would defeat the purpose), which callers must not modify. {@link #slice} copies.
 */
public final class Dataset {

    /** Fashion-MNIST and MNIST have ten classes. */
    public static final int IDX_CLASSES = 10;

    private final float[] images;
    private final int[] labels;
    private final int features;
    private final int classes;
    private final String source;

    /**
     * A data set over {@code images} (row-major {@code labels.length × features}) and {@code labels}; the arrays are
     * kept, not copied.
     *
     * @param source where the data came from, for messages and reports (a path, a resource, "synthetic")
     * @throws IllegalArgumentException if the lengths disagree or a label is outside {@code 0..classes-1}
     */
    public Dataset(float[] images, int[] labels, int features, int classes, String source) {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(labels, "labels");
        this.source = Objects.requireNonNull(source, "source");
        if (features < 1) {
            throw new IllegalArgumentException("features = " + features + " must be at least 1");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("classes = " + classes + " must be at least 1");
        }
        if ((long) labels.length * features != images.length) {
            throw new IllegalArgumentException("images has length " + images.length + ", expected " + labels.length
                    + " samples × " + features + " features = " + (long) labels.length * features);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(
                        "labels[" + i + "] = " + labels[i] + " is outside 0.." + (classes - 1));
            }
        }
        this.images = images;
        this.labels = labels;
        this.features = features;
        this.classes = classes;
    }

    /**
     * Loads an IDX image file and an IDX label file (each gzip or plain) as a ten-class data set.
     *
     * @throws IdxFormatException if either file is malformed, a label is outside 0..9, or the two files hold
     *     different numbers of samples
     */
    public static Dataset loadIdx(Path images, Path labels) throws IOException {
        int[] l = Idx.readLabels(labels, IDX_CLASSES);
        Idx.Images im = Idx.readImages(images);
        return pair(im, images.toString(), l, labels.toString(), images + " + " + labels);
    }

    /** Joins images and labels read separately, checking that they hold the same number of samples. */
    static Dataset pair(Idx.Images images, String imagesName, int[] labels, String labelsName, String source)
            throws IdxFormatException {
        if (images.count() != labels.length) {
            throw new IdxFormatException(imagesName, imagesName + " holds " + images.count() + " images but "
                    + labelsName + " holds " + labels.length + " labels");
        }
        return new Dataset(images.pixels(), labels, images.features(), IDX_CLASSES, source);
    }

    /** The samples {@code from} (inclusive) to {@code to} (exclusive), copied. */
    public Dataset slice(int from, int to) {
        Objects.checkFromToIndex(from, to, count());
        float[] x = java.util.Arrays.copyOfRange(images, from * features, to * features);
        int[] y = java.util.Arrays.copyOfRange(labels, from, to);
        return new Dataset(x, y, features, classes, source + " [" + from + ", " + to + ")");
    }

    /** The backing array of inputs, row-major {@code count() × features()}; do not modify. */
    public float[] images() {
        return images;
    }

    /** The backing array of class indices, length {@code count()}; do not modify. */
    public int[] labels() {
        return labels;
    }

    /** Number of samples. */
    public int count() {
        return labels.length;
    }

    /** Inputs per sample. */
    public int features() {
        return features;
    }

    /** Number of classes; every label is in {@code 0..classes()-1}. */
    public int classes() {
        return classes;
    }

    /** Where the data came from. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "Dataset[" + count() + " × " + features + ", " + classes + " classes, from " + source + "]";
    }
}
