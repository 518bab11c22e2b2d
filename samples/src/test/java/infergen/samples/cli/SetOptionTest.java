package infergen.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.runtime.TrainableNet;
import infergen.runtime.io.Checkpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code train --set NAME=VALUE}: applied to the network before training, recorded, and its errors (exit code 2). */
class SetOptionTest {

    @TempDir
    Path dir;

    private static final String[] SMALL = {"--embedded", "--epochs", "1", "--limit", "100", "--test-limit", "50",
        "--no-progress"};

    private static InfergenCliTest.Result train(String spec, String... more) {
        String[] args = new String[2 + SMALL.length + more.length];
        args[0] = "train";
        args[1] = spec;
        System.arraycopy(SMALL, 0, args, 2, SMALL.length);
        System.arraycopy(more, 0, args, 2 + SMALL.length, more.length);
        return InfergenCliTest.run(args);
    }

    private static String hyperLine(String out) {
        return out.lines().filter(l -> l.startsWith("hyper:")).findFirst().orElseThrow(() -> new AssertionError(out));
    }

    @Test
    void parsedSettingsAreAppliedToTheNetworkInOrder() {
        CommandLine cl = InfergenCli.commandLine();
        TrainableNet net = Catalogue.byName("paper-fenchel-1e-4").orElseThrow().create(1);
        TrainCommand.applySettings(cl, net, TrainCommand.parseSettings(cl,
                List.of("beta=3", "learningRate=3e-4", "epsilon=1e-7", "beta=5")));
        Map<String, Number> hp = net.hyperparameters();
        assertEquals(List.of("beta", "learningRate", "beta1", "beta2", "epsilon"), List.copyOf(hp.keySet()));
        assertEquals(5f, hp.get("beta"), "the last --set of a name wins");
        assertEquals(3e-4f, hp.get("learningRate"));
        assertEquals(1e-7f, hp.get("epsilon"));
        assertEquals(0.9f, hp.get("beta1"), "untouched names keep the spec's value");

        TrainableNet pcn = Catalogue.byName("rules-pcn").orElseThrow().create(1);
        TrainCommand.applySettings(cl, pcn, TrainCommand.parseSettings(cl, List.of("steps=7")));
        assertEquals(7, pcn.hyperparameters().get("steps"), "an int hyperparameter takes a whole number");
    }

    @Test
    void trainPrintsTheEffectiveHyperparametersAndTheCheckpointRecordsThem() throws Exception {
        Path file = dir.resolve("set.safetensors");
        InfergenCliTest.Result r = train("paper-fenchel-1e-4", "--set", "beta=3", "--set", "learningRate=3e-4",
                "--save", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("hyper:  beta=3, learningRate=3e-4, beta1=0.9, beta2=0.999, epsilon=1e-8", hyperLine(r.out()));
        Checkpoint.Reader saved = Checkpoint.read(file);
        assertEquals("3.0", saved.metadata().get(Checkpoint.HYPERPARAMETER + "beta"), saved.metadata().toString());
        TrainableNet loaded = Catalogue.byName("paper-fenchel-1e-4").orElseThrow().create(0);
        loaded.load(file);
        assertEquals(3f, loaded.hyperparameters().get("beta"));
        assertEquals(3e-4f, loaded.hyperparameters().get("learningRate"));

        InfergenCliTest.Result plain = train("paper-bp");
        assertEquals(0, plain.exit(), plain.err());
        assertEquals("hyper:  learningRate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8", hyperLine(plain.out()));
    }

    @Test
    void setBetaOnAGridEntryTrainsLikeTheEntryOfThatBeta() {
        InfergenCliTest.Result viaSet = train("paper-fenchel-1e-4", "--set", "beta=100");
        InfergenCliTest.Result viaEntry = train("paper-fenchel-100");
        assertEquals(0, viaSet.exit(), viaSet.err());
        assertEquals(hyperLine(viaEntry.out()), hyperLine(viaSet.out()));
        assertEquals(result(viaEntry.out()), result(viaSet.out()));
    }

    private static List<String> result(String out) {
        return out.lines().filter(l -> l.startsWith("epoch 1/1") || l.startsWith("test accuracy"))
                .map(l -> l.replaceAll("\\(.*samples/s\\)", "")).toList();
    }

    @Test
    void anUnknownNameListsTheValidOnesBeforeTraining() {
        InfergenCliTest.Result r = train("paper-fenchel-3", "--set", "bta=3");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("--set bta=3: unknown hyperparameter \"bta\"; this network has beta, "
                + "learningRate, beta1, beta2, epsilon"), r.err());
        assertTrue(r.err().contains("Try 'infergen train --help'"), r.err());
        assertFalse(r.out().contains("epoch"), "nothing trained: " + r.out());

        InfergenCliTest.Result bp = train("paper-bp", "--set", "beta=3");
        assertEquals(2, bp.exit());
        assertTrue(bp.err().contains("unknown hyperparameter \"beta\"; this network has learningRate, beta1, "
                + "beta2, epsilon"), bp.err());
    }

    @Test
    void aValueTheNetworkRejectsIsAnErrorBeforeTraining() {
        InfergenCliTest.Result negative = train("paper-fenchel-3", "--set", "beta=-1");
        assertEquals(2, negative.exit(), negative.out() + negative.err());
        assertTrue(negative.err().contains("--set beta=-1: [infergen:beta] beta must be > 0"), negative.err());
        assertFalse(negative.out().contains("epoch"), negative.out());

        InfergenCliTest.Result fraction = train("rules-pcn", "--set", "steps=2.5");
        assertEquals(2, fraction.exit());
        assertTrue(fraction.err().contains("--set steps=2.5: steps takes a whole number"), fraction.err());

        InfergenCliTest.Result unit = train("paper-bp", "--set", "beta1=1");
        assertEquals(2, unit.exit());
        assertTrue(unit.err().contains("--set beta1=1: [infergen:unit-interval] beta1 must be in [0, 1)"),
                unit.err());
    }

    @Test
    void aMalformedSetIsAnError() {
        InfergenCliTest.Result noEquals = train("paper-fenchel-3", "--set", "beta");
        assertEquals(2, noEquals.exit());
        assertTrue(noEquals.err().contains("--set beta: expected NAME=VALUE, e.g. --set beta=3"), noEquals.err());

        InfergenCliTest.Result noName = train("paper-fenchel-3", "--set", "=3");
        assertEquals(2, noName.exit());
        assertTrue(noName.err().contains("--set =3: expected NAME=VALUE"), noName.err());

        for (String bad : List.of("beta=abc", "beta=", "beta=3f", "beta=0x10", "beta=NaN")) {
            InfergenCliTest.Result r = train("paper-fenchel-3", "--set", bad);
            assertEquals(2, r.exit(), bad);
            assertTrue(r.err().contains("--set " + bad + ": '" + bad.substring(5) + "' is not a number"), r.err());
            assertFalse(r.out().contains("epoch"), r.out());
        }
    }
}
