package infergen.samples.cli;

import infergen.samples.cli.SweepCommand.Config;
import infergen.samples.cli.SweepCommand.Run;
import infergen.samples.cli.SweepCommand.Settings;
import infergen.runtime.train.LearningRateSchedule;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The files of {@code infergen sweep}: a run's config.json and how a run's folder is read back, and the summary over
 * runs (summary.md, summary.csv, summary.png).
 */
final class SweepReport {

    /** Where a run stands, from its {@code done} marker. */
    enum Status {
        /** Trained and saved. */
        OK,
        /** Threw; {@code done} holds the message. */
        FAILED,
        /** No {@code done}: never started, or interrupted. */
        UNFINISHED
    }

    /** One line of a run's metrics.csv; errors are fractions, {@code NaN} where not measured. */
    record Epoch(int epoch, double trainLoss, double trainError, double validationError, double testError,
            double samplesPerSecond) {
    }

    /** A run as its folder records it. */
    record Result(Run run, Status status, String failure, List<Epoch> epochs) {

        /** The epoch of the lowest validation error (the first, on ties), or null without validation. */
        Epoch best() {
            Epoch best = null;
            for (Epoch e : epochs) {
                if (!Double.isNaN(e.validationError()) && (best == null || e.validationError() < best.validationError())) {
                    best = e;
                }
            }
            return best;
        }

        double finalTestError() {
            return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).testError();
        }
    }

    /** A mean and sample standard deviation ({@code NaN} for fewer than two values). */
    record Stat(double mean, double std) {
        static Stat of(List<Double> xs) {
            List<Double> v = xs.stream().filter(x -> !Double.isNaN(x)).toList();
            if (v.isEmpty()) {
                return new Stat(Double.NaN, Double.NaN);
            }
            double mean = v.stream().mapToDouble(Double::doubleValue).sum() / v.size();
            if (v.size() < 2) {
                return new Stat(mean, Double.NaN);
            }
            double ss = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
            return new Stat(mean, Math.sqrt(ss / (v.size() - 1)));
        }
    }

    /** One configuration over its seeds (those that finished). */
    record Row(Config config, List<Result> results, Stat bestValidation, Stat testAtBest, Stat finalTest) {
        long ok() {
            return results.stream().filter(r -> r.status() == Status.OK).count();
        }
    }

    private static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
            new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207), new Color(0, 0, 0)};

    private final Settings settings;
    private final List<Config> configs;
    private final List<Result> results;
    private final List<Row> ranked;

    SweepReport(Settings settings, List<Config> configs, List<Result> results) {
        this.settings = settings;
        this.configs = configs;
        this.results = results;
        List<Row> rows = new ArrayList<>();
        for (Config c : configs) {
            List<Result> mine = results.stream().filter(r -> r.run().config() == c).toList();
            List<Result> ok = mine.stream().filter(r -> r.status() == Status.OK).toList();
            rows.add(new Row(c, mine,
                    Stat.of(ok.stream().map(r -> r.best() == null ? Double.NaN : r.best().validationError()).toList()),
                    Stat.of(ok.stream().map(r -> r.best() == null ? Double.NaN : r.best().testError()).toList()),
                    Stat.of(ok.stream().map(Result::finalTestError).toList())));
        }
        // stable: ties and configurations without a value keep the grid's order, the latter last
        rows.sort(Comparator.comparingDouble(r -> {
            double k = rankKey(r);
            return Double.isNaN(k) ? Double.POSITIVE_INFINITY : k;
        }));
        this.ranked = List.copyOf(rows);
    }

    private boolean byValidation() {
        return settings.validationImages() > 0;
    }

    private double rankKey(Row r) {
        return byValidation() ? r.bestValidation().mean() : r.finalTest().mean();
    }

    /** The configurations, best first. */
    List<Row> ranked() {
        return ranked;
    }

    // ---- a run's folder

    static Status status(Path runDir) {
        Path done = runDir.resolve(SweepCommand.DONE);
        if (!Files.isRegularFile(done)) {
            return Status.UNFINISHED;
        }
        try {
            String first = Files.readString(done, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            return first.equals("ok") ? Status.OK : Status.FAILED;
        } catch (IOException e) {
            return Status.UNFINISHED;
        }
    }

    /** A run as its folder records it; a folder without metrics has no epochs. */
    static Result read(Path runDir, Run run) throws IOException {
        Status status = status(runDir);
        String failure = null;
        if (status == Status.FAILED) {
            List<String> lines = Files.readAllLines(runDir.resolve(SweepCommand.DONE), StandardCharsets.UTF_8);
            failure = lines.size() > 1 ? lines.get(1) : "failed";
        } else if (status == Status.UNFINISHED) {
            failure = "unfinished (no " + SweepCommand.DONE + ")";
        }
        List<Epoch> epochs = new ArrayList<>();
        Path csv = runDir.resolve(SweepCommand.METRICS);
        if (Files.isRegularFile(csv)) {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(SweepCommand.METRICS_HEADER)) {
                throw new IOException(csv + " is not a sweep's metrics.csv (unexpected header)");
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split(",", -1);
                if (c.length != 6) {
                    throw new IOException(csv + ": malformed line: " + line);
                }
                epochs.add(new Epoch(Integer.parseInt(c[0]), parse(c[1]), parse(c[2]), parse(c[3]), parse(c[4]),
                        parse(c[5])));
            }
        }
        return new Result(run, status, failure, List.copyOf(epochs));
    }

    private static double parse(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }

    /** A metrics.csv cell: the shortest decimal that reads back to {@code v}, empty for {@code NaN}. */
    static String cell(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** A run's config.json. */
    static String configJson(Run run, Catalogue.Entry entry, Map<String, Number> hyperparameters, String data,
            int trainImages, int validationImages, int testImages, int epochs, int batch, boolean shuffle,
            LearningRateSchedule schedule, String version) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"run\": ").append(Json.string(run.name())).append(",\n");
        sb.append("  \"configuration\": ").append(Json.string(run.config().name())).append(",\n");
        sb.append("  \"spec\": ").append(Json.string(entry.name())).append(",\n");
        sb.append("  \"class\": ").append(Json.string(entry.specName())).append(",\n");
        sb.append("  \"hyperparameters\": {").append(String.join(", ", hyperparameters.entrySet().stream()
                .map(h -> Json.string(h.getKey()) + ": " + Catalogue.formatValue(h.getValue())).toList())).append("},\n");
        sb.append("  \"grid\": {").append(String.join(", ", run.config().values().entrySet().stream()
                .map(h -> Json.string(h.getKey()) + ": " + Catalogue.formatValue(h.getValue())).toList())).append("},\n");
        sb.append("  \"seed\": ").append(run.seed()).append(",\n");
        sb.append("  \"data\": ").append(Json.string(data)).append(",\n");
        sb.append("  \"trainImages\": ").append(trainImages).append(",\n");
        sb.append("  \"validationImages\": ").append(validationImages).append(",\n");
        sb.append("  \"testImages\": ").append(testImages).append(",\n");
        sb.append("  \"epochs\": ").append(epochs).append(",\n");
        sb.append("  \"batch\": ").append(batch).append(",\n");
        sb.append("  \"order\": ").append(Json.string(shuffle ? "shuffled" : "fixed")).append(",\n");
        sb.append("  \"learningRateSchedule\": ").append(Json.string(schedule.describe())).append(",\n");
        sb.append("  \"versions\": {\"java\": ").append(Json.string(Runtime.version().toString())).append(", \"infergen\": ")
                .append(Json.string(version)).append("}\n");
        return sb.append("}\n").toString();
    }

    // ---- the summary

    /** Writes summary.md, summary.csv and summary.png into {@code dir}; returns their paths. */
    List<Path> write(Path dir) throws IOException {
        Path md = dir.resolve("summary.md");
        Path csv = dir.resolve("summary.csv");
        Path png = dir.resolve("summary.png");
        SweepCommand.writeAtomically(md, markdown());
        SweepCommand.writeAtomically(csv, csv());
        writePng(png);
        return List.of(md, csv, png);
    }

    private List<String> gridNames() {
        return configs.isEmpty() ? List.of() : List.copyOf(configs.get(0).values().keySet());
    }

    /** summary.csv: one line per configuration, best first; errors as fractions, empty where undefined. */
    String csv() {
        StringBuilder sb = new StringBuilder("rank,configuration");
        for (String g : gridNames()) {
            sb.append(',').append(g);
        }
        sb.append(",seeds,failed,best_validation_error_mean,best_validation_error_std,"
                + "test_error_at_best_validation_mean,test_error_at_best_validation_std,final_test_error_mean,"
                + "final_test_error_std\n");
        int rank = 0;
        for (Row r : ranked) {
            sb.append(++rank).append(',').append(r.config().name());
            for (String g : gridNames()) {
                sb.append(',').append(Catalogue.formatValue(r.config().values().get(g)));
            }
            sb.append(',').append(r.results().size()).append(',').append(r.results().size() - r.ok());
            for (Stat s : List.of(r.bestValidation(), r.testAtBest(), r.finalTest())) {
                sb.append(',').append(cell(s.mean())).append(',').append(cell(s.std()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The Markdown table of the configurations, best first (errors in %, mean ± std over seeds). */
    String table() {
        StringBuilder sb = new StringBuilder("| rank | configuration");
        List<String> names = gridNames();
        for (String g : names) {
            sb.append(" | ").append(g);
        }
        sb.append(" | seeds ok | best validation error | test error at best validation | final test error |\n|---:|---");
        sb.append("|---:".repeat(names.size())).append("|---:|---:|---:|---:|\n");
        int rank = 0;
        for (Row r : ranked) {
            sb.append("| ").append(++rank).append(" | ").append(r.config().name());
            for (String g : names) {
                sb.append(" | ").append(Catalogue.formatValue(r.config().values().get(g)));
            }
            sb.append(" | ").append(r.ok()).append('/').append(r.results().size());
            for (Stat s : List.of(r.bestValidation(), r.testAtBest(), r.finalTest())) {
                sb.append(" | ").append(pm(s));
            }
            sb.append(" |\n");
        }
        return sb.toString();
    }

    private static String pm(Stat s) {
        if (Double.isNaN(s.mean())) {
            return "—";
        }
        return Double.isNaN(s.std()) ? String.format(Locale.ROOT, "%.2f%%", 100 * s.mean())
                : String.format(Locale.ROOT, "%.2f ± %.2f%%", 100 * s.mean(), 100 * s.std());
    }

    String markdown() {
        Settings s = settings;
        StringBuilder sb = new StringBuilder("# Sweep of ").append(s.entry().name()).append("\n\n");
        sb.append("Produced by `").append(s.command()).append("`.\n\n");
        sb.append("- spec: ").append(s.entry().name()).append(" (`").append(s.entry().specName()).append("`), ")
                .append(s.entry().description()).append('\n');
        if (!s.fixed().isEmpty()) {
            sb.append("- fixed: ").append(String.join(", ", s.fixed().stream().map(TrainCommand.Setting::text)
                    .toList())).append('\n');
        }
        sb.append("- grid: ").append(s.grids().isEmpty() ? "none" : "`" + String.join("` `", s.grids()) + "`")
                .append("; ").append(configs.size()).append(" configuration").append(configs.size() == 1 ? "" : "s")
                .append(", ").append(results.size()).append(" runs\n");
        sb.append(String.format(Locale.ROOT, "- data: %s; %,d training images, %s, %,d test images%n", s.source(),
                s.trainImages(), s.validationImages() == 0 ? "no validation set"
                        : String.format(Locale.ROOT, "validation: the next (last) %,d", s.validationImages()),
                s.testImages()));
        sb.append(String.format(Locale.ROOT, "- %d epochs, batch %d, %s, learning rate %s; infergen %s, Java %s%n",
                s.epochs(), s.batch(), s.shuffle() ? "shuffled every epoch" : "fixed order",
                s.schedule().over(s.epochs()).describe(), s.version(), Runtime.version()));
        sb.append("- ranked by ").append(byValidation() ? "the mean over seeds of the best validation error"
                : "the mean over seeds of the final test error (no validation set)")
                .append("; errors are mean ± sample std over the seeds that finished; \"test error at best "
                        + "validation\" is each seed's test error at its epoch of lowest validation error\n\n");
        sb.append(table());
        List<Result> bad = results.stream().filter(r -> r.status() != Status.OK).toList();
        if (!bad.isEmpty()) {
            sb.append("\nRuns that did not finish (not in the means):\n\n");
            for (Result r : bad) {
                sb.append("- `").append(r.run().name()).append("`: ").append(r.failure()).append('\n');
            }
        }
        sb.append("\n![test error per epoch](summary.png)\n");
        return sb.toString();
    }

    /** summary.png: per configuration, the mean test error per epoch and a band of ± one std over seeds. */
    void writePng(Path file) throws IOException {
        XYChart chart = chart("Sweep of " + settings.entry().name() + ": test error per epoch (mean ± std over seeds)",
                "test error (%)");
        int c = 0;
        boolean any = false;
        for (Config config : configs) {
            List<Result> ok = results.stream().filter(r -> r.run().config() == config && r.status() == Status.OK)
                    .toList();
            any |= addLine(chart, config.name(), ok, color(c++), false);
        }
        if (!any) {
            chart.addSeries("no finished run", new double[] {1}, new double[] {0}).setMarker(SeriesMarkers.NONE);
        }
        savePng(chart, file);
    }

    // ---- charts, shared with infergen plot

    /** An empty chart of an error (%) against epoch, in the summaries' style. */
    static XYChart chart(String title, String yAxisTitle) {
        XYChart chart = new XYChartBuilder().width(1000).height(600).title(title).xAxisTitle("epoch")
                .yAxisTitle(yAxisTitle).build();
        var st = chart.getStyler();
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotGridLinesColor(new Color(225, 225, 225));
        st.setMarkerSize(5);
        st.setXAxisDecimalPattern("#");
        st.setYAxisDecimalPattern("#0.#");
        return chart;
    }

    /** The {@code i}-th line colour (a ten-colour cycle, then black). */
    static Color color(int i) {
        return COLORS[i % COLORS.length];
    }

    /**
     * Adds one line: the mean over {@code runs} of the test error per epoch (over the epochs every run has), with a
     * band of ± one sample std when there are two runs or more, and with {@code train} a dashed line of the mean
     * running train error. Returns false, adding nothing, when some run has no epoch.
     */
    static boolean addLine(XYChart chart, String label, List<Result> runs, Color color, boolean train) {
        int n = runs.stream().mapToInt(r -> r.epochs().size()).min().orElse(0);
        if (n == 0) {
            return false;
        }
        double[] x = new double[n];
        double[] mean = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        double[] trainMean = new double[n];
        for (int e = 0; e < n; e++) {
            int epoch = e;
            Stat s = Stat.of(runs.stream().map(r -> 100 * r.epochs().get(epoch).testError()).toList());
            x[e] = e + 1;
            mean[e] = s.mean();
            double sd = Double.isNaN(s.std()) ? 0 : s.std();
            lo[e] = s.mean() - sd;
            hi[e] = s.mean() + sd;
            trainMean[e] = Stat.of(runs.stream().map(r -> 100 * r.epochs().get(epoch).trainError()).toList()).mean();
        }
        if (runs.size() > 1) {
            double[] px = new double[2 * n];
            double[] py = new double[2 * n];
            for (int e = 0; e < n; e++) {
                px[e] = x[e];
                py[e] = hi[e];
                px[2 * n - 1 - e] = x[e];
                py[2 * n - 1 - e] = lo[e];
            }
            XYSeries b = chart.addSeries(label + " ± std", px, py);
            b.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            b.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 50));
            b.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 0));
            b.setMarker(SeriesMarkers.NONE);
            b.setShowInLegend(false);
        }
        XYSeries m = chart.addSeries(label, x, mean);
        m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        m.setLineColor(color);
        m.setMarkerColor(color);
        m.setMarker(SeriesMarkers.CIRCLE);
        if (train) {
            XYSeries t = chart.addSeries(label + " (train)", x, trainMean);
            t.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            t.setLineColor(color);
            t.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                    10f, new float[] {6f, 4f}, 0f));
            t.setMarker(SeriesMarkers.NONE);
            t.setShowInLegend(false);
        }
        return true;
    }

    /** Writes the chart as a PNG, through a temporary file and a rename. */
    static void savePng(XYChart chart, Path file) throws IOException {
        Path tmp = SweepCommand.temporary(file);
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                BitmapEncoder.saveBitmap(List.of(chart), 1, 1, os, BitmapEncoder.BitmapFormat.PNG);
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
