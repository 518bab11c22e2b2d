package infergen.samples.cli;

import infergen.runtime.TrainableNet;
import infergen.runtime.io.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Loads a checkpoint into a new network of the catalogue entry its metadata names. */
final class Checkpoints {

    private Checkpoints() {
    }

    /** A loaded network and the entry it belongs to. */
    record Loaded(Catalogue.Entry entry, TrainableNet net) {
    }

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
        Catalogue.Entry entry = Catalogue.bySpec(specName).orElseThrow(() -> new ParameterException(cl, file
                + " holds a network of spec " + specName + ", which this tool does not ship; it ships: "
                + String.join(", ", Catalogue.entries().stream().map(Catalogue.Entry::specName).toList())));
        TrainableNet net = entry.create(0);
        net.load(file);
        return new Loaded(entry, net);
    }
}
