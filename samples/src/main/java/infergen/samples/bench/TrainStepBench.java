package infergen.samples.bench;

import infergen.runtime.TrainableNet;
import infergen.runtime.parallel.Parallel;
import infergen.samples.specs.PaperMlpBpNet;
import infergen.samples.specs.PaperMlpFenchelNet;
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
 * One train step of the paper's MLP, 784-256-128-64-10 with softmax cross-entropy and Adam: generated BP, generated
 * Fenchel BP and the hand-written BP baseline, at batch 50 and 256. The score is train steps per second; samples/s is
 * the score times the batch. Inputs are uniform in [0, 1) like Fashion-MNIST pixels, labels uniform over 10 classes.
 *
 * <p>Run: {@code bin/dev bench TrainStepBench -prof gc}; {@code -p threads=1,2} compares thread counts in one run
 * ({@code bin/compare} runs it side by side with PyTorch).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainStepBench {

    @Param({"50", "256"})
    int batch;

    @Param({"generatedBp", "generatedFenchel", "handwrittenBp"})
    String impl;

    /** Threads of the generated classes' worker team ({@link Parallel#setThreads}); the hand-written BP uses one. */
    @Param({"2"})
    int threads;

    private float[] x;
    private int[] labels;
    private TrainableNet net;
    private HandwrittenMlp handwritten;

    @Setup
    public void setup() {
        Parallel.setThreads(threads);
        BenchBatch data = BenchBatch.random(batch);
        x = data.x();
        labels = data.labels();
        switch (impl) {
            case "generatedBp" -> net = new PaperMlpBpNet(1);
            case "generatedFenchel" -> net = new PaperMlpFenchelNet(1);
            case "handwrittenBp" -> handwritten = new HandwrittenMlp(new int[] {784, 256, 128, 64, 10}, 256, 1);
            default -> throw new IllegalArgumentException(impl);
        }
    }

    @Benchmark
    public float trainStep() {
        return net != null ? net.trainStep(x, labels, batch) : handwritten.trainStep(x, labels, batch);
    }
}
