package infergen.samples.cli;

import static infergen.annotations.Activation.IDENTITY;
import static infergen.annotations.Activation.RELU;
import static infergen.annotations.Init.NEGATIVE_GLOROT_UNIFORM;

import infergen.annotations.Adam;
import infergen.annotations.Dense;
import infergen.annotations.FenchelBackprop;
import infergen.annotations.Network;

/**
 * Two of the per-β specs the paper's grid had before β became a run-time setting (PaperSpecs.PaperFenchelB3 and
 * PaperFenchelB3Neg, unchanged but for the package), kept as references: the catalogue's {@code paper-fenchel-3} and
 * {@code paper-fenchel-3-neg}, which build the one Fenchel network per init and call {@code setBeta(3)}, must train
 * to the same bits ({@link RuntimeBetaTest}). Their pins in pins.txt carry the hashes the old classes had.
 */
final class ReferenceSpecs {

    private ReferenceSpecs() {
    }

    /** Fenchel back-propagation, β = 3 per sample compiled in as the spec's value, Glorot-uniform init. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 3f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB3 {
    }

    /** Fenchel back-propagation, β = 3 per sample compiled in, negative init on the first layer. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU, init = NEGATIVE_GLOROT_UNIFORM)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 3f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFenchelB3Neg {
    }
}
