package infergen.runtime.kernel;

import java.lang.System.Logger.Level;

/**
 * Chooses the kernel implementations once per JVM. Every kernel interface has a scalar twin that is always present
 * ({@link ScalarGemm}, {@link ScalarAdam}, {@link ScalarElementwise}); the Vector API classes are loaded by name only
 * when {@code jdk.incubator.vector} is present, so the runtime also works (more slowly) on a JVM started without
 * {@code --add-modules jdk.incubator.vector}; one log line says so. The system property
 * {@code infergen.kernels=scalar} forces the scalar kernels. No provider returns null.
 */
final class Kernels {

    private static final System.Logger LOG = System.getLogger("infergen.runtime");
    static final boolean VECTOR = vectorAvailable();

    private Kernels() {
    }

    private static boolean vectorAvailable() {
        if ("scalar".equals(System.getProperty("infergen.kernels"))) {
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            LOG.log(Level.WARNING, "jdk.incubator.vector is not available; infergen uses its scalar kernels. "
                    + "Start the JVM with --add-modules jdk.incubator.vector for the fast path.");
            return false;
        }
        return true;
    }

    static GemmKernel gemm() {
        return VECTOR ? load("infergen.runtime.kernel.VectorGemm", GemmKernel.class) : new ScalarGemm();
    }

    static AdamKernel adam() {
        return VECTOR ? load("infergen.runtime.kernel.VectorAdam", AdamKernel.class) : new ScalarAdam();
    }

    static ElementwiseKernel elementwise() {
        return VECTOR ? load("infergen.runtime.kernel.VectorElementwise", ElementwiseKernel.class)
                : new ScalarElementwise();
    }

    static <T> T load(String className, Class<T> type) {
        try {
            return type.cast(Class.forName(className).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot load the vector kernel " + className, e);
        }
    }
}
