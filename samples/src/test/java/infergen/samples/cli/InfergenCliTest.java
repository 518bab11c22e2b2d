package infergen.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.runtime.TrainableNet;
import infergen.runtime.io.Checkpoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line end to end: train → checkpoint → evaluate/predict, and picocli's errors for bad arguments. */
class InfergenCliTest {

    private static final Pattern ACCURACY = Pattern.compile("test accuracy (\\S+)% \\((\\d+)/(\\d+)\\)");

    @TempDir
    Path dir;

    /** What one invocation printed and returned. */
    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        CommandLine cl = InfergenCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static List<String> accuracy(String text) {
        Matcher m = ACCURACY.matcher(text);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1) + " " + m.group(2) + "/" + m.group(3));
        }
        return found;
    }

    @Test
    void trainWritesACheckpointThatEvaluateReadsWithTheSameAccuracy() throws Exception {
        Path file = dir.resolve("nets/bp.safetensors");
        Result train = run("train", "paper-bp", "--embedded", "--epochs", "1", "--limit", "500", "--test-limit",
                "300", "--save", file.toString());
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("epoch 1/1: train loss"), train.out());
        assertTrue(train.out().contains("fixed order"), train.out());
        assertTrue(Files.size(file) > 200_000 * 4, "checkpoint holds the parameters");
        assertEquals("infergen.samples.paper.PaperSpecs.PaperBp", Checkpoint.read(file).spec());
        List<String> trained = accuracy(train.out());
        assertEquals(1, trained.size(), train.out());
        assertTrue(trained.get(0).endsWith("/300"), trained.get(0));

        Result eval = run("evaluate", file.toString(), "--embedded", "--test-limit", "300");
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(eval.out().contains("spec:   paper-bp"), eval.out());
        assertEquals(trained, accuracy(eval.out()), "evaluate reports what train reported");
        // The confusion matrix: ten rows whose counts add up to the 300 test images.
        int total = 0;
        for (String line : eval.out().split("\n")) {
            if (line.matches("\\d \\S.*%")) {
                String[] cells = line.substring(14).trim().split("\\s+");
                for (int j = 0; j < 10; j++) {
                    total += Integer.parseInt(cells[j]);
                }
            }
        }
        assertEquals(300, total, eval.out());

        Result predict = run("predict", file.toString(), "0", "1", "7", "--embedded");
        assertEquals(0, predict.exit(), predict.err());
        assertTrue(predict.out().contains("test #0: label 9 Ankle boot"), predict.out());
        assertTrue(predict.out().contains(" of 3 right"), predict.out());
    }

    @Test
    void aConvNetTrainsEvaluatesAndPredictsThroughTheSameCommands() throws Exception {
        Path file = dir.resolve("cnn.safetensors");
        Result train = run("train", "conv-bp", "--embedded", "--batch", "64", "--epochs", "2", "--limit", "640",
                "--test-limit", "200", "--shuffle", "--lr-schedule", "cosine", "--save", file.toString());
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("learning rate cosine over 2 epochs"), train.out());
        assertEquals("infergen.samples.conv.ConvSpecs.ConvBp", Checkpoint.read(file).spec());
        List<String> trained = accuracy(train.out());
        assertEquals(1, trained.size(), train.out());

        Result eval = run("evaluate", file.toString(), "--embedded", "--test-limit", "200");
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(eval.out().contains("spec:   conv-bp"), eval.out());
        // the checkpoint holds the learning rate of the last epoch: cosine's (1 + cos(π/2)) / 2 = 1/2 of 1e-3
        assertTrue(eval.out().contains("learningRate=5e-4"), eval.out());
        assertEquals(trained, accuracy(eval.out()), "evaluate reports what train reported");
        assertEquals(10, eval.out().lines().filter(l -> l.matches("\\d \\S.*%")).count(), eval.out());

        Result predict = run("predict", file.toString(), "0", "1", "7", "--embedded");
        assertEquals(0, predict.exit(), predict.err());
        assertTrue(predict.out().contains("test #0: label 9 Ankle boot"), predict.out());
    }

    @Test
    void trainingIsDeterministicAndTheSeedMatters() {
        String[] base = {"train", "paper-fenchel-1e-4", "--embedded", "--epochs", "1", "--limit", "300",
                "--test-limit", "200"};
        Result a = run(base);
        Result b = run(base);
        String[] other = Arrays.copyOf(base, base.length + 2);
        other[base.length] = "--seed";
        other[base.length + 1] = "7";
        Result c = run(other);
        assertEquals(0, a.exit(), a.err());
        assertEquals(lossLine(a.out()), lossLine(b.out()));
        assertFalse(lossLine(a.out()).equals(lossLine(c.out())), "a different seed gives a different run");
    }

    private static String lossLine(String out) {
        return Arrays.stream(out.split("\n")).filter(l -> l.startsWith("epoch 1/1")).findFirst().orElseThrow()
                .replaceAll("\\(.*samples/s\\)", "");
    }

    @Test
    void unknownSpecListsTheValidNames() {
        Result r = run("train", "paper-nope", "--embedded");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown spec 'paper-nope'"), r.err());
        for (String name : Catalogue.names()) {
            assertTrue(r.err().contains(name), name + " is listed: " + r.err());
        }
    }

    @Test
    void batchAboveMaxBatchIsRejected() {
        Result r = run("train", "paper-bp", "--embedded", "--batch", "51");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--batch 51 is outside 1..50"), r.err());
        assertTrue(r.err().contains("maxBatch 50"), r.err());
    }

    @Test
    void missingCheckpointIsAClearError() {
        Path missing = dir.resolve("missing.safetensors");
        for (String command : new String[] {"evaluate", "predict"}) {
            Result r = command.equals("evaluate") ? run(command, missing.toString(), "--embedded")
                    : run(command, missing.toString(), "0", "--embedded");
            assertEquals(2, r.exit(), command);
            assertTrue(r.err().contains("checkpoint file " + missing + " does not exist"), r.err());
        }
    }

    @Test
    void otherBadArgumentsAreNamed() {
        Result noSpec = run("train");
        assertEquals(2, noSpec.exit());
        assertTrue(noSpec.err().contains("Missing required parameter: 'SPEC'"), noSpec.err());

        Result both = run("train", "paper-bp", "--embedded", "--data", dir.toString());
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("mutually exclusive"), both.err());

        Result notDir = run("train", "paper-bp", "--data", dir.resolve("nothing").toString());
        assertEquals(2, notDir.exit());
        assertTrue(notDir.err().contains("is not a directory"), notDir.err());

        Result beta = run("reproduce", "figure1", "--embedded", "--betas", "0.5,-2");
        assertEquals(2, beta.exit());
        assertTrue(beta.err().contains("--betas -2: [infergen:beta] beta must be > 0"), beta.err());

        Result typo = run("trian", "paper-bp");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().contains("Did you mean"), typo.err());
    }

    @Test
    void aCheckpointOfAnotherSpecLoadsIntoItsOwnEntry() throws Exception {
        // evaluate picks the catalogue entry from the file's infergen.spec, not from a name the user gives.
        Catalogue.Entry neg = Catalogue.byName("paper-fenchel-100-neg").orElseThrow();
        TrainableNet net = neg.create(3);
        Path file = dir.resolve("neg.safetensors");
        net.save(file);
        Result eval = run("evaluate", file.toString(), "--embedded", "--test-limit", "100");
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(eval.out().contains("spec:   paper-fenchel-100-neg"), eval.out());
        // The negative init with zero biases makes every hidden unit dead: one class for every image.
        assertTrue(eval.out().contains("test accuracy"), eval.out());
    }

    @Test
    void catalogueNamesAndSpecsAreConsistent() {
        for (Catalogue.Entry e : Catalogue.entries()) {
            assertTrue(Catalogue.bySpec(e.specName()).contains(e), e.name());
            TrainableNet net = e.create(1);
            assertEquals(e, Catalogue.describe(e.specName(), net).orElseThrow(), e.name());
            if (e.paper()) {
                assertEquals(50, net.maxBatch(), e.name());
                assertEquals(4, net.layerCount(), e.name());
                float[] w0 = net.weights(0);
                boolean allNonPositive = true;
                for (float w : w0) {
                    allNonPositive &= w <= 0;
                }
                assertEquals(e.init() == Catalogue.Init.NEGATIVE, allNonPositive, e.name() + " init of layer 0");
            }
        }
        assertEquals("paper-fenchel-1e-4", Catalogue.byName("paper-fenchel-1e-4").orElseThrow().name());
        assertEquals(List.of(1e-4, 1e-2, 0.1, 1.0, 2.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0), Catalogue.paperBetas());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"rules-pcn", "rules-mac", "rules-lpom", "rules-chl",
        "rules-convex-chl", "rules-eqprop"})
    void everyLearningRuleTrainsFromTheCommandLine(String spec) {
        Result r = run("train", spec, "--embedded", "--epochs", "1", "--limit", "200", "--test-limit", "100");
        assertEquals(0, r.exit(), r.out() + r.err());
        List<String> acc = accuracy(r.out());
        assertEquals(1, acc.size(), r.out());
        assertTrue(Double.parseDouble(acc.get(0).split(" ")[0]) > 20.0, spec + " beats chance: " + r.out());
    }
}
