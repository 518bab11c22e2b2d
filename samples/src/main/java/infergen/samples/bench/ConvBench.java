package infergen.samples.bench;

import infergen.runtime.kernel.Conv2d;
import infergen.runtime.kernel.ConvShape;
import infergen.runtime.kernel.Nonlinearity;
import infergen.runtime.kernel.Pooling;
import infergen.runtime.parallel.Parallel;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The passes of {@link Conv2d} on the two convolutional layers of issue #11's CNN at batch 64: {@code conv1} is
 * 1→32 filters of 5×5, padding 2, on 28×28, then max-pooling 2; {@code conv2} is 32→64 of 5×5, padding 2, on 14×14,
 * then max-pooling 2. Each pass is {@code 2 · Conv2d.fmasPerSample · batch} FLOP: 80.3 MFLOP for conv1 and
 * 1284.5 MFLOP for conv2, so GFLOP/s = that / the time in ms / 1000 ({@code step} is three passes).
 *
 * <p>Run: {@code bin/dev bench ConvBench -p threads=1,2}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConvBench {

    @Param({"conv1", "conv2"})
    String layer;

    @Param({"64"})
    int batch;

    @Param({"2"})
    int threads;

    private ConvShape sh;
    private float[] x, w, bias, a, s, delta, g, gw, gb, cols, map;
    private int[] argmax;

    @Setup
    public void setup() {
        Parallel.setThreads(threads);
        sh = switch (layer) {
            case "conv1" -> new ConvShape(1, 28, 28, 32, 5, 1, 2, Pooling.MAX, 2);
            case "conv2" -> new ConvShape(32, 14, 14, 64, 5, 1, 2, Pooling.MAX, 2);
            default -> throw new IllegalArgumentException(layer);
        };
        SplittableRandom rnd = new SplittableRandom(11);
        x = random(rnd, batch * sh.inputSize());
        w = random(rnd, sh.weightSize());
        bias = random(rnd, sh.filters());
        delta = random(rnd, batch * sh.outputSize());
        a = new float[batch * sh.outputSize()];
        s = new float[a.length];
        g = new float[batch * sh.inputSize()];
        gw = new float[sh.weightSize()];
        gb = new float[sh.filters()];
        cols = new float[Conv2d.columnsSize(sh)];
        map = new float[Conv2d.mapSize(sh)];
        argmax = new int[Conv2d.argmaxSize(sh, batch)];
        forward();
    }

    private static float[] random(SplittableRandom rnd, int len) {
        float[] v = new float[len];
        for (int i = 0; i < len; i++) {
            v[i] = (float) (rnd.nextDouble() - 0.5);
        }
        return v;
    }

    @Benchmark
    public float forward() {
        Conv2d.forward(sh, batch, x, w, bias, a, s, Nonlinearity.RELU, argmax, cols, map);
        return s[0];
    }

    @Benchmark
    public float adjoint() {
        Conv2d.adjoint(sh, batch, delta, w, argmax, 1f, g, false, cols, map);
        return g[0];
    }

    @Benchmark
    public float weightGradient() {
        Conv2d.weightGradient(sh, batch, delta, x, argmax, 1f / batch, gw, gb, false, cols, map);
        return gw[0];
    }

    /** Forward, adjoint and weight gradient: one layer's share of a train step. */
    @Benchmark
    public float step() {
        return forward() + adjoint() + weightGradient();
    }
}
