package infergen.samples.contrastive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.runtime.RegressionNet;
import infergen.runtime.TrainableNet;
import infergen.samples.GradientComparison;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The limit of contrastive Hebbian learning (docs/methods.md §6, §10): as γ → 0 with small β the update tends to the
 * back-propagation gradient, with relative error about 5γ, on the 12-10-8-4 ReLU net with batch 4.
 */
class ChlLimitTest {

    static IntStream seeds() {
        return IntStream.range(0, 6);
    }

    /** Runs {@code rule} and BP on the same parameters and a random regression batch. */
    static GradientComparison limit(RegressionNet rule, long seed) {
        Random rng = new Random(seed);
        RegressionNet bp = new SmallBpNet(seed);
        Grads.randomBiases(bp, rng, 0.1);
        Grads.copyParameters(bp, rule);
        float[] x = Grads.gaussian(rng, 4 * 12, 1.0);
        float[] y = Grads.gaussian(rng, 4 * 4, 1.0);
        bp.computeGradients(x, y, 4);
        rule.computeGradients(x, y, 4);
        return GradientComparison.of(rule, GradientComparison.weightGradients(bp));
    }

    static GradientComparison limitCe(TrainableNet rule, long seed) {
        Random rng = new Random(seed);
        TrainableNet bp = new SmallBpCeNet(seed);
        Grads.randomBiases(bp, rng, 0.1);
        Grads.copyParameters(bp, rule);
        float[] x = Grads.gaussian(rng, 4 * 12, 1.0);
        int[] y = Grads.labels(rng, 4, 4);
        bp.computeGradients(x, y, 4);
        rule.computeGradients(x, y, 4);
        return GradientComparison.of(rule, GradientComparison.weightGradients(bp));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void softClampTendsToBackprop(long seed) {
        GradientComparison small = limit(new SmallChlNet(seed), seed);
        GradientComparison larger = limit(new SmallChlGamma2Net(seed), seed);
        System.out.println("[figures] CHL soft MSE seed " + seed + " γ=1e-3 β=1e-4: " + small + " | γ=1e-2: " + larger);
        assertTrue(small.maxRelErr() <= 20 * 1e-3, small::toString);
        assertTrue(small.minCos() >= 0.99, small::toString);
        assertTrue(larger.maxRelErr() <= 20 * 1e-2, larger::toString);
        assertTrue(small.maxRelErr() < larger.maxRelErr(),
                () -> "the error shrinks with γ: " + small + " vs " + larger);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void hardClampTendsToBackprop(long seed) {
        GradientComparison c = limit(new SmallChlHardNet(seed), seed);
        System.out.println("[figures] CHL hard MSE seed " + seed + " γ=1e-3: " + c);
        assertTrue(c.maxRelErr() <= 20 * 1e-3, c::toString);
        assertTrue(c.minCos() >= 0.99, c::toString);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void softmaxNudgeTendsToBackprop(long seed) {
        GradientComparison c = limitCe(new SmallChlCeNet(seed), seed);
        System.out.println("[figures] CHL soft CE seed " + seed + " γ=1e-3 β=1e-4: " + c);
        assertTrue(c.maxRelErr() <= 20 * 1e-3, c::toString);
        assertTrue(c.minCos() >= 0.99, c::toString);
    }
}
