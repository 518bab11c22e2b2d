package infergen.runtime.kernel;

import java.util.Locale;
import java.util.Random;

/**
 * A warm-up-and-measure harness for exploring the GEMM kernels by hand; not a test and not a JMH benchmark (the real
 * benchmarks live in samples). Prints GFLOP/s per layout and shape of the MLP 784-256-128-64-10 at batch 50, for
 * {@link VectorGemm} and {@link ScalarGemm}, and the eleven GEMMs of one training step together.
 *
 * <pre>
 * bin/dev mvn -q -pl runtime test-compile
 * $JAVA_HOME/bin/java --add-modules jdk.incubator.vector -cp runtime/target/classes:runtime/target/test-classes \
 *     infergen.runtime.kernel.GemmProbe [batch] [scalar|vector] [shape prefix, e.g. "ABT 50 256"]
 * </pre>
 */
public final class GemmProbe {

    private enum Layout { ABT, AB, ATB }

    private record Shape(Layout layout, int m, int n, int k) {
        double flops() {
            return 2.0 * m * n * k;
        }
    }

    private static volatile float sink;

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        boolean scalar = args.length > 1 && args[1].equals("scalar");
        int[] widths = {784, 256, 128, 64, 10};
        java.util.List<Shape> step = new java.util.ArrayList<>();
        for (int l = 0; l + 1 < widths.length; l++) {
            step.add(new Shape(Layout.ABT, batch, widths[l + 1], widths[l]));
        }
        for (int l = widths.length - 2; l >= 1; l--) {
            step.add(new Shape(Layout.AB, batch, widths[l], widths[l + 1]));
        }
        for (int l = 0; l + 1 < widths.length; l++) {
            step.add(new Shape(Layout.ATB, widths[l + 1], widths[l], batch));
        }
        step.add(new Shape(Layout.AB, batch, 784, 256)); // not in the step (no input gradient), for reference
        GemmKernel vector = new VectorGemm();
        GemmKernel ref = new ScalarGemm();
        System.out.printf(Locale.ROOT, "VectorGemm species %s, batch %d%n", VectorGemm.SPECIES, batch);
        System.out.printf(Locale.ROOT, "%-4s %5s %5s %5s %12s %12s %10s%n", "op", "m", "n", "k", "vector GF/s",
                "scalar GF/s", "B/call");
        warmUp(vector, step, 3.0);
        if (scalar) {
            warmUp(ref, step, 3.0);
        }
        String only = args.length > 2 ? args[2] : "";
        for (Shape s : step) {
            if (!(s.layout + " " + s.m + " " + s.n + " " + s.k).startsWith(only)) {
                continue;
            }
            double v = measure(vector, s, 0.4);
            double sc = scalar ? measure(ref, s, 0.2) : Double.NaN;
            System.out.printf(Locale.ROOT, "%-4s %5d %5d %5d %12.1f %12.1f %10.0f%n", s.layout, s.m, s.n, s.k, v, sc,
                    allocated(vector, s));
        }
        java.util.List<Shape> train = step.subList(0, step.size() - 1);
        double total = 0;
        for (Shape s : train) {
            total += s.flops();
        }
        double secs = measureStep(vector, train, 1.0);
        System.out.printf(Locale.ROOT, "train-step GEMMs (vector): %.1f GFLOP/s, %.1f us/step, %.0f samples/s%n",
                total / secs * 1e-9, secs * 1e6, batch / secs);
        // The same step if the weights were stored transposed (in × out): the forward pass becomes the broadcast
        // form, the backward data pass the dot-product form with the small k = out, and the first layer's backward
        // data pass (k = 784) is not needed at all.
        java.util.List<Shape> transposed = new java.util.ArrayList<>();
        for (int l = 0; l + 1 < widths.length; l++) {
            transposed.add(new Shape(Layout.AB, batch, widths[l + 1], widths[l]));
        }
        for (int l = widths.length - 2; l >= 1; l--) {
            transposed.add(new Shape(Layout.ABT, batch, widths[l], widths[l + 1]));
        }
        for (int l = 0; l + 1 < widths.length; l++) {
            transposed.add(new Shape(Layout.ATB, widths[l], widths[l + 1], batch));
        }
        warmUp(vector, transposed, 2.0);
        secs = measureStep(vector, transposed, 1.0);
        System.out.printf(Locale.ROOT, "train-step GEMMs, W stored in×out (vector): %.1f GFLOP/s, %.1f us/step,"
                + " %.0f samples/s%n", total / secs * 1e-9, secs * 1e6, batch / secs);
        elementwise(batch, widths);
        if (scalar) {
            secs = measureStep(ref, train, 0.5);
            System.out.printf(Locale.ROOT, "train-step GEMMs (scalar): %.1f GFLOP/s, %.1f us/step, %.0f samples/s%n",
                    total / secs * 1e-9, secs * 1e6, batch / secs);
        }
    }

    private static float[][] operands(Shape s, Random rnd) {
        float[] a = new float[s.m * s.k];
        float[] b = new float[s.n * s.k];
        float[] c = new float[s.m * s.n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextFloat() - 0.5f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextFloat() - 0.5f;
        }
        return new float[][] {a, b, c};
    }

    private static void run(GemmKernel g, Shape s, float[][] o) {
        switch (s.layout) {
            case ABT -> g.abT(s.m, s.n, s.k, 1f, o[0], o[1], o[2], false);
            case AB -> g.ab(s.m, s.n, s.k, 1f, o[0], o[1], o[2], false);
            case ATB -> g.atB(s.m, s.n, s.k, 1f, o[0], o[1], o[2], false);
        }
    }

    /** Best of several timed rounds after a warm-up, in GFLOP/s. */
    private static double measure(GemmKernel g, Shape s, double seconds) {
        float[][] o = operands(s, new Random(1));
        int reps = Math.max(1, (int) (2e7 / s.flops()));
        long end = System.nanoTime() + (long) (seconds * 0.5e9);
        while (System.nanoTime() < end) {
            for (int r = 0; r < reps; r++) {
                run(g, s, o);
            }
        }
        double best = Double.MAX_VALUE;
        end = System.nanoTime() + (long) (seconds * 0.5e9);
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                run(g, s, o);
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e9 / reps);
        }
        sink += o[2][0];
        return s.flops() / best * 1e-9;
    }

    /** The non-GEMM work of one step: Adam over all parameters, ReLU forward and backward, softmax CE, bias ops. */
    private static void elementwise(int batch, int[] widths) {
        int params = 0;
        int hidden = 0;
        for (int l = 0; l + 1 < widths.length; l++) {
            params += widths[l] * widths[l + 1] + widths[l + 1];
            if (l + 2 < widths.length) {
                hidden += widths[l + 1];
            }
        }
        int classes = widths[widths.length - 1];
        float[] p = new float[params], g = new float[params], m = new float[params], v = new float[params];
        Random rnd = new Random(3);
        for (int i = 0; i < params; i++) {
            g[i] = rnd.nextFloat() - 0.5f;
        }
        float[] act = new float[batch * hidden], s = new float[batch * hidden];
        float[] logits = new float[batch * classes], probs = new float[batch * classes], err = new float[batch * classes];
        int[] labels = new int[batch];
        float[] bias = new float[hidden], colSums = new float[hidden];
        double bestAdam = Double.MAX_VALUE;
        double[] best = new double[5];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        long end = System.nanoTime() + 3_000_000_000L;
        int round = 0;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            Optimizers.adam(p, g, m, v, params, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.1f, 0.001f);
            long t1 = System.nanoTime();
            long[] t = new long[6];
            t[0] = System.nanoTime();
            Activations.relu(act, s, act.length);
            t[1] = System.nanoTime();
            Activations.reluBackward(act, s, act.length);
            t[2] = System.nanoTime();
            Losses.softmaxCrossEntropy(logits, labels, batch, classes, probs, err);
            t[3] = System.nanoTime();
            Vectors.addRowVector(batch, hidden, bias, act);
            t[4] = System.nanoTime();
            Vectors.columnSums(batch, hidden, 1f / batch, act, colSums);
            t[5] = System.nanoTime();
            if (round++ > 200) {
                bestAdam = Math.min(bestAdam, (t1 - t0) / 1e3);
                for (int q = 0; q < 5; q++) {
                    best[q] = Math.min(best[q], (t[q + 1] - t[q]) / 1e3);
                }
            }
        }
        sink += p[0] + s[0] + colSums[0];
        System.out.printf(Locale.ROOT, "elementwise per step: Adam over %d parameters %.1f us; over %d hidden values:"
                + " ReLU %.1f, ReLU backward %.1f, bias add %.1f, column sums %.1f us; softmax CE %.1f us%n", params,
                bestAdam, batch * hidden, best[0], best[1], best[3], best[4], best[2]);
    }

    /** Bytes allocated per call (after warm-up): the kernels must not allocate, so this should print 0. */
    private static double allocated(GemmKernel g, Shape s) {
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        float[][] o = operands(s, new Random(2));
        run(g, s, o);
        long t = Thread.currentThread().threadId();
        long before = bean.getThreadAllocatedBytes(t);
        for (int r = 0; r < 100; r++) {
            run(g, s, o);
        }
        return (bean.getThreadAllocatedBytes(t) - before) / 100.0;
    }

    /** Runs every shape round-robin so that C2 has compiled all paths before anything is timed. */
    private static void warmUp(GemmKernel g, java.util.List<Shape> shapes, double seconds) {
        float[][][] ops = new float[shapes.size()][][];
        for (int i = 0; i < ops.length; i++) {
            ops[i] = operands(shapes.get(i), new Random(i));
        }
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            for (int i = 0; i < ops.length; i++) {
                run(g, shapes.get(i), ops[i]);
            }
        }
    }

    /** Best seconds per step of the whole GEMM sequence. */
    private static double measureStep(GemmKernel g, java.util.List<Shape> shapes, double seconds) {
        float[][][] ops = new float[shapes.size()][][];
        for (int i = 0; i < ops.length; i++) {
            ops[i] = operands(shapes.get(i), new Random(i));
        }
        double best = Double.MAX_VALUE;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            for (int r = 0; r < 20; r++) {
                for (int i = 0; i < ops.length; i++) {
                    run(g, shapes.get(i), ops[i]);
                }
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e9 / 20);
        }
        return best;
    }
}
