package infergen.samples.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.runtime.TrainableNet;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each top-down rule trains the paper's 784-256-128-64-10 MLP (batch 50, Adam 1e-3) to well above chance in a
 * CI-sized run (1000 samples, 3 epochs), allocates nothing in a train step, and reports falling energies to its
 * listener. TODO(issue 5): train on {@code Datasets.embeddedFashionMnist()} once the data loaders are merged into
 * this branch; until then the data are {@link TrainingData#synthetic}.
 */
class TopDownTrainingTest {

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("PCN", (LongFunction<TrainableNet>) FashionPcnNet::new),
                Arguments.of("MAC", (LongFunction<TrainableNet>) FashionMacNet::new),
                Arguments.of("LPOM", (LongFunction<TrainableNet>) FashionLpomNet::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void trainsWellAboveChance(String rule, LongFunction<TrainableNet> factory) {
        TrainableNet net = factory.apply(7);
        TrainingData train = TrainingData.synthetic(1000, 1);
        TrainingData test = TrainingData.synthetic(500, 2);
        double before = Training.accuracy(net, test);
        double loss = Training.train(net, train, 3, 3);
        double after = Training.accuracy(net, test);
        System.out.printf("%s: test accuracy %.3f → %.3f, last epoch loss %.4f%n", rule, before, after, loss);
        assertTrue(after >= 0.6, rule + " accuracy " + after + " (chance 0.1)");
        assertTrue(after > before + 0.3, rule + " improved from " + before + " to " + after);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void trainStepAllocatesNothing(String rule, LongFunction<TrainableNet> factory) {
        TrainableNet net = factory.apply(7);
        TrainingData data = TrainingData.synthetic(50, 4);
        double perStep = infergen.samples.Allocations.steadyBytesPerStep(
                () -> net.trainStep(data.x(), data.labels(), 50), 20, 60, 64);
        assertTrue(perStep < 64, rule + " allocated " + perStep + " bytes per train step");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void listenerSeesOneFallingEnergyPerStep(String rule, LongFunction<TrainableNet> factory) throws Exception {
        TrainableNet net = factory.apply(7);
        TrainingData data = TrainingData.synthetic(50, 5);
        List<Double> energies = new ArrayList<>();
        List<String> phases = new ArrayList<>();
        net.getClass().getMethod("setInferenceListener", infergen.runtime.InferenceListener.class)
                .invoke(net, (infergen.runtime.InferenceListener) (phase, step, energy) -> {
                    assertEquals(energies.size(), step);
                    phases.add(phase);
                    energies.add(energy);
                });
        net.computeGradients(data.x(), data.labels(), 50);
        int expected = rule.equals("LPOM") ? 5 : 20;
        assertEquals(expected, energies.size());
        assertTrue(energies.get(expected - 1) < energies.get(0), rule + " energies " + energies);
        for (int i = 1; i < energies.size(); i++) {
            assertTrue(energies.get(i) <= energies.get(i - 1) * (1 + 1e-4) + 1e-6, rule + " energies " + energies);
        }
    }
}
