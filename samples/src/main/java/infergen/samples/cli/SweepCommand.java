package infergen.samples.cli;

import infergen.runtime.TrainableNet;
import infergen.runtime.data.Dataset;
import infergen.runtime.data.Datasets;
import infergen.runtime.kernel.Gemm;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code infergen sweep SPEC --grid NAME=V1,V2 ... --seeds S --out DIR}: one training run per combination of the grids'
 * values and seed, each in its own folder, resumable, several at a time; then a summary ranked by validation error.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a spec once per combination of hyperparameter values (--grid) and seed (--seeds), and "
                + "summarise the runs: mean ± std over seeds, ranked by validation error.",
                "Each run writes DIR/<run>/config.json, metrics.csv (per epoch: train loss, running train error, "
                        + "validation error, test error, samples/s), model.safetensors (after every epoch, with 'checkpoint' "
                        + "holding its epoch) and, last and atomically, 'done'; the sweep writes DIR/summary.md, "
                        + "summary.csv and summary.png.",
                "Started again with the same --out, it skips the runs that have 'done'; a run stopped part-way "
                        + "resumes from its last checkpoint and ends bit for bit as if it had not stopped. A run that "
                        + "throws is recorded (its 'done' says failed, error.txt holds the stack trace) and the "
                        + "others go on; --retry-failed reruns such runs (from their checkpoint, if any).",
                "Runs go --parallel at a time; the kernels then use one thread each. Results are bitwise the same "
                        + "for any --parallel."})
final class SweepCommand implements Callable<Integer> {

    /** The files of a run's folder. */
    static final String CONFIG = "config.json", METRICS = "metrics.csv", MODEL = "model.safetensors",
            DONE = "done", ERROR = "error.txt", CHECKPOINT = "checkpoint";

    /** The header of a run's metrics.csv. */
    static final String METRICS_HEADER = "epoch,train_loss,train_error,validation_error,test_error,samples_per_s";

    /** Called with the run's name when a run starts: a test hook to make a run fail; does nothing by default. */
    static volatile Consumer<String> beforeRun = name -> {
    };

    /**
     * Called with the run's name and epoch when an epoch's metrics and checkpoint are written: a test hook to stop a
     * run part-way; does nothing by default.
     */
    static volatile ObjIntConsumer<String> afterEpoch = (name, epoch) -> {
    };

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", converter = SpecConverter.class,
            completionCandidates = SpecConverter.Names.class,
            description = "The spec to train: a name from 'infergen specs', e.g. paper-fenchel-3-neg, rules-pcn.")
    Catalogue.Entry entry;

    @Option(names = "--grid", paramLabel = "NAME=V1,V2,...", description = "The values of one run-time "
            + "hyperparameter to sweep, e.g. --grid beta=0.1,1,3,10 --grid learningRate=1e-3,3e-4 (repeatable; "
            + "every combination is one configuration). Without --grid: one configuration, the entry's own values.")
    List<String> grids = new ArrayList<>();

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "A hyperparameter fixed for every run "
            + "(repeatable; applied before the grid's values).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "S", defaultValue = "1",
            description = "Seeds per configuration: --seed-base .. --seed-base + S − 1 (default ${DEFAULT-VALUE}). "
                    + "A run's seed sets its initial parameters (and the order, with --shuffle).")
    int seeds;

    @Option(names = "--seed-base", paramLabel = "B", defaultValue = "1", description = "The first seed (default "
            + "${DEFAULT-VALUE}).")
    long seedBase;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "3", description = "Epochs per run (default "
            + "${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "50",
            description = "Samples per train step, at most the spec's maxBatch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50000", description = "Use the first N training "
            + "images, validation included (default ${DEFAULT-VALUE}; capped at the training set's size).")
    int limit;

    @Option(names = "--validation", paramLabel = "N", defaultValue = "0", description = "Hold out the last N of "
            + "those training images (never the test set) and measure the validation error after every epoch "
            + "(default ${DEFAULT-VALUE}: none; the summary is then ranked by final test error).")
    int validation;

    @Option(names = "--shuffle", description = "Shuffle the training set every epoch (default: fixed order).")
    boolean shuffle;

    @Option(names = "--lr-schedule", paramLabel = "SCHEDULE", defaultValue = "constant",
            description = "The learning rate per epoch, as for train: constant or cosine (default ${DEFAULT-VALUE}).")
    TrainCommand.Schedule schedule;

    @Option(names = "--parallel", paramLabel = "N", description = "Runs at a time (default: the number of cores).")
    Integer parallel;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The sweep's folder.")
    Path out;

    @Option(names = "--retry-failed", description = "Rerun the runs that failed (by default a failed run is "
            + "finished: its failure is in the summary).")
    boolean retryFailed;

    @Option(names = "--no-progress", description = "No progress bar (there is none anyway when the output is not a "
            + "terminal).")
    boolean noProgress;

    @Mixin
    DataOptions data;

    /** Where the runs execute: null for the local pool of --parallel threads; set by {@link SweepBackend#commandLine}. */
    SweepBackend backend;

    /** One grid: a hyperparameter's name and the values to try, as typed. */
    record Grid(String name, List<TrainCommand.Setting> values) {
    }

    /**
     * One configuration: a value of each grid.
     *
     * @param name the folder-name part ({@code beta=3_learningRate=3e-4}), from the values as the network holds them
     * @param settings the grid's values, in grid order
     * @param values the values as applied (read back from the network), by grid name
     */
    record Config(String name, List<TrainCommand.Setting> settings, Map<String, Number> values) {
    }

    /** One run: a configuration and a seed; {@code name} is its folder. */
    record Run(Config config, long seed, String name) {
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (backend != null) {
            backend.check(cl);
        }
        check(epochs >= 1, "--epochs must be at least 1, got " + epochs);
        check(seeds >= 1, "--seeds must be at least 1, got " + seeds);
        int par = parallel == null ? Runtime.getRuntime().availableProcessors() : parallel;
        check(par >= 1, "--parallel must be at least 1, got " + par);
        check(validation >= 0, "--validation must not be negative, got " + validation);
        List<TrainCommand.Setting> fixed = TrainCommand.parseSettings(cl, sets);
        List<Config> configs = configurations(fixed, parseGrids());
        List<Run> runs = new ArrayList<>();
        for (Config c : configs) {
            for (int s = 0; s < seeds; s++) {
                long seed = seedBase + s;
                runs.add(new Run(c, seed, c.name() + "_seed=" + seed));
            }
        }
        prepareOut();
        Datasets.Split split = data.load(limit);
        int n = split.train().count();
        check(validation < n, "--validation " + validation + " must be less than the training set's size: " + n
                + " images (the first --limit " + limit + ", capped at the data's size)");
        SweepRun.Loaded loaded = SweepRun.Loaded.of(split, validation);
        Dataset train = loaded.train();
        Dataset valid = loaded.valid();
        String dataLine = String.format(Locale.ROOT, "%s: %,d training images (the first ones, in file order)%s, "
                + "%,d test images", split.source(), train.count(), valid == null ? ", no validation set"
                : String.format(Locale.ROOT, ", validation: the next %,d", valid.count()), split.test().count());
        Settings settings = new Settings(entry, fixed, grids, split.source(), train.count(), validation,
                split.test().count(), epochs, batch, shuffle, schedule, version(), commandLine());
        checkSweepFile(settings);

        SweepBackend runner = backend != null ? backend : new LocalSweep(par, loaded);
        PrintWriter pw = cl.getOut();
        List<Run> todo = new ArrayList<>();
        List<Run> skipped = new ArrayList<>();
        for (Run r : runs) {
            SweepReport.Status st = SweepReport.status(out.resolve(r.name()));
            boolean finished = st == SweepReport.Status.OK || st == SweepReport.Status.FAILED && !retryFailed;
            (finished ? skipped : todo).add(r);
        }
        pw.printf("spec:   %s (%s)%n", entry.name(), entry.specName());
        pw.printf("data:   %s%n", dataLine);
        pw.printf("grid:   %s%n", grids.isEmpty() ? "none (the entry's values)" : String.join("  ", grids));
        pw.printf("runs:   %d (%d configuration%s × %d seed%s, seeds %d..%d), %d finished, %d to run, %s; "
                + "%d epochs, batch %d, %s, kernels %s%n", runs.size(), configs.size(), configs.size() == 1 ? "" : "s",
                seeds, seeds == 1 ? "" : "s", seedBase, seedBase + seeds - 1, skipped.size(), todo.size(),
                runner.describe(todo.size()), epochs, batch, shuffle ? "shuffled" : "fixed order",
                Gemm.implementation());
        pw.printf("out:    %s%n", out);
        AtomicInteger counter = new AtomicInteger();
        for (Run r : skipped) {
            pw.printf("[%d/%d] %s: skipped (%s)%n", counter.incrementAndGet(), runs.size(), r.name(),
                    SweepReport.status(out.resolve(r.name())) == SweepReport.Status.OK ? "finished"
                            : "failed before; --retry-failed reruns it");
        }
        pw.flush();

        boolean bars = !noProgress && Progress.terminal() && !todo.isEmpty();
        ProgressBar bar = bars ? Progress.bar("sweep", (long) todo.size() * epochs * train.count()) : null;
        SweepRun.Data where = SweepRun.Data.of(data, limit, validation);
        List<SweepRun> tasks = new ArrayList<>();
        for (Run r : todo) {
            tasks.add(new SweepRun(entry, r, fixed, where, loaded, dataLine, epochs, batch, shuffle, schedule, version()));
        }
        SweepBackend.Listener listener = new SweepBackend.Listener() {
            @Override
            public void samples(long count) {
                if (bar != null) {
                    bar.stepBy(count);
                }
            }

            @Override
            public void finished(SweepRun r, String result, double seconds) {
                synchronized (counter) {
                    Progress.println(pw, bar != null, String.format(Locale.ROOT, "[%d/%d] %s: %s (%.1f s)",
                            counter.incrementAndGet(), runs.size(), r.name(), result, seconds));
                }
            }
        };
        try {
            if (!tasks.isEmpty()) {
                runner.execute(tasks, out, listener);
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }

        List<SweepReport.Result> results = new ArrayList<>();
        for (Run r : runs) {
            results.add(SweepReport.read(out.resolve(r.name()), r));
        }
        SweepReport report = new SweepReport(settings, configs, results);
        List<Path> files = report.write(out);
        pw.println();
        pw.print(report.table());
        long failed = results.stream().filter(x -> x.status() != SweepReport.Status.OK).count();
        if (failed > 0) {
            pw.printf("%d of %d runs failed; see summary.md and their error.txt%n", failed, results.size());
        }
        for (Path p : files) {
            pw.printf("wrote %s%n", p);
        }
        pw.flush();
        return failed > 0 ? 1 : 0;
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    /** Parses every {@code --grid}: a known shape, decimal values, at least one value, no name twice. */
    List<Grid> parseGrids() {
        CommandLine cl = spec.commandLine();
        List<Grid> parsed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String g : grids) {
            int eq = g.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(cl, "--grid " + g + ": expected NAME=V1,V2,..., e.g. --grid beta=1,3,10");
            }
            String name = g.substring(0, eq).trim();
            List<String> values = Stream.of(g.substring(eq + 1).split(",", -1)).map(String::trim)
                    .filter(v -> !v.isEmpty()).toList();
            if (values.isEmpty()) {
                throw new ParameterException(cl, "--grid " + g + ": the grid of " + name + " is empty; give at least "
                        + "one value, e.g. --grid " + name + "=1,3");
            }
            if (!names.add(name)) {
                throw new ParameterException(cl, "--grid " + g + ": " + name + " has a grid already; give all its "
                        + "values in one --grid");
            }
            List<TrainCommand.Setting> settings = new ArrayList<>();
            for (String v : values) {
                try {
                    settings.add(TrainCommand.parseSettings(cl, List.of(name + "=" + v)).get(0));
                } catch (ParameterException e) {
                    throw new ParameterException(cl, "--grid " + g + ": '" + v + "' is not a number (expected "
                            + "decimal values, e.g. 3, 0.5 or 3e-4)");
                }
            }
            parsed.add(new Grid(name, settings));
        }
        return parsed;
    }

    /**
     * Every combination of the grids' values (the first grid varies slowest), each applied to a new network to check
     * it: an unknown name or a value the network rejects is a parameter error before any run.
     */
    List<Config> configurations(List<TrainCommand.Setting> fixed, List<Grid> parsed) {
        CommandLine cl = spec.commandLine();
        List<List<TrainCommand.Setting>> combos = new ArrayList<>();
        combos.add(List.of());
        for (Grid g : parsed) {
            List<List<TrainCommand.Setting>> next = new ArrayList<>();
            for (List<TrainCommand.Setting> c : combos) {
                for (TrainCommand.Setting v : g.values()) {
                    List<TrainCommand.Setting> longer = new ArrayList<>(c);
                    longer.add(v);
                    next.add(List.copyOf(longer));
                }
            }
            combos = next;
        }
        List<Config> configs = new ArrayList<>();
        Map<String, List<TrainCommand.Setting>> byName = new LinkedHashMap<>();
        for (List<TrainCommand.Setting> combo : combos) {
            TrainableNet probe = entry.create(seedBase);
            TrainCommand.applySettings(cl, probe, fixed);
            for (TrainCommand.Setting s : combo) {
                try {
                    probe.setHyperparameter(s.name(), s.value());
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(cl, "--grid " + s.text() + ": " + e.getMessage());
                }
            }
            check(batch >= 1 && batch <= probe.maxBatch(), "--batch " + batch + " is outside 1.." + probe.maxBatch()
                    + " (spec " + entry.name() + " is compiled with maxBatch " + probe.maxBatch() + ")");
            Map<String, Number> hp = probe.hyperparameters();
            Map<String, Number> values = new LinkedHashMap<>();
            List<String> parts = new ArrayList<>();
            for (TrainCommand.Setting s : combo) {
                values.put(s.name(), hp.get(s.name()));
                parts.add(s.name() + "=" + Catalogue.formatValue(hp.get(s.name())));
            }
            String name = parts.isEmpty() ? "default" : safe(String.join("_", parts));
            List<TrainCommand.Setting> same = byName.putIfAbsent(name, combo);
            if (same != null) {
                throw new ParameterException(cl, "--grid: " + texts(same) + " and " + texts(combo) + " are the same "
                        + "configuration (" + name + ") once applied; give each value once");
            }
            configs.add(new Config(name, combo, values));
        }
        return configs;
    }

    private static String texts(List<TrainCommand.Setting> combo) {
        return String.join(" ", combo.stream().map(TrainCommand.Setting::text).toList());
    }

    /** A folder name: letters, digits and {@code . _ = + -} kept, anything else {@code _}. */
    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._=+-]", "_");
    }

    /** Creates {@code --out} and checks that a file can be written in it. */
    private void prepareOut() {
        try {
            Files.createDirectories(out);
            Path probe = Files.createTempFile(out, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " is not a writable directory ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    /**
     * Writes {@code DIR/sweep.json} (what every run of the folder shares), or checks that the one there says the same:
     * runs of other settings must not be mixed in one folder (grids and seeds may differ, they name the runs).
     */
    private void checkSweepFile(Settings s) throws IOException {
        Path file = out.resolve("sweep.json");
        String json = s.sweepJson();
        if (Files.exists(file)) {
            String old = Files.readString(file, StandardCharsets.UTF_8);
            if (!old.equals(json)) {
                List<String> a = old.lines().toList();
                List<String> b = json.lines().toList();
                String diff = "";
                for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                    String x = i < a.size() ? a.get(i).trim() : "";
                    String y = i < b.size() ? b.get(i).trim() : "";
                    if (!x.equals(y)) {
                        diff = " (there: " + x + "; now: " + y + ")";
                        break;
                    }
                }
                throw new ParameterException(spec.commandLine(), "--out " + out + " holds a sweep with other settings"
                        + diff + "; use another --out (only --grid and --seeds may change between invocations)");
            }
        } else {
            writeAtomically(file, json);
        }
    }

    /** The error {@code (n − correct) / n} of an accuracy {@code correct / n}, exactly (no {@code 1 − 0.311}). */
    static double error(double accuracy, int n) {
        return Double.isNaN(accuracy) || n == 0 ? Double.NaN : (double) (n - Math.round(accuracy * n)) / n;
    }

    /** Writes {@code text} to a temporary file in the same folder, forces it to disk, and renames it to {@code file}. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = temporary(file);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A new name for a temporary file next to {@code file} (created with the usual permissions by its writer). */
    static Path temporary(Path file) {
        return file.toAbsolutePath().getParent().resolve("." + file.getFileName() + "."
                + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".tmp");
    }

    /** The tool's version, from the root command ({@code infergen 0.1.0-SNAPSHOT}). */
    private String version() {
        String[] v = spec.root().version();
        return v.length == 0 ? "unknown" : v[0].replaceFirst("^infergen ", "");
    }

    /** The command as typed, for the summary. */
    private String commandLine() {
        CommandLine root = spec.commandLine();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root.getParseResult() == null ? "bin/infergen sweep"
                : "bin/" + root.getCommandName() + " " + String.join(" ", root.getParseResult().originalArgs());
    }

    /** What the runs of one sweep folder share, and the command. */
    record Settings(Catalogue.Entry entry, List<TrainCommand.Setting> fixed, List<String> grids, String source,
            int trainImages, int validationImages, int testImages, int epochs, int batch, boolean shuffle,
            TrainCommand.Schedule schedule, String version, String command) {

        /** DIR/sweep.json: the settings a resumed sweep must not change (not the grids, seeds or command). */
        String sweepJson() {
            return "{\n"
                    + "  \"spec\": " + Json.string(entry.name()) + ",\n"
                    + "  \"class\": " + Json.string(entry.specName()) + ",\n"
                    + "  \"set\": [" + String.join(", ", fixed.stream().map(s -> Json.string(s.text())).toList())
                    + "],\n"
                    + "  \"data\": " + Json.string(source) + ",\n"
                    + "  \"trainImages\": " + trainImages + ",\n"
                    + "  \"validationImages\": " + validationImages + ",\n"
                    + "  \"testImages\": " + testImages + ",\n"
                    + "  \"epochs\": " + epochs + ",\n"
                    + "  \"batch\": " + batch + ",\n"
                    // only when not constant, so that folders of earlier sweeps resume
                    + (schedule == TrainCommand.Schedule.CONSTANT ? "" : "  \"learningRateSchedule\": "
                            + Json.string(schedule.over(epochs).describe()) + ",\n")
                    + "  \"order\": " + Json.string(shuffle ? "shuffled" : "fixed") + "\n"
                    + "}\n";
        }
    }
}
