package infergen.processor.contrastive;

import static infergen.processor.contrastive.ContrastiveCompile.assertOnlyError;
import static infergen.processor.contrastive.ContrastiveCompile.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code @ConvexContrastiveHebbian}: every loss × projection compiles cleanly and trains; its diagnostics. */
class ConvexChlProcessorTest {

    @ParameterizedTest
    @CsvSource({
        "SOFTMAX_CROSS_ENTROPY, RELU,         IDENTITY",
        "SOFTMAX_CROSS_ENTROPY, HARD_TANH,    IDENTITY",
        "SOFTMAX_CROSS_ENTROPY, IDENTITY,     IDENTITY",
        "MEAN_SQUARED_ERROR,    RELU,         IDENTITY",
        "MEAN_SQUARED_ERROR,    HARD_SIGMOID, HARD_SIGMOID",
        "MEAN_SQUARED_ERROR,    RELU,         RELU",
    })
    void compilesCleanAndTrains(String loss, String hidden, String output) {
        List<String> phases = ContrastiveCompile.trainOneStep(spec(
                "@Network(inputs = 5, maxBatch = 4, loss = Loss." + loss + ")",
                "@Dense(units = 6, activation = Activation." + hidden + ")",
                "@Dense(units = 4, activation = Activation." + hidden + ")",
                "@Dense(units = 3, activation = Activation." + output + ")",
                "@ConvexContrastiveHebbian(gamma = 0.05f, beta = 0.1f, steps = 5)",
                "@Adam"), true);
        assertEquals(5, Collections.frequency(phases, "free"));
        assertEquals(5, Collections.frequency(phases, "clamped"));
    }

    @ParameterizedTest
    @CsvSource({"SIGMOID", "TANH"})
    void needsAProjection(String activation) {
        assertOnlyError(spec(
                "@Network(inputs = 5, loss = Loss.MEAN_SQUARED_ERROR)",
                "@Dense(units = 3, activation = Activation." + activation + ")",
                "@ConvexContrastiveHebbian"),
                "[infergen:convex-projection] @ConvexContrastiveHebbian needs each activation to be the projection"
                        + " onto a convex set, got " + activation + " (use RELU (s >= 0), HARD_TANH ([-1, 1]),"
                        + " HARD_SIGMOID ([0, 1]) or IDENTITY; for " + activation + " use @ContrastiveHebbian)",
                4, "." + activation); // javac positions a qualified enum constant at its dot
    }

    @Test
    void needsAProjectionOnHiddenLayers() {
        ContrastiveCompile.assertOnlyErrorInRepeatedDense(spec(
                "@Network(inputs = 5)",
                "@Dense(units = 6, activation = Activation.TANH)",
                "@Dense(units = 3, activation = Activation.IDENTITY)",
                "@ConvexContrastiveHebbian"),
                "[infergen:convex-projection] @ConvexContrastiveHebbian needs each activation to be the projection"
                        + " onto a convex set, got TANH (use RELU (s >= 0), HARD_TANH ([-1, 1]),"
                        + " HARD_SIGMOID ([0, 1]) or IDENTITY; for TANH use @ContrastiveHebbian)", 4, 7);
    }

    @Test
    void gammaOutOfRange() {
        assertOnlyError(spec(
                "@Network(inputs = 5)",
                "@Dense(units = 3, activation = Activation.IDENTITY)",
                "@ConvexContrastiveHebbian(gamma = 1.5f)"),
                "[infergen:contrastive-gamma] gamma must be in (0, 1), got 1.5 (gamma is the feedback strength; 1e-3"
                        + " to 1e-2 give BP-like updates, larger values need gamma·‖W‖² < 1)", 5, "gamma = 1.5f");
    }

    @Test
    void betaOutOfRange() {
        assertOnlyError(spec(
                "@Network(inputs = 5)",
                "@Dense(units = 3, activation = Activation.IDENTITY)",
                "@ConvexContrastiveHebbian(beta = -1f)"),
                "[infergen:contrastive-beta] @ConvexContrastiveHebbian needs beta in (0, 1] with 1/beta finite in float32, got -1.0 (beta is the"
                        + " clamping (nudging) strength per sample; 1e-2 is BP-like, EqProp uses 0.1 to 0.5)", 5,
                "beta = -1f");
    }

    @Test
    void stepsMustBePositive() {
        assertOnlyError(spec(
                "@Network(inputs = 5)",
                "@Dense(units = 3, activation = Activation.IDENTITY)",
                "@ConvexContrastiveHebbian(steps = -3)"),
                "[infergen:contrastive-steps] steps must be >= 1, got -3 (it is the number of relaxation sweeps of a"
                        + " phase; 10 to 30 is usual)", 5, "steps = -3");
    }

    @Test
    void float32RangeOfThePrefactor() {
        // γ^{1−L}/β = 1e36 / 1e-3 > 1e38 while γ^{L−1}β = 1e-39 — the first bound reports first
        assertOnlyError(spec(
                "@Network(inputs = 5)",
                "@Dense(units = 3)",
                "@Dense(units = 3, activation = Activation.IDENTITY)",
                "@ConvexContrastiveHebbian(gamma = 1e-35f, beta = 1e-3f)"),
                "[infergen:contrastive-float-range] gamma = 1.0E-35 and beta = 0.001 put the update of a 2-layer net"
                        + " out of float32 range (gamma^(L-1)·beta = " + ((double) 1e-35f * 1e-3f)
                        + ") (float32 needs gamma^(L-1)·beta >= 1e-30, which keeps gamma^(1-L)/beta <= 1e30; raise gamma or"
                        + " beta)", 6, "gamma = 1e-35f");
    }
}
