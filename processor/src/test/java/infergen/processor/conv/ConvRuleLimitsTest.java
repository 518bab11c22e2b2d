package infergen.processor.conv;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import infergen.processor.Compile;
import infergen.runtime.RegressionNet;
import infergen.runtime.TrainableNet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The six inference rules on a small conv net (docs/methods.md §10 on convolutions): conv 3@3×3 pad 1 with 2 × 2
 * pooling (MAX for PCN and MAC, AVERAGE for the rules that need a linear map), conv 4@3×3 stride 2 pad 1, dense 6,
 * dense 3 (ReLU, sigmoid for EqProp; MSE, batch 4), each rule's weight updates against generated back-propagation's
 * gradient on the same weights and batch, on five seeds: the worst cosine per layer at the limit setting, and the
 * relative error {@code ‖u − g‖/‖g‖} falling as the setting goes to the limit. PCN with fixed predictions is
 * back-propagation to rounding. And every rule on convolutions that cover their whole input is the same rule on the
 * equivalent MLP.
 */
class ConvRuleLimitsTest {

    private static final int BATCH = 4, SEEDS = 5;
    private static Compilation compiled;

    private static String spec(String name, String pool, String rule) {
        String f = rule.startsWith("@Equilibrium") ? "SIGMOID" : "RELU"; // EqProp needs bounded units
        return """
                package cl;
                import infergen.annotations.*;
                @Network(inputShape = {2, 8, 8}, maxBatch = 4, loss = Loss.MEAN_SQUARED_ERROR)
                @Conv2d(filters = 3, kernel = 3, padding = 1, activation = Activation.%1$s, pool = Pool.%2$s)
                @Conv2d(filters = 4, kernel = 3, stride = 2, padding = 1, activation = Activation.%1$s)
                @Dense(units = 6, activation = Activation.%1$s)
                @Dense(units = 3, activation = Activation.IDENTITY)
                %3$s
                @Sgd(learningRate = 0.1f)
                public interface %4$s {}
                """.formatted(f, pool, rule, name);
    }

    @BeforeAll
    static void compile() {
        compiled = Compile.compile(
                spec("BpMax", "MAX", "@Backprop"),
                spec("BpAvg", "AVERAGE", "@Backprop"),
                spec("Fpa", "MAX", "@PredictiveCoding(beta = 1f, steps = 3, rate = 1f, fixedPrediction = true)"),
                spec("PcnB2", "MAX", "@PredictiveCoding(beta = 1e-2f, steps = 600, rate = 0.2f)"),
                spec("PcnB3", "MAX", "@PredictiveCoding(beta = 1e-3f, steps = 600, rate = 0.2f)"),
                spec("MacM2", "MAX", "@AuxiliaryCoordinates(mu = 1e2f, steps = 600, rate = 0.2f)"),
                spec("MacM3", "MAX", "@AuxiliaryCoordinates(mu = 1e3f, steps = 600, rate = 0.2f)"),
                spec("LpomB2", "AVERAGE", "@LiftedProximal(beta = 1e-2f, sweeps = 200, innerSteps = 20)"),
                spec("LpomB4", "AVERAGE", "@LiftedProximal(beta = 1e-4f, sweeps = 200, innerSteps = 20)"),
                spec("ChlG2", "AVERAGE", "@ContrastiveHebbian(gamma = 1e-2f, beta = 1e-4f, steps = 30)"),
                spec("ChlG3", "AVERAGE", "@ContrastiveHebbian(gamma = 1e-3f, beta = 1e-4f, steps = 30)"),
                spec("CvxG2", "AVERAGE", "@ConvexContrastiveHebbian(gamma = 1e-2f, beta = 1e-4f, steps = 30)"),
                spec("CvxG3", "AVERAGE", "@ConvexContrastiveHebbian(gamma = 1e-3f, beta = 1e-4f, steps = 30)"),
                spec("EqB2", "AVERAGE", "@EquilibriumPropagation(beta = 1e-2f, freeSteps = 200, nudgedSteps = 200)"),
                spec("EqB3", "AVERAGE", "@EquilibriumPropagation(beta = 1e-3f, freeSteps = 200, nudgedSteps = 200)"),
                spec("EqCentred", "AVERAGE",
                        "@EquilibriumPropagation(beta = 1e-3f, freeSteps = 200, nudgedSteps = 200, centered = true)"));
        assertThat(compiled).succeededWithoutWarnings();
    }

    /** The worst over seeds of the max relative error and the min cosine over layers. */
    private record Worst(double relErr, double cos) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "relerr %.3g, cos %.6f", relErr, cos);
        }
    }

    private static Worst compare(String bpName, String ruleName) {
        double relErr = 0, cos = 1;
        for (long seed = 0; seed < SEEDS; seed++) {
            TrainableNet bp = Compile.newNet(compiled, "cl." + bpName + "Net", seed);
            TrainableNet rule = Compile.newNet(compiled, "cl." + ruleName + "Net", seed);
            SplittableRandom random = new SplittableRandom(100 + seed);
            for (int l = 0; l < bp.layerCount(); l++) {
                float[] b = bp.bias(l);
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) (0.1 * random.nextGaussian());
                }
                System.arraycopy(bp.weights(l), 0, rule.weights(l), 0, bp.weights(l).length);
                System.arraycopy(b, 0, rule.bias(l), 0, b.length);
            }
            float[] x = new float[BATCH * bp.inputSize()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            float[] y = new float[BATCH * bp.outputSize()];
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) random.nextGaussian();
            }
            ((RegressionNet) bp).computeGradients(x, y, BATCH);
            ((RegressionNet) rule).computeGradients(x, y, BATCH);
            for (int l = 0; l < bp.layerCount(); l++) {
                float[] g = bp.weightGradient(l), u = rule.weightGradient(l);
                double dot = 0, gg = 0, uu = 0, dd = 0;
                for (int i = 0; i < g.length; i++) {
                    dot += (double) g[i] * u[i];
                    gg += (double) g[i] * g[i];
                    uu += (double) u[i] * u[i];
                    dd += ((double) u[i] - g[i]) * ((double) u[i] - g[i]);
                }
                relErr = Math.max(relErr, Math.sqrt(dd / gg));
                cos = Math.min(cos, dot / Math.sqrt(gg * uu));
            }
        }
        return new Worst(relErr, cos);
    }

    /**
     * Both settings of a rule: the limit one within {@code tolerance} (about 20 × β, 1/μ or γ, as on the MLP; 30 × for
     * PCN and MAC through max pooling) and cos ≥ 0.999, the coarse one at least twice as far.
     */
    private static void limit(String what, String bp, String coarse, String fine, double tolerance) {
        Worst c = compare(bp, coarse), f = compare(bp, fine);
        System.out.println("[figures] conv " + what + ": coarse " + c + " | fine " + f);
        List<String> failures = new ArrayList<>();
        if (!(f.relErr() <= tolerance)) {
            failures.add("relative error at the limit setting " + f + " above " + tolerance);
        }
        if (!(f.cos() >= 0.999)) {
            failures.add("cosine at the limit setting " + f + " below 0.999");
        }
        if (!(f.relErr() < c.relErr() / 2)) {
            failures.add("the error does not fall towards the limit: " + c + " → " + f);
        }
        assertTrue(failures.isEmpty(), what + ": " + failures);
    }

    @Test
    void fixedPredictionPredictiveCodingIsBackprop() {
        Worst w = compare("BpMax", "Fpa");
        System.out.println("[figures] conv PCN fixed predictions: " + w);
        assertTrue(w.relErr() <= 1e-5, w::toString);
    }

    @Test
    void predictiveCodingTendsToBackprop() {
        limit("PCN β = 1e-2 → 1e-3", "BpMax", "PcnB2", "PcnB3", 3e-2);
    }

    @Test
    void auxiliaryCoordinatesTendToBackprop() {
        limit("MAC μ = 1e2 → 1e3", "BpMax", "MacM2", "MacM3", 3e-2);
    }

    @Test
    void liftedProximalTendsToBackprop() {
        limit("LPOM β = 1e-2 → 1e-4", "BpAvg", "LpomB2", "LpomB4", 5e-3);
    }

    @Test
    void contrastiveHebbianTendsToBackprop() {
        limit("CHL γ = 1e-2 → 1e-3", "BpAvg", "ChlG2", "ChlG3", 1e-2);
    }

    @Test
    void convexContrastiveHebbianTendsToBackprop() {
        limit("convex CHL γ = 1e-2 → 1e-3", "BpAvg", "CvxG2", "CvxG3", 1e-2);
    }

    /**
     * EqProp tends to the implicit gradient at the free fixed point, not to BP; its one-sided and centred estimates
     * tend to it from two sides, so they must agree ever better as β shrinks.
     */
    @Test
    void equilibriumPropagationsEstimatesAgreeAsBetaShrinks() {
        Worst coarse = compare("EqCentred", "EqB2"), fine = compare("EqCentred", "EqB3");
        System.out.println("[figures] conv EqProp one-sided against centred β = 1e-3: β = 1e-2 " + coarse
                + " | β = 1e-3 " + fine);
        assertTrue(fine.relErr() <= 1e-2 && fine.cos() >= 0.999, fine::toString);
        assertTrue(fine.relErr() < coarse.relErr() / 2, () -> coarse + " → " + fine);
    }

    private static String denseLike(String name, String rule, boolean conv) {
        String layers = conv
                ? """
                @Network(inputShape = {2, 3, 3}, maxBatch = 4, loss = Loss.MEAN_SQUARED_ERROR)
                @Conv2d(filters = 4, kernel = 3, activation = Activation.%1$s)
                @Conv2d(filters = 5, kernel = 1, activation = Activation.%1$s)
                """
                : """
                @Network(inputs = 18, maxBatch = 4, loss = Loss.MEAN_SQUARED_ERROR)
                @Dense(units = 4, activation = Activation.%1$s)
                @Dense(units = 5, activation = Activation.%1$s)
                """;
        String f = rule.startsWith("@Equilibrium") ? "SIGMOID" : "RELU";
        return "package dl;\nimport infergen.annotations.*;\n" + layers.formatted(f)
                + "@Dense(units = 3, activation = Activation.IDENTITY)\n" + rule + "\n@Sgd(learningRate = 0.1f)\n"
                + "public interface " + name + " {}\n";
    }

    /**
     * A convolution whose kernel covers its whole input is a dense layer, with the same weight layout (filters ×
     * channels·k·k, the input flattened channel-major): every rule on such a conv net gives the update of the same
     * rule on the MLP (whose limits the samples' tests pin), up to the kernels' different summation orders.
     */
    @Test
    void everyRuleOnWholeInputConvolutionsIsTheRuleOnTheMlp() {
        String[] rules = {"@Backprop", "@FenchelBackprop(beta = 0.5f)",
            "@PredictiveCoding(beta = 0.1f, steps = 20, rate = 0.1f)",
            "@AuxiliaryCoordinates(mu = 10f, steps = 20, rate = 0.1f)",
            "@LiftedProximal(beta = 0.1f, sweeps = 5, innerSteps = 5)",
            "@ContrastiveHebbian(gamma = 0.1f, beta = 0.1f, steps = 10)",
            "@ConvexContrastiveHebbian(gamma = 0.1f, beta = 0.1f, steps = 10)",
            "@EquilibriumPropagation(beta = 0.1f, freeSteps = 20, nudgedSteps = 10, centered = true)"};
        List<String> sources = new ArrayList<>();
        for (int r = 0; r < rules.length; r++) {
            sources.add(denseLike("Conv" + r, rules[r], true));
            sources.add(denseLike("Mlp" + r, rules[r], false));
        }
        Compilation c = Compile.compile(sources.toArray(String[]::new));
        assertThat(c).succeededWithoutWarnings();
        List<String> failures = new ArrayList<>();
        for (int r = 0; r < rules.length; r++) {
            for (long seed = 0; seed < 3; seed++) {
                TrainableNet mlp = Compile.newNet(c, "dl.Mlp" + r + "Net", seed);
                TrainableNet conv = Compile.newNet(c, "dl.Conv" + r + "Net", seed);
                SplittableRandom random = new SplittableRandom(7 + seed);
                for (int l = 0; l < mlp.layerCount(); l++) {
                    float[] b = mlp.bias(l);
                    for (int i = 0; i < b.length; i++) {
                        b[i] = (float) (0.1 * random.nextGaussian());
                    }
                    System.arraycopy(mlp.weights(l), 0, conv.weights(l), 0, mlp.weights(l).length);
                    System.arraycopy(b, 0, conv.bias(l), 0, b.length);
                }
                float[] x = new float[BATCH * 18], y = new float[BATCH * 3];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) random.nextGaussian();
                }
                for (int i = 0; i < y.length; i++) {
                    y[i] = (float) random.nextGaussian();
                }
                ((RegressionNet) mlp).computeGradients(x, y, BATCH);
                ((RegressionNet) conv).computeGradients(x, y, BATCH);
                for (int l = 0; l < mlp.layerCount(); l++) {
                    float[][] pairs = {mlp.weightGradient(l), conv.weightGradient(l), mlp.biasGradient(l),
                        conv.biasGradient(l)};
                    for (int k = 0; k < 4; k += 2) {
                        double dd = 0, gg = 0;
                        for (int i = 0; i < pairs[k].length; i++) {
                            dd += Math.pow((double) pairs[k][i] - pairs[k + 1][i], 2);
                            gg += Math.pow(pairs[k][i], 2);
                        }
                        double rel = Math.sqrt(dd / Math.max(gg, 1e-30));
                        if (!(rel <= 1e-4)) {
                            failures.add(rules[r] + " seed " + seed + " layer " + l + (k == 0 ? " ∇W" : " ∇b")
                                    + ": relative difference " + rel);
                        }
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
