package infergen.samples.conv;

import static infergen.annotations.Activation.IDENTITY;
import static infergen.annotations.Activation.RELU;
import static infergen.annotations.Init.NEGATIVE_GLOROT_UNIFORM;

import infergen.annotations.Adam;
import infergen.annotations.Backprop;
import infergen.annotations.Conv2d;
import infergen.annotations.Dense;
import infergen.annotations.FenchelBackprop;
import infergen.annotations.Network;
import infergen.annotations.Pool;

/**
 * The small CNN of issue #11 for Fashion-MNIST: conv 32@5×5 pad 2 + max-pool 2, conv 64@5×5 pad 2 + max-pool 2,
 * dense 128, dense 10; Adam 1e-3, batches of up to 64. With max-pooling and ReLU the layer
 * {@code a = pool(W ∗ s) + b, s' = relu(a)} equals PyTorch's conv → relu → max-pool.
 */
public final class ConvSpecs {

    private ConvSpecs() {
    }

    /** Back-propagation, the reference. */
    @Network(inputShape = {1, 28, 28}, maxBatch = 64)
    @Conv2d(filters = 32, kernel = 5, padding = 2, pool = Pool.MAX)
    @Conv2d(filters = 64, kernel = 5, padding = 2, pool = Pool.MAX)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @Backprop
    @Adam(learningRate = 1e-3f)
    public interface ConvBp {
    }

    /** Fenchel back-propagation with a small β (per sample), which tends to BP. */
    @Network(inputShape = {1, 28, 28}, maxBatch = 64)
    @Conv2d(filters = 32, kernel = 5, padding = 2, pool = Pool.MAX)
    @Conv2d(filters = 64, kernel = 5, padding = 2, pool = Pool.MAX)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 1e-3f)
    @Adam(learningRate = 1e-3f)
    public interface ConvFenchel {
    }

    /** {@link ConvBp} with the paper's negative init on the first layer: every filter weight −|Glorot uniform|. */
    @Network(inputShape = {1, 28, 28}, maxBatch = 64)
    @Conv2d(filters = 32, kernel = 5, padding = 2, pool = Pool.MAX, init = NEGATIVE_GLOROT_UNIFORM)
    @Conv2d(filters = 64, kernel = 5, padding = 2, pool = Pool.MAX)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @Backprop
    @Adam(learningRate = 1e-3f)
    public interface ConvBpNeg {
    }

    /** {@link ConvFenchel} with the negative init on the first layer; β set at run time (the spec's: 1). */
    @Network(inputShape = {1, 28, 28}, maxBatch = 64)
    @Conv2d(filters = 32, kernel = 5, padding = 2, pool = Pool.MAX, init = NEGATIVE_GLOROT_UNIFORM)
    @Conv2d(filters = 64, kernel = 5, padding = 2, pool = Pool.MAX)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 1f)
    @Adam(learningRate = 1e-3f)
    public interface ConvFenchelNeg {
    }
}
