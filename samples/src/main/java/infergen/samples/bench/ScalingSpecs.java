package infergen.samples.bench;

import static infergen.annotations.Activation.IDENTITY;
import static infergen.annotations.Activation.RELU;

import infergen.annotations.Adam;
import infergen.annotations.Backprop;
import infergen.annotations.Dense;
import infergen.annotations.Network;

/**
 * The specs of {@link ScalingBench}: the paper's MLP and two wider ones, all BP with Adam and softmax
 * cross-entropy, for batches up to 1024.
 */
public final class ScalingSpecs {

    private ScalingSpecs() {
    }

    /** The paper's shape, 784-256-128-64-10. */
    @Network(inputs = 784, maxBatch = 1024)
    @Dense(units = 256, activation = RELU) @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU) @Dense(units = 10, activation = IDENTITY)
    @Backprop
    @Adam(learningRate = 1e-3f)
    public interface Paper1024 { }

    /** Two wide hidden layers, 784-1024-1024-10. */
    @Network(inputs = 784, maxBatch = 1024)
    @Dense(units = 1024, activation = RELU) @Dense(units = 1024, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @Backprop
    @Adam(learningRate = 1e-3f)
    public interface Wide1024 { }

    /** One very wide hidden layer, 784-4096-10. */
    @Network(inputs = 784, maxBatch = 1024)
    @Dense(units = 4096, activation = RELU) @Dense(units = 10, activation = IDENTITY)
    @Backprop
    @Adam(learningRate = 1e-3f)
    public interface Wide4096 { }

    /** Multiply-adds of one train step per sample: 3 GEMMs per layer (forward, weight gradient, error) less the
     * input layer's error, times 2 FLOP. */
    public static double flopPerSample(int[] dims) {
        double fma = 0;
        for (int l = 0; l + 1 < dims.length; l++) {
            fma += (double) dims[l] * dims[l + 1] * (l == 0 ? 2 : 3);
        }
        return 2 * fma;
    }
}
