package infergen.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.samples.cli.InfergenCli;
import infergen.samples.cli.SweepHooks;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code infergen-spark sweep} in embedded {@code local[2]} mode: its folders are bitwise those of the local sweep
 * (but the speed column and the command in summary.md), it resumes as the local sweep does, a run that fails on an
 * executor is recorded, and bad input stops it before Spark starts.
 *
 * <p>In {@code local[N]} mode the executor is this JVM, so the sweep's static test hook
 * ({@code SweepCommand.beforeRun}) reaches the tasks; on a cluster it would not.
 */
class SparkSweepTest {

    @TempDir
    Path dir;

    private static final List<String> RUNS = List.of("beta=1_seed=1", "beta=1_seed=2", "beta=3_seed=1",
            "beta=3_seed=2");

    /** The name of the threads Spark's executors run tasks on. */
    private static final String TASK_THREAD = "Executor task launch worker";

    record Result(int exit, String out, String err) {
    }

    @AfterEach
    void noHook() {
        SweepHooks.reset();
    }

    private static Result run(CommandLine cl, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    /** 2 β × 2 seeds of the paper's MLP, on 1,000 embedded training images, 200 held out, 300 test images. */
    private static List<String> sweep(Path out, int epochs, String... more) {
        List<String> a = new ArrayList<>(List.of("sweep", "paper-fenchel-1", "--embedded", "--grid", "beta=1,3",
                "--seeds", "2", "--epochs", Integer.toString(epochs), "--limit", "1200", "--validation", "200",
                "--test-limit", "300", "--no-progress", "--out", out.toString()));
        a.addAll(List.of(more));
        return a;
    }

    private static Result local(Path out, int epochs) {
        return run(InfergenCli.commandLine(), sweep(out, epochs, "--parallel", "2"));
    }

    private static Result spark(Path out, int epochs, String... more) {
        List<String> a = sweep(out, epochs, "--master", "local[2]");
        a.addAll(List.of(more));
        return run(InfergenSpark.commandLine(), a);
    }

    private static List<String> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    /** A metrics.csv without its last column, samples_per_s. */
    private static List<String> withoutSpeed(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    /** Asserts that two sweep folders hold the same files, bitwise but the speed and the command line. */
    private static void assertSameSweep(Path local, Path spark) throws Exception {
        List<String> names = files(local);
        assertEquals(names, files(spark));
        for (String f : names) {
            Path a = local.resolve(f);
            Path b = spark.resolve(f);
            if (f.endsWith("metrics.csv")) {
                assertEquals(withoutSpeed(a), withoutSpeed(b), f);
            } else if (f.equals("summary.md")) {
                // the command differs (bin/infergen-spark ... --master local[2]); the rest is the same
                assertEquals(Files.readAllLines(a).stream().filter(l -> !l.startsWith("Produced by")).toList(),
                        Files.readAllLines(b).stream().filter(l -> !l.startsWith("Produced by")).toList(), f);
            } else {
                assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), f);
            }
        }
    }

    @Test
    void sparkRunsAreBitwiseTheLocalRunsAndResume() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        SweepHooks.beforeRun(name -> threads.add(Thread.currentThread().getName()));
        Path localOut = dir.resolve("local");
        Result l = local(localOut, 2);
        assertEquals(0, l.exit(), l.out() + l.err());
        assertTrue(threads.stream().noneMatch(t -> t.startsWith(TASK_THREAD)), threads.toString());

        threads.clear();
        Path sparkOut = dir.resolve("spark");
        Result s = spark(sparkOut, 2);
        assertEquals(0, s.exit(), s.out() + s.err());
        assertTrue(s.out().contains("4 to run, on Spark local[2] in this JVM, 2 at a time (one task per run)"),
                s.out());
        assertEquals(4, s.out().lines().filter(x -> x.contains(": final test error")).count(), s.out());
        assertEquals(4, threads.size(), "one Spark task per run: " + threads);
        assertTrue(threads.stream().allMatch(t -> t.startsWith(TASK_THREAD)), threads.toString());

        List<String> names = files(sparkOut);
        for (String run : RUNS) {
            for (String f : List.of("config.json", "done", "metrics.csv", "model.safetensors")) {
                assertTrue(names.contains(run + "/" + f), run + "/" + f + " in " + names);
            }
            assertTrue(Files.size(sparkOut.resolve(run).resolve("model.safetensors")) > 100_000);
            assertEquals(3, Files.readAllLines(sparkOut.resolve(run).resolve("metrics.csv")).size());
        }
        assertEquals(3, Files.readAllLines(sparkOut.resolve("summary.csv")).size());
        assertTrue(Files.readString(sparkOut.resolve("summary.md")).contains("Produced by `bin/infergen-spark sweep "
                + "paper-fenchel-1"));
        assertSameSweep(localOut, sparkOut);

        // started again: every run is skipped before any task, and nothing changes
        Map<String, Long> times = new HashMap<>();
        for (String f : names) {
            times.put(f, Files.getLastModifiedTime(sparkOut.resolve(f)).toMillis());
        }
        threads.clear();
        Result again = spark(sparkOut, 2);
        assertEquals(0, again.exit(), again.out() + again.err());
        assertTrue(again.out().contains("4 finished, 0 to run"), again.out());
        assertEquals(4, again.out().lines().filter(x -> x.contains("skipped (finished)")).count(), again.out());
        assertEquals(Set.of(), threads, "no run trained");
        for (String run : RUNS) {
            for (String f : List.of("config.json", "done", "metrics.csv", "model.safetensors")) {
                String p = run + "/" + f;
                assertEquals(times.get(p), Files.getLastModifiedTime(sparkOut.resolve(p)).toMillis(), p);
            }
        }

        // without its 'done', one run is trained again, through Spark, to the same bytes
        Files.delete(sparkOut.resolve("beta=3_seed=2/done"));
        Result resumed = spark(sparkOut, 2);
        assertEquals(0, resumed.exit(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("3 finished, 1 to run"), resumed.out());
        assertEquals(1, threads.size(), threads.toString());
        assertTrue(threads.iterator().next().startsWith(TASK_THREAD), threads.toString());
        assertSameSweep(localOut, sparkOut);
    }

    @Test
    void aRunThatFailsOnAnExecutorIsRecordedAndTheOthersGoOn() throws Exception {
        Set<String> failedOn = ConcurrentHashMap.newKeySet();
        SweepHooks.beforeRun(name -> {
            if (name.equals("beta=3_seed=1")) {
                // the run throws: the run records it in its folder, which comes back to the driver
                failedOn.add(Thread.currentThread().getName());
                throw new IllegalStateException("injected failure");
            }
            if (name.equals("beta=1_seed=2")) {
                // the Spark task itself fails (SweepRun records Exceptions, not this): the driver records it
                failedOn.add(Thread.currentThread().getName());
                throw new AssertionError("task lost");
            }
        });
        Path out = dir.resolve("fail");
        Result r = spark(out, 1);
        assertEquals(1, r.exit(), r.out() + r.err());
        assertEquals(2, failedOn.size());
        assertTrue(failedOn.stream().allMatch(t -> t.startsWith(TASK_THREAD)), "failed on executors: " + failedOn);
        assertTrue(r.out().contains("beta=3_seed=1: FAILED: IllegalStateException: injected failure"), r.out());
        assertTrue(r.out().contains("beta=1_seed=2: FAILED: "), r.out());
        assertTrue(r.out().contains("2 of 4 runs failed"), r.out());

        Path thrown = out.resolve("beta=3_seed=1");
        assertEquals("failed\nIllegalStateException: injected failure\n", Files.readString(thrown.resolve("done")));
        assertTrue(Files.readString(thrown.resolve("error.txt")).contains("injected failure"));
        assertTrue(Files.exists(thrown.resolve("config.json")));
        assertFalse(Files.exists(thrown.resolve("model.safetensors")));

        Path lost = out.resolve("beta=1_seed=2");
        String done = Files.readString(lost.resolve("done"));
        assertTrue(done.startsWith("failed\nSparkTaskFailure: the Spark task failed: ") && done.contains(
                "AssertionError: task lost") && done.lines().count() == 2, done);
        assertTrue(Files.readString(lost.resolve("error.txt")).contains("AssertionError: task lost"));
        assertEquals("ok\n", Files.readString(out.resolve("beta=1_seed=1/done")));
        assertEquals("ok\n", Files.readString(out.resolve("beta=3_seed=2/done")));

        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("- `beta=3_seed=1`: IllegalStateException: injected failure"), md);
        assertTrue(md.contains("- `beta=1_seed=2`: SparkTaskFailure: the Spark task failed"), md);
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertTrue(csv.get(1).startsWith("1,beta=1,1,2,1,") || csv.get(1).startsWith("1,beta=3,3,2,1,"),
                csv.toString());
        assertTrue(csv.get(2).startsWith("2,beta=1,1,2,1,") || csv.get(2).startsWith("2,beta=3,3,2,1,"),
                csv.toString());

        // failed runs are finished (skipped) until --retry-failed, which trains them again
        SweepHooks.reset();
        Result again = spark(out, 1);
        assertEquals(1, again.exit(), again.out() + again.err());
        assertTrue(again.out().contains("4 finished, 0 to run"), again.out());
        Result retried = spark(out, 1, "--retry-failed");
        assertEquals(0, retried.exit(), retried.out() + retried.err());
        assertTrue(retried.out().contains("2 finished, 2 to run"), retried.out());
        assertEquals("ok\n", Files.readString(thrown.resolve("done")));
        assertEquals("ok\n", Files.readString(lost.resolve("done")));
        assertFalse(Files.exists(lost.resolve("error.txt")), "the rerun starts from an empty folder");
    }

    /**
     * A bad argument is exit code 2 with a message. The master is a valid URL where no cluster listens: had the
     * sweep started Spark before its checks, it would have tried to connect there instead of failing at once (the
     * sweep's own checks come after the Spark options' and before Spark starts).
     */
    private void badInput(String expected, String... args) throws Exception {
        Path out = dir.resolve("bad");
        List<String> all = new ArrayList<>(List.of("sweep", "paper-fenchel-1", "--embedded", "--epochs", "1",
                "--limit", "600", "--no-progress"));
        all.addAll(List.of(args));
        if (!all.contains("--master")) {
            // (spark.jars: what a cluster's executors load; not read before Spark starts)
            all.addAll(List.of("--master", "spark://127.0.0.1:1", "--conf", "spark.jars=" + dir.resolve("app.jar")));
        }
        if (!all.contains("--out")) {
            all.addAll(List.of("--out", out.toString()));
        }
        Result r = run(InfergenSpark.commandLine(), all);
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
    void badInputIsAnErrorBeforeSparkStarts() throws Exception {
        badInput("--master local[0] is not a Spark master URL; expected local[N]", "--master", "local[0]");
        badInput("--master spark://host is not a Spark master URL", "--master", "spark://host");
        badInput("--master mesos://host:5050 is not a Spark master URL", "--master", "mesos://host:5050");
        badInput("--master spark://127.0.0.1:1: the executors need infergen's classes; build the application jar",
                "--master", "spark://127.0.0.1:1");
        badInput("--conf executor.memory=4g: expected KEY=VALUE with a Spark property", "--conf",
                "executor.memory=4g");
        badInput("--conf spark.master=local: give the master with --master", "--conf", "spark.master=local");
        badInput("spark.task.cpus must be a positive integer, got 0", "--conf", "spark.task.cpus=0");
        badInput("--parallel is an option of the local sweep (bin/infergen sweep); with Spark, the runs at a time "
                + "are the master's task slots: --master local[N] runs N at a time", "--parallel", "2");
        // the sweep's own checks, before Spark
        badInput("--grid foo=1: unknown hyperparameter \"foo\"", "--grid", "foo=1,2");
        badInput("--grid beta=: the grid of beta is empty", "--grid", "beta=");
        badInput("--validation 600 must be less than the training set's size: 600 images", "--validation", "600");
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        badInput("--out " + file + " is not a writable directory", "--out", file.toString());
        badInput("--seeds must be at least 1, got 0", "--seeds", "0");
    }
}
