package infergen.samples.contrastive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The limit of convex CHL (methods.md §7, §10): relative error to BP ≤ 20γ at β = 1e-4, shrinking with γ. */
class ConvexChlLimitTest {

    static {
        Grads.useAvailableKernels();
    }

    static IntStream seeds() {
        return IntStream.range(0, 6);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void tendsToBackprop(long seed) {
        Grads.Comparison small = ChlLimitTest.limit(new SmallConvexChlNet(seed), seed);
        Grads.Comparison larger = ChlLimitTest.limit(new SmallConvexChlGamma2Net(seed), seed);
        System.out.println("convex CHL MSE seed " + seed + " γ=1e-3 β=1e-4: " + small + " | γ=1e-2: " + larger);
        assertTrue(small.maxRelerr() <= 20 * 1e-3, small::toString);
        assertTrue(small.minCos() >= 0.99, small::toString);
        assertTrue(larger.maxRelerr() <= 20 * 1e-2, larger::toString);
        assertTrue(small.maxRelerr() < larger.maxRelerr(), () -> "the error shrinks with γ: " + small + " vs " + larger);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void softmaxTendsToBackprop(long seed) {
        Grads.Comparison c = ChlLimitTest.limitCe(new SmallConvexChlCeNet(seed), seed);
        System.out.println("convex CHL CE seed " + seed + " γ=1e-3 β=1e-4: " + c);
        assertTrue(c.maxRelerr() <= 20 * 1e-3, c::toString);
        assertTrue(c.minCos() >= 0.99, c::toString);
    }
}
