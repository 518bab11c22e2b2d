package infergen.samples.conv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.samples.Allocations;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CNNs of {@code ConvSpecs} allocate nothing per train step, with every rule: the inference rules' state,
 * error and scratch buffers are fields sized for {@code maxBatch}. Measured as the MLP rules are
 * ({@code TopDownNetsTest}): in a fresh JVM, on the scalar kernels, so that the figure is the generated code's and
 * not the JIT's (the Vector API kernels allocate until C2 has compiled them); at batch 2, which runs every method of
 * the step at a fraction of batch 64's cost.
 */
class ConvAllocationTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {ConvBpNet.class, ConvFenchelNet.class, ConvBpAvgNet.class, ConvPcnNet.class,
            ConvMacNet.class, ConvLpomNet.class, ConvChlNet.class, ConvConvexChlNet.class, ConvEqPropNet.class})
    void trainStepAllocatesNothing(Class<?> net) throws Exception {
        double perStep = Allocations.inFreshJvm(net, 7, 2, 3, "scalar");
        assertTrue(perStep < 64, net.getSimpleName() + " allocated " + perStep + " bytes per train step");
    }
}
