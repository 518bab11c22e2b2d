package infergen.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reproduce figure1} on a small subset writes the chart, the table and the data with the expected rows. */
class Figure1CommandTest {

    @TempDir
    Path dir;

    @Test
    void writesPngMarkdownCsvAndJson() throws Exception {
        Path out = dir.resolve("fig");
        InfergenCliTest.Result r = InfergenCliTest.run("reproduce", "figure1", "--embedded", "--epochs", "1",
                "--limit", "200", "--test-limit", "100", "--betas", "100,1e-4", "--threads", "2", "--out",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> runs = List.of("paper-bp", "paper-fenchel-1e-4", "paper-fenchel-100", "paper-bp-neg",
                "paper-fenchel-1e-4-neg", "paper-fenchel-100-neg");

        BufferedImage png = ImageIO.read(out.resolve("figure1.png").toFile());
        assertTrue(png.getWidth() > 2 * png.getHeight() * 0.9, "two panels side by side: " + png.getWidth() + "×"
                + png.getHeight());

        List<String> csv = Files.readAllLines(out.resolve("figure1.csv"));
        assertEquals("init,rule,beta,beta_paper,spec,epoch,train_loss,train_error_pct,test_error_pct,seconds",
                csv.get(0));
        assertEquals(1 + runs.size(), csv.size(), String.join("\n", csv));
        for (int i = 0; i < runs.size(); i++) {
            String[] cells = csv.get(i + 1).split(",", -1);
            assertEquals(runs.get(i), cells[4]);
            assertEquals(i < 3 ? "glorot" : "negative", cells[0]);
            assertEquals("1", cells[5]);
            double test = Double.parseDouble(cells[8]);
            assertTrue(test >= 0 && test <= 100, csv.get(i + 1));
        }
        assertEquals("fenchel,100,5000", csv.get(3).split(",", -1)[1] + "," + csv.get(3).split(",", -1)[2] + ","
                + csv.get(3).split(",", -1)[3]);

        String md = Files.readString(out.resolve("figure1.md"));
        List<String> rows = md.lines().filter(l -> l.startsWith("| glorot") || l.startsWith("| negative")).toList();
        assertEquals(6, rows.size(), md);
        assertTrue(rows.get(0).startsWith("| glorot | BP | — | — |"), rows.get(0));
        assertTrue(rows.get(5).startsWith("| negative | Fenchel BP | 100 | 5000 |"), rows.get(5));
        assertTrue(md.contains("Negative init (escaped = final test error below 80%)"), md);
        assertTrue(md.contains("bin/infergen reproduce figure1 --embedded --epochs 1"), md);

        String json = Files.readString(out.resolve("figure1.json"));
        for (String name : runs) {
            assertTrue(json.contains("{\"spec\": \"" + name + "\""), name);
        }
        assertEquals(6, json.split("\"testError\"", -1).length - 1, json);
        assertTrue(json.contains("\"trainSamples\": 200"), json);
        assertTrue(json.contains("\"testSamples\": 100"), json);
        assertTrue(r.out().contains("wrote " + out.resolve("figure1.png")), r.out());
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() throws Exception {
        String[] args = {"reproduce", "figure1", "--embedded", "--epochs", "1", "--limit", "150", "--test-limit",
                "50", "--betas", "1", "--inits", "negative", "--out", ""};
        args[args.length - 1] = dir.resolve("one").toString();
        String[] two = args.clone();
        two[two.length - 1] = dir.resolve("two").toString();
        String[] oneThread = java.util.Arrays.copyOf(args, args.length + 2);
        oneThread[args.length] = "--threads";
        oneThread[args.length + 1] = "1";
        assertEquals(0, InfergenCliTest.run(oneThread).exit());
        assertEquals(0, InfergenCliTest.run(two).exit());
        assertEquals(dropTimes(Files.readAllLines(dir.resolve("one/figure1.csv"))),
                dropTimes(Files.readAllLines(dir.resolve("two/figure1.csv"))));
    }

    private static List<String> dropTimes(List<String> lines) {
        return lines.stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }
}
