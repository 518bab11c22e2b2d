package infergen.samples.bench;

import infergen.runtime.TrainableNet;
import infergen.samples.conv.ConvBpAvgNet;
import infergen.samples.conv.ConvBpNet;
import infergen.samples.conv.ConvChlNet;
import infergen.samples.conv.ConvConvexChlNet;
import infergen.samples.conv.ConvEqPropNet;
import infergen.samples.conv.ConvFenchelNet;
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
 * One train step of the issue #11 CNN (conv 32@5×5 + max-pool, conv 64@5×5 + max-pool, dense 128, dense 10; Adam)
 * at batch 64, on a seeded random batch: ops/s × 64 is samples/s. The warm-up is long (15 × 2 s, some 500 steps):
 * a step calls its per-sample and per-filter methods only tens of times, so C2 compiles the last of them after about
 * 200 steps, and until then they run interpreted or in C1, where Vector API values are objects (a
 * {@code -prof gc} figure over a short warm-up shows 0.3–1.5 MB per step that the steady state does not allocate).
 *
 * <p>{@code rule} runs BP and Fenchel BP by default ({@code bin/compare --conv}); the other values are the inference
 * rules' CNNs of {@code ConvSpecs} and their second BP reference, for the rule speeds of docs/rules.md:
 * {@code -p rule=BP,BPavg,PCN,MAC,LPOM,CHL,ConvexCHL,EqProp} ({@code BPavg}: average pooling, the pooling of LPOM,
 * CHL, convex CHL and EqProp; PCN and MAC use max-pooling like {@code BP}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 15, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConvStepBench {

    static final int BATCH = 64;

    /** BP, Fenchel, BPavg, PCN, MAC, LPOM, CHL, ConvexCHL or EqProp. */
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
        net = switch (rule) {
            case "BP" -> new ConvBpNet(1);
            case "Fenchel" -> new ConvFenchelNet(1);
            case "BPavg" -> new ConvBpAvgNet(1);
            case "PCN" -> new ConvPcnNet(1);
            case "MAC" -> new ConvMacNet(1);
            case "LPOM" -> new ConvLpomNet(1);
            case "CHL" -> new ConvChlNet(1);
            case "ConvexCHL" -> new ConvConvexChlNet(1);
            case "EqProp" -> new ConvEqPropNet(1);
            default -> throw new IllegalArgumentException("unknown rule " + rule);
        };
    }

    @Benchmark
    public float trainStep() {
        return net.trainStep(x, labels, BATCH);
    }
}
