package infergen.samples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code infergen specs}: lists the catalogue. */
@Command(name = "specs", mixinStandardHelpOptions = true,
        description = "List the compiled specs this tool can train (one spec per β: β is compiled in).")
final class SpecsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int width = Catalogue.names().stream().mapToInt(String::length).max().orElse(10);
        for (Catalogue.Entry e : Catalogue.entries()) {
            out.printf("%-" + width + "s  %s%n", e.name(), e.description());
        }
        out.flush();
        return 0;
    }
}
