package infergen.samples.bench;

import infergen.runtime.TrainableNet;
import infergen.runtime.parallel.Parallel;
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
 * Train steps (BP, Adam, softmax cross-entropy) of {@link ScalingSpecs} over batch and width; samples/s is the score
 * times the batch, GFLOP/s that times {@link ScalingSpecs#flopPerSample}. {@code bin/compare --scaling} prints the
 * table.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ScalingBench {

    @Param({"784-256-128-64-10", "784-1024-1024-10", "784-4096-10"})
    String shape;

    @Param({"1", "4", "16", "50", "64", "256", "1024"})
    int batch;

    @Param({"2"})
    int threads;

    private float[] x;
    private int[] labels;
    private TrainableNet net;

    @Setup
    public void setup() {
        Parallel.setThreads(threads);
        BenchBatch data = BenchBatch.random(batch);
        x = data.x();
        labels = data.labels();
        net = switch (shape) {
            case "784-256-128-64-10" -> new Paper1024Net(1);
            case "784-1024-1024-10" -> new Wide1024Net(1);
            case "784-4096-10" -> new Wide4096Net(1);
            default -> throw new IllegalArgumentException(shape);
        };
    }

    @Benchmark
    public float trainStep() {
        return net.trainStep(x, labels, batch);
    }
}
