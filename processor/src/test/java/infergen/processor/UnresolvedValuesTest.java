package infergen.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #15: a name javac cannot resolve in an annotation value ({@code @Dense(units = HIDEN)}) reaches the
 * processor as javac's error value. javac reports "cannot find symbol"; the processor must add nothing for that
 * value (no "[infergen:internal]" with a ClassCastException, no "[infergen:bad-name] name \"<error>\"") and generate
 * nothing for the spec. Runs javac itself with real output directories, since compile-testing hides the generated
 * files of a failed compilation.
 */
class UnresolvedValuesTest {

    private static final String LAYERS = "@Dense(units = 3, activation = Activation.IDENTITY)";

    @ParameterizedTest
    @ValueSource(strings = {
        "@Network(inputs = 4) @Dense(units = HIDEN, activation = Activation.IDENTITY)",
        "@Network(inputs = HIDEN) " + LAYERS,
        "@Network(inputs = 4, maxBatch = Missing.X) " + LAYERS,
        "@Network(inputs = 4, name = NOPE) " + LAYERS,
        "@Network(inputs = 4, name = Missing.NAME) " + LAYERS,
        "@Network(inputs = 4) @Dense(units = 5) @Dense(units = HIDEN, activation = Activation.IDENTITY)",
        "@Network(inputs = 4) " + LAYERS + " @Sgd(learningRate = NOPE)",
        "@Network(inputs = 4) " + LAYERS + " @Sgd(learningRate = 0.1f, momentum = Missing.M)",
        "@Network(inputs = 4) " + LAYERS + " @Adam(beta1 = NOPE)",
        "@Network(inputs = 4) " + LAYERS + " @EquilibriumPropagation(centered = NOPE)",
        "@Network(inputs = 4) " + LAYERS + " @EquilibriumPropagation(freeSteps = NOPE)",
        "@Network(inputs = 4) " + LAYERS + " @ContrastiveHebbian(hardClamp = NOPE)",
        "@Network(inputs = 4) " + LAYERS + " @FenchelBackprop(beta = NOPE)",
        "@Network(inputs = 4) " + LAYERS + " @FenchelBackprop(fenchelOutput = NOPE)",
        "@Network(inputs = 4) " + LAYERS + " @PredictiveCoding(rate = NOPE)",
        "@Network(inputs = 4) " + LAYERS + " @AuxiliaryCoordinates(mu = NOPE)",
        "@Network(inputs = 4) " + LAYERS + " @LiftedProximal(sweeps = NOPE)",
        "@Network(inputs = 4) " + LAYERS + " @ConvexContrastiveHebbian(gamma = NOPE)",
    })
    void anUnresolvedNameIsJavacsErrorAlone(String annotations, @TempDir Path out) throws IOException {
        List<Diagnostic<? extends JavaFileObject>> diagnostics = compile(out, """
                package t;
                import infergen.annotations.*;
                %s
                interface Spec {}
                """.formatted(annotations));
        List<String> errors = diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(null)).toList();
        assertTrue(errors.stream().anyMatch(m -> m.contains("cannot find symbol")), "javac's error: " + errors);
        for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
            String message = d.getMessage(null);
            assertFalse(message.contains("[infergen:"), "nothing from the processor: " + message);
            assertFalse(message.contains("Exception"), message);
        }
        assertEquals(List.of(), generated(out), "nothing generated");
    }

    /**
     * An enum value javac cannot resolve, or a value of the wrong type: javac's own error ("an enum annotation value
     * must be an enum constant", "incompatible types"), nothing from the processor, nothing generated.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "@Network(inputs = 4, loss = NOPE) " + LAYERS,
        "@Network(inputs = 4, loss = Loss.NOPE) " + LAYERS,
        "@Network(inputs = 4, loss = Activation.RELU) " + LAYERS,
        "@Network(inputs = 4) @Dense(units = 3, activation = RELUU)",
        "@Network(inputs = 4) @Dense(units = 3, activation = Activation.RELUU)",
        "@Network(inputs = 4) @Dense(units = 3, init = NOPE)",
        "@Network(inputs = 4) @Dense(units = 5) @Dense(units = 3, activation = RELUU)",
        "@Network(inputs = 4) @Dense(units = \"x\", activation = Activation.IDENTITY)",
        "@Network(inputs = 4) @Dense(units = 3.5f, activation = Activation.IDENTITY)",
        "@Network(inputs = 4, name = 7) " + LAYERS,
        "@Network(inputs = 4, maxBatch = Integer.MAX_VALUE + 1L) " + LAYERS,
        "@Network(inputs = 4) " + LAYERS + " @Sgd",
        "@Network(inputs = 4) " + LAYERS + " @Adam(learningRate = true)",
        "@Network(inputs = 4) " + LAYERS + " @FenchelBackprop(beta = 0.1)",
        "@Network(inputs = 4) " + LAYERS + " @EquilibriumPropagation(centered = 1)",
        "@Network(inputShape = 1.5f) " + LAYERS,
    })
    void aValueJavacRejectsIsJavacsErrorAlone(String annotations, @TempDir Path out) throws IOException {
        List<Diagnostic<? extends JavaFileObject>> diagnostics = compile(out, """
                package t;
                import infergen.annotations.*;
                %s
                interface Spec {}
                """.formatted(annotations));
        assertTrue(diagnostics.stream().anyMatch(d -> d.getKind() == Diagnostic.Kind.ERROR),
                "javac's error: " + diagnostics);
        for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
            String message = d.getMessage(null);
            assertFalse(message.contains("[infergen:"), "nothing from the processor: " + message);
            assertFalse(message.contains("Exception"), message);
        }
        assertEquals(List.of(), generated(out), "nothing generated");
    }

    /** The erroneous value of one spec does not hold back its neighbour, whose class is generated. */
    @ParameterizedTest
    @ValueSource(strings = {"@Dense(units = HIDEN)", "@Network(inputs = 4, name = NOPE)"})
    void aGoodNeighbourIsStillGenerated(String bad, @TempDir Path out) throws IOException {
        String annotations = bad.startsWith("@Network") ? bad + " " + LAYERS : "@Network(inputs = 4) " + bad;
        List<Diagnostic<? extends JavaFileObject>> diagnostics = compile(out, """
                package t;
                import infergen.annotations.*;
                %s
                interface Bad {}
                @Network(inputs = 4)
                %s
                interface Good {}
                """.formatted(annotations, LAYERS));
        assertTrue(diagnostics.stream().anyMatch(d -> d.getMessage(null).contains("cannot find symbol")));
        assertFalse(diagnostics.stream().anyMatch(d -> d.getMessage(null).contains("[infergen:")),
                diagnostics::toString);
        assertEquals(List.of("t/GoodNet.java"), generated(out));
    }

    private static List<Diagnostic<? extends JavaFileObject>> compile(Path out, String source) throws IOException {
        List<Diagnostic<? extends JavaFileObject>> diagnostics = Compile.toDirectory(out, source);
        assertTrue(diagnostics.stream().anyMatch(d -> d.getKind() == Diagnostic.Kind.ERROR), "the compilation fails");
        return diagnostics;
    }

    /** The generated sources under {@code out}, relative and sorted. */
    private static List<String> generated(Path out) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(f -> f.toString().endsWith(".java")).map(f -> out.relativize(f).toString())
                    .sorted().toList();
        }
    }
}
