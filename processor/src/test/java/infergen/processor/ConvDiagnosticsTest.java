package infergen.processor;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The compile errors of {@code @Conv2d} and {@code @Network(inputShape)}: the exact text, exactly one error, on the
 * line and at the column of the value that is wrong (or of the annotation).
 */
class ConvDiagnosticsTest {

    private static void assertOnlyError(String source, String message, int line, String at) {
        DiagnosticsTest.assertOnlyError(source, message, line, at);
    }

    private static String spec(String network, String... layers) {
        return "package t;\nimport infergen.annotations.*;\n" + network + "\n" + String.join("\n", layers)
                + "\n@Dense(units = 3, activation = Activation.IDENTITY)\npublic interface Spec {}\n";
    }

    @Test
    void convWithoutInputShape() {
        assertOnlyError(spec("@Network(inputs = 16)", "@Conv2d(filters = 2, kernel = 3)"),
                "[infergen:conv-input-shape] @Conv2d needs @Network(inputShape = {channels, height, width}) (give the "
                        + "shape of one sample, e.g. inputShape = {1, 28, 28}; inputs then follows from it)",
                4, "@Conv2d");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{1, 4}       | {1, 4}",
        "{1, 0, 4}    | {1, 0, 4}",
        "{1, 4, 4, 1} | {1, 4, 4, 1}",
    })
    void badInputShape(String written, String shown) {
        assertOnlyError(spec("@Network(inputShape = " + written + ")"),
                "[infergen:input-shape] inputShape must be {channels, height, width}, each > 0, got " + shown
                        + " (e.g. inputShape = {1, 28, 28} for one grey 28×28 image)",
                3, written);
    }

    @Test
    void inputsDisagreeWithInputShape() {
        assertOnlyError(spec("@Network(inputs = 17, inputShape = {1, 4, 4})", "@Conv2d(filters = 2, kernel = 3)"),
                "[infergen:inputs-shape] inputs = 17 disagrees with inputShape {1, 4, 4}, whose product is 16 "
                        + "(omit inputs: it follows from inputShape)",
                3, "17");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "filters = 0, kernel = 3              | filters = 0 | filters  | 0",
        "filters = 2, kernel = -1             | kernel = -1 | kernel   | -1",
        "filters = 2, kernel = 3, stride = 0  | stride = 0  | stride   | 0",
        "filters = 2, kernel = 3, pool = Pool.MAX, poolSize = 0 | poolSize = 0 | poolSize | 0",
    })
    void notPositive(String elements, String written, String name, String value) {
        String at = written.substring(written.indexOf("= ") + 2);
        assertOnlyError(spec("@Network(inputShape = {1, 8, 8})", "@Conv2d(" + elements + ")"),
                "[infergen:not-positive] " + name + " of layer 0 must be > 0, got " + value + " (it is a size)",
                4, at);
    }

    @Test
    void initGain() {
        assertOnlyError(spec("@Network(inputShape = {1, 8, 8})", "@Conv2d(filters = 2, kernel = 3, initGain = -2f)"),
                "[infergen:init-gain] initGain of layer 0 must be > 0 and finite, got -2.0 (it multiplies the init's"
                        + " draw: 1 keeps it, 0.5 halves the initial weights)",
                4, "-2f");
    }

    @Test
    void negativePadding() {
        assertOnlyError(spec("@Network(inputShape = {1, 8, 8})", "@Conv2d(filters = 2, kernel = 3, padding = -1)"),
                "[infergen:negative-padding] padding of layer 0 must be >= 0, got -1 (it is the number of zero pixels "
                        + "added on each side)",
                4, "-1");
    }

    @Test
    void kernelLargerThanThePaddedInput() {
        assertOnlyError(spec("@Network(inputShape = {1, 6, 8})", "@Conv2d(filters = 2, kernel = 3, stride = 2)",
                "@Conv2d(filters = 2, kernel = 5, padding = 0)"),
                "[infergen:kernel-too-large] kernel 5 of layer 1 is larger than its padded input, 2×3 (lower kernel "
                        + "or raise padding: every output pixel needs the whole kernel inside the padded input)",
                5, "5");
    }

    @Test
    void emptyOutputAfterPooling() {
        assertOnlyError(spec("@Network(inputShape = {1, 6, 6})",
                "@Conv2d(filters = 2, kernel = 3, pool = Pool.MAX, poolSize = 5)"),
                "[infergen:empty-output] layer 0 has an empty output: 5×5 pooling windows over a 4×4 convolution "
                        + "(lower poolSize, stride or kernel; sizes round down, as in PyTorch)",
                4, "5");
    }

    @Test
    void convAfterDenseInterleaved() {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputShape = {1, 8, 8})
                @Conv2d(filters = 2, kernel = 3)
                @Dense(units = 4)
                @Conv2d(filters = 2, kernel = 1)
                @Dense(units = 3, activation = Activation.IDENTITY)
                public interface Spec {}
                """,
                "[infergen:conv-after-dense] this @Conv2d comes after a @Dense (write every @Conv2d before the first "
                        + "@Dense; the first @Dense flattens (channel, row, column))",
                6, "@Conv2d");
    }

    @Test
    void convAfterTheOnlyDense() {
        assertOnlyError("""
                package t;
                import infergen.annotations.*;
                @Network(inputShape = {1, 8, 8})
                @Dense(units = 4, activation = Activation.IDENTITY)
                @Conv2d(filters = 2, kernel = 3)
                public interface Spec {}
                """,
                "[infergen:conv-after-dense] this @Conv2d comes after a @Dense (write every @Conv2d before the first "
                        + "@Dense; the first @Dense flattens (channel, row, column))",
                5, "@Conv2d");
    }

    /** The rules whose energy needs the layer's map to be linear refuse MAX pooling, on the {@code pool} value. */
    @ParameterizedTest
    @CsvSource({"@LiftedProximal", "@ContrastiveHebbian", "@ConvexContrastiveHebbian", "@EquilibriumPropagation"})
    void maxPoolingWithARuleThatNeedsALinearMap(String rule) {
        String f = rule.equals("@EquilibriumPropagation") ? ", activation = Activation.SIGMOID" : "";
        assertOnlyError(spec("@Network(inputShape = {1, 8, 8})", "@Conv2d(filters = 2, kernel = 3" + f + ")",
                "@Conv2d(filters = 2, kernel = 3" + f + ", pool = Pool.MAX)", rule),
                "[infergen:conv-max-pool-rule] layer 1: pool = MAX makes the layer's map piecewise linear, and " + rule
                        + " needs a linear map (its energy uses the map itself, not only its derivative at the forward "
                        + "pass) (use pool = Pool.AVERAGE, or a strided convolution (stride = 2) in place of the "
                        + "pooling)",
                5, ".MAX)");
    }

    /** Every rule takes conv layers; MAX pooling goes with those that relax through the map's derivative. */
    @ParameterizedTest
    @CsvSource({"@Backprop, MAX", "@FenchelBackprop, MAX", "@PredictiveCoding, MAX", "@AuxiliaryCoordinates, MAX",
        "@LiftedProximal, AVERAGE", "@ContrastiveHebbian, AVERAGE", "@ConvexContrastiveHebbian, AVERAGE",
        "@EquilibriumPropagation, AVERAGE"})
    void everyRuleTakesConvLayers(String rule, String pool) {
        String f = rule.equals("@EquilibriumPropagation") ? ", activation = Activation.SIGMOID" : "";
        String source = spec("@Network(inputShape = {1, 8, 8})", "@Conv2d(filters = 2, kernel = 3" + f + ")",
                "@Conv2d(filters = 2, kernel = 3" + f + ", pool = Pool." + pool + ")", rule);
        com.google.testing.compile.CompilationSubject.assertThat(Compile.compile(source)).succeededWithoutWarnings();
    }
}
