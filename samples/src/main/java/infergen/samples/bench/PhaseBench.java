package infergen.samples.bench;

import infergen.runtime.Rng;
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
 * Where a train step's time goes, from the generated class's own public methods: {@code predict} is the forward pass
 * (plus a softmax of n × 10), {@code computeGradients} adds the loss and the backward pass, {@code trainStep} adds
 * the optimizer. The differences of the average times are the phases. Average time per call, in microseconds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PhaseBench {

    @Param({"50"})
    int batch;

    @Param({"generatedBp", "generatedFenchel"})
    String impl;

    @Param({"2"})
    int threads;

    @Param({"predict", "computeGradients", "trainStep"})
    String phase;

    private float[] x;
    private float[] out;
    private int[] labels;
    private TrainableNet net;

    @Setup
    public void setup() {
        Parallel.setThreads(threads);
        Rng rng = new Rng(42);
        x = new float[batch * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextFloat();
        }
        labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = rng.nextInt(10);
        }
        out = new float[batch * 10];
        net = impl.equals("generatedBp") ? new PaperMlpBpNet(1) : new PaperMlpFenchelNet(1);
    }

    @Benchmark
    public float run() {
        return switch (phase) {
            case "predict" -> {
                net.predict(x, batch, out);
                yield out[0];
            }
            case "computeGradients" -> net.computeGradients(x, labels, batch);
            case "trainStep" -> net.trainStep(x, labels, batch);
            default -> throw new IllegalArgumentException(phase);
        };
    }
}
