package infergen.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import infergen.annotations.Activation;
import infergen.annotations.Init;
import infergen.annotations.Loss;
import infergen.runtime.RegressionNet;
import infergen.runtime.TrainableNet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every learning rule × loss × hidden activation compiles without a single warning under {@code -Xlint:all}, and the
 * generated class loads, has the spec's sizes and takes a train step with a finite loss. Optimizers, inits and the
 * output activation under MSE rotate across the combinations.
 */
class CombinationsTest {

    private static final int INPUTS = 5;
    private static final int HIDDEN_1 = 7;
    private static final int HIDDEN_2 = 6;
    private static final int OUTPUTS = 3;
    private static final int MAX_BATCH = 4;

    enum Rule {
        BACKPROP("@Backprop"),
        FENCHEL("@FenchelBackprop(beta = 0.05f)"),
        FENCHEL_OUTPUT("@FenchelBackprop(beta = 0.05f, fenchelOutput = true)");

        final String annotation;

        Rule(String annotation) {
            this.annotation = annotation;
        }
    }

    static final List<String> OPTIMIZERS = List.of(
            "@Adam(learningRate = 1e-2f)",
            "@Sgd(learningRate = 0.1f)",
            "@Sgd(learningRate = 0.05f, momentum = 0.9f)");

    record Combination(int index, Rule rule, Loss loss, Activation hidden, Activation output, String optimizer,
            Init init) {
        @Override
        public String toString() {
            return rule + " " + loss + " hidden " + hidden + " output " + output + " " + optimizer + " " + init;
        }

        String source() {
            return """
                    package combo;

                    import infergen.annotations.*;

                    @Network(inputs = %d, maxBatch = %d, loss = Loss.%s)
                    @Dense(units = %d, activation = Activation.%s, init = Init.%s)
                    @Dense(units = %d, activation = Activation.%s, init = Init.%s)
                    @Dense(units = %d, activation = Activation.%s)
                    %s
                    %s
                    public interface Spec%d {
                    }
                    """.formatted(INPUTS, MAX_BATCH, loss, HIDDEN_1, hidden, init, HIDDEN_2, hidden,
                    Init.values()[(init.ordinal() + 1) % 3], OUTPUTS, output, rule.annotation, optimizer, index);
        }
    }

    static Stream<Combination> combinations() {
        List<Combination> all = new ArrayList<>();
        Activation[] activations = Activation.values();
        for (Rule rule : Rule.values()) {
            for (Loss loss : Loss.values()) {
                if (rule == Rule.FENCHEL_OUTPUT && loss != Loss.SOFTMAX_CROSS_ENTROPY) {
                    continue;
                }
                for (Activation hidden : activations) {
                    int i = all.size();
                    Activation output = loss == Loss.SOFTMAX_CROSS_ENTROPY ? Activation.IDENTITY
                            : activations[(i + 1) % activations.length];
                    all.add(new Combination(i, rule, loss, hidden, output, OPTIMIZERS.get(i % OPTIMIZERS.size()),
                            Init.values()[i % Init.values().length]));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void compilesWithoutWarningsAndTrains(Combination combination) throws Exception {
        Compilation c = Compile.compile(combination.source());
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("combo.Spec" + combination.index() + "Net");

        Class<?> type = Compile.classLoader(c).loadClass("combo.Spec" + combination.index() + "Net");
        TrainableNet net = (TrainableNet) type.getConstructor(long.class).newInstance(42L);
        assertEquals(INPUTS, net.inputSize());
        assertEquals(OUTPUTS, net.outputSize());
        assertEquals(MAX_BATCH, net.maxBatch());
        assertEquals(3, net.layerCount());
        int[] fanIn = {INPUTS, HIDDEN_1, HIDDEN_2};
        int[] units = {HIDDEN_1, HIDDEN_2, OUTPUTS};
        for (int l = 0; l < 3; l++) {
            assertEquals(units[l] * fanIn[l], net.weights(l).length, "weights of layer " + l);
            assertEquals(units[l], net.bias(l).length, "bias of layer " + l);
        }

        Random random = new Random(combination.index());
        int n = MAX_BATCH - 1;
        float[] x = new float[n * INPUTS];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        float[] before = parameters(net);
        float loss;
        if (combination.loss() == Loss.SOFTMAX_CROSS_ENTROPY) {
            int[] labels = random.ints(n, 0, OUTPUTS).toArray();
            loss = net.trainStep(x, labels, n);
        } else {
            RegressionNet regression = assertInstanceOf(RegressionNet.class, net);
            float[] targets = new float[n * OUTPUTS];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = random.nextFloat();
            }
            loss = regression.trainStep(x, targets, n);
        }
        assertTrue(Float.isFinite(loss) && loss >= 0f, "loss " + loss);
        for (int l = 0; l < 3; l++) {
            for (float w : net.weights(l)) {
                assertTrue(Float.isFinite(w), "weights of layer " + l + " stay finite");
            }
        }
        // (The rotation avoids the spec whose units are all dead from the start, e.g. HARD_SIGMOID after a negative
        // init into a HARD_SIGMOID output: back-propagation rightly does not move it at all.)
        assertFalse(java.util.Arrays.equals(before, parameters(net)), "the step updated the parameters");

        TrainableNet first = (TrainableNet) type.getConstructor(long.class).newInstance(7L);
        TrainableNet second = (TrainableNet) type.getConstructor(long.class).newInstance(7L);
        for (int l = 0; l < 3; l++) {
            assertArrayEquals(first.weights(l), second.weights(l), "the same seed gives the same parameters");
        }
    }

    /** Every rule's annotation, for the one-layer specs. */
    static final List<String> ALL_RULES = List.of("@Backprop", "@FenchelBackprop(beta = 0.5f)",
            "@PredictiveCoding(beta = 0.1f, steps = 5, rate = 0.1f)",
            "@PredictiveCoding(beta = 0.1f, steps = 2, rate = 1f, fixedPrediction = true)",
            "@AuxiliaryCoordinates(mu = 10f, steps = 5, rate = 0.1f)", "@LiftedProximal(beta = 0.5f, sweeps = 2)",
            "@ContrastiveHebbian(gamma = 0.5f, beta = 0.5f, steps = 3)",
            "@ConvexContrastiveHebbian(gamma = 0.5f, beta = 0.5f, steps = 3)",
            "@EquilibriumPropagation(beta = 0.5f, freeSteps = 3, nudgedSteps = 2)");

    static Stream<org.junit.jupiter.params.provider.Arguments> oneLayerSpecs() {
        return ALL_RULES.stream().flatMap(rule -> Stream.of(Loss.values())
                .map(loss -> org.junit.jupiter.params.provider.Arguments.of(rule, loss)));
    }

    /**
     * The smallest spec of every rule, one layer, compiles and trains (issue #15: PCN and MAC named buffers of a
     * moving prediction that a single layer, whose input is clamped, does not have).
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("oneLayerSpecs")
    void oneLayerOfEveryRuleCompilesAndTrains(String rule, Loss loss) {
        Compilation c = Compile.compile("""
                package one;
                import infergen.annotations.*;
                @Network(inputs = 5, maxBatch = 3, loss = Loss.%s)
                @Dense(units = 3, activation = Activation.%s)
                %s
                public interface Spec {}
                """.formatted(loss, loss == Loss.SOFTMAX_CROSS_ENTROPY ? "IDENTITY" : "HARD_SIGMOID", rule));
        assertThat(c).succeededWithoutWarnings();
        TrainableNet net = Compile.newNet(c, "one.SpecNet", 9L);
        Random random = new Random(5);
        float[] x = new float[2 * 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        float[] before = parameters(net);
        float lossValue = net.trainStep(x, new int[] {0, 2}, 2);
        assertTrue(Float.isFinite(lossValue), "loss " + lossValue);
        assertFalse(java.util.Arrays.equals(before, parameters(net)), "the step updated the parameters");
    }

    /** All weights and biases, concatenated. */
    private static float[] parameters(TrainableNet net) {
        List<float[]> arrays = new ArrayList<>();
        for (int l = 0; l < net.layerCount(); l++) {
            arrays.add(net.weights(l));
            arrays.add(net.bias(l));
        }
        float[] all = new float[arrays.stream().mapToInt(a -> a.length).sum()];
        int at = 0;
        for (float[] a : arrays) {
            System.arraycopy(a, 0, all, at, a.length);
            at += a.length;
        }
        return all;
    }
}
