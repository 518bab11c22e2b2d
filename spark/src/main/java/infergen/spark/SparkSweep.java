package infergen.spark;

import infergen.runtime.parallel.Parallel;
import infergen.samples.cli.SweepBackend;
import infergen.samples.cli.SweepRun;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * A {@link SweepBackend} that runs every run of a sweep as one Spark task: the driver (this JVM) submits one job per
 * run, an executor reads the data itself and trains the run ({@link SweepRun#remote}), and the run's files come back
 * to the driver, which writes them into {@code DIR/<run>/} as the local sweep would. Its options ({@code --master},
 * {@code --conf}) are a picocli mixin of the sweep command.
 */
public final class SparkSweep implements SweepBackend {

    @Option(names = "--master", paramLabel = "URL", description = "Where the runs execute: local[N] (N task threads "
            + "in this JVM, embedded: nothing to install), local[*] (one per core), spark://HOST:PORT (a standalone "
            + "cluster), yarn, or k8s://URL. Default: the master spark-submit was given, else local[*].")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark property, e.g. --conf "
            + "spark.executor.memory=4g (repeatable; as spark-submit's --conf).")
    List<String> conf = new ArrayList<>();

    /** The local sweep's option, here only to say what replaces it. */
    @Option(names = "--parallel", hidden = true)
    Integer parallel;

    /** A master URL of Spark 4: local, local[N], local[*], local[N,F], spark://H:P[,H:P...], yarn, k8s://... */
    private static final Pattern MASTER = Pattern.compile("local(\\[(\\*|[1-9]\\d*)(,[1-9]\\d*)?\\])?"
            + "|spark://[^\\s/:,]+:\\d{1,5}(,[^\\s/:,]+:\\d{1,5})*|yarn|k8s://\\S+");

    private static final Pattern LOCAL_THREADS = Pattern.compile("local(\\[(\\*|\\d+)(,\\d+)?\\])?");

    /** The master and the properties, after {@link #check}. */
    private String resolvedMaster;
    private final Map<String, String> properties = new LinkedHashMap<>();

    @Override
    public void check(CommandLine cl) {
        if (parallel != null) {
            throw new ParameterException(cl, "--parallel is an option of the local sweep (bin/infergen sweep); with "
                    + "Spark, the runs at a time are the master's task slots: --master local[N] runs N at a time");
        }
        String m = master != null ? master : System.getProperty("spark.master", "local[*]");
        if (!MASTER.matcher(m).matches()) {
            throw new ParameterException(cl, (master != null ? "--master " : "spark.master ") + m + " is not a "
                    + "Spark master URL; expected local[N] (N task threads in this JVM), local[*], spark://HOST:PORT "
                    + "(a standalone cluster's master, e.g. spark://host:7077), yarn or k8s://https://HOST:PORT");
        }
        properties.clear();
        for (String c : conf) {
            int eq = c.indexOf('=');
            String key = eq < 0 ? c : c.substring(0, eq).trim();
            if (eq <= 0 || !key.startsWith("spark.")) {
                throw new ParameterException(cl, "--conf " + c + ": expected KEY=VALUE with a Spark property, e.g. "
                        + "--conf spark.executor.memory=4g");
            }
            if (key.equals("spark.master")) {
                throw new ParameterException(cl, "--conf " + c + ": give the master with --master");
            }
            properties.put(key, c.substring(eq + 1).trim());
        }
        String cpus = properties.getOrDefault("spark.task.cpus", System.getProperty("spark.task.cpus", "1"));
        if (!cpus.matches("[1-9]\\d{0,3}")) {
            throw new ParameterException(cl, "spark.task.cpus must be a positive integer, got " + cpus);
        }
        resolvedMaster = m;
        if (!embedded() && !properties.containsKey("spark.jars") && System.getProperty("spark.jars") == null) {
            // not under spark-submit (which ships its application jar): ship the one bin/infergen-spark names
            String jar = System.getProperty(APP_JAR);
            if (jar == null || !Files.isRegularFile(Path.of(jar))) {
                throw new ParameterException(cl, "--master " + m + ": the executors need infergen's classes; build "
                        + "the application jar (bin/dev mvn -q -pl spark -am package -DskipTests; bin/infergen-spark "
                        + "then ships it), or submit it with spark-submit (README, \"Sweeps on a Spark cluster\")"
                        + (jar == null ? "" : "; there is no " + jar));
            }
            properties.put("spark.jars", jar);
        }
    }

    /** The system property through which bin/infergen-spark names the application jar (shipped to a cluster). */
    static final String APP_JAR = "infergen.spark.jar";

    /** Whether the master runs the tasks in this JVM. */
    private boolean embedded() {
        return resolvedMaster.startsWith("local");
    }

    /** The task threads of a local master (local[*]: the cores), or 0 for a cluster. */
    private int localSlots() {
        Matcher lm = LOCAL_THREADS.matcher(resolvedMaster);
        if (!lm.matches()) {
            return 0;
        }
        String n = lm.group(2);
        return n == null ? 1 : n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n);
    }

    private int taskCpus() {
        return Integer.parseInt(properties.getOrDefault("spark.task.cpus", System.getProperty("spark.task.cpus",
                "1")));
    }

    @Override
    public String describe(int todo) {
        int slots = localSlots() / taskCpus();
        return embedded() ? String.format(Locale.ROOT, "on Spark %s in this JVM, %d at a time (one task per run)",
                resolvedMaster, Math.max(1, Math.min(slots, todo)))
                : "on Spark " + resolvedMaster + " (one task per run, as many at a time as the executors have cores)";
    }

    @Override
    public void execute(List<SweepRun> runs, Path out, Listener listener) throws Exception {
        boolean local = embedded();
        quietLogging(local);
        SparkConf sc = new SparkConf().setMaster(resolvedMaster);
        sc.setIfMissing("spark.app.name", "infergen sweep " + out.toAbsolutePath().getFileName());
        sc.setIfMissing("spark.log.level", "WARN");
        sc.setIfMissing("spark.ui.showConsoleProgress", "false");
        if (local) {
            sc.setIfMissing("spark.ui.enabled", "false");
            // embedded: the driver and its executor are this JVM; nothing needs to listen beyond the loopback
            sc.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            sc.setIfMissing("spark.driver.host", "127.0.0.1");
        }
        for (Map.Entry<String, String> p : properties.entrySet()) {
            sc.set(p.getKey(), p.getValue());
        }
        // A run's kernels use the task's cores: spark.task.cpus threads (the kernels' team is per JVM, and an
        // executor runs its cores / spark.task.cpus tasks at a time). Results do not depend on it.
        int threads = taskCpus();
        int saved = Parallel.threads();
        try (JavaSparkContext spark = new JavaSparkContext(sc);
                ExecutorService waiters = Executors.newVirtualThreadPerTaskExecutor()) {
            // One job per run, submitted in the runs' order (FIFO): a task that Spark gives up on fails its run only.
            for (SweepRun run : runs) {
                long start = System.nanoTime();
                JavaFutureAction<List<SweepRun.Folder>> submitted;
                RuntimeException notSubmitted = null;
                try {
                    spark.setJobDescription(run.name());
                    submitted = spark.parallelize(List.of(run), 1).map(r -> train(r, threads)).collectAsync();
                } catch (RuntimeException e) {
                    submitted = null;
                    notSubmitted = e;
                }
                JavaFutureAction<List<SweepRun.Folder>> job = submitted;
                RuntimeException failedSubmission = notSubmitted;
                waiters.submit(() -> {
                    String line;
                    double seconds;
                    try {
                        SweepRun.Folder folder = failedSubmission != null && !spark.sc().isStopped()
                                ? run.failed(new SparkTaskFailure(failedSubmission), 0)
                                : job == null ? null : await(spark, job, run, start);
                        if (folder == null) {
                            line = "not run: the Spark application stopped (Spark's log says why); the run has no "
                                    + "'done', so the sweep runs it when started again";
                            seconds = (System.nanoTime() - start) / 1e9;
                        } else {
                            folder.writeTo(out.resolve(run.name()));
                            line = folder.line();
                            seconds = folder.seconds();
                        }
                    } catch (Exception | Error e) {
                        line = "could not record the run: " + e;
                        seconds = (System.nanoTime() - start) / 1e9;
                    }
                    listener.samples(run.samples());
                    listener.finished(run, line, seconds);
                    return null;
                });
            }
        } finally {
            if (local) {
                Parallel.setThreads(saved);
            }
        }
    }

    /**
     * A run's task that Spark gave up on (the run threw an {@link Error} other than the ones it records, or its
     * executor was lost more often than {@code spark.task.maxFailures}): the first line of Spark's message, which
     * names the task's own exception; the whole of it, with the executor's stack trace, is the cause.
     */
    static final class SparkTaskFailure extends Exception {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        SparkTaskFailure(Throwable cause) {
            super("the Spark task failed: " + (cause.getMessage() == null ? cause.toString()
                    : cause.getMessage().lines().findFirst().orElse("")), cause);
        }
    }

    /**
     * The run's folder when its job ends: the files the task sent back, or, if Spark gave up on the task, a failed
     * folder that says why; null if the application stopped first (its jobs then never end, or end cancelled).
     */
    private static SweepRun.Folder await(JavaSparkContext spark, JavaFutureAction<List<SweepRun.Folder>> job,
            SweepRun run, long start) throws Exception {
        while (true) {
            try {
                return job.get(1, TimeUnit.SECONDS).get(0);
            } catch (TimeoutException e) {
                if (spark.sc().isStopped()) {
                    job.cancel(true);
                    return null;
                }
            } catch (ExecutionException | CancellationException e) {
                if (spark.sc().isStopped()) {
                    return null;
                }
                return run.failed(new SparkTaskFailure(e.getCause() != null ? e.getCause() : e),
                        (System.nanoTime() - start) / 1e9);
            }
        }
    }

    /** What a task does: the run, on {@code threads} kernel threads. */
    private static SweepRun.Folder train(SweepRun run, int threads) throws Exception {
        if (Parallel.threads() != threads) {
            Parallel.setThreads(threads);
        }
        return run.remote();
    }

    /**
     * If nobody configured log4j (no log4j2 configuration file, not under spark-submit), configures it with
     * {@code log4j2-quiet.properties}: warnings and errors only, to standard error. Spark then keeps it (it installs
     * its own INFO defaults only over log4j's default configuration). Under spark-submit, log4j is configured (by the
     * cluster's conf/log4j2.properties or Spark's defaults) and left alone; {@code spark.log.level=WARN} then quiets
     * it once the context runs.
     */
    static void quietLogging(boolean local) {
        if (System.getProperty("log4j2.configurationFile") != null
                || System.getProperty("log4j.configurationFile") != null) {
            return;
        }
        if (LogManager.getContext(false) instanceof LoggerContext ctx
                && ctx.getConfiguration() instanceof DefaultConfiguration) {
            URL quiet = SparkSweep.class.getResource("log4j2-quiet.properties");
            try {
                ctx.setConfigLocation(quiet.toURI());
            } catch (URISyntaxException | RuntimeException e) {
                Configurator.setRootLevel(Level.WARN);
            }
            if (!local) {
                // with a cluster, a driver host name that resolves to the loopback matters: keep Spark's warning
                Configurator.setLevel("org.apache.spark.util.Utils", Level.WARN);
            }
        }
    }
}
