package infergen.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
 * The generated source of two specs, compared character for character with {@code src/test/resources/golden}. Every
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
