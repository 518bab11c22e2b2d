package infergen.samples.cli;

import infergen.runtime.TrainableNet;
import infergen.runtime.data.Dataset;
import infergen.runtime.data.Datasets;
import infergen.runtime.train.EpochResult;
import infergen.runtime.train.Evaluation;
import infergen.runtime.train.Trainer;
import infergen.runtime.train.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serial;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One run of a sweep as a value: what it trains (the entry, the settings, the seed), on which data, for how long,
 * and the code that trains it into the files of its folder. It holds only names, numbers and strings, so it is
 * {@link Serializable} and runs in any JVM that has the samples on its class path.
 *
 * <p>This is the only implementation of a run. The local sweep ({@code infergen sweep}) calls {@link #execute} on the
 * threads of its pool, into {@code DIR/<run>}; {@code infergen-spark} ships the run to an executor, which calls
 * {@link #remote}: it reads the data itself, trains into a temporary folder and returns the folder's files as bytes,
 * which the driver writes with {@link Folder#writeTo} into the same layout.
 */
public final class SweepRun implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** A hyperparameter setting: its name, its value and the text as typed ({@code beta=3}). */
    record Setting(String name, double value, String text) implements Serializable {

        static Setting of(TrainCommand.Setting s) {
            return new Setting(s.name(), s.value(), s.text());
        }

        TrainCommand.Setting toCommand() {
            return new TrainCommand.Setting(name, value, text);
        }
    }

    /**
     * Where a sweep's data come from and how much of it a run uses, as {@code --data}/{@code --embedded},
     * {@code --test-limit}, {@code --limit} and {@code --validation} say; {@link #load} reads it through
     * {@link DataOptions} in whichever JVM the run is in.
     *
     * @param dir {@code --data} as typed (a directory, or {@code mnist-10k}), or null
     * @param embedded {@code --embedded}
     * @param testLimit {@code --test-limit}, or null
     * @param limit {@code --limit}
     * @param validation {@code --validation}: the last images of the first {@code limit} held out
     */
    record Data(String dir, boolean embedded, Integer testLimit, int limit, int validation) implements Serializable {

        static Data of(DataOptions options, int limit, int validation) {
            DataOptions.Source s = options.source;
            return new Data(s == null || s.dir == null ? null : s.dir.toString(), s != null && s.embedded,
                    options.testLimit, limit, validation);
        }

        /** Loads and splits the data; the last loaded data are kept, so the runs in one JVM share them. */
        Loaded load() throws IOException {
            synchronized (Data.class) {
                if (this.equals(cachedKey) && cached != null) {
                    return cached;
                }
                cached = null;
                DataOptions options = new DataOptions();
                options.mixee = new CommandLine(CommandSpec.create()).getCommandSpec();
                if (dir != null || embedded) {
                    options.source = new DataOptions.Source();
                    options.source.dir = dir == null ? null : Path.of(dir);
                    options.source.embedded = embedded;
                }
                options.testLimit = testLimit;
                Loaded l = Loaded.of(options.load(limit), validation);
                cachedKey = this;
                cached = l;
                return l;
            }
        }
    }

    private static Data cachedKey;
    private static Loaded cached;

    /**
     * A sweep's data, loaded: the training images without the validation images, the validation images (null for
     * none), the test images, and where they came from.
     */
    record Loaded(Dataset train, Dataset valid, Dataset test, String source) {

        /** Holds out the last {@code validation} training images of {@code split} (none for 0). */
        static Loaded of(Datasets.Split split, int validation) {
            int n = split.train().count();
            Dataset train = validation == 0 ? split.train() : split.train().slice(0, n - validation);
            Dataset valid = validation == 0 ? null : split.train().slice(n - validation, n);
            return new Loaded(train, valid, split.test(), split.source());
        }
    }

    /**
     * The files of a run's folder, by name, {@code done} last; the line the sweep prints for the run; and the seconds
     * it took where it ran.
     */
    public record Folder(String run, Map<String, byte[]> files, String line, double seconds)
            implements Serializable {

        /**
         * Writes the files into {@code runDir}, emptied first (as a local run empties it when it starts), with
         * {@code done} last and atomically: the folder is finished exactly when the local run's would be.
         */
        public void writeTo(Path runDir) throws IOException {
            if (Files.exists(runDir)) {
                deleteTree(runDir);
            }
            Files.createDirectories(runDir);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                if (!f.getKey().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                    throw new IOException("run " + run + ": unexpected file name " + f.getKey());
                }
                if (!f.getKey().equals(SweepCommand.DONE)) {
                    Files.write(runDir.resolve(f.getKey()), f.getValue());
                }
            }
            byte[] done = files.get(SweepCommand.DONE);
            if (done == null) {
                throw new IOException("run " + run + " came back without its '" + SweepCommand.DONE + "' file");
            }
            SweepCommand.writeAtomically(runDir.resolve(SweepCommand.DONE), new String(done, StandardCharsets.UTF_8));
        }
    }

    private final String entry;
    private final String name;
    private final String configuration;
    private final LinkedHashMap<String, Number> grid;
    private final List<Setting> fixed;
    private final List<Setting> settings;
    private final long seed;
    private final Data data;
    private final String dataLine;
    private final String source;
    private final int trainImages;
    private final int testImages;
    private final int epochs;
    private final int batch;
    private final boolean shuffle;
    private final TrainCommand.Schedule schedule;
    private final String version;

    /**
     * @param entry the catalogue entry
     * @param run the run: its configuration and seed, and its folder's name
     * @param fixed the {@code --set} settings, applied before the configuration's
     * @param data where the data come from
     * @param loaded the data as the sweep loaded them (the counts a run checks its own copy against)
     * @param dataLine the data's description, for config.json
     */
    SweepRun(Catalogue.Entry entry, SweepCommand.Run run, List<TrainCommand.Setting> fixed, Data data, Loaded loaded,
            String dataLine, int epochs, int batch, boolean shuffle, TrainCommand.Schedule schedule, String version) {
        this.entry = entry.name();
        this.name = run.name();
        this.configuration = run.config().name();
        this.grid = new LinkedHashMap<>(run.config().values());
        this.fixed = fixed.stream().map(Setting::of).toList();
        this.settings = run.config().settings().stream().map(Setting::of).toList();
        this.seed = run.seed();
        this.data = data;
        this.dataLine = dataLine;
        this.source = loaded.source();
        this.trainImages = loaded.train().count();
        this.testImages = loaded.test().count();
        this.epochs = epochs;
        this.batch = batch;
        this.shuffle = shuffle;
        this.schedule = schedule;
        this.version = version;
    }

    /** The run's folder name, e.g. {@code beta=3_learningRate=3e-4_seed=2}. */
    public String name() {
        return name;
    }

    /** The number of training samples the run visits ({@code epochs} × the training images), for progress. */
    public long samples() {
        return (long) epochs * trainImages;
    }

    private Catalogue.Entry catalogueEntry() {
        return Catalogue.byName(entry).orElseThrow(() -> new IllegalStateException("unknown spec '" + entry
                + "' in this JVM's catalogue (a different infergen version on the class path?)"));
    }

    private SweepCommand.Run commandRun() {
        SweepCommand.Config c = new SweepCommand.Config(configuration,
                settings.stream().map(Setting::toCommand).toList(), grid);
        return new SweepCommand.Run(c, seed, name);
    }

    /**
     * Trains the run into {@code dir}: config.json, metrics.csv and model.safetensors, both written as each epoch
     * ends (the model atomically, then {@value SweepCommand#CHECKPOINT} with the number of epochs it holds and the
     * model's SHA-256), and last, atomically, {@code done}. A run that throws is recorded there ({@code done} says
     * failed, error.txt holds the stack trace). A folder left by an unfinished run of the same config.json resumes
     * from its checkpoint: the metrics of the epochs it holds are kept, the shuffles of those epochs are drawn
     * again, and training goes on bit for bit as if it had not stopped. Any other folder is emptied first. Returns
     * the line the sweep prints for the run.
     *
     * @param progress told the size of every trained batch (and, on resuming, of the epochs already done), or null
     * @throws IOException if the folder cannot be written
     */
    String execute(Path dir, Loaded d, IntConsumer progress) throws IOException {
        Catalogue.Entry e = catalogueEntry();
        TrainableNet net = e.create(seed);
        for (Setting s : fixed) {
            net.setHyperparameter(s.name(), s.value());
        }
        for (Setting s : settings) {
            net.setHyperparameter(s.name(), s.value());
        }
        Dataset train = d.train();
        Dataset valid = d.valid();
        Dataset test = d.test();
        String config = SweepReport.configJson(commandRun(), e, net.hyperparameters(), dataLine, train.count(),
                data.validation(), test.count(), epochs, batch, shuffle, schedule.over(epochs), version);
        List<String> kept = resumable(dir, config);
        if (kept == null) {
            if (Files.exists(dir)) {
                deleteTree(dir);
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(SweepCommand.CONFIG), config, StandardCharsets.UTF_8);
            kept = List.of();
        } else {
            Files.deleteIfExists(dir.resolve(SweepCommand.DONE));
            Files.deleteIfExists(dir.resolve(SweepCommand.ERROR));
        }
        double bestValidation = Double.NaN;
        double testAtBest = Double.NaN;
        for (String row : kept) {
            String[] cells = row.split(",", -1);
            double v = cells[3].isEmpty() ? Double.NaN : Double.parseDouble(cells[3]);
            if (!Double.isNaN(v) && !(v >= bestValidation)) {
                bestValidation = v;
                testAtBest = Double.parseDouble(cells[4]);
            }
        }
        double lastTestError = kept.isEmpty() ? Double.NaN
                : Double.parseDouble(kept.get(kept.size() - 1).split(",", -1)[4]);
        try {
            SweepCommand.beforeRun.accept(name);
            Trainer trainer = Trainer.builder(net, train).test(test).batchSize(batch).seed(seed)
                    .shuffle(shuffle).trainAccuracy(true).learningRateSchedule(schedule.over(epochs))
                    .listener(new TrainingListener() {
                        @Override
                        public void batchEnded(int epoch, int b, int size, float loss) {
                            if (progress != null) {
                                progress.accept(size);
                            }
                        }
                    }).build();
            if (!kept.isEmpty()) {
                // after build(): the trainer takes the schedule's base rate from the network as configured, not the
                // scaled rate the checkpoint holds
                net.load(dir.resolve(SweepCommand.MODEL));
                trainer.skipEpochs(kept.size());
                if (progress != null) {
                    for (int k = 0; k < kept.size(); k++) {
                        progress.accept(train.count());
                    }
                }
            }
            StringBuilder rows = new StringBuilder(SweepCommand.METRICS_HEADER).append('\n');
            kept.forEach(row -> rows.append(row).append('\n'));
            Files.writeString(dir.resolve(SweepCommand.METRICS), rows, StandardCharsets.UTF_8);
            try (Writer metrics = Files.newBufferedWriter(dir.resolve(SweepCommand.METRICS), StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND)) {
                for (int ep = kept.size(); ep < epochs; ep++) {
                    EpochResult last = trainer.runEpoch();
                    double v = valid == null ? Double.NaN
                            : SweepCommand.error(Evaluation.accuracy(net, valid), valid.count());
                    double t = SweepCommand.error(last.testAccuracy(), test.count());
                    if (!Double.isNaN(v) && !(v >= bestValidation)) {
                        bestValidation = v;
                        testAtBest = t;
                    }
                    lastTestError = t;
                    metrics.write(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%.1f%n", last.epoch(),
                            SweepReport.cell(last.trainLoss()),
                            SweepReport.cell(SweepCommand.error(last.trainAccuracy(), last.samples())),
                            SweepReport.cell(v), SweepReport.cell(t), last.samples() / (last.nanos() / 1e9)));
                    metrics.flush();
                    net.save(dir.resolve(SweepCommand.MODEL));
                    SweepCommand.writeAtomically(dir.resolve(SweepCommand.CHECKPOINT),
                            last.epoch() + " " + sha256(dir.resolve(SweepCommand.MODEL)) + "\n");
                    SweepCommand.afterEpoch.accept(name, last.epoch());
                }
            }
        } catch (Exception | StackOverflowError | OutOfMemoryError ex) {
            return recordFailure(dir, ex);
        }
        SweepCommand.writeAtomically(dir.resolve(SweepCommand.DONE), "ok\n");
        return String.format(Locale.ROOT, "final test error %.2f%%%s", 100 * lastTestError,
                valid == null ? "" : String.format(Locale.ROOT, ", best validation error %.2f%% (test error there "
                        + "%.2f%%)", 100 * bestValidation, 100 * testAtBest));
    }

    /** The SHA-256 of a file's bytes, in lower-case hex. */
    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The metrics rows to keep when {@code dir} holds an unfinished run of exactly {@code config} with a checkpoint
     * after some epochs (its first rows, one per epoch the model holds), or null to start afresh.
     */
    private List<String> resumable(Path dir, String config) throws IOException {
        Path marker = dir.resolve(SweepCommand.CHECKPOINT);
        Path metrics = dir.resolve(SweepCommand.METRICS);
        if (!Files.isRegularFile(marker) || !Files.isRegularFile(metrics)
                || !Files.isRegularFile(dir.resolve(SweepCommand.MODEL))
                || !config.equals(Files.readString(dir.resolve(SweepCommand.CONFIG), StandardCharsets.UTF_8))) {
            return null;
        }
        // "<epochs> <SHA-256 of model.safetensors>": a model saved after the marker (stopped in between) does not match
        String[] words = Files.readString(marker, StandardCharsets.UTF_8).trim().split(" ");
        int done;
        try {
            done = Integer.parseInt(words[0]);
        } catch (NumberFormatException ex) {
            return null;
        }
        if (words.length != 2 || !words[1].equals(sha256(dir.resolve(SweepCommand.MODEL)))) {
            return null;
        }
        List<String> lines = Files.readAllLines(metrics, StandardCharsets.UTF_8);
        if (done < 1 || done > epochs || lines.size() < done + 1 || !lines.get(0).equals(SweepCommand.METRICS_HEADER)) {
            return null;
        }
        for (int k = 1; k <= done; k++) {
            if (!lines.get(k).startsWith(k + ",")) {
                return null;
            }
        }
        return List.copyOf(lines.subList(1, done + 1));
    }

    /** Writes error.txt (the stack trace) and a {@code done} that says failed; returns the progress line. */
    private static String recordFailure(Path dir, Throwable e) throws IOException {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        Files.writeString(dir.resolve(SweepCommand.ERROR), trace.toString(), StandardCharsets.UTF_8);
        String message = e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
        SweepCommand.writeAtomically(dir.resolve(SweepCommand.DONE), "failed\n" + message.replace('\n', ' ') + "\n");
        return "FAILED: " + message;
    }

    /**
     * Runs the run in this JVM, wherever it is (a Spark executor): reads the data itself (once per JVM and data),
     * checks that they are the data the sweep's driver saw, trains into a temporary folder with {@link #execute}, and
     * returns that folder's files. A run that cannot read its data, or throws, comes back as a failed folder.
     */
    public Folder remote() throws IOException {
        long start = System.nanoTime();
        Path tmp = Files.createTempDirectory("infergen-run-");
        try {
            Path dir = tmp.resolve("run");
            Loaded d;
            IOException bad;
            try {
                d = data.load();
                bad = d.source().equals(source) && d.train().count() == trainImages && d.test().count() == testImages
                        ? null : new IOException(String.format(Locale.ROOT, "the data on %s are not the sweep's: %s, "
                        + "%,d training and %,d test images here; the driver has %s, %,d and %,d (give --data a "
                        + "directory that holds the same files on every machine)", host(), d.source(),
                        d.train().count(), d.test().count(), source, trainImages, testImages));
            } catch (IOException | RuntimeException e) {
                d = null;
                bad = new IOException("could not read the data on " + host() + ": " + (e.getMessage() == null
                        ? e.toString() : e.getMessage()), e);
            }
            String line;
            if (bad != null) {
                Files.createDirectories(dir);
                line = recordFailure(dir, bad);
            } else {
                line = execute(dir, d, null);
            }
            return new Folder(name, files(dir), line, (System.nanoTime() - start) / 1e9);
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * The folder of a run that did not come back (its task failed where it ran, e.g. a lost executor): error.txt
     * with {@code error}'s stack trace and a {@code done} that says failed, as a run that throws records.
     */
    public Folder failed(Throwable error, double seconds) throws IOException {
        Path tmp = Files.createTempDirectory("infergen-run-");
        try {
            Path dir = tmp.resolve("run");
            Files.createDirectories(dir);
            String line = recordFailure(dir, error);
            return new Folder(name, files(dir), line, seconds);
        } finally {
            deleteTree(tmp);
        }
    }

    /** The regular files of {@code dir} by name, sorted, {@code done} last. */
    private static Map<String, byte[]> files(Path dir) throws IOException {
        List<Path> paths;
        try (Stream<Path> s = Files.list(dir)) {
            paths = new ArrayList<>(s.filter(Files::isRegularFile).sorted().toList());
        }
        paths.sort(Comparator.comparing((Path p) -> p.getFileName().toString().equals(SweepCommand.DONE)));
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Path p : paths) {
            files.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
        return files;
    }

    /** This machine's host name. */
    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this machine";
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public String toString() {
        return "SweepRun[" + name + "]";
    }
}
