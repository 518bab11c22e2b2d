package infergen.samples.cli;

import infergen.runtime.data.Dataset;
import infergen.runtime.data.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where the data come from ({@code --data DIR}, {@code --data mnist-10k} or {@code --embedded}) and how much of the
 * test set to use.
 */
final class DataOptions {

    /** Fashion-MNIST's class names, by label. */
    static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** MNIST's class names, by label: the digits. */
    static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** The class names of the chosen data: the digits for {@code --data mnist-10k}, Fashion-MNIST's otherwise. */
    List<String> classes() {
        return source != null && Path.of(MNIST_10K).equals(source.dir) ? DIGITS : CLASSES;
    }

    /** The {@code --data} value that selects the embedded MNIST digits instead of a directory. */
    static final String MNIST_10K = "mnist-10k";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    static final class Source {
        @Option(names = "--data", paramLabel = "DIR|mnist-10k", description = "A directory with the four IDX files "
                + "of Fashion-MNIST or MNIST (plain or .gz), or mnist-10k: the 10,000 MNIST digits embedded in the "
                + "samples (8,000 training, 2,000 test images, each digit split 80/20; write ./mnist-10k for a "
                + "directory of that name). Default: the installed Fashion-MNIST in "
                + "/usr/share/datasets/fashion-mnist if present, else the embedded Fashion-MNIST slice.")
        Path dir;

        @Option(names = "--embedded", description = "Use the embedded slice of Fashion-MNIST (the first 6,000 "
                + "training and 1,000 test images).")
        boolean embedded;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source;

    @Option(names = "--test-limit", paramLabel = "N", description = "Evaluate on the first N test images only "
            + "(default: all of them).")
    Integer testLimit;

    /** Loads the split; a training set cut to its first {@code trainLimit} samples, the test set to the test limit. */
    Datasets.Split load(int trainLimit) throws IOException {
        if (testLimit != null && testLimit < 1) {
            throw new ParameterException(mixee.commandLine(), "--test-limit must be at least 1, got " + testLimit);
        }
        if (trainLimit < 1) {
            throw new ParameterException(mixee.commandLine(), "--limit must be at least 1, got " + trainLimit);
        }
        Datasets.Split s;
        if (source != null && Path.of(MNIST_10K).equals(source.dir)) {
            s = Datasets.embeddedMnist10k();
        } else if (source != null && source.dir != null) {
            if (!Files.isDirectory(source.dir)) {
                throw new ParameterException(mixee.commandLine(), "--data " + source.dir + " is not a directory");
            }
            s = Datasets.fashionMnist(source.dir);
        } else if (source != null && source.embedded) {
            s = Datasets.embeddedFashionMnist();
        } else {
            s = Datasets.defaultFashionMnist();
        }
        Dataset train = s.train().count() > trainLimit ? s.train().slice(0, trainLimit) : s.train();
        Dataset test = testLimit != null && s.test().count() > testLimit ? s.test().slice(0, testLimit) : s.test();
        return new Datasets.Split(train, test, s.source());
    }

    /** A one-line description of a loaded split. */
    static String describe(Datasets.Split s) {
        return String.format("%s: %,d training images (the first ones, in file order), %,d test images", s.source(),
                s.train().count(), s.test().count());
    }
}
