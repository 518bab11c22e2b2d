package infergen.samples.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.samples.GradientComparison;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MAC's limit (docs/methods.md §4, §10) on the 12-10-8-4 ReLU net, batch 4, against back-propagation with the same
 * weights. Settings, float32-safe: 600 Z-steps of rate 0.2/μ, μ = 1e2 and 1e3, coordinates kept as deviations from
 * the forward pass. Expected relative error about 4–9/μ.
 */
class MacLimitTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 4})
    void updateApproachesBackpropAsMuGrows(long seed) {
        GradientComparison coarse = LimitCase.compare(new SmallBpMseNet(seed), new SmallMacMseM2Net(seed), seed);
        GradientComparison fine = LimitCase.compare(new SmallBpMseNet(seed), new SmallMacMseM3Net(seed), seed);
        System.out.printf("[figures] MAC seed %d: μ=1e2 relerr %.3g cos %.6f; μ=1e3 relerr %.3g cos %.6f%n", seed,
                coarse.maxRelErr(), coarse.minCos(), fine.maxRelErr(), fine.minCos());
        assertTrue(fine.maxRelErr() <= 20 / 1e3, "relerr at μ = 1e3: " + fine.maxRelErr());
        assertTrue(coarse.maxRelErr() <= 20 / 1e2, "relerr at μ = 1e2: " + coarse.maxRelErr());
        assertTrue(fine.maxRelErr() < coarse.maxRelErr() / 4,
                "shrinks with 1/μ: " + coarse.maxRelErr() + " → " + fine.maxRelErr());
        assertTrue(fine.minCos() >= 0.99, "cos at μ = 1e3: " + fine.minCos());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 4})
    void softmaxOutputApproachesBackprop(long seed) {
        GradientComparison c = LimitCase.compare(new SmallBpCeNet(seed), new SmallMacCeM3Net(seed), seed);
        System.out.printf("[figures] MAC CE seed %d: μ=1e3 relerr %.3g cos %.6f%n", seed, c.maxRelErr(), c.minCos());
        assertTrue(c.maxRelErr() <= 20 / 1e3, "relerr " + c.maxRelErr());
        assertTrue(c.minCos() >= 0.99, "cos " + c.minCos());
    }
}
