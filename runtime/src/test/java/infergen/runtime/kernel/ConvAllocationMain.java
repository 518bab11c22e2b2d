package infergen.runtime.kernel;

import infergen.runtime.parallel.Parallel;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Prints the fewest bytes the calling thread allocated per call of {@link Conv2d}'s three passes, over windows of
 * calls after warm-up, for a few shapes at 1 and 2 threads: {@code allocated N}. Run in a fresh JVM by
 * {@link Conv2dTest#noAllocationPerCall} (other tests' profiles can keep the Vector API kernels from being compiled
 * allocation-free; the measurement is meant to be of this code).
 */
public final class ConvAllocationMain {

    public static void main(String[] args) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        double worst = 0;
        for (int threads = 1; threads <= 2; threads++) {
            Parallel.setThreads(threads);
            for (ConvShape sh : List.of(new ConvShape(3, 7, 6, 4, 3, 1, 1, Pooling.MAX, 2),
                    new ConvShape(16, 12, 12, 20, 3, 1, 1, Pooling.AVERAGE, 2), ConvShape.of(2, 9, 9, 3, 3, 3, 2))) {
                int n = 7;
                SplittableRandom rnd = new SplittableRandom(1);
                float[] x = random(rnd, n * sh.inputSize()), w = random(rnd, sh.weightSize());
                float[] bias = random(rnd, sh.filters()), delta = random(rnd, n * sh.outputSize());
                float[] a = new float[n * sh.outputSize()], s = new float[a.length], g = new float[n * sh.inputSize()];
                float[] gw = new float[sh.weightSize()], gb = new float[sh.filters()];
                float[] cols = new float[Conv2d.columnsSize(sh)], map = new float[Conv2d.mapSize(sh)];
                int[] argmax = new int[Conv2d.argmaxSize(sh, n)];
                double best = Double.POSITIVE_INFINITY;
                for (int window = 0; window < 300 && best > 0; window++) {
                    long before = mx.getThreadAllocatedBytes(id);
                    for (int i = 0; i < 50; i++) {
                        Conv2d.forward(sh, n, x, w, bias, a, s, Nonlinearity.RELU, argmax, cols, map);
                        Conv2d.adjoint(sh, n, delta, w, argmax, 1f, g, false, cols, map);
                        Conv2d.weightGradient(sh, n, delta, x, argmax, 0.1f, gw, gb, true, cols, map);
                    }
                    best = Math.min(best, (mx.getThreadAllocatedBytes(id) - before) / 50.0);
                }
                System.out.println(sh + ", " + threads + " threads: " + best + " bytes per step");
                worst = Math.max(worst, best);
            }
        }
        System.out.println("allocated " + (long) worst);
    }

    private static float[] random(SplittableRandom rnd, int len) {
        float[] v = new float[len];
        for (int i = 0; i < len; i++) {
            v[i] = (float) (rnd.nextDouble() - 0.5);
        }
        return v;
    }
}
