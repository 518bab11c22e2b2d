package infergen.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code infergen plot} over two real sweeps (a 2 β × 2 seeds Fenchel sweep and a one-run BP sweep, 2 epochs on the
 * embedded slice): one line per folder and configuration, means recomputed from the runs' metrics.csv, unfinished runs
 * left out unless asked for, and the errors.
 */
class PlotCommandTest {

    @TempDir
    static Path dir;

    static Path fenchel;
    static Path bp;

    @BeforeAll
    static void sweeps() {
        fenchel = dir.resolve("fenchel");
        bp = dir.resolve("bp");
        for (String[] args : List.of(
                new String[] {"sweep", "paper-fenchel-1", "--grid", "beta=1,3", "--seeds", "2", "--out",
                        fenchel.toString()},
                new String[] {"sweep", "paper-bp", "--out", bp.toString()})) {
            List<String> all = new java.util.ArrayList<>(List.of(args));
            all.addAll(List.of("--embedded", "--epochs", "2", "--limit", "400", "--test-limit", "200", "--no-progress"));
            InfergenCliTest.Result r = InfergenCliTest.run(all.toArray(String[]::new));
            assertEquals(0, r.exit(), r.out() + r.err());
        }
    }

    /** The mean over {@code runs} of the test error (%) of the metrics.csv line of {@code epoch} (1-based). */
    private static double meanTestError(Path sweep, List<String> runs, int epoch) throws Exception {
        double sum = 0;
        for (String run : runs) {
            List<String> lines = Files.readAllLines(sweep.resolve(run).resolve("metrics.csv"));
            sum += Double.parseDouble(lines.get(epoch).split(",")[4]);
        }
        return 100 * sum / runs.size();
    }

    private static String row(String table, String label) {
        return table.lines().filter(l -> l.startsWith("| " + label + " |")).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + label + " in\n" + table));
    }

    @Test
    void drawsOneLinePerFolderAndConfigurationWithTheRunsMeans() throws Exception {
        Path png = dir.resolve("figs/rules.png");
        InfergenCliTest.Result r = InfergenCliTest.run("plot", fenchel.toString(), bp.toString(), "--train",
                "--out", png.toString());
        assertEquals(0, r.exit(), r.err());
        String beta1 = row(r.out(), "paper-fenchel-1 beta=1");
        String beta3 = row(r.out(), "paper-fenchel-1 beta=3");
        String bpRow = row(r.out(), "paper-bp");
        assertEquals(3 + 2, r.out().lines().count(), r.out());   // header, rule, three lines
        assertTrue(beta1.startsWith("| paper-fenchel-1 beta=1 | 2 | 2 | "), beta1);
        assertTrue(bpRow.startsWith("| paper-bp | 1 | 2 | "), bpRow);

        double last1 = meanTestError(fenchel, List.of("beta=1_seed=1", "beta=1_seed=2"), 2);
        double last3 = meanTestError(fenchel, List.of("beta=3_seed=1", "beta=3_seed=2"), 2);
        double lastBp = meanTestError(bp, List.of("default_seed=1"), 2);
        assertEquals(String.format(Locale.ROOT, "%.2f", last1), beta1.split(" \\| ")[3].split(" ")[0], beta1);
        assertEquals(String.format(Locale.ROOT, "%.2f", last3), beta3.split(" \\| ")[3].split(" ")[0], beta3);
        assertEquals(String.format(Locale.ROOT, "%.2f%%", lastBp), bpRow.split(" \\| ")[3], bpRow);
        double first = meanTestError(bp, List.of("default_seed=1"), 1);
        String lowest = String.format(Locale.ROOT, "%.2f%% (%d)", Math.min(first, lastBp), first <= lastBp ? 1 : 2);   // the first on ties
        assertEquals(lowest, bpRow.split(" \\| ")[4], bpRow);

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1000, image.getWidth());
        assertEquals(600, image.getHeight());
    }

    @Test
    void unfinishedRunsAreLeftOutUnlessAskedFor() throws Exception {
        Path copy = dir.resolve("bp-running");
        Files.createDirectories(copy.resolve("default_seed=1"));
        Files.copy(bp.resolve("sweep.json"), copy.resolve("sweep.json"));
        for (String f : List.of("config.json", "metrics.csv")) {
            Files.copy(bp.resolve("default_seed=1").resolve(f), copy.resolve("default_seed=1").resolve(f));
        }
        Path png = dir.resolve("running.png");

        InfergenCliTest.Result without = InfergenCliTest.run("plot", copy.toString(), "--out", png.toString());
        assertEquals(1, without.exit(), without.out());
        assertEquals("error: no finished run in " + copy + " (--unfinished also draws runs still going)",
                without.err().strip());
        assertFalse(Files.exists(png));

        InfergenCliTest.Result with = InfergenCliTest.run("plot", copy.toString(), fenchel.toString(), "--unfinished",
                "--out", png.toString());
        assertEquals(0, with.exit(), with.err());
        assertTrue(row(with.out(), "paper-bp (unfinished)").startsWith("| paper-bp (unfinished) | 1 | 2 |"),
                with.out());
        assertTrue(Files.isRegularFile(png));
    }

    @Test
    void badInputIsAnErrorNamingIt() {
        InfergenCliTest.Result notSweep = InfergenCliTest.run("plot", dir.toString(), "--out",
                dir.resolve("x.png").toString());
        assertEquals(2, notSweep.exit());
        assertTrue(notSweep.err().startsWith(dir + " is not a sweep folder (no sweep.json)"), notSweep.err());

        InfergenCliTest.Result notPng = InfergenCliTest.run("plot", bp.toString(), "--out", "curves.svg");
        assertEquals(2, notPng.exit());
        assertTrue(notPng.err().startsWith("--out must name a .png file, got curves.svg"), notPng.err());
    }
}
