package infergen.samples.bench;

import infergen.runtime.TrainableNet;
import infergen.samples.conv.ConvBpNet;
import infergen.samples.conv.ConvFenchelNet;
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
 * One train step of the issue #11 CNN (conv 32@5×5 + max-pool, conv 64@5×5 + max-pool, dense 128, dense 10; Adam)
 * at batch 64, on a seeded random batch: ops/s × 64 is samples/s. The warm-up is long (15 × 2 s, some 500 steps):
 * a step calls its per-sample and per-filter methods only tens of times, so C2 compiles the last of them after about
 * 200 steps, and until then they run interpreted or in C1, where Vector API values are objects (a
 * {@code -prof gc} figure over a short warm-up shows 0.3–1.5 MB per step that the steady state does not allocate).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 15, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConvStepBench {

    static final int BATCH = 64;

    @Param({"BP", "Fenchel"})
    String rule;

    /** The kernels' worker threads (results are bitwise the same for any count). */
    @Param({"1", "2"})
    int threads;

    private float[] x;
    private int[] labels;
    private TrainableNet net;

    @Setup
    public void setup() {
        infergen.runtime.parallel.Parallel.setThreads(threads);
        BenchBatch data = BenchBatch.random(BATCH);
        x = data.x();
        labels = data.labels();
        net = rule.equals("BP") ? new ConvBpNet(1) : new ConvFenchelNet(1);
    }

    @Benchmark
    public float trainStep() {
        return net.trainStep(x, labels, BATCH);
    }
}
