package infergen.samples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code infergen sweep}: the folder layout and files, resuming (skips finished runs, reruns unfinished ones), results
 * that do not depend on {@code --parallel}, a failing run recorded but not fatal, and the errors before any run.
 */
class SweepCommandTest {

    @TempDir
    Path dir;

    private static final List<String> RUNS = List.of("beta=1_seed=1", "beta=1_seed=2", "beta=3_seed=1",
            "beta=3_seed=2");
    private static final List<String> RUN_FILES = List.of("checkpoint", "config.json", "done", "metrics.csv",
            "model.safetensors");

    @AfterEach
    void noHook() {
        SweepCommand.beforeRun = name -> {
        };
        SweepCommand.afterEpoch = (name, epoch) -> {
        };
    }

    /** The tiny sweep: 2 β × 2 seeds, 2 epochs on 500 images, validation on the next 100. */
    private static InfergenCliTest.Result sweep(Path out, String... more) {
        return sweep(out, 2, 2, more);
    }

    private static InfergenCliTest.Result sweep(Path out, int seeds, int epochs, String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", "paper-fenchel-1", "--embedded", "--grid", "beta=1,3",
                "--seeds", Integer.toString(seeds), "--epochs", Integer.toString(epochs), "--limit", "600", "--validation", "100", "--test-limit", "200",
                "--no-progress", "--out", out.toString()));
        args.addAll(List.of(more));
        return InfergenCliTest.run(args.toArray(String[]::new));
    }

    private static long count(String text, String what) {
        return text.lines().filter(l -> l.contains(what)).count();
    }

    /** Every file of every run: its modification time and bytes. */
    private static Map<String, Object> snapshot(Path out) throws Exception {
        Map<String, Object> m = new HashMap<>();
        for (String run : RUNS) {
            for (String f : RUN_FILES) {
                Path p = out.resolve(run).resolve(f);
                FileTime t = Files.getLastModifiedTime(p);
                m.put(run + "/" + f, t.toMillis() + ":" + Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return m;
    }

    @Test
    void writesRunsAndSummaryResumesAndDoesNotDependOnParallelism() throws Exception {
        Path out = dir.resolve("sweep");
        InfergenCliTest.Result r = sweep(out, "--parallel", "2");
        assertEquals(0, r.exit(), r.out() + r.err());

        // layout
        try (Stream<Path> s = Files.list(out)) {
            List<String> dirs = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(RUNS, dirs);
        }
        for (String run : RUNS) {
            try (Stream<Path> s = Files.list(out.resolve(run))) {
                assertEquals(RUN_FILES, s.map(p -> p.getFileName().toString()).sorted().toList(), run);
            }
            assertEquals("ok\n", Files.readString(out.resolve(run).resolve("done")));
            List<String> csv = Files.readAllLines(out.resolve(run).resolve("metrics.csv"));
            assertEquals(SweepCommand.METRICS_HEADER, csv.get(0));
            assertEquals(3, csv.size(), run + ": a header and one line per epoch\n" + csv);
            for (int e = 1; e <= 2; e++) {
                String[] c = csv.get(e).split(",", -1);
                assertEquals(6, c.length, csv.get(e));
                assertEquals(Integer.toString(e), c[0]);
                for (int i = 1; i < 6; i++) {
                    double v = Double.parseDouble(c[i]);
                    assertTrue(Double.isFinite(v) && v >= 0, csv.get(e));
                    if (i >= 2 && i <= 4) {
                        assertTrue(v <= 1, "an error is a fraction: " + csv.get(e));
                    }
                }
                // 100 validation and 200 test images: errors are whole counts of them
                assertEquals(0, Math.abs(Double.parseDouble(c[3]) * 100 - Math.rint(Double.parseDouble(c[3]) * 100)),
                        1e-9);
                assertEquals(0, Math.abs(Double.parseDouble(c[4]) * 200 - Math.rint(Double.parseDouble(c[4]) * 200)),
                        1e-9);
            }
            String config = Files.readString(out.resolve(run).resolve("config.json"));
            String beta = run.substring(5, 6);
            assertTrue(config.contains("\"hyperparameters\": {\"beta\": " + beta + ", \"learningRate\": 0.001, "
                    + "\"beta1\": 0.9, \"beta2\": 0.999, \"epsilon\": 1e-8}"), config);
            assertTrue(config.contains("\"seed\": " + run.substring(run.length() - 1) + ","), config);
            assertTrue(config.contains("\"spec\": \"paper-fenchel-1\""), config);
            assertTrue(config.contains("\"class\": \"infergen.samples.paper.PaperSpecs.PaperFenchel\""), config);
            assertTrue(config.contains("\"trainImages\": 500,"), config);
            assertTrue(config.contains("\"validationImages\": 100,"), config);
            assertTrue(config.contains("\"testImages\": 200,"), config);
            assertTrue(config.contains("\"epochs\": 2,") && config.contains("\"batch\": 50,"), config);
            assertTrue(config.contains("\"java\": \"" + Runtime.version() + "\", \"infergen\": \"0.1.0-SNAPSHOT\""),
                    config);
        }
        assertNotEquals(Files.readString(out.resolve("beta=1_seed=1/metrics.csv")),
                Files.readString(out.resolve("beta=1_seed=2/metrics.csv")), "seeds differ");

        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals("rank,configuration,beta,seeds,failed,best_validation_error_mean,best_validation_error_std,"
                + "test_error_at_best_validation_mean,test_error_at_best_validation_std,final_test_error_mean,"
                + "final_test_error_std", summary.get(0));
        assertEquals(3, summary.size(), String.join("\n", summary));
        double previous = -1;
        for (int i = 1; i <= 2; i++) {
            String[] c = summary.get(i).split(",", -1);
            assertEquals(11, c.length, summary.get(i));
            assertEquals(Integer.toString(i), c[0]);
            assertEquals("beta=" + c[2], c[1]);
            assertEquals("2", c[3]);
            assertEquals("0", c[4]);
            for (int k = 5; k < 11; k++) {
                assertTrue(Double.parseDouble(c[k]) >= 0, summary.get(i));
            }
            double bestValidation = Double.parseDouble(c[5]);
            assertTrue(bestValidation >= previous, "ranked by validation error: " + summary);
            previous = bestValidation;
            double expected = 0;
            for (String seed : List.of("1", "2")) {
                List<String> m = Files.readAllLines(out.resolve(c[1] + "_seed=" + seed).resolve("metrics.csv"));
                expected += Double.parseDouble(m.get(2).split(",")[4]) / 2;
            }
            assertEquals(expected, Double.parseDouble(c[9]), 1e-12, "the mean final test error");
        }
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| rank | configuration | beta | seeds ok | best validation error |"), md);
        assertTrue(md.contains("| 1 | beta="), md);
        assertTrue(md.contains("bin/infergen sweep paper-fenchel-1"), md);
        BufferedImage png = ImageIO.read(out.resolve("summary.png").toFile());
        assertTrue(png.getWidth() > 500 && png.getHeight() > 300);
        assertEquals(4, count(r.out(), ": final test error"), r.out());

        // a second invocation skips every run and changes none of their files
        Map<String, Object> before = snapshot(out);
        InfergenCliTest.Result again = sweep(out, "--parallel", "2");
        assertEquals(0, again.exit(), again.err());
        assertEquals(4, count(again.out(), "skipped (finished)"), again.out());
        assertTrue(again.out().contains("4 finished, 0 to run"), again.out());
        assertEquals(before, snapshot(out));
        assertEquals(summary, Files.readAllLines(out.resolve("summary.csv")));

        // without its final file, only that run reruns, to the same results
        String metrics = Files.readString(out.resolve("beta=3_seed=2/metrics.csv"));
        byte[] model = Files.readAllBytes(out.resolve("beta=3_seed=2/model.safetensors"));
        Files.delete(out.resolve("beta=3_seed=2/done"));
        InfergenCliTest.Result resumed = sweep(out, "--parallel", "2");
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(3, count(resumed.out(), "skipped (finished)"), resumed.out());
        assertTrue(resumed.out().contains("beta=3_seed=2: final test error"), resumed.out());
        Map<String, Object> after = snapshot(out);
        for (String key : before.keySet()) {
            if (!key.startsWith("beta=3_seed=2/")) {
                assertEquals(before.get(key), after.get(key), key);
            }
        }
        assertEquals(withoutSpeed(metrics), withoutSpeed(Files.readString(out.resolve("beta=3_seed=2/metrics.csv"))));
        assertArrayEquals(model, Files.readAllBytes(out.resolve("beta=3_seed=2/model.safetensors")));

        // one run at a time gives bitwise the same metrics (but the speed) and checkpoints
        Path one = dir.resolve("one");
        InfergenCliTest.Result sequential = sweep(one, "--parallel", "1");
        assertEquals(0, sequential.exit(), sequential.err());
        for (String run : RUNS) {
            assertEquals(withoutSpeed(Files.readString(out.resolve(run).resolve("metrics.csv"))),
                    withoutSpeed(Files.readString(one.resolve(run).resolve("metrics.csv"))), run);
            assertArrayEquals(Files.readAllBytes(out.resolve(run).resolve("model.safetensors")),
                    Files.readAllBytes(one.resolve(run).resolve("model.safetensors")), run);
        }
        assertEquals(summary, Files.readAllLines(one.resolve("summary.csv")));
    }

    private static List<String> withoutSpeed(String csv) {
        return csv.lines().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    @Test
    void aCosineScheduleIsRecordedAndEndsAtItsLastFactor() throws Exception {
        Path out = dir.resolve("cosine");
        InfergenCliTest.Result r = sweep(out, 1, 2, "--lr-schedule", "cosine");
        assertEquals(0, r.exit(), r.err());
        Path run = out.resolve("beta=3_seed=1");
        assertTrue(Files.readString(run.resolve("config.json")).contains(
                "\"learningRateSchedule\": \"cosine over 2 epochs\""));
        assertTrue(Files.readString(out.resolve("sweep.json")).contains(
                "\"learningRateSchedule\": \"cosine over 2 epochs\""));
        // the checkpoint holds the rate of the last epoch: (1 + cos(π/2)) / 2 of the spec's 1e-3
        assertEquals(5e-4f, infergen.runtime.io.Checkpoint.read(run.resolve("model.safetensors"))
                .hyperparameter("learningRate", 0f));
        // a constant sweep records "constant" per run and nothing in sweep.json, as before the option existed
        Path plain = dir.resolve("plain");
        assertEquals(0, sweep(plain, 1, 1).exit());
        assertTrue(Files.readString(plain.resolve("beta=1_seed=1/config.json")).contains(
                "\"learningRateSchedule\": \"constant\""));
        assertFalse(Files.readString(plain.resolve("sweep.json")).contains("learningRateSchedule"));
    }

    @Test
    void aFailingRunIsRecordedAndTheOthersGoOn() throws Exception {
        Path out = dir.resolve("fail");
        SweepCommand.beforeRun = name -> {
            if (name.equals("beta=3_seed=1")) {
                throw new IllegalStateException("injected failure");
            }
        };
        String[] small = {"--parallel", "2"};
        InfergenCliTest.Result r = sweep(out, 1, 1, small);
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("beta=3_seed=1: FAILED: IllegalStateException: injected failure"), r.out());
        assertTrue(r.out().contains("1 of 2 runs failed"), r.out());
        Path failed = out.resolve("beta=3_seed=1");
        assertEquals("failed\nIllegalStateException: injected failure\n", Files.readString(failed.resolve("done")));
        assertTrue(Files.readString(failed.resolve("error.txt")).contains("injected failure"));
        assertFalse(Files.exists(failed.resolve("model.safetensors")));
        assertEquals("ok\n", Files.readString(out.resolve("beta=1_seed=1/done")));
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("- `beta=3_seed=1`: IllegalStateException: injected failure"), md);
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertTrue(csv.get(1).startsWith("1,beta=1,1,1,0,"), csv.toString());
        assertTrue(csv.get(2).startsWith("2,beta=3,3,1,1,,"), "a configuration without a finished seed is last: "
                + csv);

        noHook();
        InfergenCliTest.Result again = sweep(out, 1, 1, small);
        assertEquals(1, again.exit(), again.err());
        assertTrue(again.out().contains("beta=3_seed=1: skipped (failed before; --retry-failed reruns it)"),
                again.out());
        InfergenCliTest.Result retried = sweep(out, 1, 1, concat(small, "--retry-failed"));
        assertEquals(0, retried.exit(), retried.out() + retried.err());
        assertEquals("ok\n", Files.readString(failed.resolve("done")));
        assertFalse(Files.exists(failed.resolve("error.txt")), "the rerun starts from an empty folder");
    }

    /** Stands for the JVM being killed: not an exception a run records as its failure. */
    private static final class Killed extends Error {
        Killed() {
            super("killed");
        }
    }

    /**
     * A run stopped after epoch 2 of 3, killed (no 'done') or failed, resumes from its checkpoint: it trains epoch 3
     * only, keeps the rows of epochs 1 and 2, and ends with the uninterrupted run's model and metrics bit for bit
     * (shuffled, cosine schedule: the resumed epoch's order and learning rate are those of epoch 3). A model that
     * is not the one the checkpoint names (saved after it) makes the rerun start from scratch, to the same end.
     */
    @Test
    void aRunStoppedPartWayResumesFromItsCheckpointBitForBit() throws Exception {
        String[] settings = {"--shuffle", "--lr-schedule", "cosine"};
        Path whole = dir.resolve("whole");
        assertEquals(0, sweep(whole, 1, 3, settings).exit());
        for (boolean killed : new boolean[] {true, false}) {
            Path out = dir.resolve(killed ? "killed" : "failed");
            SweepCommand.afterEpoch = (name, epoch) -> {
                if (name.equals("beta=3_seed=1") && epoch == 2) {
                    if (killed) {
                        throw new Killed();
                    }
                    throw new IllegalStateException("stopped after epoch 2");
                }
            };
            try {
                sweep(out, 1, 3, settings);
            } catch (Killed expected) {
                // the sweep's JVM would have died here
            }
            Path run = out.resolve("beta=3_seed=1");
            assertTrue(Files.readString(run.resolve("checkpoint")).matches("2 [0-9a-f]{64}\n"));
            assertEquals(killed, !Files.exists(run.resolve("done")));
            if (killed) {
                Path stale = dir.resolve("stale");
                copyTree(out, stale);
                // the model of a later epoch under the marker of epoch 2
                Files.copy(whole.resolve("beta=3_seed=1/model.safetensors"),
                        stale.resolve("beta=3_seed=1/model.safetensors"), StandardCopyOption.REPLACE_EXISTING);
                List<String> again = new ArrayList<>();
                SweepCommand.afterEpoch = (name, epoch) -> again.add(name + " " + epoch);
                assertEquals(0, sweep(stale, 1, 3, settings).exit());
                assertTrue(again.contains("beta=3_seed=1 1"), "started from scratch: " + again);
                assertArrayEquals(Files.readAllBytes(whole.resolve("beta=3_seed=1/model.safetensors")),
                        Files.readAllBytes(stale.resolve("beta=3_seed=1/model.safetensors")));
            }
            List<String> before = Files.readAllLines(run.resolve("metrics.csv"));
            List<String> trained = new ArrayList<>();
            SweepCommand.afterEpoch = (name, epoch) -> trained.add(name + " " + epoch);
            InfergenCliTest.Result r = killed ? sweep(out, 1, 3, settings)
                    : sweep(out, 1, 3, concat(settings, "--retry-failed"));
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(trained.contains("beta=3_seed=1 3") && !trained.contains("beta=3_seed=1 1")
                    && !trained.contains("beta=3_seed=1 2"), trained.toString());
            List<String> after = Files.readAllLines(run.resolve("metrics.csv"));
            assertEquals(before.subList(0, 3), after.subList(0, 3), "the rows of epochs 1 and 2 are kept");
            assertEquals(withoutSpeed(whole.resolve("beta=3_seed=1/metrics.csv")),
                    withoutSpeed(run.resolve("metrics.csv")));
            assertArrayEquals(Files.readAllBytes(whole.resolve("beta=3_seed=1/model.safetensors")),
                    Files.readAllBytes(run.resolve("model.safetensors")));
            assertEquals("ok\n", Files.readString(run.resolve("done")));
            assertTrue(Files.readString(run.resolve("checkpoint")).matches("3 [0-9a-f]{64}\n"));
            assertFalse(Files.exists(run.resolve("error.txt")));
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    /** A metrics.csv without its samples/s column. */
    private static List<String> withoutSpeed(Path metrics) throws Exception {
        return Files.readAllLines(metrics).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private void badInput(String expected, String... args) throws Exception {
        Path out = dir.resolve("bad");
        List<String> all = new ArrayList<>(List.of("sweep", "paper-fenchel-1", "--embedded", "--epochs", "1",
                "--limit", "600", "--no-progress"));
        all.addAll(List.of(args));
        if (!all.contains("--out")) {
            all.addAll(List.of("--out", out.toString()));
        }
        InfergenCliTest.Result r = InfergenCliTest.run(all.toArray(String[]::new));
        assertEquals(2, r.exit(), String.join(" ", all) + "\n" + r.out() + r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in:\n" + r.err());
        assertFalse(r.out().contains("final test error"), r.out());
        if (Files.isDirectory(out)) {
            try (Stream<Path> s = Files.list(out)) {
                assertEquals(List.of(), s.filter(Files::isDirectory).toList(), "no run started");
            }
        }
    }

    @Test
    void badInputIsAnErrorBeforeAnyRun() throws Exception {
        badInput("--grid foo=1: unknown hyperparameter \"foo\"; this network has beta, learningRate, beta1, beta2, "
                + "epsilon", "--grid", "foo=1,2");
        badInput("unknown hyperparameter \"foo\"; this network has beta, learningRate, beta1, beta2, epsilon",
                "--grid", "beta=1", "--grid", "foo=1,2");
        badInput("--grid beta=-1: [infergen:beta] beta must be > 0", "--grid", "beta=1,-1");
        badInput("--grid beta=: the grid of beta is empty", "--grid", "beta=");
        badInput("--grid beta=1,x: 'x' is not a number", "--grid", "beta=1,x");
        badInput("--grid beta=3: beta has a grid already", "--grid", "beta=1", "--grid", "beta=3");
        badInput("--validation 600 must be less than the training set's size: 600 images", "--validation", "600");
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        badInput("--out " + file + " is not a writable directory", "--out", file.toString());
        badInput("--out " + file.resolve("sub") + " is not a writable directory", "--out",
                file.resolve("sub").toString());
        badInput("--seeds must be at least 1, got 0", "--seeds", "0");
        badInput("--parallel must be at least 1, got 0", "--parallel", "0");
        badInput("--batch 51 is outside 1..50", "--batch", "51");

        // a folder holds one sweep's settings: other epochs are an error, other grids and seeds are not
        Path out = dir.resolve("settings");
        InfergenCliTest.Result first = InfergenCliTest.run("sweep", "paper-fenchel-1", "--embedded", "--epochs", "1",
                "--limit", "100", "--test-limit", "50", "--grid", "beta=1", "--no-progress", "--out", out.toString());
        assertEquals(0, first.exit(), first.err());
        badInput("holds a sweep with other settings (there: \"trainImages\": 100,; now: \"trainImages\": 600,)",
                "--out", out.toString());
    }
}
