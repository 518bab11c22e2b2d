package infergen.samples.bench;

import infergen.runtime.TrainableNet;
import infergen.samples.conv.ConvBpAvgNet;
import infergen.samples.conv.ConvBpNet;
import infergen.samples.conv.ConvChlNet;
import infergen.samples.conv.ConvConvexChlNet;
import infergen.samples.conv.ConvEqPropNet;
import infergen.samples.conv.ConvLpomNet;
import infergen.samples.conv.ConvMacNet;
import infergen.samples.conv.ConvPcnNet;
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
 * One train step at batch 64 of each inference-learning rule's CNN of {@code ConvSpecs} (conv 32@5×5, conv 64@5×5,
 * each pooled 2×2, dense 128, dense 10; Adam), with their BP references: {@code BP} (max-pool, the pool of PCN and
 * MAC) and {@code BPavg} (average pool, that of LPOM, CHL, convex CHL and EqProp). The score is train steps per
 * second; samples/s is the score times 64. A seeded random batch, as {@link ConvStepBench}, whose long warm-up this
 * keeps in time (a rule's step runs its per-layer methods once per relaxation step, so C2 has them sooner).
 *
 * <p>Run: {@code bin/dev bench ConvRuleStepBench -p threads=1} (the figures in docs/rules.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConvRuleStepBench {

    static final int BATCH = 64;

    @Param({"BP", "BPavg", "PCN", "MAC", "LPOM", "CHL", "ConvexCHL", "EqProp"})
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
        net = switch (rule) {
            case "BP" -> new ConvBpNet(1);
            case "BPavg" -> new ConvBpAvgNet(1);
            case "PCN" -> new ConvPcnNet(1);
            case "MAC" -> new ConvMacNet(1);
            case "LPOM" -> new ConvLpomNet(1);
            case "CHL" -> new ConvChlNet(1);
            case "ConvexCHL" -> new ConvConvexChlNet(1);
            case "EqProp" -> new ConvEqPropNet(1);
            default -> throw new IllegalArgumentException(rule);
        };
    }

    @Benchmark
    public float trainStep() {
        return net.trainStep(x, labels, BATCH);
    }
}
