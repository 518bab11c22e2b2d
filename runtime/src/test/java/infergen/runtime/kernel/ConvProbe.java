package infergen.runtime.kernel;

import infergen.runtime.parallel.Parallel;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A warm-up-and-measure harness for {@link Conv2d} by hand (not a test; the JMH benchmark lives in samples): GFLOP/s
 * of the forward pass, the adjoint and the weight gradient of the issue's CNN layers at batch 64, and, for
 * comparison, a direct convolution (loops over filter, channel, ki, kj, output row, with the output column innermost
 * at unit stride, which C2 vectorizes).
 *
 * <pre>
 * bin/dev mvn -q -pl runtime test-compile
 * $JAVA_HOME/bin/java --add-modules jdk.incubator.vector -cp runtime/target/classes:runtime/target/test-classes \
 *     infergen.runtime.kernel.ConvProbe [batch] [threads]
 * </pre>
 */
public final class ConvProbe {

    private static volatile float sink;

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Parallel.setThreads(threads);
        ConvShape[] shapes = {new ConvShape(1, 28, 28, 32, 5, 1, 2, Pooling.MAX, 2),
            new ConvShape(32, 14, 14, 64, 5, 1, 2, Pooling.MAX, 2)};
        System.out.printf(Locale.ROOT, "%s, batch %d, %d threads%n", Gemm.implementation(), n, threads);
        System.out.printf(Locale.ROOT, "%-34s %9s %9s %9s %9s %9s%n", "layer", "fwd GF/s", "adj GF/s", "wgr GF/s",
                "all ms", "direct");
        for (ConvShape sh : shapes) {
            SplittableRandom rnd = new SplittableRandom(1);
            float[] x = rand(rnd, n * sh.inputSize()), w = rand(rnd, sh.weightSize()), b = rand(rnd, sh.filters());
            float[] delta = rand(rnd, n * sh.outputSize()), a = new float[n * sh.outputSize()], s = a.clone();
            float[] g = new float[n * sh.inputSize()], gw = new float[sh.weightSize()], gb = new float[sh.filters()];
            float[] cols = new float[Conv2d.columnsSize(sh)], map = new float[Conv2d.mapSize(sh)];
            int[] argmax = new int[Conv2d.argmaxSize(sh, n)];
            float[] direct = new float[n * sh.filters() * sh.convHeight() * sh.convWidth()];
            Runnable fwd = () -> Conv2d.forward(sh, n, x, w, b, a, s, Nonlinearity.RELU, argmax, cols, map);
            Runnable adj = () -> Conv2d.adjoint(sh, n, delta, w, argmax, 1f, g, false, cols, map);
            Runnable wgr = () -> Conv2d.weightGradient(sh, n, delta, x, argmax, 1f / n, gw, gb, false, cols, map);
            Runnable dir = () -> direct(sh, n, x, w, direct);
            double flop = 2.0 * Conv2d.fmasPerSample(sh) * n;
            double tf = best(fwd, 2.0), ta = best(adj, 2.0), tw = best(wgr, 2.0), td = best(dir, 2.0);
            System.out.printf(Locale.ROOT, "%-34s %9.1f %9.1f %9.1f %9.2f %9.1f%n", sh.inChannels() + "→"
                    + sh.filters() + " @" + sh.kernel() + " on " + sh.height() + "×" + sh.width(), flop / tf / 1e9,
                    flop / ta / 1e9, flop / tw / 1e9, (tf + ta + tw) * 1e3,
                    2.0 * sh.filters() * sh.patchSize() * sh.convHeight() * sh.convWidth() * n / td / 1e9);
            sink += a[0] + g[0] + gw[0] + direct[0];
        }
    }

    private static float[] rand(SplittableRandom rnd, int len) {
        float[] a = new float[len];
        for (int i = 0; i < len; i++) {
            a[i] = (float) (rnd.nextDouble() - 0.5);
        }
        return a;
    }

    /** The best time of one call, in seconds, after a warm-up, over about {@code seconds}. */
    private static double best(Runnable r, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            r.run();
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 20; i++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    /** A direct convolution (stride 1 only, no pooling): the output column innermost at unit stride. */
    static void direct(ConvShape sh, int n, float[] x, float[] w, float[] out) {
        int ch = sh.inChannels(), h = sh.height(), wd = sh.width(), k = sh.kernel(), pad = sh.padding();
        int chh = sh.convHeight(), cw = sh.convWidth(), plane = chh * cw;
        java.util.Arrays.fill(out, 0, n * sh.filters() * plane, 0f);
        for (int smp = 0; smp < n; smp++) {
            for (int f = 0; f < sh.filters(); f++) {
                int o = (smp * sh.filters() + f) * plane;
                for (int c = 0; c < ch; c++) {
                    int xc = smp * sh.inputSize() + c * h * wd;
                    for (int ki = 0; ki < k; ki++) {
                        for (int kj = 0; kj < k; kj++) {
                            float wv = w[((f * ch + c) * k + ki) * k + kj];
                            int lo = Math.max(0, pad - kj), hi = Math.min(cw, wd + pad - kj);
                            for (int oh = 0; oh < chh; oh++) {
                                int ih = oh + ki - pad;
                                if (ih < 0 || ih >= h) {
                                    continue;
                                }
                                int src = xc + ih * wd - pad + kj, dst = o + oh * cw;
                                for (int ow = lo; ow < hi; ow++) {
                                    out[dst + ow] = Math.fma(wv, x[src + ow], out[dst + ow]);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
