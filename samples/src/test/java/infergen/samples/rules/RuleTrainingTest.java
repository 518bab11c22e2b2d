package infergen.samples.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.runtime.TrainableNet;
import infergen.runtime.data.Datasets;
import infergen.runtime.train.EpochResult;
import infergen.runtime.train.Evaluation;
import infergen.runtime.train.Trainer;
import java.io.IOException;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each inference-learning rule trains its {@link RuleSpecs} network (the paper's 784-256-128-64-10 ReLU MLP; EqProp
 * 784-256-10 sigmoid) on the embedded Fashion-MNIST slice to a clear improvement over chance in a CI-sized run: one
 * epoch over the 6,000 training images, batch 50, then the 1,000 test images. Chance is 10%; after one epoch every
 * rule measured 79–80% (EqProp 75.5%), BP 80.6%, so the bar is 70% and a gain of 40 points over the untrained net.
 */
class RuleTrainingTest {

    private static Datasets.Split data;

    @BeforeAll
    static void load() throws IOException {
        data = Datasets.embeddedFashionMnist();
    }

    /** The rules of {@link RuleSpecs}, top-down first: name and constructor. */
    static Stream<Arguments> rules() {
        return Stream.concat(topDownRules(), Stream.of(
                Arguments.of("CHL", (LongFunction<TrainableNet>) RulesChlNet::new),
                Arguments.of("convex CHL", (LongFunction<TrainableNet>) RulesConvexChlNet::new),
                Arguments.of("EqProp", (LongFunction<TrainableNet>) RulesEqPropNet::new)));
    }

    /** PCN, MAC and LPOM. */
    static Stream<Arguments> topDownRules() {
        return Stream.of(
                Arguments.of("PCN", (LongFunction<TrainableNet>) RulesPcnNet::new),
                Arguments.of("MAC", (LongFunction<TrainableNet>) RulesMacNet::new),
                Arguments.of("LPOM", (LongFunction<TrainableNet>) RulesLpomNet::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void trainsFarAboveChanceOnTheEmbeddedSlice(String rule, LongFunction<TrainableNet> factory) {
        TrainableNet net = factory.apply(42);
        double before = Evaluation.accuracy(net, data.test());
        EpochResult r = Trainer.builder(net, data.train()).test(data.test()).batchSize(50).seed(1)
                .trainAccuracy(false).build().runEpoch();
        double after = r.testAccuracy();
        System.out.printf("%s: test accuracy %.3f → %.3f after 1 epoch of %d images, train loss %.4f%n", rule, before,
                after, r.samples(), r.trainLoss());
        assertTrue(after >= 0.70, rule + " test accuracy " + after + " (chance 0.1)");
        assertTrue(after >= before + 0.4, rule + " improved from " + before + " to " + after);
    }
}
