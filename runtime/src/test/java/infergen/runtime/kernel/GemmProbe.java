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
 *     infergen.runtime.kernel.GemmProbe [batch] [scalar]
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
        for (Shape s : step) {
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
