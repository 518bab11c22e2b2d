package infergen.samples;

import java.lang.management.ManagementFactory;

/**
 * Measures the steady-state allocation of a train step. The Vector API allocates its vector objects until C2 has
 * compiled the kernels (escape analysis then removes them), so a fixed short warm-up measures the JIT, not the code.
 * This runs windows of steps until one window allocates less than the budget, or gives up after enough windows
 * that C2 has long compiled everything: code that allocates in its steady state never passes.
 */
public final class Allocations {

    private Allocations() {
    }

    /**
     * {@link #steadyBytesPerStep} of a generated network's train step on a seeded batch (uniform inputs in [0, 1),
     * uniform labels), measured in a fresh JVM: in a test JVM that has already run many other shapes through the
     * Vector API kernels, C2 may compile them with profiles under which escape analysis keeps some vector objects,
     * and the measurement would then depend on which tests ran before (seen: 24 MB per step, in one of several
     * full runs). A fresh JVM measures the network itself.
     */
    public static double inFreshJvm(Class<?> net, long seed, int batch, int window)
            throws java.io.IOException, InterruptedException {
        return inFreshJvm(net, seed, batch, window, "vector");
    }

    /**
     * {@link #inFreshJvm(Class, long, int, int)} on the {@code vector} or the {@code scalar} kernels. The scalar ones
     * test the generated code alone: with the Vector API, C2 keeps vector objects in some small GEMM shapes in some
     * compilations (the inference rules' many small products: about 300 KB per PCN or LPOM step in two of three fresh
     * JVMs; 1,600 bytes per paper-MLP BP step in one of several), a kernel matter for the performance work, not the
     * generated code's.
     */
    public static double inFreshJvm(Class<?> net, long seed, int batch, int window, String kernels)
            throws java.io.IOException, InterruptedException {
        String launcher = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(launcher, "--add-modules", "jdk.incubator.vector",
                "-Dinfergen.kernels=" + kernels, "-cp",
                System.getProperty("java.class.path"), Allocations.class.getName(), net.getName(),
                Long.toString(seed), Integer.toString(batch), Integer.toString(window))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("the allocation probe failed: " + out);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("bytes per step (\\S+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("the allocation probe printed no result: " + out);
        }
        return Double.parseDouble(m.group(1));
    }

    /** The probe of {@link #inFreshJvm}: {@code net-class seed batch window}. */
    public static void main(String[] args) throws ReflectiveOperationException {
        infergen.runtime.TrainableNet net = (infergen.runtime.TrainableNet) Class.forName(args[0])
                .getConstructor(long.class).newInstance(Long.parseLong(args[1]));
        int n = Integer.parseInt(args[2]);
        java.util.SplittableRandom random = new java.util.SplittableRandom(2);
        float[] x = new float[n * net.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(net.outputSize());
        }
        // a fresh JVM compiles everything from scratch, on two cores beside the test JVM: allow C2 ample windows
        double perStep = steadyBytesPerStep(() -> net.trainStep(x, labels, n), Integer.parseInt(args[3]), 400, 64);
        System.out.println("bytes per step " + perStep);
    }

    /**
     * The fewest bytes per step seen over windows of {@code window} calls of {@code step}, stopping at the first
     * window under {@code budgetPerStep} bytes per step, or after {@code maxWindows} windows.
     */
    public static double steadyBytesPerStep(Runnable step, int window, int maxWindows, long budgetPerStep) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (!mx.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM cannot count allocated bytes per thread");
        }
        long id = Thread.currentThread().threadId();
        double best = Double.POSITIVE_INFINITY;
        for (int w = 0; w < maxWindows; w++) {
            long start = mx.getThreadAllocatedBytes(id);
            for (int i = 0; i < window; i++) {
                step.run();
            }
            double perStep = (double) (mx.getThreadAllocatedBytes(id) - start) / window;
            best = Math.min(best, perStep);
            if (perStep < budgetPerStep) {
                break;
            }
        }
        return best;
    }
}
