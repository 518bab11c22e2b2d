package infergen.samples.cli;

import infergen.runtime.TrainableNet;
import infergen.runtime.data.Datasets;
import infergen.runtime.kernel.Gemm;
import infergen.runtime.train.EpochResult;
import infergen.runtime.train.Trainer;
import infergen.runtime.train.TrainingListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code infergen reproduce}: the paper's experiments. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, subcommands = ReproduceCommand.Figure1.class,
        description = "Reproduce an experiment of the paper (Zach 2021). Experiments: figure1.")
final class ReproduceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "name an experiment: figure1");
    }

    /** Default β sweep of {@code reproduce figure1} (per sample). */
    static final String DEFAULT_BETAS = "1e-4,0.1,1,2,3,10,100,1000";

    /** One training run of the sweep, its run-time hyperparameters (empty if unknown) and what it measured. */
    record Run(Catalogue.Entry entry, Map<String, Number> hyperparameters, List<EpochResult> epochs, String failure) {

        /** The last epoch, or null if none finished. */
        EpochResult last() {
            return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
        }
    }

    /** The settings a report records. */
    record Settings(String data, int trainSamples, int testSamples, int epochs, int batch, long seed,
            boolean shuffle, String kernels, String command) {
    }

    @Command(name = "figure1", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Figure 1 of the paper: BP and Fenchel BP over a β sweep, under Glorot init (left) and the "
                    + "negative init of the first layer (right), with the paper's protocol: MLP 784-256-128-64-10, "
                    + "Adam 1e-3, batch 50, the first 50,000 training images in fixed order.",
                    "Writes DIR/figure1.png (train and test error per epoch), figure1.md (final errors per rule × β "
                            + "× init), figure1.csv and figure1.json (every point of the figure).",
                    "Train error is the running error over each epoch's minibatches (each batch predicted just "
                            + "before its update), as in the paper. β is per sample: the paper's β is ours × 50."})
    static final class Figure1 implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--epochs", paramLabel = "N", defaultValue = "3",
                description = "Epochs per run (default ${DEFAULT-VALUE}: minutes on 2 cores; the paper: 50).")
        int epochs;

        @Option(names = "--betas", paramLabel = "B", split = ",", defaultValue = DEFAULT_BETAS,
                description = "Fenchel BP β values per sample, set at run time on the paper's Fenchel network: any "
                        + "β > 0; the catalogue names 1e-4, 1e-2, 0.1, 1, 2, 3, 10, 30, 100, 300, 1000 "
                        + "(default ${DEFAULT-VALUE}).")
        List<Double> betas;

        @Option(names = "--inits", paramLabel = "INIT", split = ",", defaultValue = "glorot,negative",
                description = "Which panels: glorot, negative (default ${DEFAULT-VALUE}).")
        List<Catalogue.Init> inits;

        @Option(names = "--threads", paramLabel = "T", defaultValue = "2",
                description = "Runs in parallel; each run is single-threaded and deterministic (default "
                        + "${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
                description = "Seed of every run's initial parameters (default ${DEFAULT-VALUE}, the paper's).")
        long seed;

        @Option(names = "--shuffle", description = "Shuffle every epoch (default: the paper's fixed order).")
        boolean shuffle;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50000", description = "Train on the first N "
                + "training images (default ${DEFAULT-VALUE}, as the paper).")
        int limit;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "figure1",
                description = "Where to write the results (default ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--no-progress", description = "No progress bar.")
        boolean noProgress;

        @Option(names = "--replot", description = "Train nothing: redraw DIR/figure1.png from the DIR/figure1.csv "
                + "of an earlier run (DIR is --out).")
        boolean replot;

        @Mixin
        DataOptions data;

        static final int BATCH = 50;

        @Override
        public Integer call() throws Exception {
            if (epochs < 1) {
                throw new ParameterException(spec.commandLine(), "--epochs must be at least 1, got " + epochs);
            }
            if (threads < 1) {
                throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
            }
            if (replot) {
                Path csv = out.resolve("figure1.csv");
                if (!java.nio.file.Files.isRegularFile(csv)) {
                    throw new ParameterException(spec.commandLine(), "--replot: " + csv + " does not exist");
                }
                Path png = out.resolve("figure1.png");
                Figure1Report.writePng(png, Figure1Report.readCsv(csv));
                spec.commandLine().getOut().printf("wrote %s%n", png);
                spec.commandLine().getOut().flush();
                return 0;
            }
            List<Catalogue.Entry> plan = plan();
            Datasets.Split split = data.load(limit);
            PrintWriter pw = spec.commandLine().getOut();
            pw.printf("data:    %s%n", DataOptions.describe(split));
            pw.printf("runs:    %d (%s), %d epochs each, batch %d, %s, seed %d, %d threads, kernels %s%n",
                    plan.size(), String.join(", ", plan.stream().map(Catalogue.Entry::name).toList()), epochs, BATCH,
                    shuffle ? "shuffled" : "fixed order", seed, threads, Gemm.implementation());
            pw.flush();

            boolean bars = !noProgress && Progress.terminal();
            long total = (long) plan.size() * epochs * split.train().count();
            ProgressBar bar = bars ? Progress.bar("figure1", total) : null;
            AtomicInteger done = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Run> runs = new ArrayList<>();
            try {
                List<Future<Run>> futures = new ArrayList<>();
                for (Catalogue.Entry e : plan) {
                    futures.add(pool.submit(() -> {
                        Run r = run(e, split, pw, bar);
                        if (bar != null) {
                            bar.setExtraMessage(" " + done.incrementAndGet() + "/" + plan.size() + " runs done");
                        }
                        return r;
                    }));
                }
                for (Future<Run> f : futures) {
                    runs.add(f.get());
                }
            } catch (ExecutionException ex) {
                throw ex.getCause() instanceof Exception c ? c : ex;
            } finally {
                pool.shutdownNow();
                if (bar != null) {
                    bar.close();
                }
            }
            Settings settings = new Settings(split.source(), split.train().count(), split.test().count(), epochs,
                    BATCH, seed, shuffle, Gemm.implementation(), commandLine());
            List<Path> files = Figure1Report.write(out, settings, runs);
            pw.println();
            pw.print(Figure1Report.table(runs));
            pw.println();
            pw.println(Figure1Report.escapeSummary(runs));
            for (Path p : files) {
                pw.printf("wrote %s%n", p);
            }
            pw.flush();
            return 0;
        }

        /**
         * The runs, panel by panel: BP, then Fenchel BP by ascending β, each β set at run time on the init's Fenchel
         * network (the catalogue's entry when β is on its grid). A β the network rejects is an error before any run.
         */
        List<Catalogue.Entry> plan() {
            List<Double> sorted = betas.stream().distinct().sorted().toList();
            TrainableNet probe = Catalogue.paperFenchel(1, Catalogue.Init.GLOROT).create(0);
            for (double b : sorted) {
                try {
                    probe.setHyperparameter("beta", b);
                } catch (IllegalArgumentException ex) {
                    throw new ParameterException(spec.commandLine(), "--betas " + Catalogue.formatBeta(b) + ": "
                            + ex.getMessage());
                }
            }
            List<Catalogue.Entry> plan = new ArrayList<>();
            for (Catalogue.Init init : inits.stream().distinct().toList()) {
                plan.addAll(Catalogue.paper("bp", init));
                for (double b : sorted) {
                    plan.add(Catalogue.paperFenchel(b, init));
                }
            }
            return plan;
        }

        private Run run(Catalogue.Entry e, Datasets.Split split, PrintWriter pw, ProgressBar bar) {
            TrainableNet net = e.create(seed);
            Map<String, Number> hyper = net.hyperparameters();
            Trainer trainer = Trainer.builder(net, split.train()).test(split.test()).batchSize(BATCH).seed(seed)
                    .shuffle(shuffle).trainAccuracy(true).listener(new TrainingListener() {
                        @Override
                        public void batchEnded(int epoch, int batch, int size, float loss) {
                            if (bar != null) {
                                bar.stepBy(size);
                            }
                        }
                    }).build();
            List<EpochResult> results = new ArrayList<>();
            for (int i = 0; i < epochs; i++) {
                EpochResult r;
                try {
                    r = trainer.runEpoch();
                } catch (IllegalArgumentException ex) {
                    // e.g. a non-finite loss: keep what the run measured and say why it stopped.
                    Progress.println(pw, bar != null, String.format("%-24s stopped in epoch %d: %s", e.name(), i + 1,
                            ex.getMessage()));
                    return new Run(e, hyper, List.copyOf(results), ex.getMessage());
                }
                results.add(r);
                Progress.println(pw, bar != null, String.format(Locale.ROOT,
                        "%-24s epoch %2d/%d  train error %6.2f%%  test error %6.2f%%  loss %.4f  %,.0f samples/s",
                        e.name(), r.epoch(), epochs, 100 * (1 - r.trainAccuracy()), 100 * (1 - r.testAccuracy()),
                        r.trainLoss(), r.samples() / (r.nanos() / 1e9)));
            }
            return new Run(e, hyper, List.copyOf(results), null);
        }

        /** The command that reproduces this run, for the report. */
        private String commandLine() {
            picocli.CommandLine root = spec.commandLine();
            while (root.getParent() != null) {
                root = root.getParent();
            }
            return "bin/infergen " + String.join(" ", root.getParseResult().originalArgs());
        }
    }
}
