package infergen.samples.cli;

import infergen.runtime.train.EpochResult;
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
 * point of the figure (CSV and JSON).
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

    // ---- chart

    static void writePng(Path file, List<Run> runs) throws IOException {
        List<XYChart> charts = new ArrayList<>();
        for (Catalogue.Init init : inits(runs)) {
            charts.add(chart(init, runs.stream().filter(r -> r.entry().init() == init).toList()));
        }
        try (OutputStream os = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(charts, 1, charts.size(), os, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    private static XYChart chart(Catalogue.Init init, List<Run> runs) {
        String title = init == Catalogue.Init.GLOROT ? "Glorot init: error per epoch"
                : "Negative init (layer 0): error per epoch";
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
        for (Run r : runs) {
            if (r.epochs().isEmpty()) {
                continue;
            }
            Color color = COLORS[c++ % COLORS.length];
            double[] x = r.epochs().stream().mapToDouble(EpochResult::epoch).toArray();
            double[] test = r.epochs().stream().mapToDouble(e -> 100 * (1 - e.testAccuracy())).toArray();
            double[] train = r.epochs().stream().mapToDouble(e -> 100 * (1 - e.trainAccuracy())).toArray();
            XYSeries t = chart.addSeries(r.entry().label(), x, test);
            t.setLineColor(color);
            t.setMarkerColor(color);
            t.setMarker(SeriesMarkers.CIRCLE);
            t.setLineStyle(SeriesLines.SOLID);
            XYSeries tr = chart.addSeries(r.entry().label() + " train", x, train);
            tr.setLineColor(color);
            tr.setMarkerColor(color);
            tr.setMarker(SeriesMarkers.NONE);
            tr.setLineStyle(SeriesLines.DASH_DASH);
            tr.setShowInLegend(false);
        }
        return chart;
    }

    private static List<Catalogue.Init> inits(List<Run> runs) {
        return runs.stream().map(r -> r.entry().init()).distinct().toList();
    }

    // ---- table

    /** The Markdown table of final errors, one row per run. */
    static String table(List<Run> runs) {
        StringBuilder sb = new StringBuilder();
        sb.append("| init | rule | β per sample | β in the paper's units (×50) | final train error | final test error "
                + "| best test error | negative init escaped? |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---|\n");
        for (Run r : runs) {
            Catalogue.Entry e = r.entry();
            EpochResult last = r.last();
            boolean bp = Double.isNaN(e.beta());
            sb.append("| ").append(e.init().label()).append(" | ").append(bp ? "BP" : "Fenchel BP").append(" | ")
                    .append(bp ? "—" : Catalogue.formatBeta(e.beta())).append(" | ")
                    .append(bp ? "—" : Catalogue.formatBeta(e.beta() * 50)).append(" | ")
                    .append(last == null ? "—" : pct(1 - last.trainAccuracy())).append(" | ")
                    .append(last == null ? "—" : pct(1 - last.testAccuracy())).append(" | ")
                    .append(r.epochs().isEmpty() ? "—" : pct(1 - r.epochs().stream()
                            .mapToDouble(EpochResult::testAccuracy).max().orElse(Double.NaN)))
                    .append(" | ").append(e.init() == Catalogue.Init.NEGATIVE ? (escaped(r) ? "yes" : "no") : "")
                    .append(r.failure() == null ? "" : " (stopped: " + r.failure().replace('|', '/') + ")")
                    .append(" |\n");
        }
        return sb.toString();
    }

    static boolean escaped(Run r) {
        return r.last() != null && 1 - r.last().testAccuracy() < ESCAPED_BELOW;
    }

    /** Which β let the negative-init network escape, in words. */
    static String escapeSummary(List<Run> runs) {
        List<Run> neg = runs.stream().filter(r -> r.entry().init() == Catalogue.Init.NEGATIVE).toList();
        if (neg.isEmpty()) {
            return "Negative init: not run.";
        }
        List<String> esc = new ArrayList<>();
        List<String> stuck = new ArrayList<>();
        for (Run r : neg) {
            (escaped(r) ? esc : stuck).add(Double.isNaN(r.entry().beta()) ? "BP"
                    : "β=" + Catalogue.formatBeta(r.entry().beta()));
        }
        return String.format(Locale.ROOT, "Negative init (escaped = final test error below %.0f%%): escaped: %s; "
                + "stuck: %s.", 100 * ESCAPED_BELOW, esc.isEmpty() ? "none" : String.join(", ", esc),
                stuck.isEmpty() ? "none" : String.join(", ", stuck));
    }

    static String markdown(Settings s, List<Run> runs) {
        StringBuilder sb = new StringBuilder("# Figure 1: BP and Fenchel BP, Glorot and negative init\n\n");
        sb.append("Produced by `").append(s.command()).append("`.\n\n");
        sb.append(String.format(Locale.ROOT, "- data: %s; %,d training images (the first ones), %,d test images%n",
                s.data(), s.trainSamples(), s.testSamples()));
        sb.append(String.format(Locale.ROOT, "- %d epochs, batch %d, %s, seed %d, Adam lr 1e-3, kernels %s%n",
                s.epochs(), s.batch(), s.shuffle() ? "shuffled every epoch" : "fixed order (as the paper)", s.seed(),
                s.kernels()));
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
            java.util.Map<String, Number> m = new java.util.LinkedHashMap<>(r.hyperparameters());
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

    /**
     * The runs of a {@code figure1.csv} written by {@link #write}, as far as the CSV holds them (errors to four decimals
     * of a percent, no batch counts): enough to draw the chart again.
     */
    static List<Run> readCsv(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("init,rule,beta,beta_paper,spec,epoch,")) {
            throw new IOException(csv + " is not a figure1.csv (unexpected header)");
        }
        java.util.Map<String, List<EpochResult>> byRun = new java.util.LinkedHashMap<>();
        java.util.Map<String, String[]> specRows = new java.util.HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            if (c.length != 10) {
                throw new IOException(csv + ": malformed line: " + line);
            }
            specRows.putIfAbsent(c[4], c);
            byRun.computeIfAbsent(c[4], k -> new ArrayList<>()).add(new EpochResult(Integer.parseInt(c[5]), 0, 0,
                    Double.parseDouble(c[6]), 1 - Double.parseDouble(c[7]) / 100, 1 - Double.parseDouble(c[8]) / 100,
                    (long) (Double.parseDouble(c[9]) * 1e9)));
        }
        List<Run> runs = new ArrayList<>();
        for (var e : byRun.entrySet()) {
            runs.add(new Run(entry(csv, e.getKey(), specRows.get(e.getKey())), Map.of(), List.copyOf(e.getValue()),
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
        StringBuilder sb = new StringBuilder(
                "init,rule,beta,beta_paper,spec,epoch,train_loss,train_error_pct,test_error_pct,seconds\n");
        for (Run r : runs) {
            Catalogue.Entry e = r.entry();
            for (EpochResult ep : r.epochs()) {
                sb.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%d,%.6f,%.4f,%.4f,%.3f%n", e.init().label(),
                        e.rule(), Double.isNaN(e.beta()) ? "" : Catalogue.formatBeta(e.beta()),
                        Double.isNaN(e.beta()) ? "" : Catalogue.formatBeta(e.beta() * 50), e.name(), ep.epoch(),
                        ep.trainLoss(), 100 * (1 - ep.trainAccuracy()), 100 * (1 - ep.testAccuracy()),
                        ep.nanos() / 1e9));
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
        sb.append("  \"seed\": ").append(s.seed()).append(",\n");
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
                    .append(", \"init\": ").append(Json.string(e.init().label())).append(", \"hyperparameters\": {")
                    .append(String.join(", ", r.hyperparameters().entrySet().stream().map(h -> Json.string(h.getKey()) + ": "
                            + Catalogue.formatValue(h.getValue())).toList()))
                    .append("}, \"failure\": ")
                    .append(r.failure() == null ? "null" : Json.string(r.failure())).append(",\n      \"epochs\": [");
            for (int j = 0; j < r.epochs().size(); j++) {
                EpochResult ep = r.epochs().get(j);
                sb.append(j == 0 ? "\n" : ",\n");
                sb.append("        {\"epoch\": ").append(ep.epoch()).append(", \"trainLoss\": ")
                        .append(num(ep.trainLoss())).append(", \"trainError\": ").append(num(1 - ep.trainAccuracy()))
                        .append(", \"testError\": ").append(num(1 - ep.testAccuracy())).append(", \"seconds\": ")
                        .append(num(ep.nanos() / 1e9)).append('}');
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
