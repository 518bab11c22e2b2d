package infergen.samples.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PCN's limit (methods.md §3, §10) on the 12-10-8-4 ReLU net, batch 4, against the generated back-propagation net
 * with the same weights. Settings, float32-safe: 600 inference steps of rate 0.2 (converged), β = 1e-2 and 1e-3;
 * the states are deviations from the forward pass, so the errors e = d − Δf are never differences of nearly equal
 * activities. Expected relative error about 5–10·β.
 */
class PcnLimitTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 4})
    void updateApproachesBackpropAsBetaShrinks(long seed) {
        LimitCase coarse = LimitCase.compare(new SmallBpMseNet(seed), new SmallPcnMseB2Net(seed), seed);
        LimitCase fine = LimitCase.compare(new SmallBpMseNet(seed), new SmallPcnMseB3Net(seed), seed);
        System.out.printf("PCN seed %d: β=1e-2 relerr %.3g cos %.6f; β=1e-3 relerr %.3g cos %.6f%n", seed,
                coarse.relErr(), coarse.cos(), fine.relErr(), fine.cos());
        assertTrue(fine.relErr() <= 20 * 1e-3, "relerr at β = 1e-3: " + fine.relErr());
        assertTrue(coarse.relErr() <= 20 * 1e-2, "relerr at β = 1e-2: " + coarse.relErr());
        assertTrue(fine.relErr() < coarse.relErr() / 4, "shrinks with β: " + coarse.relErr() + " → " + fine.relErr());
        assertTrue(fine.cos() >= 0.99, "cos at β = 1e-3: " + fine.cos());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 4})
    void softmaxOutputApproachesBackprop(long seed) {
        LimitCase c = LimitCase.compare(new SmallBpCeNet(seed), new SmallPcnCeB3Net(seed), seed);
        System.out.printf("PCN CE seed %d: β=1e-3 relerr %.3g cos %.6f%n", seed, c.relErr(), c.cos());
        assertTrue(c.relErr() <= 20 * 1e-3, "relerr " + c.relErr());
        assertTrue(c.cos() >= 0.99, "cos " + c.cos());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 4})
    void fixedPredictionIsBackprop(long seed) {
        LimitCase mse = LimitCase.compare(new SmallBpMseNet(seed), new SmallFpaMseNet(seed), seed);
        LimitCase ce = LimitCase.compare(new SmallBpCeNet(seed), new SmallFpaCeNet(seed), seed);
        System.out.printf("FPA seed %d: MSE relerr %.3g, CE relerr %.3g%n", seed, mse.relErr(), ce.relErr());
        assertTrue(mse.relErr() <= 1e-5, "MSE, β = 1: " + mse.relErr());
        assertTrue(ce.relErr() <= 1e-5, "CE, β = 0.1: " + ce.relErr());
    }
}
