package infergen.samples.cli;

import infergen.samples.cli.SweepCommand.Config;
import infergen.samples.cli.SweepCommand.Run;
import infergen.samples.cli.SweepReport.Result;
import infergen.samples.cli.SweepReport.Stat;
import infergen.samples.cli.SweepReport.Status;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code infergen plot}: the runs of several sweep folders in one figure, one line per (folder, configuration), and a
 * Markdown table of them on standard output. Made for comparing specs that were swept separately, such as one sweep
 * per learning rule with the same data options.
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Draw the test error per epoch of the runs in one or more sweep folders in one figure: one line "
                + "per folder and configuration, the mean over its seeds with a ± std band. Prints a Markdown table of "
                + "the lines (final and lowest test error, speed).",
                "Compares specs swept separately, e.g. one 'infergen sweep' per rule with the same data options."})
final class PlotCommand implements Callable<Integer> {

    private static final Pattern SPEC = Pattern.compile("\"spec\":\\s*\"([^\"]*)\"");
    private static final Pattern SEED = Pattern.compile("^(.*)_seed=(-?\\d+)$");

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Sweep folders (the --out of 'infergen sweep').")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "FILE.png", required = true, description = "The figure to write (PNG).")
    Path out;

    @Option(names = "--title", paramLabel = "TEXT", description = "The figure's title (default: the specs' names).")
    String title;

    @Option(names = "--train", description = "Also draw each line's running train error, dashed.")
    boolean train;

    @Option(names = "--unfinished", description = "Also draw runs that have not finished (still running, or "
            + "interrupted): the epochs they have; their lines are marked \"(unfinished)\".")
    boolean unfinished;

    /** One line of the figure: a folder's configuration, over the runs (seeds) drawn. */
    record Line(String label, List<Result> runs) {
    }

    @Override
    public Integer call() throws IOException {
        if (!out.getFileName().toString().endsWith(".png")) {
            throw new ParameterException(spec.commandLine(), "--out must name a .png file, got " + out);
        }
        List<Line> lines = new ArrayList<>();
        List<String> specs = new ArrayList<>();
        for (Path dir : dirs) {
            String name = specName(dir);
            specs.add(name);
            lines.addAll(lines(dir, name, unfinished));
        }
        if (lines.isEmpty()) {
            String where = String.join(", ", dirs.stream().map(Path::toString).toList());
            throw new IllegalArgumentException(unfinished ? "no run with a finished epoch in " + where
                    : "no finished run in " + where + " (--unfinished also draws runs still going)");
        }
        XYChart chart = SweepReport.chart(title != null ? title : String.join(", ", specs.stream().distinct().toList())
                + ": test error per epoch" + (train ? " (solid), running train error (dashed)" : ""),
                train ? "error (%)" : "test error (%)");
        for (int i = 0; i < lines.size(); i++) {
            SweepReport.addLine(chart, lines.get(i).label(), lines.get(i).runs(), SweepReport.color(i), train);
        }
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        SweepReport.savePng(chart, out);
        PrintWriter w = spec.commandLine().getOut();
        w.print(table(lines));
        w.flush();
        return 0;
    }

    /** The spec a sweep folder holds, from its sweep.json. */
    private String specName(Path dir) throws IOException {
        Path file = dir.resolve("sweep.json");
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), dir + " is not a sweep folder (no sweep.json)");
        }
        Matcher m = SPEC.matcher(Files.readString(file, StandardCharsets.UTF_8));
        if (!m.find()) {
            throw new ParameterException(spec.commandLine(), file + " names no spec");
        }
        return m.group(1);
    }

    /**
     * The lines of one sweep folder: its runs grouped by configuration (the run folder's name without
     * {@code _seed=N}), in name order; finished runs only unless {@code unfinished}; failed runs never.
     */
    static List<Line> lines(Path dir, String specName, boolean unfinished) throws IOException {
        List<Path> runDirs;
        try (Stream<Path> s = Files.list(dir)) {
            runDirs = s.filter(p -> Files.isRegularFile(p.resolve(SweepCommand.CONFIG))).sorted().toList();
        }
        Map<String, List<Result>> byConfig = new LinkedHashMap<>();
        Map<String, Boolean> partial = new LinkedHashMap<>();
        for (Path runDir : runDirs) {
            String name = runDir.getFileName().toString();
            Matcher m = SEED.matcher(name);
            String configName = m.matches() ? m.group(1) : name;
            long seed = m.matches() ? Long.parseLong(m.group(2)) : 0;
            Result r = SweepReport.read(runDir, new Run(new Config(configName, List.of(), Map.of()), seed, name));
            boolean ok = r.status() == Status.OK;
            if (r.epochs().isEmpty() || !(ok || unfinished && r.status() == Status.UNFINISHED)) {
                continue;
            }
            byConfig.computeIfAbsent(configName, k -> new ArrayList<>()).add(r);
            partial.merge(configName, !ok, Boolean::logicalOr);
        }
        List<Line> lines = new ArrayList<>();
        byConfig.forEach((config, runs) -> lines.add(new Line(
                (config.equals("default") ? specName : specName + " " + config)
                        + (partial.get(config) ? " (unfinished)" : ""), List.copyOf(runs))));
        return lines;
    }

    /** The Markdown table: per line, runs, epochs drawn, final and lowest mean test error, median samples/s. */
    static String table(List<Line> lines) {
        StringBuilder sb = new StringBuilder("| line | runs | epochs | final test error | lowest test error (epoch) "
                + "| samples/s (median over epochs) |\n|---|---:|---:|---:|---:|---:|\n");
        for (Line line : lines) {
            int n = line.runs().stream().mapToInt(r -> r.epochs().size()).min().orElse(0);
            double[] mean = new double[n];
            int best = 0;
            for (int e = 0; e < n; e++) {
                int epoch = e;
                mean[e] = Stat.of(line.runs().stream().map(r -> r.epochs().get(epoch).testError()).toList()).mean();
                if (mean[e] < mean[best]) {
                    best = e;
                }
            }
            Stat last = Stat.of(line.runs().stream().map(r -> r.epochs().get(n - 1).testError()).toList());
            double[] speeds = line.runs().stream().flatMap(r -> r.epochs().subList(0, n).stream())
                    .mapToDouble(SweepReport.Epoch::samplesPerSecond).filter(v -> !Double.isNaN(v)).sorted().toArray();
            double median = speeds.length == 0 ? Double.NaN : speeds.length % 2 == 1 ? speeds[speeds.length / 2]
                    : (speeds[speeds.length / 2 - 1] + speeds[speeds.length / 2]) / 2;
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %.2f%% (%d) | %s |%n", line.label(),
                    line.runs().size(), n, Double.isNaN(last.std()) ? String.format(Locale.ROOT, "%.2f%%",
                            100 * last.mean()) : String.format(Locale.ROOT, "%.2f ± %.2f%%", 100 * last.mean(),
                            100 * last.std()), 100 * mean[best], best + 1,
                    Double.isNaN(median) ? "—" : String.format(Locale.ROOT, "%,.0f", median)));
        }
        return sb.toString();
    }
}
