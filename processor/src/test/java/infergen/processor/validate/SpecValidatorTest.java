package infergen.processor.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import infergen.annotations.Activation;
import infergen.annotations.Init;
import infergen.annotations.Loss;
import infergen.processor.model.LayerSpec;
import infergen.processor.model.NetworkSpec;
import infergen.processor.model.OptimizerSpec;
import infergen.processor.model.RuleSpec;
import infergen.processor.model.ValueRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SpecValidator} on models built by hand, without javac: which problems, on which reference, in what words. */
class SpecValidatorTest {

    private static final ValueRef NETWORK = ValueRef.named("@Network");
    private static final ValueRef INPUTS = ValueRef.named("inputs");
    private static final ValueRef MAX_BATCH = ValueRef.named("maxBatch");
    private static final ValueRef NAME = ValueRef.named("name");

    /** A mutable spec, valid until a test breaks it. */
    private static final class Spec {
        String className = "SpecNet";
        NetworkSpec.Kind kind = NetworkSpec.Kind.INTERFACE;
        int inputs = 4;
        int maxBatch = 8;
        Loss loss = Loss.SOFTMAX_CROSS_ENTROPY;
        final List<LayerSpec> layers = new ArrayList<>();
        final List<RuleSpec> rules = new ArrayList<>();
        final List<OptimizerSpec> optimizers = new ArrayList<>();

        Spec layer(int units, Activation activation) {
            int l = layers.size();
            layers.add(new LayerSpec(units, activation, Init.GLOROT_UNIFORM, 1f, ValueRef.named("@Dense " + l),
                    ValueRef.named("units " + l), ValueRef.named("activation " + l), ValueRef.named("initGain " + l)));
            return this;
        }

        NetworkSpec build() {
            return new NetworkSpec("t.Spec", "t", "Spec", className, kind, inputs, maxBatch, loss,
                    List.copyOf(layers), List.copyOf(rules), List.copyOf(optimizers),
                    new NetworkSpec.Refs(NETWORK, INPUTS, MAX_BATCH, ValueRef.named("loss"), NAME));
        }

        List<Problem> problems() {
            return SpecValidator.validate(build());
        }
    }

    private static Spec valid() {
        return new Spec().layer(8, Activation.RELU).layer(3, Activation.IDENTITY);
    }

    private static RuleSpec.FenchelBackprop fenchel(float beta, boolean output) {
        return new RuleSpec.FenchelBackprop(beta, output, ValueRef.named("@FenchelBackprop"), ValueRef.named("beta"),
                ValueRef.named("fenchelOutput"));
    }

    private static OptimizerSpec.Adam adam(float lr, float beta1, float beta2, float epsilon) {
        return new OptimizerSpec.Adam(lr, beta1, beta2, epsilon, ValueRef.named("@Adam"), ValueRef.named("lr"),
                ValueRef.named("beta1"), ValueRef.named("beta2"), ValueRef.named("epsilon"));
    }

    private static OptimizerSpec.Sgd sgd(float lr, float momentum) {
        return new OptimizerSpec.Sgd(lr, momentum, ValueRef.named("@Sgd"), ValueRef.named("lr"),
                ValueRef.named("momentum"));
    }

    /** The problems as "tag@reference" strings, in order. */
    private static List<String> summary(List<Problem> problems) {
        return problems.stream().map(p -> p.message().tag() + "@" + ((ValueRef.Named) p.where()).name()).toList();
    }

    // ---- valid specs -----------------------------------------------------------------------------------------

    static Stream<Long> seeds() {
        return LongStream.range(0, 200).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomValidSpecsHaveNoProblem(long seed) {
        Random random = new Random(seed);
        Spec spec = new Spec();
        spec.inputs = 1 + random.nextInt(2000);
        spec.maxBatch = 1 + random.nextInt(512);
        spec.loss = Loss.values()[random.nextInt(2)];
        int layers = 1 + random.nextInt(5);
        for (int l = 0; l < layers; l++) {
            Activation a = Activation.values()[random.nextInt(Activation.values().length)];
            if (l == layers - 1 && spec.loss == Loss.SOFTMAX_CROSS_ENTROPY) {
                a = Activation.IDENTITY;
            }
            spec.layer(1 + random.nextInt(1000), a);
        }
        switch (random.nextInt(3)) {
            case 0 -> spec.rules.add(new RuleSpec.Backprop(ValueRef.named("@Backprop")));
            case 1 -> spec.rules.add(fenchel(Float.MIN_VALUE + random.nextFloat() * 10f,
                    spec.loss == Loss.SOFTMAX_CROSS_ENTROPY && random.nextBoolean()));
            default -> { } // the default rule
        }
        switch (random.nextInt(3)) {
            case 0 -> spec.optimizers.add(adam(1e-6f + random.nextFloat(), random.nextFloat() * 0.999f,
                    random.nextFloat() * 0.999f, 1e-12f + random.nextFloat()));
            case 1 -> spec.optimizers.add(sgd(1e-6f + random.nextFloat(), random.nextFloat() * 0.999f));
            default -> { } // the default optimizer
        }
        assertEquals(List.of(), spec.problems(), () -> "seed " + seed + ": " + spec.build());
    }

    // ---- one problem each ------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CLASS           | a class that is not abstract",
        "ENUM            | an enum",
        "RECORD          | a record",
        "ANNOTATION_TYPE | an annotation type",
    })
    void notAbstract(NetworkSpec.Kind kind, String described) {
        Spec spec = valid();
        spec.kind = kind;
        List<Problem> problems = spec.problems();
        assertEquals(List.of("spec-kind@@Network"), summary(problems));
        assertEquals("[infergen:spec-kind] @Network goes on an interface or abstract class, but t.Spec is "
                + described + " (declare the spec as 'public interface Spec {}')", problems.get(0).text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"INTERFACE", "ABSTRACT_CLASS"})
    void abstractKindsCarryASpec(NetworkSpec.Kind kind) {
        Spec spec = valid();
        spec.kind = kind;
        assertEquals(List.of(), spec.problems());
    }

    @Test
    void noLayers() {
        Spec spec = new Spec();
        assertEquals(List.of("no-layers@@Network"), summary(spec.problems()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void sizesMustBePositive(int bad) {
        Spec spec = valid();
        spec.inputs = bad;
        spec.maxBatch = bad;
        spec.layers.set(0, new LayerSpec(bad, Activation.RELU, Init.HE_UNIFORM, 1f, ValueRef.named("@Dense 0"),
                ValueRef.named("units 0"), ValueRef.named("activation 0"), ValueRef.named("initGain 0")));
        List<Problem> problems = spec.problems();
        assertEquals(List.of("not-positive@inputs", "not-positive@maxBatch", "not-positive@units 0"),
                summary(problems));
        assertEquals("[infergen:not-positive] units of layer 0 must be > 0, got " + bad + " (it is a size)",
                problems.get(2).text());
    }

    @ParameterizedTest
    @ValueSource(floats = {0f, -0f, -0.5f, Float.NaN, Float.POSITIVE_INFINITY})
    void initGainMustBePositiveAndFinite(float bad) {
        Spec spec = valid();
        LayerSpec first = spec.layers.get(0);
        spec.layers.set(0, new LayerSpec(first.units(), first.activation(), first.init(), bad, first.annotation(),
                first.unitsRef(), first.activationRef(), ValueRef.named("initGain 0")));
        List<Problem> problems = spec.problems();
        assertEquals(List.of("init-gain@initGain 0"), summary(problems));
        assertEquals("[infergen:init-gain] initGain of layer 0 must be > 0 and finite, got " + bad
                + " (it multiplies the init's draw: 1 keeps it, 0.5 halves the initial weights)", problems.get(0).text());
    }

    @Test
    void tooLargeAtTheBoundary() {
        int limit = Integer.MAX_VALUE - 8; // what a JVM reliably allocates
        Spec fits = new Spec().layer(limit / 1, Activation.IDENTITY);
        fits.inputs = 1;
        fits.maxBatch = 1;
        assertEquals(List.of(), fits.problems());

        Spec weights = new Spec().layer(46341, Activation.IDENTITY); // 46341² > 2^31
        weights.inputs = 46341;
        weights.maxBatch = 1;
        List<Problem> problems = weights.problems();
        assertEquals(List.of("too-large@units 0"), summary(problems));
        assertEquals("[infergen:too-large] the weights of layer 0 (units × fanIn) needs 2147488281 elements, more"
                + " than a Java array holds (2^31 - 1) (lower maxBatch or the layer sizes)", problems.get(0).text());

        Spec activations = new Spec().layer(limit, Activation.IDENTITY);
        activations.inputs = 1;
        activations.maxBatch = 2;
        assertEquals(List.of("too-large@units 0"), summary(activations.problems()));

        Spec batch = new Spec().layer(1, Activation.IDENTITY);
        batch.inputs = limit;
        batch.maxBatch = 2;
        assertEquals(List.of("too-large@maxBatch"), summary(batch.problems()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RELU", "HARD_TANH", "HARD_SIGMOID", "SIGMOID", "TANH"})
    void softmaxNeedsIdentity(String activation) {
        Spec spec = new Spec().layer(8, Activation.IDENTITY).layer(3, Activation.valueOf(activation));
        assertEquals(List.of("softmax-identity@activation 1"), summary(spec.problems()));
        spec.loss = Loss.MEAN_SQUARED_ERROR;
        assertEquals(List.of(), spec.problems());
    }

    @ParameterizedTest
    @ValueSource(floats = {0f, -0f, -1f, -Float.MIN_VALUE, Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY})
    void badBeta(float beta) {
        Spec spec = valid();
        spec.rules.add(fenchel(beta, false));
        List<Problem> problems = spec.problems();
        assertEquals(List.of("beta@beta"), summary(problems));
        assertEquals("[infergen:beta] beta must be > 0 and finite, got " + beta + " (the paper uses 1e-4 for BP-like"
                + " behaviour and large values (0.1 to 10) to escape dead units)", problems.get(0).text());
    }

    @ParameterizedTest
    @ValueSource(floats = {Float.MIN_VALUE, 1e-4f, 10f, Float.MAX_VALUE})
    void goodBeta(float beta) {
        Spec spec = valid();
        spec.rules.add(fenchel(beta, true));
        assertEquals(List.of(), spec.problems());
    }

    @Test
    void fenchelOutputNeedsSoftmax() {
        Spec spec = valid();
        spec.loss = Loss.MEAN_SQUARED_ERROR;
        spec.rules.add(fenchel(1f, true));
        assertEquals(List.of("fenchel-output@fenchelOutput"), summary(spec.problems()));
    }

    @ParameterizedTest
    @ValueSource(floats = {0f, -0f, -1e-3f, Float.NaN, Float.POSITIVE_INFINITY})
    void badLearningRate(float lr) {
        Spec adam = valid();
        adam.optimizers.add(adam(lr, 0.9f, 0.999f, 1e-8f));
        assertEquals(List.of("learning-rate@lr"), summary(adam.problems()));
        Spec sgd = valid();
        sgd.optimizers.add(sgd(lr, 0f));
        assertEquals(List.of("learning-rate@lr"), summary(sgd.problems()));
    }

    @ParameterizedTest
    @ValueSource(floats = {1f, 1.5f, -Float.MIN_VALUE, -0.5f, Float.NaN, Float.POSITIVE_INFINITY})
    void outsideTheUnitInterval(float value) {
        Spec spec = valid();
        spec.optimizers.add(adam(1e-3f, value, value, 1e-8f));
        assertEquals(List.of("unit-interval@beta1", "unit-interval@beta2"), summary(spec.problems()));
        Spec sgd = valid();
        sgd.optimizers.add(sgd(0.1f, value));
        List<Problem> problems = sgd.problems();
        assertEquals(List.of("unit-interval@momentum"), summary(problems));
        assertEquals("[infergen:unit-interval] momentum must be in [0, 1), got " + value
                + " (0 is plain SGD, 0.9 is usual)", problems.get(0).text());
    }

    @ParameterizedTest
    @ValueSource(floats = {0f, -0f, 0.99999994f})
    void insideTheUnitInterval(float value) {
        Spec spec = valid();
        spec.optimizers.add(adam(1e-3f, value, value, 1e-8f));
        assertEquals(List.of(), spec.problems());
    }

    @ParameterizedTest
    @ValueSource(floats = {0f, -1e-8f, Float.NaN, Float.POSITIVE_INFINITY})
    void badEpsilon(float epsilon) {
        Spec spec = valid();
        spec.optimizers.add(adam(1e-3f, 0.9f, 0.999f, epsilon));
        assertEquals(List.of("epsilon@epsilon"), summary(spec.problems()));
    }

    @Test
    void everyExtraRuleAndOptimizerIsOneProblemOnItself() {
        Spec spec = valid();
        spec.rules.add(new RuleSpec.Backprop(ValueRef.named("@Backprop")));
        spec.rules.add(fenchel(1f, false));
        spec.rules.add(new RuleSpec.Backprop(ValueRef.named("@Backprop 2")));
        spec.optimizers.add(sgd(0.1f, 0f));
        spec.optimizers.add(adam(1e-3f, 0.9f, 0.999f, 1e-8f));
        List<Problem> problems = spec.problems();
        assertEquals(List.of("two-rules@@FenchelBackprop", "two-rules@@Backprop 2", "two-optimizers@@Adam"),
                summary(problems));
        assertEquals("[infergen:two-rules] a spec takes at most one learning rule, found @Backprop and"
                + " @FenchelBackprop (keep one; @Backprop is the default)", problems.get(0).text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "9Net", "a.Net", "class", "var x", "Net-1", "_", "var", "record", "yield", "sealed", "permits"})
    void badName(String name) {
        Spec spec = valid();
        spec.className = name;
        assertEquals(List.of("bad-name@name"), summary(spec.problems()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Net", "FashionNet", "$Net", "Net_2", "ÄNet", "Var", "module"})
    void goodName(String name) {
        Spec spec = valid();
        spec.className = name;
        assertEquals(List.of(), spec.problems());
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        Spec spec = new Spec().layer(0, Activation.RELU).layer(3, Activation.TANH);
        spec.kind = NetworkSpec.Kind.ENUM;
        spec.inputs = -4;
        spec.className = "9";
        spec.rules.add(fenchel(-1f, false));
        spec.optimizers.add(adam(0f, 1f, 1f, 0f));
        spec.optimizers.add(sgd(-1f, 2f));
        assertEquals(List.of("spec-kind@@Network", "not-positive@inputs", "bad-name@name", "not-positive@units 0",
                "softmax-identity@activation 1", "beta@beta", "two-optimizers@@Sgd", "learning-rate@lr",
                "unit-interval@beta1", "unit-interval@beta2", "epsilon@epsilon", "learning-rate@lr",
                "unit-interval@momentum"), summary(spec.problems()));
    }
}
