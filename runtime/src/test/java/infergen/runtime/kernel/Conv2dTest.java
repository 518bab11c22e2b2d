package infergen.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.runtime.parallel.Parallel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Conv2d} against the double-precision {@link ConvReference} at awkward shapes (1×1 kernels, a kernel as
 * large as the padded input, strides 2 and 3, padding 1 and 2, odd sizes, 1 and 3 or more channels, no, max and
 * average pooling with windows of 2 and 3 and remainders; batches 1 and 7), with a tolerance from the sum of
 * absolute terms and the reduction length; the adjoint as the true transpose; the max-pooling tie rule; bitwise
 * equality for 1, 2 and 3 threads; no allocation per call.
 */
class Conv2dTest {

    private static final int ORIGINAL = Parallel.threads();
    private static final double U = 0x1p-24;

    @AfterAll
    static void restore() {
        Parallel.setThreads(ORIGINAL);
    }

    static List<ConvShape> shapes() {
        List<ConvShape> s = new ArrayList<>();
        s.add(ConvShape.of(1, 5, 5, 2, 1, 1, 0)); // 1×1 kernel
        s.add(new ConvShape(3, 7, 7, 4, 1, 2, 0, Pooling.MAX, 2)); // 1×1 kernel, stride 2
        s.add(new ConvShape(3, 7, 6, 4, 3, 1, 1, Pooling.MAX, 2)); // remainder row
        s.add(ConvShape.of(3, 5, 5, 3, 7, 1, 1)); // kernel = padded input: 1×1 output
        s.add(new ConvShape(1, 9, 11, 5, 3, 2, 1, Pooling.AVERAGE, 2)); // odd, stride 2, remainder column
        s.add(new ConvShape(3, 11, 10, 4, 4, 3, 2, Pooling.MAX, 3)); // stride 3, pool 3 → 1×1
        s.add(new ConvShape(2, 8, 8, 3, 5, 1, 2, Pooling.AVERAGE, 3)); // pool 3 with remainder 2
        s.add(ConvShape.of(2, 9, 9, 3, 3, 3, 2)); // stride 3, padding 2
        s.add(new ConvShape(3, 6, 6, 5, 6, 2, 2, Pooling.MAX, 3)); // large kernel, stride 2
        s.add(new ConvShape(16, 12, 12, 20, 3, 1, 1, Pooling.AVERAGE, 2)); // big enough to split
        s.add(new ConvShape(5, 13, 13, 17, 3, 1, 0, Pooling.MAX, 3)); // splits, remainder
        s.add(new ConvShape(1, 28, 28, 32, 5, 1, 2, Pooling.MAX, 2)); // the first layer
        s.add(new ConvShape(32, 14, 14, 64, 5, 1, 2, Pooling.MAX, 2)); // the second layer
        return s;
    }

    static Stream<Arguments> cases() {
        return shapes().stream().flatMap(sh -> Stream.of(Arguments.of(sh, 1), Arguments.of(sh, 7)));
    }

    private static float[] random(SplittableRandom rnd, int len, double scale) {
        float[] a = new float[len];
        for (int i = 0; i < len; i++) {
            a[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        }
        return a;
    }

    /** The operands and buffers of one layer at batch n. */
    private record Layer(ConvShape sh, int n, float[] x, float[] w, float[] bias, float[] delta, float[] cols,
            float[] map, int[] argmax) {
        static Layer of(ConvShape sh, int n, long seed) {
            SplittableRandom rnd = new SplittableRandom(seed);
            return new Layer(sh, n, random(rnd, n * sh.inputSize(), 1), random(rnd, sh.weightSize(), 0.3),
                    random(rnd, sh.filters(), 0.5), random(rnd, n * sh.outputSize(), 1),
                    new float[Conv2d.columnsSize(sh)], new float[Conv2d.mapSize(sh)],
                    new int[Conv2d.argmaxSize(sh, n)]);
        }

        float[] forward(Nonlinearity f, float[] a, float[] s) {
            Conv2d.forward(sh, n, x, w, bias, a, s, f, argmax, cols, map);
            return a;
        }
    }

    private static void assertClose(double[] ref, double[] mag, float[] got, int len, double reduction,
            String what) {
        for (int i = 0; i < len; i++) {
            double tol = 2 * U * (reduction + 2) * mag[i] + 1e-30;
            double err = Math.abs(got[i] - ref[i]);
            if (!(err <= tol)) {
                throw new AssertionError(what + " [" + i + "]: " + got[i] + " vs " + ref[i] + " (error " + err
                        + " > " + tol + ")");
            }
        }
    }

    @ParameterizedTest(name = "{0} batch {1}")
    @MethodSource("cases")
    void forwardMatchesReference(ConvShape sh, int n) {
        Parallel.setThreads(2);
        Layer l = Layer.of(sh, n, sh.hashCode() * 31L + n);
        float[] a = new float[n * sh.outputSize()], s = new float[a.length];
        l.forward(Nonlinearity.TANH, a, s);
        double[] x = ConvReference.toDouble(l.x), w = ConvReference.toDouble(l.w), b = ConvReference.toDouble(l.bias);
        double[] ref = ConvReference.forward(sh, n, x, w, b);
        double[] mag = ConvReference.forward(sh, n, ConvReference.abs(x), ConvReference.abs(w), ConvReference.abs(b));
        assertClose(ref, mag, a, a.length, sh.patchSize() + sh.poolSize() * sh.poolSize(), sh + " forward");
        float[] t = new float[a.length];
        Activations.tanh(a, t, a.length);
        assertArrayEquals(t, s, "s = tanh(a)");
        if (sh.pool() == Pooling.MAX) {
            // the recorded position lies in its window and holds the window's maximum (to rounding)
            int r = sh.poolSize(), cw = sh.convWidth(), pw = sh.pooledWidth(), plane = sh.pooledHeight() * pw;
            for (int smp = 0; smp < n; smp++) {
                double[] y = ConvReference.conv(sh, x, smp, w);
                for (int o = 0; o < sh.outputSize(); o++) {
                    int f = o / plane, u = o % plane / pw, v = o % pw;
                    int p = l.argmax[smp * sh.outputSize() + o], oh = p / cw, ow = p % cw;
                    assertTrue(oh / r == u && ow / r == v, "argmax in its window");
                    double want = ref[smp * sh.outputSize() + o] - b[f];
                    double have = y[f * sh.convHeight() * cw + p];
                    assertEquals(want, have, 2 * U * (sh.patchSize() + 2) * mag[smp * sh.outputSize() + o] + 1e-30);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} batch {1}")
    @MethodSource("cases")
    void adjointMatchesReference(ConvShape sh, int n) {
        Parallel.setThreads(2);
        Layer l = Layer.of(sh, n, sh.hashCode() * 17L + n);
        l.forward(Nonlinearity.IDENTITY, new float[n * sh.outputSize()], null);
        float scale = 0.37f;
        float[] g = new float[n * sh.inputSize()];
        Conv2d.adjoint(sh, n, l.delta, l.w, l.argmax, scale, g, false, l.cols, l.map);
        double[] d = ConvReference.toDouble(l.delta), w = ConvReference.toDouble(l.w);
        double[] ref = ConvReference.adjoint(sh, n, d, w, l.argmax);
        double[] mag = ConvReference.adjoint(sh, n, ConvReference.abs(d), ConvReference.abs(w), l.argmax);
        for (int i = 0; i < ref.length; i++) {
            ref[i] *= scale;
            mag[i] *= scale;
        }
        int red = sh.filters() + sh.kernel() * sh.kernel() + 1;
        assertClose(ref, mag, g, g.length, red, sh + " adjoint");
        // accumulating adds to what is there
        float[] g0 = random(new SplittableRandom(5), g.length, 1), acc = g0.clone();
        Conv2d.adjoint(sh, n, l.delta, l.w, l.argmax, scale, acc, true, l.cols, l.map);
        for (int i = 0; i < ref.length; i++) {
            ref[i] += g0[i];
            mag[i] += Math.abs(g0[i]);
        }
        assertClose(ref, mag, acc, acc.length, red, sh + " adjoint, accumulating");
    }

    @ParameterizedTest(name = "{0} batch {1}")
    @MethodSource("cases")
    void weightGradientMatchesReference(ConvShape sh, int n) {
        Parallel.setThreads(2);
        Layer l = Layer.of(sh, n, sh.hashCode() * 13L + n);
        l.forward(Nonlinearity.IDENTITY, new float[n * sh.outputSize()], null);
        float scale = 1f / 7;
        float[] gw = new float[sh.weightSize()], gb = new float[sh.filters()];
        Conv2d.weightGradient(sh, n, l.delta, l.x, l.argmax, scale, gw, gb, false, l.cols, l.map);
        double[] d = ConvReference.toDouble(l.delta), x = ConvReference.toDouble(l.x);
        double[] ref = ConvReference.weightGradient(sh, n, d, x, l.argmax);
        double[] mag = ConvReference.weightGradient(sh, n, ConvReference.abs(d), ConvReference.abs(x), l.argmax);
        double[] bref = ConvReference.biasGradient(sh, n, d), bmag = ConvReference.biasGradient(sh, n,
                ConvReference.abs(d));
        for (int i = 0; i < ref.length; i++) {
            ref[i] *= scale;
            mag[i] *= scale;
        }
        for (int i = 0; i < bref.length; i++) {
            bref[i] *= scale;
            bmag[i] *= scale;
        }
        int red = sh.usedPositions() + n + 1;
        assertClose(ref, mag, gw, gw.length, red, sh + " ∇W");
        assertClose(bref, bmag, gb, gb.length, (double) n * sh.outputSize() / sh.filters() + 1, sh + " ∇b");
        float[] w0 = random(new SplittableRandom(6), gw.length, 1), b0 = random(new SplittableRandom(7), gb.length, 1);
        float[] wAcc = w0.clone(), bAcc = b0.clone();
        Conv2d.weightGradient(sh, n, l.delta, l.x, l.argmax, scale, wAcc, bAcc, true, l.cols, l.map);
        for (int i = 0; i < ref.length; i++) {
            ref[i] += w0[i];
            mag[i] += Math.abs(w0[i]);
        }
        for (int i = 0; i < bref.length; i++) {
            bref[i] += b0[i];
            bmag[i] += Math.abs(b0[i]);
        }
        assertClose(ref, mag, wAcc, wAcc.length, red, sh + " ∇W, accumulating");
        assertClose(bref, bmag, bAcc, bAcc.length, (double) n * sh.outputSize() / sh.filters() + 1,
                sh + " ∇b, accumulating");
    }

    /** {@code ⟨pool(W ∗ x), y⟩ = ⟨x, adjoint(y)⟩}, both sides from the float kernels, the products in double. */
    @ParameterizedTest(name = "{0} batch {1}")
    @MethodSource("cases")
    void adjointIsTheTranspose(ConvShape sh, int n) {
        Parallel.setThreads(2);
        Layer l = Layer.of(sh, n, sh.hashCode() * 7L + n);
        float[] a = new float[n * sh.outputSize()];
        Conv2d.forward(sh, n, l.x, l.w, null, a, null, Nonlinearity.IDENTITY, l.argmax, l.cols, l.map);
        float[] g = new float[n * sh.inputSize()];
        Conv2d.adjoint(sh, n, l.delta, l.w, l.argmax, 1f, g, false, l.cols, l.map);
        double lhs = 0, rhs = 0, lmag = 0, rmag = 0;
        for (int i = 0; i < a.length; i++) {
            lhs += (double) a[i] * l.delta[i];
            lmag += Math.abs((double) a[i] * l.delta[i]);
        }
        for (int i = 0; i < g.length; i++) {
            rhs += (double) l.x[i] * g[i];
            rmag += Math.abs((double) l.x[i] * g[i]);
        }
        assertEquals(lhs, rhs, 1e-5 * Math.max(Math.max(lmag, rmag), Math.abs(lhs)), sh + " ⟨Cx, y⟩ = ⟨x, Cᵀy⟩");
    }

    /** On a constant input (no padding) every window is a tie; the first element in row-major order wins. */
    @Test
    void maxPoolTiesGoToTheFirstInRowMajorOrder() {
        for (int r = 2; r <= 3; r++) {
            ConvShape sh = new ConvShape(2, 10, 11, 3, 3, 1, 0, Pooling.MAX, r);
            int n = 2;
            Layer l = Layer.of(sh, n, 3);
            java.util.Arrays.fill(l.x, 0.25f);
            float[] a = new float[n * sh.outputSize()];
            l.forward(Nonlinearity.IDENTITY, a, null);
            int pw = sh.pooledWidth(), plane = sh.pooledHeight() * pw, cw = sh.convWidth();
            for (int i = 0; i < a.length; i++) {
                int o = i % sh.outputSize() % plane;
                assertEquals(o / pw * r * cw + o % pw * r, l.argmax[i], "tie at output " + i + ", pool " + r);
            }
        }
    }

    @Test
    void allPassesAreBitwiseTheSameForOneTwoAndThreeThreads() {
        for (ConvShape sh : shapes()) {
            int n = 7;
            float[][] first = null;
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                Layer l = Layer.of(sh, n, 11);
                float[] a = new float[n * sh.outputSize()], s = new float[a.length];
                l.forward(Nonlinearity.RELU, a, s);
                float[] g = random(new SplittableRandom(2), n * sh.inputSize(), 1);
                Conv2d.adjoint(sh, n, l.delta, l.w, l.argmax, 0.5f, g, true, l.cols, l.map);
                float[] gw = new float[sh.weightSize()], gb = new float[sh.filters()];
                Conv2d.weightGradient(sh, n, l.delta, l.x, l.argmax, 0.25f, gw, gb, false, l.cols, l.map);
                float[] am = new float[l.argmax.length];
                for (int i = 0; i < am.length; i++) {
                    am[i] = l.argmax[i];
                }
                float[][] now = {a, s, am, g, gw, gb};
                if (first == null) {
                    first = now;
                } else {
                    for (int i = 0; i < now.length; i++) {
                        assertArrayEquals(first[i], now[i], sh + ": output " + i + ", " + threads + " threads");
                    }
                }
            }
        }
    }

    /**
     * Zero bytes per call after warm-up, measured in a fresh JVM ({@link ConvAllocationMain}) on the scalar GEMM, so
     * that the number is Conv2d's own: the Vector API GEMM keeps allocating for some shapes and profiles (here
     * 0.26–0.73 MB per step at 16 → 20 channels on 12×12 once other shapes ran first), as ChlFamilyNetsTest notes
     * for the dense nets; that is the GEMM kernels' business.
     */
    @ParameterizedTest
    @ValueSource(strings = {"scalar"})
    void noAllocationPerCall(String kernels) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Dinfergen.kernels=" + kernels, "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), ConvAllocationMain.class.getName())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "allocation probe timed out");
        assertTrue(out.contains("allocated 0"), kernels + ": " + out);
    }

    @Test
    void shapeSizes() {
        ConvShape c1 = new ConvShape(1, 28, 28, 32, 5, 1, 2, Pooling.MAX, 2);
        assertEquals(28, c1.convHeight());
        assertEquals(14, c1.pooledWidth());
        assertEquals(784, c1.inputSize());
        assertEquals(32 * 14 * 14, c1.outputSize());
        assertEquals(800, c1.weightSize());
        assertEquals(25, c1.fanIn());
        assertEquals(800, c1.fanOut());
        ConvShape c2 = new ConvShape(3, 11, 10, 4, 4, 3, 2, Pooling.AVERAGE, 3);
        assertEquals(4, c2.convHeight());
        assertEquals(4, c2.convWidth());
        assertEquals(1, c2.pooledHeight());
        assertEquals(3, c2.usedConvRows());
        assertEquals(4, c2.outputSize());
        assertEquals(48, c2.fanIn());
        assertEquals(64, c2.fanOut());
        assertEquals(1, ConvShape.of(3, 5, 5, 3, 7, 1, 1).convWidth());
        assertEquals(1, new ConvShape(1, 5, 5, 1, 3, 1, 0, Pooling.NONE, 7).poolSize());
        assertThrows(IllegalArgumentException.class, () -> ConvShape.of(1, 5, 5, 1, 8, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ConvShape(1, 5, 5, 1, 3, 1, 0, Pooling.MAX, 4));
        assertThrows(IllegalArgumentException.class, () -> ConvShape.of(1, 5, 5, 1, 3, 0, 0));
        assertEquals(0, Conv2d.argmaxSize(c2, 9));
        assertEquals(9 * c1.outputSize(), Conv2d.argmaxSize(c1, 9));
    }
}
