package infergen.processor.contrastive;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import infergen.processor.Compile;
import infergen.runtime.InferenceListener;
import infergen.runtime.TrainableNet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** Compiles a spec {@code t.Spec} with the processor under the project's lint settings, and checks the outcome. */
final class ContrastiveCompile {

    private ContrastiveCompile() {
    }

    /** A spec {@code t.Spec} with the given annotations (one per line, starting on line 3). */
    static String spec(String... annotations) {
        return "package t;\nimport infergen.annotations.*;\n" + String.join("\n", annotations)
                + "\npublic interface Spec {}\n";
    }

    static Compilation compile(String source) {
        return Compile.compile(source);
    }

    /**
     * Expects exactly one error, {@code message}, on {@code line}, at the column where the value {@code at} starts;
     * for {@code name = value} the column of the value.
     */
    static void assertOnlyError(String source, String message, int line, String at) {
        if (at.contains(" = ")) {
            at = at.substring(at.indexOf(" = ") + 3);
        }
        String value = at;
        Compilation c = compile(source);
        assertThat(c).failed();
        List<String> errors = c.errors().stream().map(d -> d.getMessage(null)).toList();
        assertEquals(List.of(message), errors, () -> "errors of\n" + source);
        String text = source.lines().toList().get(line - 1);
        int column = text.indexOf(value) + 1;
        assertTrue(column > 0, () -> "'" + value + "' is not on line " + line + ": " + text);
        assertEquals(column, text.lastIndexOf(value) + 1, () -> "'" + value + "' is ambiguous on line " + line);
        Diagnostic<? extends JavaFileObject> d = c.errors().get(0);
        assertEquals(line, d.getLineNumber(), () -> "line of " + message);
        assertEquals(column, d.getColumnNumber(), () -> "column of " + message);
    }

    /**
     * Expects exactly one error, {@code message}, on a value of a repeated {@code @Dense} on {@code line}. Until this
     * branch has the fix that positions diagnostics inside {@code @Dense.List} (commit 4acdf33 on another branch),
     * javac puts such an error on the spec type, {@code typeLine}; both are accepted.
     */
    static void assertOnlyErrorInRepeatedDense(String source, String message, int line, int typeLine) {
        Compilation c = compile(source);
        assertThat(c).failed();
        assertEquals(List.of(message), c.errors().stream().map(d -> d.getMessage(null)).toList(),
                () -> "errors of\n" + source);
        long at = c.errors().get(0).getLineNumber();
        assertTrue(at == line || at == typeLine, () -> "line " + at + " of " + message);
    }

    /** Expects success without a warning; returns the compilation. */
    static Compilation assertCompilesClean(String source) {
        Compilation c = compile(source);
        assertThat(c).succeededWithoutWarnings();
        return c;
    }

    /** The generated {@code t.SpecNet} source. */
    static String generatedSource(Compilation c) {
        return Compile.generatedSource(c, "t.SpecNet");
    }

    /** Loads {@code t.SpecNet} from a successful compilation and constructs it with seed 1. */
    static Object newNet(Compilation c) {
        return Compile.newNet(c, "t.SpecNet", 1L);
    }

    /**
     * Compiles {@code source} cleanly, checks the generated class has {@code setInferenceListener}, trains one step on
     * a random batch of 3 and returns the listener's phase names, one per sweep.
     */
    static List<String> trainOneStep(String source, boolean classification) {
        Compilation c = assertCompilesClean(source);
        assertTrue(generatedSource(c).contains("public void setInferenceListener(InferenceListener listener)"));
        TrainableNet net = (TrainableNet) newNet(c);
        List<String> phases = new ArrayList<>();
        try {
            net.getClass().getMethod("setInferenceListener", InferenceListener.class)
                    .invoke(net, (InferenceListener) (phase, step, energy) -> {
                        assertTrue(Double.isFinite(energy), () -> phase + " energy " + energy);
                        phases.add(phase);
                    });
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        Random rng = new Random(3);
        int n = 3;
        float[] x = new float[n * net.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextFloat();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(net.outputSize());
        }
        float loss = net.trainStep(x, labels, n);
        assertTrue(Float.isFinite(loss), () -> "loss " + loss);
        for (int l = 0; l < net.layerCount(); l++) {
            for (float g : net.weightGradient(l)) {
                assertTrue(Float.isFinite(g), "finite gradients");
            }
        }
        return phases;
    }
}
