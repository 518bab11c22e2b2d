package infergen.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated source of one spec per learning rule and loss, compared character for character with {@code src/test/resources/golden}. Every
 * change to the generated code shows up in review as a change to a golden file. {@code bin/regen-goldens} runs
 * this test with {@code -Dinfergen.updateGoldens=true}, which writes the goldens instead of comparing.
 */
class GoldenFilesTest {

    private static final boolean UPDATE = Boolean.getBoolean("infergen.updateGoldens");

    record Golden(String generated, String source) {
        @Override
        public String toString() {
            return generated;
        }
    }

    static List<Golden> goldens() {
        return List.of(
                // The FashionMlp sample (samples/src/main/java/infergen/samples/FashionMlp.java).
                new Golden("infergen.samples.FashionMlpNet", """
                        package infergen.samples;

                        import static infergen.annotations.Activation.IDENTITY;
                        import static infergen.annotations.Activation.RELU;

                        import infergen.annotations.Adam;
                        import infergen.annotations.Dense;
                        import infergen.annotations.FenchelBackprop;
                        import infergen.annotations.Network;

                        /** The README's example: a one-hidden-layer MLP for Fashion-MNIST trained with Fenchel back-propagation. */
                        @Network(inputs = 784, maxBatch = 50)
                        @Dense(units = 256, activation = RELU)
                        @Dense(units = 10, activation = IDENTITY)
                        @FenchelBackprop(beta = 1e-3f)
                        @Adam(learningRate = 1e-3f)
                        public interface FashionMlp {
                        }
                        """),
                // Three layers, regression, plain back-propagation, SGD with momentum, every init. Not in package
                // "golden": javac would find golden/RegressionMlpNet.java on the test classpath (which doubles as
                // the source path) and rightly report a name clash.
                new Golden("infergen.samples.RegressionMlpNet", """
                        package infergen.samples;

                        import infergen.annotations.*;

                        @Network(inputs = 16, maxBatch = 32, loss = Loss.MEAN_SQUARED_ERROR)
                        @Dense(units = 32, activation = Activation.TANH, init = Init.NEGATIVE_GLOROT_UNIFORM)
                        @Dense(units = 24, activation = Activation.RELU, init = Init.HE_UNIFORM)
                        @Dense(units = 4, activation = Activation.SIGMOID)
                        @Backprop
                        @Sgd(learningRate = 0.05f, momentum = 0.9f)
                        public interface RegressionMlp {
                        }
                        """),
                // One per rule and loss, with the structural switches (fixedPrediction, hardClamp, centered,
                // fenchelOutput) and both optimizers spread over them.
                new Golden("infergen.samples.BpCeNet", """
                        package infergen.samples;

                        import infergen.annotations.*;

                        /** back-propagation, softmax cross-entropy, Adam (fused step). */
                        @Network(inputs = 12, maxBatch = 16)
                        @Dense(units = 10, activation = Activation.RELU)
                        @Dense(units = 8, activation = Activation.HARD_TANH)
                        @Dense(units = 4, activation = Activation.IDENTITY)
                        @Backprop
                        @Adam(learningRate = 1e-3f)
                        public interface BpCe {
                        }
                        """),
                new Golden("infergen.samples.FenchelMseNet", """
                        package infergen.samples;

                        import infergen.annotations.*;

                        /** Fenchel BP, squared error, plain SGD. */
                        @Network(inputs = 12, maxBatch = 16, loss = Loss.MEAN_SQUARED_ERROR)
                        @Dense(units = 10, activation = Activation.TANH)
                        @Dense(units = 4, activation = Activation.SIGMOID)
                        @FenchelBackprop(beta = 0.5f)
                        @Sgd(learningRate = 0.1f)
                        public interface FenchelMse {
                        }
                        """),
                new Golden("infergen.samples.FenchelOutputCeNet", """
                        package infergen.samples;

                        import infergen.annotations.*;

                        /** Fenchel BP with the Fenchel softmax output. */
                        @Network(inputs = 12, maxBatch = 16)
                        @Dense(units = 10, activation = Activation.HARD_SIGMOID)
                        @Dense(units = 4, activation = Activation.IDENTITY)
                        @FenchelBackprop(beta = 2f, fenchelOutput = true)
                        public interface FenchelOutputCe {
                        }
                        """),
                new Golden("infergen.samples.PcnCeNet", """
                        package infergen.samples;

                        import infergen.annotations.*;

                        /** predictive coding, softmax cross-entropy. */
                        @Network(inputs = 12, maxBatch = 16)
                        @Dense(units = 10, activation = Activation.RELU)
                        @Dense(units = 8, activation = Activation.TANH)
                        @Dense(units = 4, activation = Activation.IDENTITY)
                        @PredictiveCoding(beta = 0.1f, steps = 20, rate = 0.05f)
                        public interface PcnCe {
                        }
                        """),
                new Golden("infergen.samples.PcnFpaMseNet", """
                        package infergen.samples;

                        import infergen.annotations.*;

                        /** predictive coding with fixed predictions, squared error. */
                        @Network(inputs = 12, maxBatch = 16, loss = Loss.MEAN_SQUARED_ERROR)
                        @Dense(units = 10, activation = Activation.RELU)
                        @Dense(units = 4, activation = Activation.SIGMOID)
                        @PredictiveCoding(beta = 1f, steps = 3, rate = 1f, fixedPrediction = true)
                        public interface PcnFpaMse {
                        }
                        """),
                new Golden("infergen.samples.MacCeNet", """
                        package infergen.samples;

                        import infergen.annotations.*;

                        /** method of auxiliary coordinates, softmax cross-entropy. */
                        @Network(inputs = 12, maxBatch = 16)
                        @Dense(units = 10, activation = Activation.SIGMOID)
                        @Dense(units = 8, activation = Activation.RELU)
                        @Dense(units = 4, activation = Activation.IDENTITY)
                        @AuxiliaryCoordinates(mu = 10f, steps = 20, rate = 0.05f)
                        public interface MacCe {
                        }
                        """),
                new Golden("infergen.samples.MacMseNet", """
                        package infergen.samples;

                        import infergen.annotations.*;

                        /** method of auxiliary coordinates, squared error. */
                        @Network(inputs = 12, maxBatch = 16, loss = Loss.MEAN_SQUARED_ERROR)
                        @Dense(units = 10, activation = Activation.HARD_TANH)
                        @Dense(units = 4, activation = Activation.IDENTITY)
                        @AuxiliaryCoordinates(mu = 100f, steps = 10, rate = 0.5f)
                        public interface MacMse {
                        }
                        """),
                new Golden("infergen.samples.LpomCeNet", """
                        package infergen.samples;

                        import infergen.annotations.*;

                        /** LPOM, softmax cross-entropy. */
                        @Network(inputs = 12, maxBatch = 16)
                        @Dense(units = 10, activation = Activation.RELU)
                        @Dense(units = 8, activation = Activation.HARD_SIGMOID)
                        @Dense(units = 4, activation = Activation.IDENTITY)
                        @LiftedProximal(beta = 0.1f, sweeps = 5, innerSteps = 5)
                        public interface LpomCe {
                        }
                        """),
                new Golden("infergen.samples.LpomMseNet", """
                        package infergen.samples;

                        import infergen.annotations.*;

                        /** LPOM, squared error. */
                        @Network(inputs = 12, maxBatch = 16, loss = Loss.MEAN_SQUARED_ERROR)
                        @Dense(units = 10, activation = Activation.HARD_TANH)
                        @Dense(units = 4, activation = Activation.RELU)
                        @LiftedProximal(beta = 1f, sweeps = 3, innerSteps = 4)
                        public interface LpomMse {
                        }
                        """),
                new Golden("infergen.samples.ChlCeNet", """
                        package infergen.samples;

                        import infergen.annotations.*;

                        /** CHL, softmax cross-entropy. */
                        @Network(inputs = 12, maxBatch = 16)
                        @Dense(units = 10, activation = Activation.SIGMOID)
                        @Dense(units = 8, activation = Activation.RELU)
                        @Dense(units = 4, activation = Activation.IDENTITY)
                        @ContrastiveHebbian(gamma = 0.01f, beta = 0.01f, steps = 5)
                        public interface ChlCe {
                        }
                        """),
                new Golden("infergen.samples.ChlHardMseNet", """
                        package infergen.samples;

                        import infergen.annotations.*;

                        /** CHL with the hard clamp, squared error. */
                        @Network(inputs = 12, maxBatch = 16, loss = Loss.MEAN_SQUARED_ERROR)
                        @Dense(units = 10, activation = Activation.TANH)
                        @Dense(units = 4, activation = Activation.IDENTITY)
                        @ContrastiveHebbian(gamma = 0.1f, steps = 8, hardClamp = true)
                        public interface ChlHardMse {
                        }
                        """),
                new Golden("infergen.samples.ConvexChlCeNet", """
                        package infergen.samples;

                        import infergen.annotations.*;

                        /** convex CHL, softmax cross-entropy. */
                        @Network(inputs = 12, maxBatch = 16)
                        @Dense(units = 10, activation = Activation.RELU)
                        @Dense(units = 8, activation = Activation.HARD_TANH)
                        @Dense(units = 4, activation = Activation.IDENTITY)
                        @ConvexContrastiveHebbian(gamma = 0.01f, beta = 0.01f, steps = 5)
                        public interface ConvexChlCe {
                        }
                        """),
                new Golden("infergen.samples.ConvexChlMseNet", """
                        package infergen.samples;

                        import infergen.annotations.*;

                        /** convex CHL, squared error. */
                        @Network(inputs = 12, maxBatch = 16, loss = Loss.MEAN_SQUARED_ERROR)
                        @Dense(units = 10, activation = Activation.HARD_SIGMOID)
                        @Dense(units = 4, activation = Activation.RELU)
                        @ConvexContrastiveHebbian(gamma = 0.5f, beta = 0.5f, steps = 10)
                        public interface ConvexChlMse {
                        }
                        """),
                new Golden("infergen.samples.EqPropCenteredCeNet", """
                        package infergen.samples;

                        import infergen.annotations.*;

                        /** equilibrium propagation, centred, softmax cross-entropy. */
                        @Network(inputs = 12, maxBatch = 16)
                        @Dense(units = 10, activation = Activation.SIGMOID)
                        @Dense(units = 4, activation = Activation.IDENTITY)
                        @EquilibriumPropagation(beta = 0.2f, freeSteps = 20, nudgedSteps = 5, centered = true)
                        public interface EqPropCenteredCe {
                        }
                        """),
                new Golden("infergen.samples.EqPropMseNet", """
                        package infergen.samples;

                        import infergen.annotations.*;

                        /** equilibrium propagation, squared error. */
                        @Network(inputs = 12, maxBatch = 16, loss = Loss.MEAN_SQUARED_ERROR)
                        @Dense(units = 10, activation = Activation.HARD_SIGMOID)
                        @Dense(units = 8, activation = Activation.TANH)
                        @Dense(units = 4, activation = Activation.SIGMOID)
                        @EquilibriumPropagation(beta = 0.5f, freeSteps = 15, nudgedSteps = 4)
                        public interface EqPropMse {
                        }
                        """),                // Conv layers (issue #11): BP with Adam (the fused sweep through conv layers), Fenchel BP with SGD
                new Golden("infergen.samples.ConvBpCeNet", """
                        package infergen.samples;

                        import infergen.annotations.*;

                        /** conv layers, back-propagation, softmax cross-entropy, Adam. */
                        @Network(inputShape = {1, 12, 12}, maxBatch = 8)
                        @Conv2d(filters = 4, kernel = 3, padding = 1, pool = Pool.MAX)
                        @Conv2d(filters = 6, kernel = 3, stride = 2, activation = Activation.TANH, pool = Pool.AVERAGE)
                        @Dense(units = 10)
                        @Dense(units = 3, activation = Activation.IDENTITY)
                        public interface ConvBpCe {
                        }
                        """),
                new Golden("infergen.samples.ConvFenchelMseNet", """
                        package infergen.samples;

                        import infergen.annotations.*;

                        /** a conv layer, Fenchel BP, squared error, SGD with momentum. */
                        @Network(inputShape = {2, 8, 8}, maxBatch = 8, loss = Loss.MEAN_SQUARED_ERROR)
                        @Conv2d(filters = 3, kernel = 3, activation = Activation.HARD_SIGMOID)
                        @Dense(units = 2, activation = Activation.SIGMOID)
                        @FenchelBackprop(beta = 0.5f)
                        @Sgd(learningRate = 0.05f, momentum = 0.9f)
                        public interface ConvFenchelMse {
                        }
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void generatedSourceIsTheGolden(Golden golden) throws IOException {
        Compilation c = Compile.compile(golden.source());
        assertThat(c).succeededWithoutWarnings();
        JavaFileObject file = c.generatedSourceFile(golden.generated())
                .orElseThrow(() -> new AssertionError("no " + golden.generated()));
        String actual = file.getCharContent(true).toString();
        String name = golden.generated().substring(golden.generated().lastIndexOf('.') + 1) + ".java";
        if (UPDATE) {
            Path target = moduleDir().resolve("src/test/resources/golden").resolve(name);
            Files.createDirectories(target.getParent());
            Files.writeString(target, actual, StandardCharsets.UTF_8);
            System.out.println("wrote " + target);
            return;
        }
        String expected;
        try (InputStream in = GoldenFilesTest.class.getResourceAsStream("/golden/" + name)) {
            assertNotNull(in, "no golden file golden/" + name + "; run bin/regen-goldens");
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!expected.equals(actual)) {
            fail(firstDifference(name, expected, actual));
        }
        assertEquals(expected, actual);
    }

    /**
     * The plan allocates only buffers that emitted code uses: every {@code float[]} field of every golden is named
     * again after its declaration (an unused role in {@code BufferLayout} fails here).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void everyBufferIsUsed(Golden golden) {
        Compilation c = Compile.compile(golden.source());
        String source = Compile.generatedSource(c, golden.generated());
        java.util.regex.Matcher field = java.util.regex.Pattern
                .compile("private final float\\[\\] (\\w+) = new float").matcher(source);
        List<String> unused = new java.util.ArrayList<>();
        int buffers = 0;
        while (field.find()) {
            buffers++;
            String name = field.group(1);
            String rest = source.substring(0, field.start()) + source.substring(field.end());
            java.util.regex.Matcher use = java.util.regex.Pattern.compile("\\b" + name + "\\b").matcher(rest);
            int uses = 0;
            while (use.find()) {
                uses++;
            }
            if (uses == 0) {
                unused.add(name);
            }
        }
        assertTrue(buffers > 10, "buffers found: " + buffers);
        assertEquals(List.of(), unused, "buffers never used in " + golden.generated());
    }

    private static Path moduleDir() {
        String basedir = System.getProperty("basedir");
        return Path.of(basedir != null ? basedir : "").toAbsolutePath();
    }

    private static String firstDifference(String name, String expected, String actual) {
        List<String> e = expected.lines().toList();
        List<String> a = actual.lines().toList();
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            String el = i < e.size() ? e.get(i) : "<end of file>";
            String al = i < a.size() ? a.get(i) : "<end of file>";
            if (!el.equals(al)) {
                return "generated " + name + " differs from golden/" + name + " at line " + (i + 1)
                        + "\n  golden:    " + el + "\n  generated: " + al
                        + "\nIf the change is intended, run bin/regen-goldens and review the diff.";
            }
        }
        return "generated " + name + " differs from golden/" + name + " in line endings or the final newline";
    }
}
