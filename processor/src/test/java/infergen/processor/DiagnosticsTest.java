package infergen.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import infergen.processor.validate.Message;
import java.util.Arrays;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One negative test per diagnostic of the {@link Message} catalogue: the exact text, exactly one error, its line and
 * the column of the value that is wrong (or of the annotation, when the value is a default).
 */
class DiagnosticsTest {

    /**
     * Compiles {@code source}, expects exactly one error with text {@code message} on {@code line}, at the column
     * where {@code at} starts on that line ({@code at} must occur once there).
     */
    static Compilation assertOnlyError(String source, String message, int line, String at) {
        Compilation c = Compile.compile(source);
        assertThat(c).failed();
        List<Diagnostic<? extends JavaFileObject>> errors = Compile.errors(c);
        assertEquals(List.of(message), errors.stream().map(d -> d.getMessage(null)).toList(),
                () -> "errors of\n" + source);
        assertThat(c).hadErrorCount(1);
        String text = source.lines().toList().get(line - 1);
        int column = text.indexOf(at) + 1;
        assertEquals(column, text.lastIndexOf(at) + 1, () -> "'" + at + "' is ambiguous on line " + line);
        assertThat(c).hadErrorContaining(message).inFile(errors.get(0).getSource()).onLine(line).atColumn(column);
        return c;
    }

    // ---- spec-kind -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "public class Spec {}                      | a class that is not abstract",
        "public enum Spec { A }                    | an enum",
        "public record Spec(int x) {}              | a record",
        "public @interface Spec {}                 | an annotation type",
    })
    void notAbstract(String declaration, String kind) {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4)
                @Dense(units = 2, activation = Activation.IDENTITY)
                %s
                """.formatted(declaration),
                "[infergen:spec-kind] @Network goes on an interface or abstract class, but t.Spec is " + kind
                        + " (declare the spec as 'public interface Spec {}')",
                3, "@Network");
    }

    // ---- no-layers -------------------------------------------------------------------------------------------

    @Test
    void noLayers() {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4)
                public interface Spec {}
                """,
                "[infergen:no-layers] @Network spec t.Spec has no @Dense layer (add the layers in order from input to"
                        + " output, e.g. @Dense(units = 10, activation = IDENTITY))",
                3, "@Network");
    }

    // ---- not-positive ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0", "-3"})
    void unitsOfTheOnlyLayer(String units) {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4)
                @Dense(units = %s, activation = Activation.IDENTITY)
                public interface Spec {}
                """.formatted(units),
                "[infergen:not-positive] units of layer 0 must be > 0, got " + units + " (it is a size)",
                4, units);
    }

    @Test
    void unitsOfARepeatedLayerPointAtTheValueInsideTheContainer() {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4)
                @Dense(units = 8)
                @Dense(units = 0, activation = Activation.TANH)
                @Dense(units = 3, activation = Activation.IDENTITY)
                public interface Spec {}
                """,
                "[infergen:not-positive] units of layer 1 must be > 0, got 0 (it is a size)",
                5, "0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"inputs | 0", "inputs | -1", "maxBatch | 0", "maxBatch | -64"})
    void networkSizes(String element, String value) {
        String network = element.equals("inputs") ? "inputs = " + value : "inputs = 4, maxBatch = " + value;
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(%s)
                @Dense(units = 2, activation = Activation.IDENTITY)
                public interface Spec {}
                """.formatted(network),
                "[infergen:not-positive] " + element + " must be > 0, got " + value + " (it is a size)",
                3, value);
    }

    // ---- too-large -------------------------------------------------------------------------------------------

    @Test
    void weightsPastTwoToThe31() {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 100000, maxBatch = 1)
                @Dense(units = 100000, activation = Activation.IDENTITY)
                public interface Spec {}
                """,
                "[infergen:too-large] the weights of layer 0 (units × fanIn) needs 10000000000 elements, more than a"
                        + " Java array holds (2^31 - 1) (lower maxBatch or the layer sizes)",
                4, "100000");
    }

    @Test
    void activationsPastTwoToThe31() {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 1, maxBatch = 50000)
                @Dense(units = 8)
                @Dense(units = 60000, activation = Activation.IDENTITY)
                public interface Spec {}
                """,
                "[infergen:too-large] the activations of layer 1 (maxBatch × units) needs 3000000000 elements, more"
                        + " than a Java array holds (2^31 - 1) (lower maxBatch or the layer sizes)",
                5, "60000");
    }

    @Test
    void inputBatchPastTwoToThe31() {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 65536, maxBatch = 32768)
                @Dense(units = 1, activation = Activation.IDENTITY)
                public interface Spec {}
                """,
                "[infergen:too-large] an input batch (maxBatch × inputs) needs 2147483648 elements, more than a Java"
                        + " array holds (2^31 - 1) (lower maxBatch or the layer sizes)",
                3, "32768");
    }

    // ---- softmax-identity ------------------------------------------------------------------------------------

    @Test
    void softmaxNeedsIdentityOnTheWrittenActivation() {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4)
                @Dense(units = 8, activation = Activation.TANH)
                @Dense(units = 3, activation = Activation.SIGMOID)
                public interface Spec {}
                """,
                "[infergen:softmax-identity] with loss SOFTMAX_CROSS_ENTROPY the last @Dense must use activation"
                        + " IDENTITY, got SIGMOID (softmax is fused into the loss; use IDENTITY, or loss ="
                        + " MEAN_SQUARED_ERROR for a squashed output)",
                5, ".SIGMOID"); // javac's position of a qualified name is its last dot, also without a container
    }

    @Test
    void softmaxNeedsIdentityOnASingleLayerWithAStaticImport() {
        assertOnlyError("""
                package t;
                import static infergen.annotations.Activation.HARD_TANH;
                import infergen.annotations.*;
                @Network(inputs = 4)
                @Dense(units = 3, activation = HARD_TANH)
                public interface Spec {}
                """,
                "[infergen:softmax-identity] with loss SOFTMAX_CROSS_ENTROPY the last @Dense must use activation"
                        + " IDENTITY, got HARD_TANH (softmax is fused into the loss; use IDENTITY, or loss ="
                        + " MEAN_SQUARED_ERROR for a squashed output)",
                5, "HARD_TANH)");
    }

    @Test
    void softmaxNeedsIdentityOnADefaultedActivationPointsAtTheLayer() {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4)
                @Dense(units = 8, activation = Activation.TANH)
                @Dense(units = 3)
                public interface Spec {}
                """,
                "[infergen:softmax-identity] with loss SOFTMAX_CROSS_ENTROPY the last @Dense must use activation"
                        + " IDENTITY, got RELU (softmax is fused into the loss; use IDENTITY, or loss ="
                        + " MEAN_SQUARED_ERROR for a squashed output)",
                5, "@Dense");
    }

    // ---- beta ------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0f      | 0.0      | 0f",
        "-1f     | -1.0     | -1f",
        "-0f     | -0.0     | -0f",
        "1f / 0f | Infinity | /",
        "0f / 0f | NaN      | /",
    })
    void beta(String written, String shown, String at) {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4)
                @Dense(units = 3, activation = Activation.IDENTITY)
                @FenchelBackprop(beta = %s)
                public interface Spec {}
                """.formatted(written),
                "[infergen:beta] beta must be > 0 and finite, got " + shown + " (the paper uses 1e-4 for BP-like"
                        + " behaviour and large values (0.1 to 10) to escape dead units)",
                5, at);
    }

    // ---- init-gain -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0f      | 0.0      | 0f",
        "-0.5f   | -0.5     | -0.5f",
        "1f / 0f | Infinity | /",
        "0f / 0f | NaN      | /",
    })
    void initGain(String written, String shown, String at) {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4)
                @Dense(units = 3)
                @Dense(units = 2, activation = Activation.IDENTITY, initGain = %s)
                public interface Spec {}
                """.formatted(written),
                "[infergen:init-gain] initGain of layer 1 must be > 0 and finite, got " + shown + " (it multiplies"
                        + " the init's draw: 1 keeps it, 0.5 halves the initial weights)",
                5, at);
    }

    // ---- fenchel-output --------------------------------------------------------------------------------------

    @Test
    void fenchelOutputNeedsSoftmax() {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4, loss = Loss.MEAN_SQUARED_ERROR)
                @Dense(units = 3, activation = Activation.SIGMOID)
                @FenchelBackprop(beta = 0.5f, fenchelOutput = true)
                public interface Spec {}
                """,
                "[infergen:fenchel-output] fenchelOutput = true needs loss SOFTMAX_CROSS_ENTROPY, the spec uses"
                        + " MEAN_SQUARED_ERROR (with MEAN_SQUARED_ERROR the output layer's Fenchel target follows"
                        + " from its activation already)",
                5, "true");
    }

    // ---- learning-rate ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "@Adam(learningRate = 0f)            | 0.0       | 0f",
        "@Adam(learningRate = -1e-3f)        | -0.001    | -1e-3f",
        "@Sgd(learningRate = 1f / 0f)        | Infinity  | /",
        "@Sgd(learningRate = -0.1f, momentum = 0.9f) | -0.1 | -0.1f",
    })
    void learningRate(String optimizer, String shown, String at) {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4)
                @Dense(units = 3, activation = Activation.IDENTITY)
                %s
                public interface Spec {}
                """.formatted(optimizer),
                "[infergen:learning-rate] learningRate must be > 0 and finite, got " + shown + " (typical values are"
                        + " 1e-3 for @Adam and 1e-2 to 1e-1 for @Sgd)",
                5, at);
    }

    // ---- unit-interval ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "@Adam(beta1 = 1f)                          | beta1    | 1.0  | 1f   | the usual value is 0.9",
        "@Adam(beta1 = -0.1f)                       | beta1    | -0.1 | -    | the usual value is 0.9",
        "@Adam(beta2 = 1.5f)                        | beta2    | 1.5  | 1.5f | the usual value is 0.999",
        "@Adam(beta2 = 0f / 0f)                     | beta2    | NaN  | /    | the usual value is 0.999",
        "@Sgd(learningRate = 0.1f, momentum = 1f)   | momentum | 1.0  | 1f)  | 0 is plain SGD, 0.9 is usual",
        "@Sgd(learningRate = 0.1f, momentum = -2f)  | momentum | -2.0 | -2f  | 0 is plain SGD, 0.9 is usual",
    })
    void unitInterval(String optimizer, String element, String shown, String at, String hint) {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4)
                @Dense(units = 3, activation = Activation.IDENTITY)
                %s
                public interface Spec {}
                """.formatted(optimizer),
                "[infergen:unit-interval] " + element + " must be in [0, 1), got " + shown + " (" + hint + ")",
                5, at);
    }

    // ---- epsilon ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0f | 0.0", "-1e-8f | -1.0E-8"})
    void epsilon(String written, String shown) {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4)
                @Dense(units = 3, activation = Activation.IDENTITY)
                @Adam(learningRate = 1e-3f, epsilon = %s)
                public interface Spec {}
                """.formatted(written),
                "[infergen:epsilon] epsilon must be > 0 and finite, got " + shown + " (the usual value is 1e-8)",
                5, written);
    }

    // ---- two-rules, two-optimizers ---------------------------------------------------------------------------

    @Test
    void twoRulesPointAtTheSecond() {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4)
                @Dense(units = 3, activation = Activation.IDENTITY)
                @Backprop
                @FenchelBackprop(beta = 0.1f)
                public interface Spec {}
                """,
                "[infergen:two-rules] a spec takes at most one learning rule, found @Backprop and @FenchelBackprop"
                        + " (keep one; @Backprop is the default)",
                6, "@FenchelBackprop");
    }

    @Test
    void twoOptimizersPointAtTheSecond() {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4)
                @Sgd(learningRate = 0.1f)
                @Dense(units = 3, activation = Activation.IDENTITY)
                @Adam
                public interface Spec {}
                """,
                "[infergen:two-optimizers] a spec takes at most one optimizer, found @Sgd and @Adam (keep one; @Adam"
                        + " is the default)",
                6, "@Adam");
    }

    // ---- bad-name --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"9Net", "a.Net", "class", "My Net", "Net-1", "var", "record"})
    void badName(String name) {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4, name = "%s")
                @Dense(units = 3, activation = Activation.IDENTITY)
                public interface Spec {}
                """.formatted(name),
                "[infergen:bad-name] name \"" + name + "\" is not a valid Java class name (use a simple identifier"
                        + " such as \"FashionNet\", or leave it empty for SpecNet)",
                3, "\"" + name + "\"");
    }

    // ---- name-clash ------------------------------------------------------------------------------------------

    @Test
    void nameClashWithAnExistingType() {
        Compilation c = Compile.compile("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4)
                @Dense(units = 3, activation = Activation.IDENTITY)
                public interface Spec {}
                """, """
                package t;
                public class SpecNet {}
                """);
        assertThat(c).hadErrorCount(1);
        assertEquals(List.of("[infergen:name-clash] the generated class t.SpecNet clashes with an existing type (set"
                + " @Network(name = ...) to another simple name)"),
                Compile.errors(c).stream().map(d -> d.getMessage(null)).toList());
        assertThat(c).hadErrorContaining("clashes with an existing type").inFile(Compile.errors(c).get(0).getSource())
                .onLine(3).atColumn(1);
    }

    @Test
    void nameClashWithAnExplicitName() {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4, name = "Existing")
                @Dense(units = 3, activation = Activation.IDENTITY)
                public interface Spec {}
                class Existing {}
                """,
                "[infergen:name-clash] the generated class t.Existing clashes with an existing type (set"
                        + " @Network(name = ...) to another simple name)",
                3, "\"Existing\"");
    }

    @Test
    void twoSpecsClaimingOneName() {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4, name = "Shared")
                @Dense(units = 3, activation = Activation.IDENTITY)
                interface A {}
                @Network(inputs = 5, name = "Shared")
                @Dense(units = 2, activation = Activation.IDENTITY)
                interface B {}
                """,
                "[infergen:name-clash] the generated class t.Shared clashes with the class generated for t.A (set"
                        + " @Network(name = ...) to another simple name)",
                6, "\"Shared\"");
    }

    // ---- missing-network -------------------------------------------------------------------------------------

    @Test
    void denseWithoutNetwork() {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Dense(units = 3, activation = Activation.IDENTITY)
                public interface Spec {}
                """,
                "[infergen:missing-network] @Dense on Spec needs @Network on the same type (add @Network(inputs ="
                        + " ...) to Spec)",
                3, "@Dense");
    }

    @Test
    void repeatedDenseWithoutNetwork() {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Dense(units = 8)
                @Dense(units = 3, activation = Activation.IDENTITY)
                public interface Spec {}
                """,
                "[infergen:missing-network] @Dense on Spec needs @Network on the same type (add @Network(inputs ="
                        + " ...) to Spec)",
                3, "@Dense(units = 8)");
    }

    @Test
    void ruleAndOptimizerWithoutNetworkAreOneProblem() {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @FenchelBackprop(beta = 0.1f)
                @Sgd(learningRate = 0.1f)
                public interface Spec {}
                """,
                "[infergen:missing-network] @FenchelBackprop on Spec needs @Network on the same type (add"
                        + " @Network(inputs = ...) to Spec)",
                3, "@FenchelBackprop");
    }

    // ---- the iterative rules' hyper-parameters ---------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "@PredictiveCoding(beta = -1f)  | @PredictiveCoding | -1.0     | -1f",
        "@LiftedProximal(beta = 0f)     | @LiftedProximal   | 0.0      | 0f",
        "@PredictiveCoding(beta = 1f/0f) | @PredictiveCoding | Infinity | /",
    })
    void ruleBeta(String annotation, String name, String shown, String at) {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4)
                @Dense(units = 2, activation = Activation.IDENTITY)
                %s
                public interface Spec {}
                """.formatted(annotation),
                "[infergen:rule-beta] beta of " + name + " must be > 0 and finite, with 1/beta finite in float32, got " + shown + " (small values"
                        + " (1e-3) approach back-propagation, 0.1 to 1 train well; 1 with MEAN_SQUARED_ERROR is the"
                        + " hard clamp)",
                5, at);
    }

    @Test
    void mu() {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4)
                @Dense(units = 2, activation = Activation.IDENTITY)
                @AuxiliaryCoordinates(mu = -2f)
                public interface Spec {}
                """,
                "[infergen:mu] mu of @AuxiliaryCoordinates must be > 0 and finite, with 1/mu finite in float32, got -2.0 (mu is 1/beta: 10 to"
                        + " 100 train well, 1e3 and more approach back-propagation)",
                5, "-2f");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "@PredictiveCoding(steps = 0)         | steps      | @PredictiveCoding     | 0  | 0)",
        "@AuxiliaryCoordinates(steps = -3)    | steps      | @AuxiliaryCoordinates | -3 | -3",
        "@LiftedProximal(sweeps = 0)          | sweeps     | @LiftedProximal       | 0  | 0)",
        "@LiftedProximal(innerSteps = 0)      | innerSteps | @LiftedProximal       | 0  | 0)",
    })
    void inferenceSteps(String annotation, String element, String name, String shown, String at) {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4)
                @Dense(units = 2, activation = Activation.IDENTITY)
                %s
                public interface Spec {}
                """.formatted(annotation),
                "[infergen:inference-steps] " + element + " of " + name + " must be at least 1, got " + shown
                        + " (it is the number of inference iterations; 20 is a usual value)",
                5, at);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "@PredictiveCoding(rate = 1.5f)     | @PredictiveCoding     | 1.5 | 1.5f",
        "@AuxiliaryCoordinates(rate = 0f)   | @AuxiliaryCoordinates | 0.0 | 0f",
    })
    void inferenceRate(String annotation, String name, String shown, String at) {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4)
                @Dense(units = 2, activation = Activation.IDENTITY)
                %s
                public interface Spec {}
                """.formatted(annotation),
                "[infergen:inference-rate] rate of " + name + " must be in (0, 1], got " + shown + " (the energy"
                        + " has curvature 1 in each state's own error, so rates above 1 overshoot; 0.05 is usual, as weights grow the"
                        + " coupling adds curvature)",
                5, at);
    }

    @Test
    void lpomNeedsAClosedFormProx() {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputs = 4)
                @Dense(units = 3, activation = Activation.TANH)
                @Dense(units = 2, activation = Activation.IDENTITY)
                @LiftedProximal
                public interface Spec {}
                """,
                "[infergen:no-closed-form-prox] @LiftedProximal needs activations with a closed-form prox, layer 0"
                        + " uses TANH (use RELU, HARD_TANH, HARD_SIGMOID or IDENTITY; sigmoid and tanh need a Newton"
                        + " prox infergen does not have)",
                4, ".TANH");
    }
}
