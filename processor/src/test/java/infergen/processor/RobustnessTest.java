package infergen.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A bad spec reports every problem at once and does not stop its neighbours; javac's own errors do not crash us. */
class RobustnessTest {

    @Test
    void everyProblemOfABadSpecInOneCompilation() {
        String source = """
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4)
                @Dense(units = 0, activation = Activation.IDENTITY)
                @FenchelBackprop(beta = -1f)
                @Adam
                @Sgd(learningRate = 0.1f)
                interface Bad {}
                @Network(inputs = 4)
                @Dense(units = 3, activation = Activation.IDENTITY)
                interface Good {}
                """;
        Compilation c = Compile.compile(source);
        assertThat(c).failed();
        assertThat(c).hadErrorCount(3);
        assertThat(c).hadErrorContaining("[infergen:not-positive] units of layer 0 must be > 0, got 0").inFile(
                file(c)).onLine(4).atColumn(16);
        assertThat(c).hadErrorContaining("[infergen:beta] beta must be > 0 and finite, got -1.0").inFile(file(c))
                .onLine(5).atColumn(25);
        assertThat(c).hadErrorContaining("[infergen:two-optimizers] a spec takes at most one optimizer, found @Adam"
                + " and @Sgd").inFile(file(c)).onLine(7).atColumn(1);
        assertFalse(c.diagnostics().stream().anyMatch(d -> d.getMessage(null).contains("infergen:internal")));
    }

    /**
     * javac stops after the round in which a processor reported an error, and compile-testing hides the generated
     * files of a failed compilation, so this one runs javac itself with real output directories.
     */
    @Test
    void theGoodNeighbourIsGeneratedInTheSameCompilation(@TempDir Path out) throws IOException {
        List<Diagnostic<? extends JavaFileObject>> diagnostics = Compile.toDirectory(out, """
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4)
                @Dense(units = 0, activation = Activation.IDENTITY)
                interface Bad {}
                """, """
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4)
                @Dense(units = 3, activation = Activation.IDENTITY)
                interface Good {}
                """);
        List<String> errors = diagnostics.stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).map(d -> d.getMessage(null)).toList();
        assertEquals(List.of("[infergen:not-positive] units of layer 0 must be > 0, got 0 (it is a size)"), errors);
        assertTrue(Files.isRegularFile(out.resolve("t/GoodNet.java")), "GoodNet.java generated");
        assertFalse(Files.exists(out.resolve("t/BadNet.java")), "no BadNet.java");
    }

    /** Values javac itself rejects: javac reports them; the processor must neither throw nor add "internal". */
    @ParameterizedTest
    @ValueSource(strings = {
        "@Network(inputs = 4) @Dense(units = \"x\", activation = Activation.IDENTITY)",
        "@Network(inputs = \"x\") @Dense(units = 3, activation = Activation.IDENTITY)",
        "@Network(inputs = 4, loss = Activation.RELU) @Dense(units = 3, activation = Activation.IDENTITY)",
        "@Network(inputs = 4) @Dense(units = 3, activation = Activation.NOPE)",
        "@Network(inputs = 4) @Dense(units = 3, activation = Activation.IDENTITY) @FenchelBackprop(beta = \"x\")",
        "@Network(inputs = 4) @Dense(units = 3, activation = Activation.IDENTITY) @Sgd",
        "@Network(inputs = 4) @Dense(units = 3, activation = Activation.IDENTITY) @Adam(learningRate = true)",
        "@Network(inputs = 4, name = 7) @Dense(units = 3, activation = Activation.IDENTITY)",
        "@Network(inputs = 4, maxBatch = Integer.MAX_VALUE + 1L) @Dense(units = 3, activation = Activation.IDENTITY)",
        "@Network(inputs = 4) @Dense(units = 3, init = Missing.X)",
        "@Network(inputShape = {\"x\"}) @Dense(units = 3, activation = Activation.IDENTITY)",
    })
    void javacErrorsDoNotCrashTheProcessor(String annotations) {
        Compilation c = Compile.compile("""
                package t;
                import infergen.annotations.*;
                %s
                interface Spec {}
                """.formatted(annotations));
        assertThat(c).failed();
        for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
            String message = d.getMessage(null);
            assertFalse(message.contains("infergen:internal") || message.contains("Exception"), message);
        }
        assertTrue(c.errors().stream().anyMatch(d -> !d.getMessage(null).startsWith("[infergen:")),
                "javac reports the value itself");
    }

    private static JavaFileObject file(Compilation c) {
        return c.errors().get(0).getSource();
    }

    /**
     * A finite input whose squared error overflows float (issue #15): the loss was checked as a double sum and then
     * narrowed to float; the mean is now checked after narrowing, so the step throws and changes nothing.
     */
    @Test
    void aLossThatOverflowsFloatThrowsAndChangesNothing() {
        Compilation c = Compile.compile("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 3, maxBatch = 2, loss = Loss.MEAN_SQUARED_ERROR)
                @Dense(units = 2, activation = Activation.IDENTITY)
                interface Big {}
                """);
        assertThat(c).succeededWithoutWarnings();
        infergen.runtime.RegressionNet net = (infergen.runtime.RegressionNet) Compile.newNet(c, "t.BigNet", 3L);
        float[] weights = net.weights(0).clone();
        float[] x = {1e30f, 1e30f, 1e30f, -1e30f, 1e30f, 1e30f};
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> net.trainStep(x, new float[4], 2));
        assertTrue(e.getMessage().startsWith("the batch loss is Infinity; the parameters were left unchanged"),
                e.getMessage());
        org.junit.jupiter.api.Assertions.assertArrayEquals(weights, net.weights(0));
    }

    /**
     * A finite batch with a finite loss whose gradient overflows float (issue #15): two inputs of 3e38 that cancel in
     * the forward pass but not in the weight gradient. Unchecked, the step writes non-finite weights; with the
     * gradient checks on, it throws naming layer 0 and changes nothing, for a fused rule (BP with Adam) and an
     * unfused one (PCN with SGD) alike.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"@Backprop @Adam(learningRate = 0.1f)",
        "@PredictiveCoding(beta = 0.5f, steps = 3, rate = 0.5f) @Sgd(learningRate = 0.1f)"})
    void gradientChecksStopAnOverflowingGradientBeforeTheUpdate(String rule) {
        Compilation c = Compile.compile("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 2, maxBatch = 4, loss = Loss.MEAN_SQUARED_ERROR)
                @Dense(units = 2, activation = Activation.SIGMOID)
                @Dense(units = 1, activation = Activation.IDENTITY)
                %s
                interface Huge {}
                """.formatted(rule));
        assertThat(c).succeededWithoutWarnings();
        float[] x = {3e38f, 3e38f, 3e38f, 3e38f, 3e38f, 3e38f, 3e38f, 3e38f};
        float[] y = {100f, 100f, 100f, 100f};

        infergen.runtime.RegressionNet unchecked = huge(c);
        float loss = unchecked.trainStep(x, y, 4);
        assertTrue(Float.isFinite(loss), "the loss is finite: " + loss);
        assertFalse(allFinite(unchecked.weights(0)), "unchecked, the overflowing gradient reaches the weights");

        infergen.runtime.RegressionNet checked = huge(c);
        checked.setGradientChecks(true);
        float[][] before = {checked.weights(0).clone(), checked.bias(0).clone(), checked.weights(1).clone(),
            checked.bias(1).clone()};
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> checked.trainStep(x, y, 4));
        assertTrue(e.getMessage().startsWith("the gradient of layer 0 is not finite (weightGradient(0)["),
                e.getMessage());
        float[][] after = {checked.weights(0), checked.bias(0), checked.weights(1), checked.bias(1)};
        for (int i = 0; i < before.length; i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(before[i], after[i], "parameter array " + i);
        }
        // on an ordinary batch the checked step is bitwise the unchecked one
        infergen.runtime.RegressionNet plain = huge(c);
        infergen.runtime.RegressionNet guarded = huge(c);
        guarded.setGradientChecks(true);
        float[] small = {0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f, 0.7f, -0.8f};
        float[] target = {0.5f, -0.5f, 0.25f, 0f};
        for (int step = 0; step < 3; step++) {
            org.junit.jupiter.api.Assertions.assertEquals(plain.trainStep(small, target, 4),
                    guarded.trainStep(small, target, 4));
        }
        for (int l = 0; l < 2; l++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(plain.weights(l), guarded.weights(l));
            org.junit.jupiter.api.Assertions.assertArrayEquals(plain.bias(l), guarded.bias(l));
        }
    }

    /** The Huge net with layer 0's weights set so that its two inputs cancel: rows (1, −1) and (−1, 1). */
    private static infergen.runtime.RegressionNet huge(Compilation c) {
        infergen.runtime.RegressionNet net = (infergen.runtime.RegressionNet) Compile.newNet(c, "t.HugeNet", 1L);
        float[] w = net.weights(0);
        w[0] = 1f;
        w[1] = -1f;
        w[2] = -1f;
        w[3] = 1f;
        return net;
    }

    private static boolean allFinite(float[] a) {
        for (float v : a) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
