package infergen.samples.cli;

import infergen.runtime.io.CheckpointException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code infergen} command line: train a compiled spec, evaluate or query a checkpoint, reproduce the paper's
 * Figure 1, and sweep hyperparameters. Run it with {@code bin/infergen}; {@code bin/infergen --help} lists the commands.
 */
@Command(name = "infergen", mixinStandardHelpOptions = true, version = "infergen 0.1.0-SNAPSHOT",
        description = "Train generated networks on Fashion-MNIST and reproduce the paper's experiment.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, ReproduceCommand.class,
                SweepCommand.class, PlotCommand.class, SpecsCommand.class, CommandLine.HelpCommand.class})
public final class InfergenCli {

    static {
        // Charts are drawn off-screen.
        System.setProperty("java.awt.headless", "true");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for {@code main} and tests (set its out/err writers to capture output). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new InfergenCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            java.io.PrintWriter err = c.getErr();
            err.println(c.getColorScheme().errorText(ex.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.printf("Try '%s --help' for more information.%n", c.getCommandSpec().qualifiedName());
            err.flush();
            return c.getCommandSpec().exitCodeOnInvalidInput();
        });
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            Throwable cause = ex instanceof UncheckedIOException u ? u.getCause() : ex;
            if (cause instanceof CheckpointException || cause instanceof IOException
                    || cause instanceof IllegalArgumentException) {
                line.getErr().println(line.getColorScheme().errorText("error: " + message(cause)));
                return 1;
            }
            throw ex;
        });
        return cl;
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        if (t instanceof java.nio.file.NoSuchFileException n) {
            return "no such file: " + n.getFile() + (n.getReason() == null ? "" : " (" + n.getReason() + ")");
        }
        return m == null ? t.toString() : m;
    }
}
