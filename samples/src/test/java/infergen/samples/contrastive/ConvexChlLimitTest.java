package infergen.samples.contrastive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.samples.GradientComparison;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The limit of convex CHL (docs/methods.md §7, §10): relative error to BP ≤ 20γ at β = 1e-4, shrinking with γ. */
class ConvexChlLimitTest {

    static IntStream seeds() {
        return IntStream.range(0, 6);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void tendsToBackprop(long seed) {
        GradientComparison small = ChlLimitTest.limit(new SmallConvexChlNet(seed), seed);
        GradientComparison larger = ChlLimitTest.limit(new SmallConvexChlGamma2Net(seed), seed);
        System.out.println("[figures] convex CHL MSE seed " + seed + " γ=1e-3 β=1e-4: " + small + " | γ=1e-2: "
                + larger);
        assertTrue(small.maxRelErr() <= 20 * 1e-3, small::toString);
        assertTrue(small.minCos() >= 0.99, small::toString);
        assertTrue(larger.maxRelErr() <= 20 * 1e-2, larger::toString);
        assertTrue(small.maxRelErr() < larger.maxRelErr(),
                () -> "the error shrinks with γ: " + small + " vs " + larger);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void softmaxTendsToBackprop(long seed) {
        GradientComparison c = ChlLimitTest.limitCe(new SmallConvexChlCeNet(seed), seed);
        System.out.println("[figures] convex CHL CE seed " + seed + " γ=1e-3 β=1e-4: " + c);
        assertTrue(c.maxRelErr() <= 20 * 1e-3, c::toString);
        assertTrue(c.minCos() >= 0.99, c::toString);
    }
}
