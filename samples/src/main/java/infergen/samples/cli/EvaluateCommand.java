package infergen.samples.cli;

import infergen.runtime.data.Dataset;
import infergen.runtime.data.Datasets;
import infergen.runtime.train.Evaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code infergen evaluate CHECKPOINT}: accuracy and confusion matrix of a saved network. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load a checkpoint (its spec is read from the metadata key infergen.spec) and report the "
                + "accuracy and the confusion matrix on the test (or training) set.")
final class EvaluateCommand implements Callable<Integer> {

    /** Which part of the data to evaluate on. */
    enum Split { test, train }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A file written by 'infergen train --save'.")
    Path checkpoint;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test",
            description = "test or train (default ${DEFAULT-VALUE}).")
    Split which;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50000",
            description = "With --split train: the first N training images (default ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() throws Exception {
        Checkpoints.Loaded loaded = Checkpoints.load(spec.commandLine(), checkpoint);
        Datasets.Split split = data.load(limit);
        Dataset set = which == Split.test ? split.test() : split.train();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("spec:   %s (%s)%n", loaded.entry().name(), loaded.entry().specName());
        out.printf("hyper:  %s%n", Catalogue.formatHyperparameters(loaded.net().hyperparameters()));
        out.printf("data:   %s%n", DataOptions.describe(split));
        int[][] m = Evaluation.confusionMatrix(loaded.net(), set);
        int correct = 0;
        for (int i = 0; i < m.length; i++) {
            correct += m[i][i];
        }
        out.println(accuracyLine(which.name(), correct, set.count()));
        out.println();
        out.print(confusion(m, data.classes()));
        out.flush();
        return 0;
    }

    /** "test accuracy 84.12% (8412/10000), error 15.88%": the line train and evaluate both print. */
    static String accuracyLine(String split, int correct, int n) {
        double acc = (double) correct / n;
        return String.format(Locale.ROOT, "%s accuracy %.2f%% (%d/%d), error %.2f%%", split, 100 * acc, correct, n,
                100 * (1 - acc));
    }

    /** The confusion matrix as a table: rows are labels, columns predictions, with per-class recall. */
    static String confusion(int[][] m, java.util.List<String> classes) {
        StringBuilder sb = new StringBuilder("confusion matrix (rows: true class, columns: predicted class)\n");
        int k = m.length;
        sb.append(String.format("%-14s", ""));
        for (int j = 0; j < k; j++) {
            sb.append(String.format("%6d", j));
        }
        sb.append("  recall\n");
        for (int i = 0; i < k; i++) {
            String name = i < classes.size() ? classes.get(i) : "class";
            sb.append(String.format("%d %-12s", i, name));
            int row = 0;
            for (int j = 0; j < k; j++) {
                sb.append(String.format("%6d", m[i][j]));
                row += m[i][j];
            }
            sb.append(row == 0 ? "       -" : String.format(Locale.ROOT, "  %5.1f%%", 100.0 * m[i][i] / row));
            sb.append('\n');
        }
        return sb.toString();
    }
}
