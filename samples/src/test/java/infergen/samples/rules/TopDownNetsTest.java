package infergen.samples.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.runtime.InferenceListener;
import infergen.runtime.TrainableNet;
import infergen.runtime.data.Dataset;
import infergen.runtime.data.Datasets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties the top-down rules' nets (PCN, MAC, LPOM on the paper's MLP, {@link RuleSpecs}) share, on a batch of 50
 * images of the embedded Fashion-MNIST slice: a train step allocates nothing, and the inference listener hears one
 * energy per step that never rises. (That they learn is {@link RuleTrainingTest}.)
 */
class TopDownNetsTest {

    private static float[] x;
    private static int[] labels;

    @BeforeAll
    static void batch() throws IOException {
        Dataset slice = Datasets.embeddedFashionMnist().train();
        x = Arrays.copyOf(slice.images(), 50 * slice.features());
        labels = Arrays.copyOf(slice.labels(), 50);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("infergen.samples.rules.RuleTrainingTest#topDownRules")
    void trainStepAllocatesNothing(String rule, LongFunction<TrainableNet> factory) throws Exception {
        double perStep = infergen.samples.Allocations.inFreshJvm(factory.apply(7).getClass(), 7, 50, 20, "scalar");
        assertTrue(perStep < 64, rule + " allocated " + perStep + " bytes per train step");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("infergen.samples.rules.RuleTrainingTest#topDownRules")
    void listenerSeesOneFallingEnergyPerStep(String rule, LongFunction<TrainableNet> factory) throws Exception {
        TrainableNet net = factory.apply(7);
        List<Double> energies = new ArrayList<>();
        net.getClass().getMethod("setInferenceListener", InferenceListener.class)
                .invoke(net, (InferenceListener) (phase, step, energy) -> {
                    assertEquals(energies.size(), step);
                    energies.add(energy);
                });
        net.computeGradients(x, labels, 50);
        int expected = rule.equals("LPOM") ? 5 : 20;
        assertEquals(expected, energies.size());
        assertTrue(energies.get(expected - 1) < energies.get(0), rule + " energies " + energies);
        for (int i = 1; i < energies.size(); i++) {
            assertTrue(energies.get(i) <= energies.get(i - 1) * (1 + 1e-4) + 1e-6, rule + " energies " + energies);
        }
    }
}
