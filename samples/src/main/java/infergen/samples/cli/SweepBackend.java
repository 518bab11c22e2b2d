package infergen.samples.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where the runs of {@code infergen sweep} execute. By default in a local thread pool ({@link LocalSweep}); the
 * {@code infergen-spark} module plugs in a backend that runs each as a Spark task. The sweep does everything else the
 * same way for every backend: it checks the arguments, skips the finished runs, prints a line per run and writes the
 * summary; a backend only turns {@link SweepRun}s into run folders.
 */
public interface SweepBackend {

    /**
     * Checks the backend's own options (a picocli mixin: {@link #commandLine} adds the backend's {@code @Option}
     * fields to the sweep command); called before the sweep's own checks, so before any run or cluster starts.
     *
     * @throws CommandLine.ParameterException for a bad option
     */
    default void check(CommandLine commandLine) {
    }

    /** How the {@code todo} runs will execute, for the sweep's header line: {@code 2 at a time}. */
    String describe(int todo);

    /**
     * Executes the runs, none of which is finished. When a run is reported to {@link Listener#finished}, and at the
     * latest when this returns, its folder {@code out/<run>} is complete, {@code done} written last. A run that
     * throws is recorded in its folder and reported, not thrown.
     */
    void execute(List<SweepRun> runs, Path out, Listener listener) throws Exception;

    /** Hears the runs' progress: drives the sweep's progress bar and its line per run. */
    interface Listener {

        /** {@code n} more samples trained (a backend that sees no batches reports a run's samples at its end). */
        void samples(long n);

        /** A run is finished: {@code line} says how ({@code final test error ...} or {@code FAILED: ...}). */
        void finished(SweepRun run, String line, double seconds);
    }

    /**
     * The command line of a tool named {@code name} whose only command is {@code sweep} (and {@code help}), running
     * its runs with {@code backend}: the same options, checks, files and summary as {@code infergen sweep}, plus the
     * backend's options, without {@code --parallel} (the backend decides how many runs execute at a time).
     */
    static CommandLine commandLine(String name, SweepBackend backend) {
        CommandLine root = InfergenCli.commandLine();
        root.setCommandName(name);
        for (String sub : List.copyOf(root.getSubcommands().keySet())) {
            if (!sub.equals("sweep") && !sub.equals("help")) {
                root.getCommandSpec().removeSubcommand(sub);
            }
        }
        CommandLine sweep = root.getSubcommands().get("sweep");
        ((SweepCommand) sweep.getCommand()).backend = backend;
        CommandSpec spec = sweep.getCommandSpec();
        spec.remove(spec.findOption("--parallel"));
        sweep.addMixin("backend", backend);
        return root;
    }
}
