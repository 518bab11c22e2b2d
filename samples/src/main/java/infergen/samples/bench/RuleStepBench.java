package infergen.samples.bench;

import infergen.runtime.TrainableNet;
import infergen.samples.rules.RulesBpNet;
import infergen.samples.rules.RulesChlNet;
import infergen.samples.rules.RulesConvexChlNet;
import infergen.samples.rules.RulesEqPropNet;
import infergen.samples.rules.RulesLpomNet;
import infergen.samples.rules.RulesMacNet;
import infergen.samples.rules.RulesPcnNet;
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
 * One train step at batch 50 of each inference-learning rule's network of {@code RuleSpecs} (the paper's
 * 784-256-128-64-10 ReLU MLP with softmax cross-entropy and Adam; EqProp 784-256-10 sigmoid), with BP on the same
 * MLP for reference. The score is train steps per second; samples/s is the score times 50. Inputs are uniform in
 * [0, 1) like Fashion-MNIST pixels, labels uniform over 10 classes. Five warm-up iterations, because the Vector API
 * kernels are fast (and allocation-free) only once C2 has compiled them.
 *
 * <p>Run: {@code bin/dev bench RuleStepBench}; the README's shorter run:
 * {@code bin/dev bench RuleStepBench -wi 5 -w 1 -i 3 -r 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class RuleStepBench {

    static final int BATCH = 50;

    @Param({"BP", "PCN", "MAC", "LPOM", "CHL", "ConvexCHL", "EqProp"})
    String rule;

    /** {@code setGradientChecks}: off (the default) or on, to measure what the check costs. */
    @Param({"false"})
    boolean gradientChecks;

    private float[] x;
    private int[] labels;
    private TrainableNet net;

    @Setup
    public void setup() {
        BenchBatch data = BenchBatch.random(BATCH);
        x = data.x();
        labels = data.labels();
        net = switch (rule) {
            case "BP" -> new RulesBpNet(1);
            case "PCN" -> new RulesPcnNet(1);
            case "MAC" -> new RulesMacNet(1);
            case "LPOM" -> new RulesLpomNet(1);
            case "CHL" -> new RulesChlNet(1);
            case "ConvexCHL" -> new RulesConvexChlNet(1);
            case "EqProp" -> new RulesEqPropNet(1);
            default -> throw new IllegalArgumentException(rule);
        };
        net.setGradientChecks(gradientChecks);
    }

    @Benchmark
    public float trainStep() {
        return net.trainStep(x, labels, BATCH);
    }
}
