package infergen.samples.bench;

import infergen.runtime.TrainableNet;
import infergen.runtime.parallel.Parallel;
import infergen.samples.specs.PaperMlpBpNet;
import infergen.samples.specs.PaperMlpFenchelNet;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where a train step's time goes, from the generated class's own public methods: {@code predict} is the forward
 * pass (plus a softmax of n × 10), {@code computeGradients} adds the loss and the backward pass, {@code trainStep}
 * adds the optimizer. The three calls are timed back to back, round after round in the same JVM, and the phases are
 * differences of medians, so that background load on a shared machine hits all three alike (separate JMH runs of each
 * were too far apart in time to subtract). Prints one JSON line per rule and thread count; {@code bin/compare
 * --scaling} tabulates them.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp … infergen.samples.bench.PhaseProfile [batch] [threads,…]</pre>
 */
public final class PhaseProfile {

    private PhaseProfile() {
    }

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        String[] threadCounts = (args.length > 1 ? args[1] : "1,2").split(",");
        BenchBatch data = BenchBatch.random(batch);
        float[] x = data.x();
        int[] labels = data.labels();
        float[] out = new float[batch * 10];
        for (String rule : new String[] {"generatedBp", "generatedFenchel"}) {
            for (String tc : threadCounts) {
                int threads = Integer.parseInt(tc.trim());
                Parallel.setThreads(threads);
                TrainableNet net = rule.equals("generatedBp") ? new PaperMlpBpNet(1) : new PaperMlpFenchelNet(1);
                long warmUntil = System.nanoTime() + 10_000_000_000L; // the Vector API needs C2
                while (System.nanoTime() < warmUntil) {
                    net.predict(x, batch, out);
                    net.computeGradients(x, labels, batch);
                    net.trainStep(x, labels, batch);
                }
                int rounds = 2000;
                long[] fwd = new long[rounds], grad = new long[rounds], step = new long[rounds];
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    net.predict(x, batch, out);
                    long t1 = System.nanoTime();
                    net.computeGradients(x, labels, batch);
                    long t2 = System.nanoTime();
                    net.trainStep(x, labels, batch);
                    long t3 = System.nanoTime();
                    fwd[r] = t1 - t0;
                    grad[r] = t2 - t1;
                    step[r] = t3 - t2;
                }
                double f = median(fwd), g = median(grad), s = median(step);
                System.out.printf(Locale.ROOT, "{\"impl\": \"%s\", \"threads\": %d, \"batch\": %d, \"predict_us\": %.1f, "
                        + "\"computeGradients_us\": %.1f, \"trainStep_us\": %.1f}%n", rule, threads, batch, f / 1e3,
                        g / 1e3, s / 1e3);
            }
        }
    }

    private static double median(long[] a) {
        long[] c = a.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
