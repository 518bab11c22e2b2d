package infergen.samples.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MAC's limit (methods.md §4, §10) on the 12-10-8-4 ReLU net, batch 4, against back-propagation with the same
 * weights. Settings, float32-safe: 600 Z-steps of rate 0.2/μ, μ = 1e2 and 1e3, coordinates kept as deviations from
 * the forward pass. Expected relative error about 4–9/μ.
 */
class MacLimitTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 4})
    void updateApproachesBackpropAsMuGrows(long seed) {
        LimitCase coarse = LimitCase.compare(new SmallBpMseNet(seed), new SmallMacMseM2Net(seed), seed);
        LimitCase fine = LimitCase.compare(new SmallBpMseNet(seed), new SmallMacMseM3Net(seed), seed);
        System.out.printf("MAC seed %d: μ=1e2 relerr %.3g cos %.6f; μ=1e3 relerr %.3g cos %.6f%n", seed,
                coarse.relErr(), coarse.cos(), fine.relErr(), fine.cos());
        assertTrue(fine.relErr() <= 20 / 1e3, "relerr at μ = 1e3: " + fine.relErr());
        assertTrue(coarse.relErr() <= 20 / 1e2, "relerr at μ = 1e2: " + coarse.relErr());
        assertTrue(fine.relErr() < coarse.relErr() / 4, "shrinks with 1/μ: " + coarse.relErr() + " → " + fine.relErr());
        assertTrue(fine.cos() >= 0.99, "cos at μ = 1e3: " + fine.cos());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 4})
    void softmaxOutputApproachesBackprop(long seed) {
        LimitCase c = LimitCase.compare(new SmallBpCeNet(seed), new SmallMacCeM3Net(seed), seed);
        System.out.printf("MAC CE seed %d: μ=1e3 relerr %.3g cos %.6f%n", seed, c.relErr(), c.cos());
        assertTrue(c.relErr() <= 20 / 1e3, "relerr " + c.relErr());
        assertTrue(c.cos() >= 0.99, "cos " + c.cos());
    }
}
