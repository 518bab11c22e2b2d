package infergen.samples.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import infergen.runtime.TrainableNet;
import infergen.runtime.data.Dataset;
import infergen.runtime.data.Datasets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint of the conv-bp CNN loads into PyTorch's {@code nn.Conv2d} / {@code nn.Linear} as it is, and PyTorch
 * predicts what the generated class predicts: {@code load_cnn.py} (the code docs/conv.md shows) against
 * {@code predict}. Skipped where {@code /usr/bin/python3} has no PyTorch.
 */
class PyTorchLoadingTest {

    private static final String PYTHON = "/usr/bin/python3";

    @Test
    void pyTorchPredictsWhatTheGeneratedNetPredicts(@TempDir Path dir) throws Exception {
        assumeTrue(run(List.of(PYTHON, "-c", "import torch, numpy")) != null, "no PyTorch in " + PYTHON);
        Datasets.Split data = Datasets.embeddedFashionMnist();
        TrainableNet net = new ConvBpNet(5);
        Dataset train = data.train();
        for (int step = 0; step < 3; step++) {
            // a few steps, so that the biases are not zero and the weights not the initial ones
            net.trainStep(Arrays.copyOfRange(train.images(), step * 64 * 784, (step + 1) * 64 * 784),
                    Arrays.copyOfRange(train.labels(), step * 64, (step + 1) * 64), 64);
        }
        Path checkpoint = dir.resolve("conv-bp.safetensors");
        net.save(checkpoint);
        int n = 8;
        float[] x = Arrays.copyOf(data.test().images(), n * 784);
        ByteBuffer bytes = ByteBuffer.allocate(x.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(x);
        Path images = dir.resolve("images.f32");
        Files.write(images, bytes.array());
        Path script = dir.resolve("load_cnn.py");
        try (var in = PyTorchLoadingTest.class.getResourceAsStream("/pytorch/load_cnn.py")) {
            Files.write(script, in.readAllBytes());
        }
        String out = run(List.of(PYTHON, script.toString(), checkpoint.toString(), images.toString(),
                Integer.toString(n)));
        assertEquals(true, out != null, "the script failed");
        float[] ours = new float[n * 10];
        net.predict(x, n, ours);
        List<String> rows = out.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(n, rows.size(), out);
        for (int r = 0; r < n; r++) {
            String[] cols = rows.get(r).trim().split(" ");
            for (int j = 0; j < 10; j++) {
                assertEquals(ours[r * 10 + j], Double.parseDouble(cols[j]), 1e-5, "image " + r + ", class " + j);
            }
        }
    }

    /** The command's output, or null if it failed. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(command.get(0)))) {
            return null;
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return null;
        }
        if (p.exitValue() != 0) {
            System.out.println(out);
            return null;
        }
        return out;
    }
}
