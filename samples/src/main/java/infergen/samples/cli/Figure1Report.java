package infergen.samples.cli;

import infergen.samples.cli.ReproduceCommand.Run;
import infergen.samples.cli.ReproduceCommand.Settings;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes the results of {@code reproduce figure1}: the chart (PNG), the table of final errors (Markdown), and every
 * point of the figure (CSV and JSON). A curve is one entry (init, rule, β) over its seeds: the chart draws the mean
 * and a band of ± one sample std, the table gives mean ± std.
 */
final class Figure1Report {

    /** A negative-init run has escaped when its final test error is below this (stuck nets predict one class: 90%). */
    static final double ESCAPED_BELOW = 0.80;

    private static final Color[] COLORS = {new Color(0, 0, 0), new Color(31, 119, 180), new Color(255, 127, 14),
            new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
            new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    private Figure1Report() {
    }

    /** Writes figure1.png, figure1.md, figure1.csv and figure1.json into {@code dir}; returns their paths. */
    static List<Path> write(Path dir, Settings settings, List<Run> runs) throws IOException {
        Files.createDirectories(dir);
        Path png = dir.resolve("figure1.png");
        Path md = dir.resolve("figure1.md");
        Path csv = dir.resolve("figure1.csv");
        Path json = dir.resolve("figure1.json");
        writePng(png, runs);
        Files.writeString(md, markdown(settings, runs), StandardCharsets.UTF_8);
        Files.writeString(csv, csv(runs), StandardCharsets.UTF_8);
        Files.writeString(json, json(settings, runs), StandardCharsets.UTF_8);
        return List.of(png, md, csv, json);
    }

    // ---- curves

    /** One curve of the figure: an entry's runs, one per seed, in seed order. */
    record Curve(Catalogue.Entry entry, List<Run> runs) {

        /** The runs that finished. */
        List<Run> finished() {
            return runs.stream().filter(r -> r.failure() == null && r.last() != null).toList();
        }

        /** A statistic over the finished runs of a value of each. */
        SweepReport.Stat stat(java.util.function.ToDoubleFunction<Run> f) {
            return SweepReport.Stat.of(finished().stream().map(r -> f.applyAsDouble(r)).toList());
        }

        long escaped() {
            return finished().stream().filter(Figure1Report::escaped).count();
        }
    }

    /** The runs grouped by entry (init, rule, β), in the order of their first run. */
    static List<Curve> curves(List<Run> runs) {
        Map<String, List<Run>> byName = new LinkedHashMap<>();
        Map<String, Catalogue.Entry> entries = new LinkedHashMap<>();
        for (Run r : runs) {
            byName.computeIfAbsent(r.entry().name(), k -> new ArrayList<>()).add(r);
            entries.putIfAbsent(r.entry().name(), r.entry());
        }
        List<Curve> curves = new ArrayList<>();
        byName.forEach((name, rs) -> curves.add(new Curve(entries.get(name), List.copyOf(rs))));
        return curves;
    }

    // ---- chart

    static void writePng(Path file, List<Run> runs) throws IOException {
        List<XYChart> charts = new ArrayList<>();
        List<Curve> curves = curves(runs);
        for (Catalogue.Init init : curves.stream().map(c -> c.entry().init()).distinct().toList()) {
            charts.add(chart(init, curves.stream().filter(c -> c.entry().init() == init).toList()));
        }
        try (OutputStream os = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(charts, 1, charts.size(), os, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    private static XYChart chart(Catalogue.Init init, List<Curve> curves) {
        int seeds = curves.stream().mapToInt(c -> c.finished().size()).max().orElse(0);
        String title = (init == Catalogue.Init.GLOROT ? "Glorot init" : "Negative init (layer 0)") + ": error per epoch"
                + (seeds > 1 ? ", mean ± std over " + seeds + " seeds" : "");
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle("epoch")
                .yAxisTitle("error (%): solid = test, dashed = train (running)").build();
        var s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setMarkerSize(5);
        s.setXAxisDecimalPattern("#");
        s.setYAxisDecimalPattern("#0.#");
        int c = 0;
        for (Curve curve : curves) {
            Color color = COLORS[c++ % COLORS.length];
            List<Run> ok = curve.runs().stream().filter(r -> !r.epochs().isEmpty()).toList();
            int n = ok.stream().mapToInt(r -> r.epochs().size()).min().orElse(0);
            if (n == 0) {
                continue;
            }
            double[] x = new double[n];
            double[] test = new double[n];
            double[] train = new double[n];
            double[] sd = new double[n];
            for (int e = 0; e < n; e++) {
                int epoch = e;
                SweepReport.Stat t = SweepReport.Stat.of(ok.stream().map(r -> 100 * r.epochs().get(epoch).testError())
                        .toList());
                x[e] = e + 1;
                test[e] = t.mean();
                sd[e] = Double.isNaN(t.std()) ? 0 : t.std();
                train[e] = SweepReport.Stat.of(ok.stream().map(r -> 100 * r.epochs().get(epoch).trainError())
                        .toList()).mean();
            }
            String label = curve.entry().label();
            if (ok.size() > 1) {
                double[] px = new double[2 * n];
                double[] py = new double[2 * n];
                for (int e = 0; e < n; e++) {
                    // clipped to the possible errors: seeds that escape and seeds that stay stuck give a wide band
                    px[e] = x[e];
                    py[e] = Math.min(100, test[e] + sd[e]);
                    px[2 * n - 1 - e] = x[e];
                    py[2 * n - 1 - e] = Math.max(0, test[e] - sd[e]);
                }
                XYSeries band = chart.addSeries(label + " ± std", px, py);
                band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                band.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 45));
                band.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 0));
                band.setMarker(SeriesMarkers.NONE);
                band.setShowInLegend(false);
            }
            XYSeries t = chart.addSeries(label, x, test);
            t.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            t.setLineColor(color);
            t.setMarkerColor(color);
            t.setMarker(SeriesMarkers.CIRCLE);
            t.setLineStyle(SeriesLines.SOLID);
            XYSeries tr = chart.addSeries(label + " train", x, train);
            tr.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            tr.setLineColor(color);
            tr.setMarkerColor(color);
            tr.setMarker(SeriesMarkers.NONE);
            tr.setLineStyle(SeriesLines.DASH_DASH);
            tr.setShowInLegend(false);
        }
        return chart;
    }

    // ---- table

    /** The Markdown table of final errors, one row per curve: mean ± std over its finished seeds. */
    static String table(List<Run> runs) {
        StringBuilder sb = new StringBuilder();
        sb.append("| init | rule | β per sample | β in the paper's units (×50) | seeds | final train error "
                + "| final test error | best test error | negative init escaped |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Curve c : curves(runs)) {
            Catalogue.Entry e = c.entry();
            boolean bp = Double.isNaN(e.beta());
            int done = c.finished().size();
            sb.append("| ").append(e.init().label()).append(" | ").append(bp ? "BP" : "Fenchel BP").append(" | ")
                    .append(bp ? "—" : Catalogue.formatBeta(e.beta())).append(" | ")
                    .append(bp ? "—" : Catalogue.formatBeta(e.beta() * 50)).append(" | ")
                    .append(done == c.runs().size() ? Integer.toString(done) : done + " of " + c.runs().size())
                    .append(" | ").append(pm(c.stat(r -> r.last().trainError())))
                    .append(" | ").append(pm(c.stat(r -> r.last().testError())))
                    .append(" | ").append(pm(c.stat(r -> r.epochs().stream()
                            .mapToDouble(SweepReport.Epoch::testError).min().orElse(Double.NaN))))
                    .append(" | ").append(e.init() == Catalogue.Init.NEGATIVE && done > 0
                            ? (c.escaped() == done ? "yes" : c.escaped() == 0 ? "no" : "partly") + " ("
                                    + c.escaped() + "/" + done + ")" : "");
            for (Run r : c.runs()) {
                if (r.failure() != null) {
                    sb.append(" (seed ").append(r.seed()).append(" stopped: ")
                            .append(r.failure().replace('|', '/')).append(")");
                }
            }
            sb.append(" |\n");
        }
        return sb.toString();
    }

    /** A mean ± std of fractions, as percentages; the mean alone for one value. */
    static String pm(SweepReport.Stat s) {
        if (Double.isNaN(s.mean())) {
            return "—";
        }
        return Double.isNaN(s.std()) ? pct(s.mean())
                : String.format(Locale.ROOT, "%.2f ± %.2f%%", 100 * s.mean(), 100 * s.std());
    }

    static boolean escaped(Run r) {
        return r.last() != null && r.last().testError() < ESCAPED_BELOW;
    }

    /** Which β let the negative-init network escape (on every seed), in words. */
    static String escapeSummary(List<Run> runs) {
        List<Curve> neg = curves(runs).stream().filter(c -> c.entry().init() == Catalogue.Init.NEGATIVE).toList();
        if (neg.isEmpty()) {
            return "Negative init: not run.";
        }
        List<String> esc = new ArrayList<>();
        List<String> partly = new ArrayList<>();
        List<String> stuck = new ArrayList<>();
        for (Curve c : neg) {
            String name = Double.isNaN(c.entry().beta()) ? "BP" : "β=" + Catalogue.formatBeta(c.entry().beta());
            long done = c.finished().size();
            if (done > 0 && c.escaped() == done) {
                esc.add(name);
            } else if (c.escaped() > 0) {
                partly.add(name + " (" + c.escaped() + " of " + done + " seeds)");
            } else {
                stuck.add(name);
            }
        }
        return String.format(Locale.ROOT, "Negative init (escaped = final test error below %.0f%%): escaped on every "
                + "seed: %s;%s stuck on every seed: %s.", 100 * ESCAPED_BELOW,
                esc.isEmpty() ? "none" : String.join(", ", esc),
                partly.isEmpty() ? "" : " escaped on some seeds: " + String.join(", ", partly) + ";",
                stuck.isEmpty() ? "none" : String.join(", ", stuck));
    }

    static String markdown(Settings s, List<Run> runs) {
        StringBuilder sb = new StringBuilder("# Figure 1: BP and Fenchel BP, Glorot and negative init\n\n");
        sb.append("Produced by `").append(s.command()).append("`.\n\n");
        sb.append("- network: ").append(runs.isEmpty() ? "—" : runs.get(0).entry().description()).append('\n');
        sb.append(String.format(Locale.ROOT, "- data: %s; %,d training images (the first ones), %,d test images%n",
                s.data(), s.trainSamples(), s.testSamples()));
        sb.append(String.format(Locale.ROOT, "- %d epochs, batch %d, %s, seed%s %s, Adam lr 1e-3, kernels %s%n",
                s.epochs(), s.batch(), s.shuffle() ? "shuffled every epoch" : "fixed order (as the paper)",
                s.seeds().size() == 1 ? "" : "s", String.join(", ", s.seeds().stream().map(String::valueOf).toList()),
                s.kernels()));
        sb.append("- each run is one folder of a sweep under `runs/` (config.json, metrics.csv, the final "
                + "checkpoint); errors are mean ± sample std over the seeds\n");
        sb.append("- train error: running error over the epoch's minibatches, each predicted just before its update "
                + "(as the paper); test error: after the epoch\n");
        sb.append("- β is per sample; the paper's Julia code uses batch-mean gradients, so its β is ours × 50; β is set "
                + "at run time on one Fenchel network per init\n");
        sb.append("- run-time hyperparameters (figure1.json lists each run's): ").append(sharedHyperparameters(runs))
                .append("\n\n");
        sb.append(table(runs)).append('\n').append(escapeSummary(runs)).append('\n');
        return sb.toString();
    }

    /** The hyperparameters other than β, if every run has the same ones; else each distinct set. */
    static String sharedHyperparameters(List<Run> runs) {
        List<String> distinct = runs.stream().map(r -> {
            Map<String, Number> m = new LinkedHashMap<>(r.hyperparameters());
            m.remove("beta");
            return Catalogue.formatHyperparameters(m);
        }).distinct().toList();
        return (distinct.size() == 1 ? "every run: " : "") + String.join("; ", distinct)
                + ", and Fenchel BP's beta as in the table";
    }

    static String pct(double fraction) {
        return Double.isNaN(fraction) ? "—" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    // ---- data

    static final String CSV_HEADER = "init,rule,beta,beta_paper,spec,seed,epoch,train_loss,train_error_pct,"
            + "test_error_pct,samples_per_s";

    /**
     * The runs of a {@code figure1.csv} written by {@link #write}, as far as the CSV holds them (errors to four decimals
     * of a percent): enough to draw the chart again.
     */
    static List<Run> readCsv(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(CSV_HEADER)) {
            throw new IOException(csv + " is not a figure1.csv (expected the header " + CSV_HEADER + ")");
        }
        Map<String, List<SweepReport.Epoch>> byRun = new LinkedHashMap<>();
        Map<String, String[]> firstRows = new java.util.HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            if (c.length != 11) {
                throw new IOException(csv + ": malformed line: " + line);
            }
            String key = c[4] + "," + c[5];
            firstRows.putIfAbsent(key, c);
            byRun.computeIfAbsent(key, k -> new ArrayList<>()).add(new SweepReport.Epoch(Integer.parseInt(c[6]),
                    Double.parseDouble(c[7]), Double.parseDouble(c[8]) / 100, Double.NaN,
                    Double.parseDouble(c[9]) / 100, Double.parseDouble(c[10])));
        }
        List<Run> runs = new ArrayList<>();
        for (var e : byRun.entrySet()) {
            String[] row = firstRows.get(e.getKey());
            runs.add(new Run(entry(csv, row[4], row), Long.parseLong(row[5]), Map.of(), List.copyOf(e.getValue()),
                    null));
        }
        return runs;
    }

    /** A CSV row's entry: by name, or for a Fenchel β off the catalogue's grid, by its init and β columns. */
    private static Catalogue.Entry entry(Path csv, String name, String[] row) throws IOException {
        var known = Catalogue.byName(name);
        if (known.isPresent()) {
            return known.get();
        }
        int at = name.indexOf("-β=");
        if (at > 0 && Catalogue.byName(name.substring(0, at)).isPresent()) {
            return Catalogue.withBeta(Catalogue.byName(name.substring(0, at)).get(), Double.parseDouble(row[2]));
        }
        if (name.startsWith("paper-fenchel-") && row[1].equals("fenchel")) {
            try {
                Catalogue.Init init = Catalogue.Init.valueOf(row[0].toUpperCase(Locale.ROOT));
                return Catalogue.paperFenchel(Double.parseDouble(row[2]), init);
            } catch (IllegalArgumentException ex) {
                throw new IOException(csv + ": spec " + name + " has init '" + row[0] + "' and β '" + row[2] + "'",
                        ex);
            }
        }
        throw new IOException(csv + ": unknown spec " + name);
    }

    static String csv(List<Run> runs) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (Run r : runs) {
            Catalogue.Entry e = r.entry();
            for (SweepReport.Epoch ep : r.epochs()) {
                sb.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%d,%d,%.6f,%.4f,%.4f,%.1f%n", e.init().label(),
                        e.rule(), Double.isNaN(e.beta()) ? "" : Catalogue.formatBeta(e.beta()),
                        Double.isNaN(e.beta()) ? "" : Catalogue.formatBeta(e.beta() * 50), e.name(), r.seed(),
                        ep.epoch(), ep.trainLoss(), 100 * ep.trainError(), 100 * ep.testError(),
                        ep.samplesPerSecond()));
            }
        }
        return sb.toString();
    }

    static String json(Settings s, List<Run> runs) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"experiment\": \"figure1\",\n");
        sb.append("  \"command\": ").append(Json.string(s.command())).append(",\n");
        sb.append("  \"data\": ").append(Json.string(s.data())).append(",\n");
        sb.append("  \"trainSamples\": ").append(s.trainSamples()).append(",\n");
        sb.append("  \"testSamples\": ").append(s.testSamples()).append(",\n");
        sb.append("  \"epochs\": ").append(s.epochs()).append(",\n");
        sb.append("  \"batch\": ").append(s.batch()).append(",\n");
        sb.append("  \"seeds\": [").append(String.join(", ", s.seeds().stream().map(String::valueOf).toList()))
                .append("],\n");
        sb.append("  \"order\": ").append(Json.string(s.shuffle() ? "shuffled" : "fixed")).append(",\n");
        sb.append("  \"kernels\": ").append(Json.string(s.kernels())).append(",\n");
        sb.append("  \"betaUnits\": \"per sample (the paper's beta = ours x 50)\",\n");
        sb.append("  \"trainError\": \"running error over the epoch's minibatches, before each update\",\n");
        sb.append("  \"runs\": [");
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            Catalogue.Entry e = r.entry();
            sb.append(i == 0 ? "\n" : ",\n");
            sb.append("    {\"spec\": ").append(Json.string(e.name())).append(", \"class\": ").append(Json.string(e.specName()))
                    .append(", \"rule\": ").append(Json.string(e.rule())).append(", \"beta\": ").append(num(e.beta()))
                    .append(", \"init\": ").append(Json.string(e.init().label())).append(", \"seed\": ")
                    .append(r.seed()).append(", \"hyperparameters\": {")
                    .append(String.join(", ", r.hyperparameters().entrySet().stream().map(h -> Json.string(h.getKey()) + ": "
                            + Catalogue.formatValue(h.getValue())).toList()))
                    .append("}, \"failure\": ")
                    .append(r.failure() == null ? "null" : Json.string(r.failure())).append(",\n      \"epochs\": [");
            for (int j = 0; j < r.epochs().size(); j++) {
                SweepReport.Epoch ep = r.epochs().get(j);
                sb.append(j == 0 ? "\n" : ",\n");
                sb.append("        {\"epoch\": ").append(ep.epoch()).append(", \"trainLoss\": ")
                        .append(num(ep.trainLoss())).append(", \"trainError\": ").append(num(ep.trainError()))
                        .append(", \"testError\": ").append(num(ep.testError())).append(", \"samplesPerSecond\": ")
                        .append(num(ep.samplesPerSecond())).append('}');
            }
            sb.append(r.epochs().isEmpty() ? "]}" : "\n      ]}");
        }
        sb.append("\n  ]\n}\n");
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

}
