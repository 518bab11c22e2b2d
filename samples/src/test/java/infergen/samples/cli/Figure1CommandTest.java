package infergen.samples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reproduce figure1} on a small subset: a set of sweeps under DIR/runs, then the chart, the table (mean ± std
 * over seeds) and the data with the expected rows; resumable, and independent of the number of runs at a time.
 */
class Figure1CommandTest {

    @TempDir
    Path dir;

    @Test
    void writesPngMarkdownCsvAndJsonFromOneSweepPerInitAndRule() throws Exception {
        Path out = dir.resolve("fig");
        String[] args = {"reproduce", "figure1", "--embedded", "--epochs", "1", "--limit", "200", "--test-limit",
            "100", "--betas", "100,1e-4", "--seeds", "2", "--parallel", "2", "--no-progress", "--out", out.toString()};
        InfergenCliTest.Result r = InfergenCliTest.run(args);
        assertEquals(0, r.exit(), r.err());
        List<String> curves = List.of("paper-bp", "paper-fenchel-1e-4", "paper-fenchel-100", "paper-bp-neg",
                "paper-fenchel-1e-4-neg", "paper-fenchel-100-neg");
        for (String run : List.of("glorot-bp/default_seed=42", "glorot-bp/default_seed=43",
                "glorot-fenchel/beta=1e-4_seed=43", "negative-fenchel/beta=100_seed=42")) {
            assertEquals("ok", Files.readString(out.resolve("runs").resolve(run).resolve("done")).strip(), run);
        }

        BufferedImage png = ImageIO.read(out.resolve("figure1.png").toFile());
        assertTrue(png.getWidth() > 2 * png.getHeight() * 0.9, "two panels side by side: " + png.getWidth() + "×"
                + png.getHeight());

        List<String> csv = Files.readAllLines(out.resolve("figure1.csv"));
        assertEquals("init,rule,beta,beta_paper,spec,seed,epoch,train_loss,train_error_pct,test_error_pct,"
                + "samples_per_s", csv.get(0));
        assertEquals(1 + 2 * curves.size(), csv.size(), String.join("\n", csv));
        for (int i = 0; i < 2 * curves.size(); i++) {
            String[] cells = csv.get(i + 1).split(",", -1);
            assertEquals(curves.get(i / 2), cells[4]);
            assertEquals(i < 6 ? "glorot" : "negative", cells[0]);
            assertEquals(Long.toString(42 + i % 2), cells[5]);
            assertEquals("1", cells[6]);
            double test = Double.parseDouble(cells[9]);
            assertTrue(test >= 0 && test <= 100, csv.get(i + 1));
        }
        assertEquals("fenchel,100,5000", String.join(",", List.of(csv.get(5).split(",", -1)).subList(1, 4)));
        // the two seeds start from different parameters
        assertNotEquals(csv.get(1).split(",", -1)[7], csv.get(2).split(",", -1)[7]);

        String md = Files.readString(out.resolve("figure1.md"));
        List<String> rows = md.lines().filter(l -> l.startsWith("| glorot") || l.startsWith("| negative")).toList();
        assertEquals(6, rows.size(), md);
        assertTrue(rows.get(0).startsWith("| glorot | BP | — | — | 2 | "), rows.get(0));
        assertTrue(rows.get(0).contains(" ± "), rows.get(0));
        assertTrue(rows.get(5).startsWith("| negative | Fenchel BP | 100 | 5000 | 2 | "), rows.get(5));
        assertTrue(rows.get(5).matches(".*\\| (yes|no|partly) \\([012]/2\\) \\|$"), rows.get(5));
        assertTrue(md.contains("Negative init (escaped = final test error below 80%)"), md);
        assertTrue(md.contains("bin/infergen reproduce figure1 --embedded --epochs 1"), md);
        assertTrue(md.contains("seeds 42, 43"), md);

        String json = Files.readString(out.resolve("figure1.json"));
        for (String name : curves) {
            assertTrue(json.contains("{\"spec\": \"" + name + "\""), name);
        }
        assertEquals(12, json.split("\"testError\"", -1).length - 1, json);
        assertTrue(json.contains("\"trainSamples\": 200"), json);
        assertTrue(json.contains("\"testSamples\": 100"), json);
        assertTrue(json.contains("\"seeds\": [42, 43]"), json);
        assertTrue(r.out().contains("wrote " + out.resolve("figure1.png")), r.out());

        // started again: every run is skipped, the figure's data are the same
        InfergenCliTest.Result again = InfergenCliTest.run(args);
        assertEquals(0, again.exit(), again.err());
        assertEquals(12, again.out().lines().filter(l -> l.contains(": skipped (finished)")).count(), again.out());
        assertEquals(csv, Files.readAllLines(out.resolve("figure1.csv")));

        // --replot draws the chart again from the CSV alone
        Files.delete(out.resolve("figure1.png"));
        assertEquals(0, InfergenCliTest.run("reproduce", "figure1", "--replot", "--out", out.toString()).exit());
        assertTrue(Files.size(out.resolve("figure1.png")) > 0);
    }

    @Test
    void theConvNetRunsTheSameExperiment() throws Exception {
        Path out = dir.resolve("conv");
        InfergenCliTest.Result r = InfergenCliTest.run("reproduce", "figure1", "--net", "conv", "--embedded",
                "--inits", "negative", "--betas", "1", "--epochs", "1", "--limit", "100", "--test-limit", "50",
                "--no-progress", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> csv = Files.readAllLines(out.resolve("figure1.csv"));
        assertEquals(3, csv.size(), String.join("\n", csv));
        assertEquals("negative,bp,,,conv-bp-neg,42,1", csv.get(1).substring(0, csv.get(1).indexOf(",", 30)));
        assertTrue(csv.get(2).startsWith("negative,fenchel,1,50,conv-fenchel-neg-β=1,42,1,"), csv.get(2));
        assertTrue(Files.readString(out.resolve("figure1.md")).contains("- network: the conv-bp CNN with the "
                + "negative init on layer 0"));
        assertEquals("ok", Files.readString(out.resolve("runs/negative-fenchel/beta=1_seed=42/done")).strip());
        Files.delete(out.resolve("figure1.png"));
        assertEquals(0, InfergenCliTest.run("reproduce", "figure1", "--replot", "--out", out.toString()).exit());
        assertTrue(Files.size(out.resolve("figure1.png")) > 0);
    }

    @Test
    void resultsDoNotDependOnTheNumberOfRunsAtATime() throws Exception {
        String[] args = {"reproduce", "figure1", "--embedded", "--epochs", "1", "--limit", "150", "--test-limit",
            "50", "--betas", "1", "--inits", "negative", "--no-progress", "--parallel", "1", "--out", ""};
        args[args.length - 1] = dir.resolve("one").toString();
        String[] two = args.clone();
        two[two.length - 1] = dir.resolve("two").toString();
        two[two.length - 3] = "2";
        assertEquals(0, InfergenCliTest.run(args).exit());
        assertEquals(0, InfergenCliTest.run(two).exit());
        assertEquals(dropSpeed(Files.readAllLines(dir.resolve("one/figure1.csv"))),
                dropSpeed(Files.readAllLines(dir.resolve("two/figure1.csv"))));
        assertArrayEquals(Files.readAllBytes(dir.resolve("one/runs/negative-fenchel/beta=1_seed=42/model.safetensors")),
                Files.readAllBytes(dir.resolve("two/runs/negative-fenchel/beta=1_seed=42/model.safetensors")));
    }

    private static List<String> dropSpeed(List<String> lines) {
        return lines.stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }
}
