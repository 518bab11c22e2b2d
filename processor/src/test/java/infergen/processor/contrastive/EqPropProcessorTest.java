package infergen.processor.contrastive;

import static infergen.processor.contrastive.ContrastiveCompile.assertOnlyError;
import static infergen.processor.contrastive.ContrastiveCompile.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code @EquilibriumPropagation}: every loss × bounded activation × estimator compiles cleanly and trains. */
class EqPropProcessorTest {

    @ParameterizedTest
    @CsvSource({
        "SOFTMAX_CROSS_ENTROPY, SIGMOID,      IDENTITY,     false",
        "SOFTMAX_CROSS_ENTROPY, HARD_SIGMOID, IDENTITY,     true",
        "SOFTMAX_CROSS_ENTROPY, TANH,         IDENTITY,     false",
        "MEAN_SQUARED_ERROR,    SIGMOID,      SIGMOID,      true",
        "MEAN_SQUARED_ERROR,    HARD_TANH,    IDENTITY,     false",
        "MEAN_SQUARED_ERROR,    HARD_SIGMOID, HARD_SIGMOID, false",
        "MEAN_SQUARED_ERROR,    TANH,         RELU,         true",
    })
    void compilesCleanAndTrains(String loss, String hidden, String output, boolean centered) {
        List<String> phases = ContrastiveCompile.trainOneStep(spec(
                "@Network(inputs = 5, maxBatch = 4, loss = Loss." + loss + ")",
                "@Dense(units = 6, activation = Activation." + hidden + ")",
                "@Dense(units = 4, activation = Activation." + hidden + ")",
                "@Dense(units = 3, activation = Activation." + output + ")",
                "@EquilibriumPropagation(beta = 0.2f, freeSteps = 7, nudgedSteps = 3, centered = " + centered + ")"),
                true);
        assertEquals(7, Collections.frequency(phases, "free"));
        assertEquals(centered ? 6 : 3, Collections.frequency(phases, "nudged"));
    }

    @Test
    void defaultsCompile() {
        ContrastiveCompile.trainOneStep(spec(
                "@Network(inputs = 5, maxBatch = 4)",
                "@Dense(units = 6, activation = Activation.SIGMOID)",
                "@Dense(units = 3, activation = Activation.IDENTITY)",
                "@EquilibriumPropagation"), true);
    }

    @ParameterizedTest
    @CsvSource({"RELU", "IDENTITY"})
    void hiddenLayersMustBeBounded(String activation) {
        ContrastiveCompile.assertOnlyErrorInRepeatedDense(spec(
                "@Network(inputs = 5)",
                "@Dense(units = 6, activation = Activation." + activation + ")",
                "@Dense(units = 3, activation = Activation.IDENTITY)",
                "@EquilibriumPropagation"),
                "[infergen:eqprop-bounded] @EquilibriumPropagation needs a bounded activation on hidden layer 0, got "
                        + activation + " (with full feedback an unbounded unit can run away; use SIGMOID,"
                        + " HARD_SIGMOID, TANH or HARD_TANH)", 4, 7);
    }

    @Test
    void betaOutOfRange() {
        assertOnlyError(spec(
                "@Network(inputs = 5)",
                "@Dense(units = 3, activation = Activation.IDENTITY)",
                "@EquilibriumPropagation(beta = 0f)"),
                "[infergen:contrastive-beta] @EquilibriumPropagation needs beta in (0, 1] with 1/beta finite in float32, got 0.0 (beta is the"
                        + " clamping (nudging) strength per sample; 1e-2 is BP-like, EqProp uses 0.1 to 0.5)", 5,
                "beta = 0f");
    }

    @ParameterizedTest
    @CsvSource({"freeSteps, 0", "nudgedSteps, -1"})
    void stepsMustBePositive(String element, int value) {
        assertOnlyError(spec(
                "@Network(inputs = 5)",
                "@Dense(units = 3, activation = Activation.IDENTITY)",
                "@EquilibriumPropagation(" + element + " = " + value + ")"),
                "[infergen:contrastive-steps] " + element + " must be >= 1, got " + value + " (it is the number of"
                        + " relaxation sweeps of a phase; 10 to 30 is usual)", 5, element + " = " + value);
    }
}
