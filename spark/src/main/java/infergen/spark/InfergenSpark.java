package infergen.spark;

import infergen.samples.cli.SweepBackend;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code infergen-spark sweep ...}: {@code infergen sweep} with its runs executed by Spark ({@link SparkSweep}).
 * Started by {@code bin/infergen-spark} (embedded, {@code --master local[N]}, or a cluster's master as a client), or
 * by {@code spark-submit --class infergen.spark.InfergenSpark}.
 */
public final class InfergenSpark {

    private InfergenSpark() {
    }

    public static void main(String[] args) {
        int rc = commandLine().execute(args);
        System.exit(rc);
    }

    /** The command line: {@code sweep} (and {@code help}), with {@code --master} and {@code --conf}. */
    public static CommandLine commandLine() {
        CommandLine cl = SweepBackend.commandLine("infergen-spark", new SparkSweep());
        cl.getCommandSpec().usageMessage().description("Sweep hyperparameters of the infergen specs with Apache "
                + "Spark: every run is one Spark task; the driver writes the same folders and summary as "
                + "'infergen sweep'.");
        CommandLine sweep = cl.getSubcommands().get("sweep");
        List<String> d = new ArrayList<>();
        for (String line : sweep.getCommandSpec().usageMessage().description()) {
            // the local pool's line (--parallel is not an option here)
            d.add(line.startsWith("Runs go --parallel") ? "Each run is one Spark task: --master local[N] runs N "
                    + "at a time in this JVM, a cluster as many as its executors have cores. Executors read the "
                    + "data themselves and send the run's files back; the driver writes them. Results are bitwise "
                    + "those of 'infergen sweep'." : line);
        }
        sweep.getCommandSpec().usageMessage().description(d.toArray(String[]::new));
        return cl;
    }
}
