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
 * The specs of the paper's experiment (docs/methods.md §9): the MLP 784-256-128-64-10 with ReLU, softmax cross-entropy,
 * Adam lr 1e-3 and batch 50, trained with back-propagation or with Fenchel back-propagation. β is a run-time
 * hyperparameter of the generated class ({@code setBeta(float)}, or {@code setHyperparameter("beta", ...)}), so one
 * Fenchel spec serves the whole β sweep. Each comes twice: with Glorot-uniform init everywhere, and with the paper's
 * negative init on the first layer only ({@code ...Neg}).
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

    /**
     * Fenchel back-propagation, Glorot-uniform init. β is a run-time hyperparameter ({@code setBeta}); the spec's 1 is
     * only the default, and the command line's catalogue entries ({@code paper-fenchel-1e-4}, ...) set theirs.
     */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 1f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchel {
    }

    /** Fenchel back-propagation, negative init on the first layer; β as in {@link PaperFenchel} (default 1). */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU, init = NEGATIVE_GLOROT_UNIFORM)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 1f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelNeg {
    }
}
