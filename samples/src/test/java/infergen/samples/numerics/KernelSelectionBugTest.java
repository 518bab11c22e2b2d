package infergen.samples.numerics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * KNOWN BUG (fails until fixed in runtime): {@code infergen.runtime.kernel.Kernels.gemm()} loads
 * {@code infergen.runtime.kernel.VectorGemm} by name whenever {@code jdk.incubator.vector} is in the boot layer, but
 * the class is not in the runtime module; surefire's argLine adds the module, so without {@link KernelWorkaround}
 * every generated network throws {@code ExceptionInInitializerError} (ClassNotFoundException) on its first call.
 */
class KernelSelectionBugTest {

    @Test
    void vectorGemmExistsWhenTheVectorModuleIsPresent() {
        boolean moduleThere = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertTrue(!moduleThere || KernelWorkaround.VECTOR_GEMM_PRESENT,
                "KNOWN BUG: jdk.incubator.vector is present but infergen.runtime.kernel.VectorGemm is missing, so "
                        + "Kernels.gemm() throws; the numerical tests run the scalar kernels through KernelWorkaround");
    }
}
