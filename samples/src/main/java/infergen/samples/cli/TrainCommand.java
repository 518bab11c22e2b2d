package infergen.samples.cli;

import infergen.runtime.TrainableNet;
import infergen.runtime.data.Datasets;
import infergen.runtime.kernel.Gemm;
import infergen.runtime.train.EpochResult;
import infergen.runtime.train.LearningRateSchedule;
import infergen.runtime.train.Trainer;
import infergen.runtime.train.TrainingListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code infergen train SPEC}: trains one compiled spec and optionally saves a checkpoint. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a compiled spec on Fashion-MNIST, reporting the running train error and the test "
                + "error after every epoch.",
                "By default the samples are visited in the paper's fixed order (the first --limit training images, "
                        + "in file order, every epoch); --shuffle draws a new seeded order each epoch.",
                "--set NAME=VALUE changes a hyperparameter of the rule or the optimizer (the names of the spec's "
                        + "annotation elements, e.g. beta, steps, learningRate) before training starts; the run "
                        + "header prints them all, and --save records them in the checkpoint."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", converter = SpecConverter.class,
            completionCandidates = SpecConverter.Names.class,
            description = "The spec to train: a name from 'infergen specs', e.g. paper-bp, paper-fenchel-100-neg.")
    Catalogue.Entry entry;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "3", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "50",
            description = "Samples per train step, at most the spec's maxBatch (default ${DEFAULT-VALUE}, the paper's).")
    int batch;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the initial parameters (and of --shuffle) (default ${DEFAULT-VALUE}, the paper's).")
    long seed;

    @Option(names = "--shuffle", description = "Shuffle the training set every epoch (default: the paper's fixed "
            + "order).")
    boolean shuffle;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50000", description = "Train on the first N "
            + "training images (default ${DEFAULT-VALUE}, as the paper; capped at the training set's size).")
    int limit;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Set a run-time hyperparameter before "
            + "training, e.g. --set beta=3 --set learningRate=3e-4 (repeatable; applied in order after the entry's "
            + "own settings, so it overrides them). An unknown name lists the spec's names.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--lr-schedule", paramLabel = "SCHEDULE", defaultValue = "constant",
            description = "The learning rate per epoch: constant, or cosine (decays from the spec's rate in epoch 1 "
                    + "towards 0 over --epochs, one value per epoch) (default ${DEFAULT-VALUE}).")
    Schedule schedule;

    /** The {@code --lr-schedule} values. */
    enum Schedule {
        CONSTANT, COSINE;

        LearningRateSchedule over(int epochs) {
            return this == COSINE ? LearningRateSchedule.cosine(epochs) : LearningRateSchedule.CONSTANT;
        }
    }

    @Option(names = "--save", paramLabel = "FILE", description = "Save the trained network (parameters and optimizer "
            + "state, safetensors) to FILE.")
    Path save;

    @Option(names = "--no-progress", description = "No progress bar (there is none anyway when the output is not a "
            + "terminal).")
    boolean noProgress;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() throws Exception {
        if (epochs < 1) {
            throw new ParameterException(spec.commandLine(), "--epochs must be at least 1, got " + epochs);
        }
        TrainableNet net = entry.create(seed);
        applySettings(spec.commandLine(), net, parseSettings(spec.commandLine(), sets));
        if (batch < 1 || batch > net.maxBatch()) {
            throw new ParameterException(spec.commandLine(), "--batch " + batch + " is outside 1.." + net.maxBatch()
                    + " (spec " + entry.name() + " is compiled with maxBatch " + net.maxBatch() + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        Datasets.Split split = data.load(limit);
        out.printf("spec:   %s (%s)%n        %s%n", entry.name(), entry.specName(), entry.description());
        out.printf("data:   %s%n", DataOptions.describe(split));
        out.printf("hyper:  %s%n", Catalogue.formatHyperparameters(net.hyperparameters()));
        LearningRateSchedule lrs = schedule.over(epochs);
        out.printf("train:  %d epochs, batch %d, %s, seed %d, learning rate %s, kernels %s%n", epochs, batch,
                shuffle ? "shuffled every epoch" : "fixed order (as the paper)", seed, lrs.describe(),
                Gemm.implementation());
        out.println("        train error = running error over the epoch's minibatches, each predicted just before "
                + "its update (as the paper reports it)");
        out.flush();
        boolean bars = !noProgress && Progress.terminal();
        EpochBars listener = new EpochBars(bars, epochs, split.train().count());
        Trainer trainer = Trainer.builder(net, split.train()).test(split.test()).batchSize(batch).seed(seed)
                .shuffle(shuffle).trainAccuracy(true).listener(listener).learningRateSchedule(lrs).build();
        EpochResult last = null;
        for (int e = 0; e < epochs; e++) {
            last = trainer.runEpoch();
            Progress.println(out, bars, String.format("epoch %d/%d: train loss %.4f, train error %.2f%%, test error "
                    + "%.2f%% (%,.0f samples/s)", last.epoch(), epochs, last.trainLoss(), 100 * (1 - last.trainAccuracy()),
                    100 * (1 - last.testAccuracy()), last.samples() / (last.nanos() / 1e9)));
        }
        int n = split.test().count();
        int correct = (int) Math.round(last.testAccuracy() * n);
        out.println(EvaluateCommand.accuracyLine("test", correct, n));
        if (save != null) {
            Path parent = save.toAbsolutePath().getParent();
            if (parent != null) {
                java.nio.file.Files.createDirectories(parent);
            }
            net.save(save);
            out.printf("saved:  %s%n", save);
        }
        out.flush();
        return 0;
    }

    /** One {@code --set NAME=VALUE}, parsed. */
    record Setting(String name, double value, String text) {
    }

    /** A plain decimal number: what {@code --set} accepts as a value (no hex, no {@code f}/{@code d} suffix). */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** Parses every {@code --set}; a malformed one is a parameter error naming it. */
    static List<Setting> parseSettings(CommandLine cl, List<String> sets) {
        List<Setting> parsed = new ArrayList<>();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(cl, "--set " + s + ": expected NAME=VALUE, e.g. --set beta=3");
            }
            String name = s.substring(0, eq).trim();
            String value = s.substring(eq + 1).trim();
            if (!NUMBER.matcher(value).matches()) {
                throw new ParameterException(cl, "--set " + s + ": '" + value + "' is not a number (expected "
                        + "NAME=VALUE with a decimal VALUE, e.g. 3, 0.5 or 3e-4)");
            }
            parsed.add(new Setting(name, Double.parseDouble(value), s));
        }
        return parsed;
    }

    /**
     * Applies the settings in order with {@link TrainableNet#setHyperparameter}; an unknown name or a value the
     * network rejects is a parameter error that quotes the network's message (which lists the valid names).
     */
    static void applySettings(CommandLine cl, TrainableNet net, List<Setting> settings) {
        for (Setting s : settings) {
            try {
                net.setHyperparameter(s.name(), s.value());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cl, "--set " + s.text() + ": " + e.getMessage());
            }
        }
    }

    /** One progress bar per epoch, with the running loss. */
    private static final class EpochBars implements TrainingListener {
        private final boolean enabled;
        private final int epochs;
        private final int samples;
        private ProgressBar bar;
        private double lossSum;
        private long seen;

        EpochBars(boolean enabled, int epochs, int samples) {
            this.enabled = enabled;
            this.epochs = epochs;
            this.samples = samples;
        }

        @Override
        public void epochStarted(int epoch, int batches) {
            lossSum = 0;
            seen = 0;
            if (enabled) {
                bar = Progress.bar("epoch " + epoch + "/" + epochs, samples);
            }
        }

        @Override
        public void batchEnded(int epoch, int batch, int size, float loss) {
            lossSum += (double) loss * size;
            seen += size;
            if (bar != null) {
                bar.stepBy(size);
                if (batch % 20 == 0) {
                    bar.setExtraMessage(String.format(" loss %.4f", lossSum / seen));
                }
            }
        }

        @Override
        public void epochEnded(infergen.runtime.train.EpochResult result) {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
