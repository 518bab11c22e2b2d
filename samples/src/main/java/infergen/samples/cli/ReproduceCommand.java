package infergen.samples.cli;

import infergen.runtime.TrainableNet;
import infergen.runtime.data.Datasets;
import infergen.runtime.kernel.Gemm;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import picocli.CommandLine;
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

    /**
     * One run of the figure: an entry (init, rule and β), a seed, its run-time hyperparameters, and the epochs its
     * sweep folder recorded ({@code failure} is null for a finished run).
     */
    record Run(Catalogue.Entry entry, long seed, Map<String, Number> hyperparameters, List<SweepReport.Epoch> epochs,
            String failure) {

        /** The last epoch, or null if none finished. */
        SweepReport.Epoch last() {
            return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
        }
    }

    /** The settings a report records. */
    record Settings(String data, int trainSamples, int testSamples, int epochs, int batch, List<Long> seeds,
            boolean shuffle, String kernels, String command) {
    }

    @Command(name = "figure1", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Figure 1 of the paper: BP and Fenchel BP over a β sweep, under Glorot init (left) and the "
                    + "negative init of the first layer (right), with the paper's protocol: MLP 784-256-128-64-10, "
                    + "Adam 1e-3, batch 50, the first 50,000 training images in fixed order.",
                    "It is a set of sweeps (see 'infergen sweep'), one per init and rule, in DIR/runs/<init>-<rule>/: "
                            + "BP once per seed, Fenchel BP with a grid over β. Started again with the same --out, it "
                            + "skips the finished runs.",
                    "Writes DIR/figure1.png (train and test error per epoch, mean and a band of ± one std over "
                            + "seeds), figure1.md (final errors per rule × β × init, mean ± std), figure1.csv and "
                            + "figure1.json (every point of every run).",
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

        @Option(names = "--seeds", paramLabel = "S", defaultValue = "1",
                description = "Seeds per curve: --seed .. --seed + S − 1 (default ${DEFAULT-VALUE}); with two or more "
                        + "the figure draws a band of ± one std and the table gives mean ± std.")
        int seeds;

        @Option(names = {"--seed", "--seed-base"}, paramLabel = "S", defaultValue = "42",
                description = "The first seed (default ${DEFAULT-VALUE}, the paper's).")
        long seed;

        @Option(names = {"--parallel", "--threads"}, paramLabel = "N",
                description = "Runs at a time, each single-threaded and deterministic (default: the number of "
                        + "cores).")
        Integer parallel;

        @Option(names = "--shuffle", description = "Shuffle every epoch (default: the paper's fixed order).")
        boolean shuffle;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50000", description = "Train on the first N "
                + "training images (default ${DEFAULT-VALUE}, as the paper).")
        int limit;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "figure1",
                description = "Where to write the results (default ${DEFAULT-VALUE}); the runs go to DIR/runs/.")
        Path out;

        @Option(names = "--no-progress", description = "No progress bar.")
        boolean noProgress;

        @Option(names = "--replot", description = "Train nothing: redraw DIR/figure1.png from the DIR/figure1.csv "
                + "of an earlier run (DIR is --out).")
        boolean replot;

        @Option(names = "--net", paramLabel = "NET", defaultValue = "paper",
                description = "The network: paper (the paper's MLP) or conv (the CNN of conv-bp, with the negative "
                        + "init on its first conv layer) (default ${DEFAULT-VALUE}).")
        Net net;

        /** The {@code --net} values: whose BP and Fenchel BP entries the figure trains. */
        enum Net {
            PAPER, CONV;

            Catalogue.Entry bp(Catalogue.Init init) {
                return this == PAPER ? Catalogue.paper("bp", init).get(0)
                        : Catalogue.byName(init == Catalogue.Init.NEGATIVE ? "conv-bp-neg" : "conv-bp").orElseThrow();
            }

            /** The Fenchel BP entry every β is set on at run time. */
            Catalogue.Entry fenchel(Catalogue.Init init) {
                return this == PAPER ? Catalogue.paper("fenchel", init).get(0)
                        : Catalogue.byName(init == Catalogue.Init.NEGATIVE ? "conv-fenchel-neg" : "conv-fenchel")
                                .orElseThrow();
            }

            Catalogue.Entry fenchel(Catalogue.Init init, double beta) {
                return this == PAPER ? Catalogue.paperFenchel(beta, init) : Catalogue.withBeta(fenchel(init), beta);
            }
        }

        @Mixin
        DataOptions data;

        static final int BATCH = 50;

        /** One sweep of the figure: an init's BP runs, or its Fenchel BP runs over the β grid. */
        record Part(Catalogue.Init init, Catalogue.Entry entry, List<Double> betas) {

            /** The sweep's folder under DIR/runs: {@code glorot-bp}, {@code negative-fenchel}. */
            String folder() {
                return init.label() + "-" + entry.rule();
            }
        }

        @Override
        public Integer call() throws Exception {
            CommandLine cl = spec.commandLine();
            check(epochs >= 1, "--epochs must be at least 1, got " + epochs);
            check(seeds >= 1, "--seeds must be at least 1, got " + seeds);
            check(parallel == null || parallel >= 1, "--parallel must be at least 1, got " + parallel);
            if (replot) {
                Path csv = out.resolve("figure1.csv");
                check(Files.isRegularFile(csv), "--replot: " + csv + " does not exist");
                Path png = out.resolve("figure1.png");
                Figure1Report.writePng(png, Figure1Report.readCsv(csv));
                cl.getOut().printf("wrote %s%n", png);
                cl.getOut().flush();
                return 0;
            }
            List<Part> parts = plan();
            PrintWriter pw = cl.getOut();
            List<Long> seedList = LongStream.range(seed, seed + seeds).boxed().toList();
            pw.printf("figure1: %d sweeps (%s) × %d seed%s (%s) in %s%n", parts.size(),
                    String.join(", ", parts.stream().map(Part::folder).toList()), seeds, seeds == 1 ? "" : "s",
                    seedList.stream().map(String::valueOf).collect(Collectors.joining(", ")), out.resolve("runs"));
            pw.flush();
            for (Part part : parts) {
                pw.printf("%n== %s%n", part.folder());
                pw.flush();
                int rc = sweep(part).execute(sweepArgs(part));
                if (rc != 0 && rc != 1) {
                    // a parameter error of the sweep (printed by it); 1 only means that some runs failed
                    return rc;
                }
            }

            Datasets.Split split = data.load(limit);
            List<Run> runs = new ArrayList<>();
            for (Part part : parts) {
                runs.addAll(read(part, seedList));
            }
            Settings settings = new Settings(split.source(), split.train().count(), split.test().count(), epochs,
                    BATCH, seedList, shuffle, Gemm.implementation(), commandLine());
            List<Path> files = Figure1Report.write(out, settings, runs);
            pw.println();
            pw.print(Figure1Report.table(runs));
            pw.println();
            pw.println(Figure1Report.escapeSummary(runs));
            for (Path p : files) {
                pw.printf("wrote %s%n", p);
            }
            pw.flush();
            return runs.stream().anyMatch(r -> r.failure() != null) ? 1 : 0;
        }

        private void check(boolean ok, String message) {
            if (!ok) {
                throw new ParameterException(spec.commandLine(), message);
            }
        }

        /**
         * The sweeps, panel by panel: BP, then Fenchel BP over the β values in ascending order, each set at run time
         * on the init's Fenchel network. A β the network rejects is an error before any run.
         */
        List<Part> plan() {
            List<Double> sorted = betas.stream().distinct().sorted().toList();
            TrainableNet probe = net.fenchel(Catalogue.Init.GLOROT).create(0);
            for (double b : sorted) {
                try {
                    probe.setHyperparameter("beta", b);
                } catch (IllegalArgumentException ex) {
                    throw new ParameterException(spec.commandLine(), "--betas " + Catalogue.formatBeta(b) + ": "
                            + ex.getMessage());
                }
            }
            List<Part> parts = new ArrayList<>();
            for (Catalogue.Init init : inits.stream().distinct().toList()) {
                parts.add(new Part(init, net.bp(init), List.of()));
                if (!sorted.isEmpty()) {
                    // every β is set at run time on the same network
                    parts.add(new Part(init, net.fenchel(init), sorted));
                }
            }
            return parts;
        }

        /** A fresh {@code infergen} command line writing to this command's output. */
        private CommandLine sweep(Part part) {
            CommandLine root = InfergenCli.commandLine();
            root.setOut(spec.commandLine().getOut());
            root.setErr(spec.commandLine().getErr());
            return root;
        }

        /** The {@code infergen sweep} arguments of a part. */
        List<String> sweepArgsList(Part part) {
            List<String> a = new ArrayList<>(List.of("sweep", part.entry().name()));
            if (!part.betas().isEmpty()) {
                a.add("--grid");
                a.add("beta=" + part.betas().stream().map(Catalogue::formatBeta).collect(Collectors.joining(",")));
            }
            a.addAll(List.of("--seeds", Integer.toString(seeds), "--seed-base", Long.toString(seed), "--epochs",
                    Integer.toString(epochs), "--batch", Integer.toString(BATCH), "--limit", Integer.toString(limit),
                    "--out", out.resolve("runs").resolve(part.folder()).toString()));
            if (parallel != null) {
                a.addAll(List.of("--parallel", Integer.toString(parallel)));
            }
            if (shuffle) {
                a.add("--shuffle");
            }
            if (noProgress) {
                a.add("--no-progress");
            }
            if (data.source != null && data.source.dir != null) {
                a.addAll(List.of("--data", data.source.dir.toString()));
            } else if (data.source != null && data.source.embedded) {
                a.add("--embedded");
            }
            if (data.testLimit != null) {
                a.addAll(List.of("--test-limit", Integer.toString(data.testLimit)));
            }
            return a;
        }

        private String[] sweepArgs(Part part) {
            return sweepArgsList(part).toArray(String[]::new);
        }

        /** The runs of a part's sweep folder, by β then seed, as the folder records them. */
        private List<Run> read(Part part, List<Long> seedList) throws java.io.IOException {
            Path dir = out.resolve("runs").resolve(part.folder());
            List<Run> runs = new ArrayList<>();
            List<Double> values = part.betas().isEmpty() ? java.util.Collections.singletonList(null) : part.betas();
            for (Double beta : values) {
                Catalogue.Entry entry = beta == null ? part.entry() : net.fenchel(part.init(), beta);
                TrainableNet probe = entry.create(seedList.get(0));
                if (beta != null) {
                    probe.setHyperparameter("beta", beta);
                }
                Map<String, Number> hyper = probe.hyperparameters();
                String config = beta == null ? "default"
                        : SweepCommand.safe("beta=" + Catalogue.formatValue(hyper.get("beta")));
                for (long s : seedList) {
                    SweepReport.Result r = SweepReport.read(dir.resolve(config + "_seed=" + s), null);
                    runs.add(new Run(entry, s, hyper, r.epochs(), r.status() == SweepReport.Status.OK ? null
                            : r.failure()));
                }
            }
            return runs;
        }

        /** The command that reproduces this run, for the report. */
        private String commandLine() {
            CommandLine root = spec.commandLine();
            while (root.getParent() != null) {
                root = root.getParent();
            }
            return "bin/infergen " + String.join(" ", root.getParseResult().originalArgs());
        }
    }
}
