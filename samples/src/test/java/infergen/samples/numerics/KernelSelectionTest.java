package infergen.samples.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import infergen.runtime.kernel.Gemm;
import org.junit.jupiter.api.Test;

/**
 * The tests run the vector kernels: surefire starts the JVM with {@code jdk.incubator.vector}, so the runtime must
 * pick {@code VectorGemm} (the numerical tests above would otherwise only cover the scalar twin).
 */
class KernelSelectionTest {

    @Test
    void vectorKernelsAreUsedWhenTheModuleIsPresent() {
        boolean moduleThere = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(moduleThere ? "VectorGemm" : "ScalarGemm", Gemm.implementation());
    }
}
