package infergen.processor.contrastive;

import static infergen.processor.contrastive.ContrastiveCompile.assertOnlyError;
import static infergen.processor.contrastive.ContrastiveCompile.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code @ContrastiveHebbian}: every loss × hidden activation × clamp compiles cleanly and trains; its diagnostics. */
class ChlProcessorTest {

    @ParameterizedTest
    @CsvSource({
        "SOFTMAX_CROSS_ENTROPY, RELU,         IDENTITY, false",
        "SOFTMAX_CROSS_ENTROPY, TANH,         IDENTITY, false",
        "SOFTMAX_CROSS_ENTROPY, HARD_SIGMOID, IDENTITY, false",
        "MEAN_SQUARED_ERROR,    RELU,         IDENTITY, false",
        "MEAN_SQUARED_ERROR,    SIGMOID,      SIGMOID,  false",
        "MEAN_SQUARED_ERROR,    HARD_TANH,    HARD_TANH, false",
        "MEAN_SQUARED_ERROR,    RELU,         IDENTITY, true",
        "MEAN_SQUARED_ERROR,    TANH,         TANH,     true",
    })
    void compilesCleanAndTrains(String loss, String hidden, String output, boolean hard) {
        List<String> phases = ContrastiveCompile.trainOneStep(spec(
                "@Network(inputs = 5, maxBatch = 4, loss = Loss." + loss + ")",
                "@Dense(units = 6, activation = Activation." + hidden + ")",
                "@Dense(units = 4, activation = Activation." + hidden + ")",
                "@Dense(units = 3, activation = Activation." + output + ")",
                "@ContrastiveHebbian(gamma = 0.05f, beta = 0.1f, steps = 4, hardClamp = " + hard + ")",
                "@Sgd(learningRate = 0.01f)"), true);
        assertEquals(4, Collections.frequency(phases, "free"));
        assertEquals(4, Collections.frequency(phases, "clamped"));
    }

    @Test
    void defaultsCompile() {
        ContrastiveCompile.trainOneStep(spec(
                "@Network(inputs = 5, maxBatch = 4)",
                "@Dense(units = 6)",
                "@Dense(units = 3, activation = Activation.IDENTITY)",
                "@ContrastiveHebbian"), true);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "gamma = 0f   | 0.0",
        "gamma = 1f   | 1.0",
        "gamma = -2f  | -2.0",
    })
    void gammaOutOfRange(String value, String shown) {
        assertOnlyError(spec(
                "@Network(inputs = 5, loss = Loss.MEAN_SQUARED_ERROR)",
                "@Dense(units = 3, activation = Activation.IDENTITY)",
                "@ContrastiveHebbian(" + value + ")"),
                "[infergen:contrastive-gamma] gamma must be in (0, 1), got " + shown
                        + " (gamma is the feedback strength; 1e-3 to 1e-2 give BP-like updates, larger values need"
                        + " gamma·‖W‖² < 1)", 5, value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "beta = 0f   | 0.0",
        "beta = 1.5f | 1.5",
    })
    void betaOutOfRange(String value, String shown) {
        assertOnlyError(spec(
                "@Network(inputs = 5, loss = Loss.MEAN_SQUARED_ERROR)",
                "@Dense(units = 3, activation = Activation.IDENTITY)",
                "@ContrastiveHebbian(" + value + ")"),
                "[infergen:contrastive-beta] @ContrastiveHebbian needs beta in (0, 1] with 1/beta finite in float32, got " + shown
                        + " (beta is the clamping (nudging) strength per sample; 1e-2 is BP-like, EqProp uses 0.1 to"
                        + " 0.5)", 5, value);
    }

    @Test
    void betaIsIgnoredWithHardClamp() {
        ContrastiveCompile.assertCompilesClean(spec(
                "@Network(inputs = 5, loss = Loss.MEAN_SQUARED_ERROR)",
                "@Dense(units = 3, activation = Activation.IDENTITY)",
                "@ContrastiveHebbian(beta = 5f, hardClamp = true)"));
    }

    @Test
    void stepsMustBePositive() {
        assertOnlyError(spec(
                "@Network(inputs = 5)",
                "@Dense(units = 3, activation = Activation.IDENTITY)",
                "@ContrastiveHebbian(steps = 0)"),
                "[infergen:contrastive-steps] steps must be >= 1, got 0 (it is the number of relaxation sweeps of a"
                        + " phase; 10 to 30 is usual)", 5, "steps = 0");
    }

    @Test
    void hardClampNeedsSquaredError() {
        assertOnlyError(spec(
                "@Network(inputs = 5)",
                "@Dense(units = 3, activation = Activation.IDENTITY)",
                "@ContrastiveHebbian(hardClamp = true)"),
                "[infergen:hard-clamp-mse] hardClamp = true needs loss MEAN_SQUARED_ERROR, the spec uses"
                        + " SOFTMAX_CROSS_ENTROPY (a hard clamp sets the output to the target vector; with"
                        + " SOFTMAX_CROSS_ENTROPY use the soft clamp (beta))", 5, "hardClamp = true");
    }

    @Test
    void float32Range() {
        assertOnlyError(spec(
                "@Network(inputs = 5)",
                "@Dense(units = 3)",
                "@Dense(units = 3)",
                "@Dense(units = 3)",
                "@Dense(units = 3, activation = Activation.IDENTITY)",
                "@ContrastiveHebbian(gamma = 1e-10f)"),
                "[infergen:contrastive-float-range] gamma = 1.0E-10 and beta = 0.01 put the update of a 4-layer net"
                        + " out of float32 range (gamma^(L-1)·beta = " + (Math.pow(1e-10f, 3) * 0.01f)
                        + ") (float32 needs gamma^(L-1)·beta >= 1e-30, which keeps gamma^(1-L)/beta <= 1e30; raise gamma or"
                        + " beta)", 8, "gamma = 1e-10f");
    }
}
