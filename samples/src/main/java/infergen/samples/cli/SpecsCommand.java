package infergen.samples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code infergen specs}: lists the catalogue. */
@Command(name = "specs", mixinStandardHelpOptions = true,
        description = "List the specs this tool can train. The paper's β grid is one Fenchel spec per init with β set "
                + "at run time; 'train --set NAME=VALUE' changes any hyperparameter.")
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
