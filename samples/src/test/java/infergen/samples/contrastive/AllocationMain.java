package infergen.samples.contrastive;

import infergen.runtime.TrainableNet;
import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * Runs in a fresh JVM (started by {@link ChlFamilyNetsTest}): trains the named mid-sized net in windows of 20 steps
 * until one window allocates nothing (at most 4000 steps) and prints the bytes of the last window. A per-step
 * allocation shows in every window; the JIT's only until C2 has compiled the code.
 */
public final class AllocationMain {

    private AllocationMain() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        TrainableNet net = (TrainableNet) Class.forName(args[0]).getConstructor(long.class).newInstance(1L);
        Random rng = new Random(5);
        int n = 16;
        float[] x = Grads.gaussian(rng, n * net.inputSize(), 1.0);
        int[] labels = Grads.labels(rng, n, net.outputSize());
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        long allocated = Long.MAX_VALUE;
        for (int window = 0; window < 200 && allocated != 0; window++) {
            long before = mx.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 20; i++) {
                net.trainStep(x, labels, n);
            }
            allocated = mx.getThreadAllocatedBytes(thread) - before;
        }
        System.out.println("allocated " + allocated);
    }
}
