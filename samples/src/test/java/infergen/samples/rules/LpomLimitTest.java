package infergen.samples.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.samples.GradientComparison;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LPOM's limit (docs/methods.md §5, §10) on the 12-10-8-4 ReLU net, batch 4, against back-propagation with the same
 * weights. Settings, float32-safe: 200 sweeps of 20 FISTA steps, β = 1e-2 and 1e-4, states kept as deviations from
 * the forward pass (the errors f(a) − s are 1e-4 of the activities at β = 1e-4). Expected relative error 0.03–0.09
 * at β = 1e-2 and ≤ 7e-4 at β = 1e-4 (a ReLU unit within β|g| of its kink can make single seeds worse).
 */
class LpomLimitTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 4})
    void updateApproachesBackpropAsBetaShrinks(long seed) {
        GradientComparison coarse = LimitCase.compare(new SmallBpMseNet(seed), new SmallLpomMseB2Net(seed), seed);
        GradientComparison fine = LimitCase.compare(new SmallBpMseNet(seed), new SmallLpomMseB4Net(seed), seed);
        System.out.printf("[figures] LPOM seed %d: β=1e-2 relerr %.3g cos %.6f; β=1e-4 relerr %.3g cos %.6f%n", seed,
                coarse.maxRelErr(), coarse.minCos(), fine.maxRelErr(), fine.minCos());
        assertTrue(fine.maxRelErr() <= 2e-3, "relerr at β = 1e-4: " + fine.maxRelErr());
        assertTrue(fine.maxRelErr() < coarse.maxRelErr() / 10,
                "shrinks with β: " + coarse.maxRelErr() + " → " + fine.maxRelErr());
        assertTrue(fine.minCos() >= 0.99, "cos at β = 1e-4: " + fine.minCos());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 4})
    void softmaxOutputApproachesBackprop(long seed) {
        GradientComparison c = LimitCase.compare(new SmallBpCeNet(seed), new SmallLpomCeB4Net(seed), seed);
        System.out.printf("[figures] LPOM CE seed %d: β=1e-4 relerr %.3g cos %.6f%n", seed, c.maxRelErr(), c.minCos());
        assertTrue(c.maxRelErr() <= 2e-3, "relerr " + c.maxRelErr());
        assertTrue(c.minCos() >= 0.99, "cos " + c.minCos());
    }
}
