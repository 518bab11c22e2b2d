package infergen.samples.numerics;

/**
 * WORKAROUND for a runtime bug (see {@code KernelSelectionBugTest}): {@code Kernels} loads
 * {@code infergen.runtime.kernel.VectorGemm} whenever {@code jdk.incubator.vector} is in the boot layer (surefire's
 * argLine adds it), but that class does not exist on this branch, so every generated net fails in {@code Gemm}'s
 * static initializer. Until it exists, the tests force the scalar kernels, before {@code Gemm} is initialized. Once
 * {@code VectorGemm} is present this does nothing and the tests exercise the vector path.
 */
final class KernelWorkaround {

    static final boolean VECTOR_GEMM_PRESENT = present("infergen.runtime.kernel.VectorGemm");

    static {
        if (!VECTOR_GEMM_PRESENT) {
            System.setProperty("infergen.kernels", "scalar");
        }
    }

    private KernelWorkaround() {
    }

    static void ensure() {
        // the static initializer does the work
    }

    static boolean present(String name) {
        try {
            Class.forName(name, false, KernelWorkaround.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
