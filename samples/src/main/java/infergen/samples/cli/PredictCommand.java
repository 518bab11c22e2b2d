package infergen.samples.cli;

import infergen.runtime.TrainableNet;
import infergen.runtime.data.Dataset;
import infergen.runtime.data.Datasets;
import infergen.runtime.train.Evaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code infergen predict CHECKPOINT INDEX...}: the network's predictions for given images. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load a checkpoint and print its prediction (the two most probable classes) for the images "
                + "at the given indices of the test (or training) set.")
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A file written by 'infergen train --save'.")
    Path checkpoint;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "INDEX", description = "Image indices, from 0.")
    List<Integer> indices;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test",
            description = "test or train (default ${DEFAULT-VALUE}).")
    EvaluateCommand.Split which;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() throws Exception {
        Checkpoints.Loaded loaded = Checkpoints.load(spec.commandLine(), checkpoint);
        Datasets.Split split = data.load(Integer.MAX_VALUE);
        Dataset set = which == EvaluateCommand.Split.test ? split.test() : split.train();
        for (int i : indices) {
            if (i < 0 || i >= set.count()) {
                throw new ParameterException(spec.commandLine(), "index " + i + " is outside 0.." + (set.count() - 1)
                        + " (the " + which + " set has " + set.count() + " images)");
            }
        }
        TrainableNet net = loaded.net();
        int f = set.features();
        int k = net.outputSize();
        float[] x = new float[f];
        float[] p = new float[k];
        PrintWriter out = spec.commandLine().getOut();
        out.printf("spec:   %s (%s)%n", loaded.entry().name(), loaded.entry().specName());
        out.printf("hyper:  %s%n", Catalogue.formatHyperparameters(loaded.net().hyperparameters()));
        int right = 0;
        for (int i : indices) {
            System.arraycopy(set.images(), i * f, x, 0, f);
            net.predict(x, 1, p);
            int best = Evaluation.argmax(p, 0, k);
            int second = best == 0 ? 1 : 0;
            for (int j = 0; j < k; j++) {
                if (j != best && p[j] > p[second]) {
                    second = j;
                }
            }
            int label = set.labels()[i];
            right += best == label ? 1 : 0;
            out.printf(Locale.ROOT, "%s #%d: label %d %-12s predicted %d %-12s %5.1f%%  (then %d %s %.1f%%)  %s%n",
                    which, i, label, name(label), best, name(best), 100 * p[best], second, name(second),
                    100 * p[second], best == label ? "right" : "WRONG");
        }
        out.printf("%d of %d right%n", right, indices.size());
        out.flush();
        return 0;
    }

    private String name(int label) {
        List<String> classes = data.classes();
        return label < classes.size() ? classes.get(label) : "class " + label;
    }
}
