package infergen.samples.cli;

import infergen.runtime.TrainableNet;
import infergen.runtime.io.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Loads a checkpoint into a new network of the spec its metadata names; the entry that describes it is chosen after
 * loading, by the saved hyperparameters (the paper's Fenchel entries share one spec and differ in β).
 */
final class Checkpoints {

    private Checkpoints() {
    }

    /** A loaded network and the entry it belongs to. */
    record Loaded(Catalogue.Entry entry, TrainableNet net) {
    }

    /** The name prefix of the per-β specs the paper's grid had before β was set at run time. */
    private static final String PER_BETA_SPEC = "infergen.samples.paper.PaperSpecs.PaperFenchelB";

    static Loaded load(CommandLine cl, Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new ParameterException(cl, "checkpoint file " + file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(cl, "checkpoint " + file + " is not a regular file");
        }
        String specName = Checkpoint.read(file).spec();
        if (specName == null) {
            throw new ParameterException(cl, file + " has no " + Checkpoint.SPEC_KEY
                    + " metadata; it was not saved by an infergen network");
        }
        java.util.List<Catalogue.Entry> candidates = Catalogue.bySpec(specName);
        if (candidates.isEmpty()) {
            throw new ParameterException(cl, file + " holds a network of spec " + specName + ", which this tool does "
                    + "not ship; it ships: " + String.join(", ", Catalogue.entries().stream()
                            .map(Catalogue.Entry::specName).distinct().toList())
                    + (specName.startsWith(PER_BETA_SPEC) ? " (the paper's specs with β compiled in, one per β, were "
                            + "replaced by one spec per init with β set at run time; train paper-fenchel-<β>[-neg] "
                            + "again)" : ""));
        }
        TrainableNet net = candidates.get(0).create(0);
        net.load(file); // restores the saved hyperparameters (β among them)
        Catalogue.Entry entry = Catalogue.describe(specName, net).orElseThrow();
        return new Loaded(entry, net);
    }
}
