package infergen.samples.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.samples.GradientComparison;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PCN's limit (docs/methods.md §3, §10) on the 12-10-8-4 ReLU net, batch 4, against the generated back-propagation net
 * with the same weights. Settings, float32-safe: 600 inference steps of rate 0.2 (converged), β = 1e-2 and 1e-3;
 * the states are deviations from the forward pass, so the errors e = d − Δf are never differences of nearly equal
 * activities. Expected relative error about 5–10·β.
 */
class PcnLimitTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 4})
    void updateApproachesBackpropAsBetaShrinks(long seed) {
        GradientComparison coarse = LimitCase.compare(new SmallBpMseNet(seed), new SmallPcnMseB2Net(seed), seed);
        GradientComparison fine = LimitCase.compare(new SmallBpMseNet(seed), new SmallPcnMseB3Net(seed), seed);
        System.out.printf("[figures] PCN seed %d: β=1e-2 relerr %.3g cos %.6f; β=1e-3 relerr %.3g cos %.6f%n", seed,
                coarse.maxRelErr(), coarse.minCos(), fine.maxRelErr(), fine.minCos());
        assertTrue(fine.maxRelErr() <= 20 * 1e-3, "relerr at β = 1e-3: " + fine.maxRelErr());
        assertTrue(coarse.maxRelErr() <= 20 * 1e-2, "relerr at β = 1e-2: " + coarse.maxRelErr());
        assertTrue(fine.maxRelErr() < coarse.maxRelErr() / 4,
                "shrinks with β: " + coarse.maxRelErr() + " → " + fine.maxRelErr());
        assertTrue(fine.minCos() >= 0.99, "cos at β = 1e-3: " + fine.minCos());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 4})
    void softmaxOutputApproachesBackprop(long seed) {
        GradientComparison c = LimitCase.compare(new SmallBpCeNet(seed), new SmallPcnCeB3Net(seed), seed);
        System.out.printf("[figures] PCN CE seed %d: β=1e-3 relerr %.3g cos %.6f%n", seed, c.maxRelErr(), c.minCos());
        assertTrue(c.maxRelErr() <= 20 * 1e-3, "relerr " + c.maxRelErr());
        assertTrue(c.minCos() >= 0.99, "cos " + c.minCos());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 4})
    void fixedPredictionIsBackprop(long seed) {
        GradientComparison mse = LimitCase.compare(new SmallBpMseNet(seed), new SmallFpaMseNet(seed), seed);
        GradientComparison ce = LimitCase.compare(new SmallBpCeNet(seed), new SmallFpaCeNet(seed), seed);
        System.out.printf("[figures] FPA seed %d: MSE relerr %.3g, CE relerr %.3g%n", seed, mse.maxRelErr(),
                ce.maxRelErr());
        assertTrue(mse.maxRelErr() <= 1e-5, "MSE, β = 1: " + mse.maxRelErr());
        assertTrue(ce.maxRelErr() <= 1e-5, "CE, β = 0.1: " + ce.maxRelErr());
    }
}
