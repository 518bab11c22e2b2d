package infergen.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import infergen.runtime.TrainableNet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The run-time hyperparameters, against real compilations: for every numeric element of every rule and optimizer
 * annotation, a network whose value is set at run time trains bit for bit like one compiled with that value; a bad
 * value gets the compile-time message's words and changes nothing; checkpoints carry the values.
 */
class HyperparametersTest {

    /**
     * One element to change: the spec's rule and optimizer annotations, the element, its spec value's replacement
     * for the run-time set, and a value out of range. {@code base} must use the element's default or spell it out.
     */
    record Case(String rule, String optimizer, String loss, String element, String value, String bad) {
        @Override
        public String toString() {
            return rule.replaceAll("\\(.*", "") + " " + optimizer.replaceAll("\\(.*", "") + " " + element + " = "
                    + value;
        }

        String annotation(String which, String override) {
            String base = which.equals("rule") ? rule : optimizer;
            String name = base.contains("(") ? base.substring(0, base.indexOf('(')) : base;
            String args = base.contains("(") ? base.substring(base.indexOf('(') + 1, base.length() - 1) : "";
            if (override == null || !ownsElement(which)) {
                return base;
            }
            List<String> parts = new ArrayList<>();
            for (String p : args.isEmpty() ? new String[0] : args.split(", ")) {
                if (!p.startsWith(element + " = ")) {
                    parts.add(p);
                }
            }
            parts.add(element + " = " + override);
            return name + "(" + String.join(", ", parts) + ")";
        }

        boolean ownsElement(String which) {
            boolean optimizerElement = List.of("learningRate", "beta1", "beta2", "epsilon", "momentum")
                    .contains(element);
            return which.equals("rule") != optimizerElement;
        }

        String spec(String name, String override) {
            return "package t;\nimport infergen.annotations.*;\n"
                    + "@Network(inputs = 7, maxBatch = 6, loss = Loss." + loss + ")\n"
                    + "@Dense(units = 6, activation = Activation." + (rule.startsWith("@EquilibriumPropagation")
                            ? "SIGMOID" : "RELU") + ")\n"
                    + "@Dense(units = 5, activation = Activation.HARD_TANH)\n"
                    + "@Dense(units = 3, activation = Activation.IDENTITY)\n"
                    + annotation("rule", override) + "\n" + annotation("optimizer", override) + "\n"
                    + "public interface " + name + " {}\n";
        }
    }

    private static final String CE = "SOFTMAX_CROSS_ENTROPY";
    private static final String MSE = "MEAN_SQUARED_ERROR";
    private static final String ADAM = "@Adam(learningRate = 1e-2f)";

    static Stream<Case> cases() {
        return Stream.of(
                new Case("@FenchelBackprop(beta = 1e-3f)", ADAM, CE, "beta", "0.5f", "-1f"),
                new Case("@FenchelBackprop(beta = 1e-3f)", "@Sgd(learningRate = 0.1f)", MSE, "beta", "2f", "0f"),
                new Case("@PredictiveCoding(beta = 0.1f, steps = 20, rate = 0.05f)", ADAM, MSE, "beta", "0.3f", "Float.NaN"),
                new Case("@PredictiveCoding(beta = 0.1f, steps = 20, rate = 0.05f)", ADAM, CE, "steps", "7", "0"),
                new Case("@PredictiveCoding(beta = 0.1f, steps = 20, rate = 0.05f)", ADAM, CE, "rate", "0.2f", "1.5f"),
                new Case("@PredictiveCoding(beta = 0.5f, steps = 3, rate = 1f, fixedPrediction = true)", ADAM, MSE,
                        "beta", "2f", "Float.POSITIVE_INFINITY"),
                new Case("@AuxiliaryCoordinates(mu = 10f, steps = 20, rate = 0.05f)", ADAM, CE, "mu", "30f", "-3f"),
                new Case("@AuxiliaryCoordinates(mu = 10f, steps = 20, rate = 0.05f)", ADAM, MSE, "steps", "5", "-1"),
                new Case("@AuxiliaryCoordinates(mu = 10f, steps = 20, rate = 0.05f)", ADAM, CE, "rate", "0.3f", "0f"),
                new Case("@LiftedProximal(beta = 0.1f, sweeps = 5, innerSteps = 5)", ADAM, CE, "beta", "0.5f", "0f"),
                new Case("@LiftedProximal(beta = 0.1f, sweeps = 5, innerSteps = 5)", ADAM, MSE, "sweeps", "2", "0"),
                new Case("@LiftedProximal(beta = 0.1f, sweeps = 5, innerSteps = 5)", ADAM, CE, "innerSteps", "3",
                        "0"),
                new Case("@ContrastiveHebbian(gamma = 0.01f, beta = 0.01f, steps = 10)", ADAM, CE, "gamma", "0.05f",
                        "1f"),
                new Case("@ContrastiveHebbian(gamma = 0.01f, beta = 0.01f, steps = 10)", ADAM, MSE, "beta", "0.2f",
                        "1.5f"),
                new Case("@ContrastiveHebbian(gamma = 0.01f, beta = 0.01f, steps = 10)", ADAM, CE, "steps", "4", "0"),
                new Case("@ContrastiveHebbian(gamma = 0.1f, steps = 8, hardClamp = true)", ADAM, MSE, "gamma", "0.3f",
                        "0f"),
                new Case("@ConvexContrastiveHebbian(gamma = 0.01f, beta = 0.01f, steps = 10)", ADAM, CE, "gamma",
                        "0.2f", "-0.5f"),
                new Case("@ConvexContrastiveHebbian(gamma = 0.01f, beta = 0.01f, steps = 10)", ADAM, MSE, "beta",
                        "0.5f", "0f"),
                new Case("@ConvexContrastiveHebbian(gamma = 0.01f, beta = 0.01f, steps = 10)", ADAM, CE, "steps", "3",
                        "0"),
                new Case("@EquilibriumPropagation(beta = 0.1f, freeSteps = 30, nudgedSteps = 10)", ADAM, CE, "beta",
                        "0.3f", "2f"),
                new Case("@EquilibriumPropagation(beta = 0.1f, freeSteps = 30, nudgedSteps = 10, centered = true)",
                        ADAM, MSE, "freeSteps", "8", "0"),
                new Case("@EquilibriumPropagation(beta = 0.1f, freeSteps = 30, nudgedSteps = 10)", ADAM, MSE,
                        "nudgedSteps", "3", "0"),
                new Case("@Backprop", ADAM, CE, "learningRate", "3e-3f", "0f"),
                new Case("@Backprop", "@Adam(beta1 = 0.9f)", MSE, "beta1", "0.8f", "1f"),
                new Case("@Backprop", "@Adam(beta2 = 0.999f)", CE, "beta2", "0.99f", "-0.1f"),
                new Case("@FenchelBackprop(beta = 1e-3f)", "@Adam(epsilon = 1e-8f)", CE, "epsilon", "1e-6f", "0f"),
                new Case("@Backprop", "@Sgd(learningRate = 0.1f)", CE, "learningRate", "0.05f",
                        "Float.NEGATIVE_INFINITY"),
                new Case("@Backprop", "@Sgd(learningRate = 0.1f, momentum = 0f)", MSE, "momentum", "0.9f", "1f"),
                new Case("@PredictiveCoding(beta = 0.1f, steps = 20, rate = 0.05f)",
                        "@Sgd(learningRate = 0.1f, momentum = 0.9f)", CE, "momentum", "0f", "-0.5f"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aValueSetAtRunTimeTrainsLikeTheSpecCompiledWithIt(Case c) throws Exception {
        Compilation compilation = Compile.compile(c.spec("Defaults", null), c.spec("Compiled", c.value()));
        assertThat(compilation).succeededWithoutWarnings();
        ClassLoader loader = Compile.classLoader(compilation);
        TrainableNet atRunTime = net(loader, "t.DefaultsNet");
        TrainableNet compiled = net(loader, "t.CompiledNet");
        double value = Double.parseDouble(c.value().replace("f", ""));
        atRunTime.setHyperparameter(c.element(), value);
        assertEquals(compiled.hyperparameters(), atRunTime.hyperparameters());
        train(atRunTime, c.loss().equals(MSE));
        train(compiled, c.loss().equals(MSE));
        assertSameState(compiled, atRunTime);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aBadValueGetsTheCompileTimeWordsAndChangesNothing(Case c) throws Exception {
        Compilation rejected = Compile.compile(c.spec("Bad", c.bad()));
        assertThat(rejected).failed();
        String expected = rejected.errors().get(0).getMessage(null);
        assertTrue(expected.startsWith("[infergen:"), expected);

        Compilation ok = Compile.compile(c.spec("Defaults", null));
        TrainableNet net = net(Compile.classLoader(ok), "t.DefaultsNet");
        train(net, c.loss().equals(MSE));
        Snapshot before = Snapshot.of(net);
        Object bad = switch (c.bad()) {
            case "Float.NaN" -> Float.NaN;
            case "Float.POSITIVE_INFINITY" -> Float.POSITIVE_INFINITY;
            case "Float.NEGATIVE_INFINITY" -> Float.NEGATIVE_INFINITY;
            default -> c.bad().endsWith("f") ? (Object) Float.parseFloat(c.bad()) : (Object) Integer.parseInt(c.bad());
        };
        Class<?> type = bad instanceof Integer ? int.class : float.class;
        String setter = "set" + Character.toUpperCase(c.element().charAt(0)) + c.element().substring(1);
        var method = net.getClass().getMethod(setter, type);
        var thrown = assertThrows(java.lang.reflect.InvocationTargetException.class, () -> method.invoke(net, bad));
        assertTrue(thrown.getCause() instanceof IllegalArgumentException, thrown.getCause().toString());
        assertEquals(expected, thrown.getCause().getMessage());
        IllegalArgumentException byName = assertThrows(IllegalArgumentException.class,
                () -> net.setHyperparameter(c.element(), ((Number) bad).doubleValue()));
        assertEquals(expected, byName.getMessage());
        assertEquals(before, Snapshot.of(net));
    }

    @Test
    void unknownNamesAndNonWholeCountsAreRejectedByName() throws Exception {
        Compilation c = Compile.compile(new Case("@PredictiveCoding(beta = 0.1f, steps = 20, rate = 0.05f)", ADAM, CE,
                "steps", "3", "0").spec("Pcn", null));
        TrainableNet net = net(Compile.classLoader(c), "t.PcnNet");
        assertEquals(List.of("beta", "steps", "rate", "learningRate", "beta1", "beta2", "epsilon"),
                List.copyOf(net.hyperparameters().keySet()));
        Snapshot before = Snapshot.of(net);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> net.setHyperparameter("gamma", 0.1));
        assertEquals("unknown hyperparameter \"gamma\"; this network has beta, steps, rate, learningRate, beta1, "
                + "beta2, epsilon", unknown.getMessage());
        IllegalArgumentException half = assertThrows(IllegalArgumentException.class,
                () -> net.setHyperparameter("steps", 2.5));
        assertEquals("steps takes a whole number, got 2.5", half.getMessage());
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> net.setHyperparameter("beta", 1e300));
        assertEquals("beta = 1.0E300 is outside float's range", huge.getMessage());
        assertEquals(before, Snapshot.of(net));
        assertThrows(UnsupportedOperationException.class, () -> net.hyperparameters().put("beta", 1f));
    }

    @Test
    void theFloatRangeOfTheContrastiveScalesIsCheckedWhenGammaOrBetaChanges() throws Exception {
        Case chl = new Case("@ContrastiveHebbian(gamma = 0.01f, beta = 0.01f, steps = 10)", ADAM, CE, "gamma",
                "1e-20f", "");
        Compilation rejected = Compile.compile(chl.spec("Tiny", "1e-20f"));
        assertThat(rejected).failed();
        String expected = rejected.errors().get(0).getMessage(null);
        assertTrue(expected.startsWith("[infergen:contrastive-float-range]"), expected);
        TrainableNet net = net(Compile.classLoader(Compile.compile(chl.spec("Ok", null))), "t.OkNet");
        Snapshot before = Snapshot.of(net);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.setHyperparameter("gamma", 1e-20f));
        assertEquals(expected, e.getMessage());
        assertEquals(before, Snapshot.of(net));
        // each value is fine alone; together they leave float32's range
        net.setHyperparameter("beta", 1e-20f);
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> net.setHyperparameter("gamma", 1e-10f));
        assertTrue(both.getMessage().startsWith("[infergen:contrastive-float-range] gamma = 1.0E-10 and beta = 1.0E-20"),
                both.getMessage());
    }

    @Test
    void checkpointsCarryTheHyperparameters(@TempDir Path dir) throws Exception {
        Case c = new Case("@EquilibriumPropagation(beta = 0.1f, freeSteps = 30, nudgedSteps = 10)", ADAM, CE, "beta",
                "0.3f", "0f");
        ClassLoader loader = Compile.classLoader(Compile.compile(c.spec("Ep", null)));
        TrainableNet saved = net(loader, "t.EpNet");
        saved.setHyperparameter("beta", 0.5);
        saved.setHyperparameter("freeSteps", 12);
        saved.setHyperparameter("learningRate", 3e-3);
        train(saved, false);
        Path file = dir.resolve("ep.safetensors");
        saved.save(file);

        TrainableNet restored = net(loader, "t.EpNet");
        restored.load(file);
        assertEquals(saved.hyperparameters(), restored.hyperparameters());
        train(saved, false);
        train(restored, false);
        assertSameState(saved, restored);

        // a forged value is an error of the file, and the network stays as it was
        String header = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("\"hyperparameter.beta\":\"0.5\""), "beta is recorded");
        Path forged = dir.resolve("forged.safetensors");
        Files.write(forged, header.replace("\"hyperparameter.beta\":\"0.5\"", "\"hyperparameter.beta\":\"NaN\"")
                .getBytes(StandardCharsets.ISO_8859_1));
        TrainableNet other = net(loader, "t.EpNet");
        Snapshot before = Snapshot.of(other);
        IOException e = assertThrows(IOException.class, () -> other.load(forged));
        assertTrue(e.getMessage().endsWith("forged.safetensors: [infergen:contrastive-beta] @EquilibriumPropagation "
                + "needs beta in (0, 1] with 1/beta finite in float32, got NaN (beta is the clamping (nudging) strength per sample; 1e-2 is BP-like, "
                + "EqProp uses 0.1 to 0.5)"), e.getMessage());
        assertEquals(before, Snapshot.of(other));
    }

    /** Everything a caller can see of a network: parameters, gradients and hyperparameters. */
    record Snapshot(List<List<Float>> arrays, Map<String, Number> hyperparameters) {
        static Snapshot of(TrainableNet net) {
            List<List<Float>> arrays = new ArrayList<>();
            for (int l = 0; l < net.layerCount(); l++) {
                for (float[] a : List.of(net.weights(l), net.bias(l), net.weightGradient(l), net.biasGradient(l))) {
                    List<Float> copy = new ArrayList<>();
                    for (float v : a) {
                        copy.add(v);
                    }
                    arrays.add(copy);
                }
            }
            return new Snapshot(arrays, new LinkedHashMap<>(net.hyperparameters()));
        }
    }

    static TrainableNet net(ClassLoader loader, String name) throws ReflectiveOperationException {
        return (TrainableNet) loader.loadClass(name).getConstructor(long.class).newInstance(5L);
    }

    /** Three steps on seeded batches of 4. */
    static void train(TrainableNet net, boolean regression) {
        SplittableRandom random = new SplittableRandom(17);
        for (int step = 0; step < 3; step++) {
            float[] x = new float[4 * net.inputSize()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextDouble(-1, 1);
            }
            if (regression) {
                float[] y = new float[4 * net.outputSize()];
                for (int i = 0; i < y.length; i++) {
                    y[i] = (float) random.nextDouble();
                }
                ((infergen.runtime.RegressionNet) net).trainStep(x, y, 4);
            } else {
                int[] labels = new int[4];
                for (int i = 0; i < 4; i++) {
                    labels[i] = random.nextInt(net.outputSize());
                }
                net.trainStep(x, labels, 4);
            }
        }
    }

    static void assertSameState(TrainableNet expected, TrainableNet actual) {
        for (int l = 0; l < expected.layerCount(); l++) {
            assertArrayEquals(expected.weights(l), actual.weights(l), "weights " + l);
            assertArrayEquals(expected.bias(l), actual.bias(l), "bias " + l);
            assertArrayEquals(expected.weightGradient(l), actual.weightGradient(l), "weight gradient " + l);
        }
    }
}
