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
