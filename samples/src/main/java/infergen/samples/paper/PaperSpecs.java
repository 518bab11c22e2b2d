package infergen.samples.paper;

import static infergen.annotations.Activation.IDENTITY;
import static infergen.annotations.Activation.RELU;
import static infergen.annotations.Init.NEGATIVE_GLOROT_UNIFORM;

import infergen.annotations.Adam;
import infergen.annotations.Backprop;
import infergen.annotations.Dense;
import infergen.annotations.FenchelBackprop;
import infergen.annotations.Network;

/**
 * The specs of the paper's experiment (methods.md §9): the MLP 784-256-128-64-10 with ReLU, softmax cross-entropy,
 * Adam lr 1e-3 and batch 50, trained with back-propagation or with Fenchel back-propagation at one β per spec (β is a
 * compile-time constant of the generated class, so the β sweep needs one spec per β). Each comes twice: with
 * Glorot-uniform init everywhere, and with the paper's negative init on the first layer only ({@code ...Neg}).
 *
 * <p>β here is per sample (ARCHITECTURE.md); the paper's Julia code uses batch-mean gradients, so its β is ours × 50.
 * The generated classes are {@code <Name>Net} in this package; {@code infergen.samples.cli.Catalogue} names them for
 * the command line.
 */
public final class PaperSpecs {

    private PaperSpecs() {
    }

    /** Back-propagation, Glorot-uniform init. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @Backprop
    @Adam(learningRate = 1e-3f)
    public interface PaperBp {
    }

    /** Back-propagation, negative init on the first layer. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU, init = NEGATIVE_GLOROT_UNIFORM)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @Backprop
    @Adam(learningRate = 1e-3f)
    public interface PaperBpNeg {
    }

    /** Fenchel back-propagation, β = 1e-4 per sample, Glorot-uniform init. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 1e-4f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB1em4 {
    }

    /** Fenchel back-propagation, β = 1e-4 per sample, negative init on the first layer. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU, init = NEGATIVE_GLOROT_UNIFORM)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 1e-4f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB1em4Neg {
    }

    /** Fenchel back-propagation, β = 1e-2 per sample, Glorot-uniform init. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 1e-2f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB1em2 {
    }

    /** Fenchel back-propagation, β = 1e-2 per sample, negative init on the first layer. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU, init = NEGATIVE_GLOROT_UNIFORM)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 1e-2f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB1em2Neg {
    }

    /** Fenchel back-propagation, β = 0.1 per sample, Glorot-uniform init. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 0.1f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB0p1 {
    }

    /** Fenchel back-propagation, β = 0.1 per sample, negative init on the first layer. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU, init = NEGATIVE_GLOROT_UNIFORM)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 0.1f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB0p1Neg {
    }

    /** Fenchel back-propagation, β = 1 per sample, Glorot-uniform init. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 1f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB1 {
    }

    /** Fenchel back-propagation, β = 1 per sample, negative init on the first layer. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU, init = NEGATIVE_GLOROT_UNIFORM)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 1f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB1Neg {
    }

    /** Fenchel back-propagation, β = 2 per sample, Glorot-uniform init. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 2f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB2 {
    }

    /** Fenchel back-propagation, β = 2 per sample, negative init on the first layer. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU, init = NEGATIVE_GLOROT_UNIFORM)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 2f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB2Neg {
    }

    /** Fenchel back-propagation, β = 3 per sample, Glorot-uniform init. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 3f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB3 {
    }

    /** Fenchel back-propagation, β = 3 per sample, negative init on the first layer. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU, init = NEGATIVE_GLOROT_UNIFORM)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 3f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB3Neg {
    }

    /** Fenchel back-propagation, β = 10 per sample, Glorot-uniform init. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 10f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB10 {
    }

    /** Fenchel back-propagation, β = 10 per sample, negative init on the first layer. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU, init = NEGATIVE_GLOROT_UNIFORM)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 10f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB10Neg {
    }

    /** Fenchel back-propagation, β = 30 per sample, Glorot-uniform init. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 30f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB30 {
    }

    /** Fenchel back-propagation, β = 30 per sample, negative init on the first layer. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU, init = NEGATIVE_GLOROT_UNIFORM)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 30f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB30Neg {
    }

    /** Fenchel back-propagation, β = 100 per sample, Glorot-uniform init. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 100f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB100 {
    }

    /** Fenchel back-propagation, β = 100 per sample, negative init on the first layer. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU, init = NEGATIVE_GLOROT_UNIFORM)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 100f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB100Neg {
    }

    /** Fenchel back-propagation, β = 300 per sample, Glorot-uniform init. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 300f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB300 {
    }

    /** Fenchel back-propagation, β = 300 per sample, negative init on the first layer. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU, init = NEGATIVE_GLOROT_UNIFORM)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 300f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB300Neg {
    }

    /** Fenchel back-propagation, β = 1000 per sample, Glorot-uniform init. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 1000f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB1000 {
    }

    /** Fenchel back-propagation, β = 1000 per sample, negative init on the first layer. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU, init = NEGATIVE_GLOROT_UNIFORM)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 1000f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB1000Neg {
    }
}
