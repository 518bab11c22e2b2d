package infergen.samples.contrastive;

import static infergen.annotations.Activation.IDENTITY;
import static infergen.annotations.Activation.RELU;
import static infergen.annotations.Activation.SIGMOID;

import infergen.annotations.Adam;
import infergen.annotations.ContrastiveHebbian;
import infergen.annotations.ConvexContrastiveHebbian;
import infergen.annotations.Dense;
import infergen.annotations.EquilibriumPropagation;
import infergen.annotations.Network;

/** The training specs: the paper's 784-256-128-64-10 MLP with each contrastive rule; EqProp on 784-256-10. */
final class TrainSpecs {

    private TrainSpecs() {
    }

    @Network(inputs = 784, maxBatch = 64)
    @Dense(units = 256, activation = RELU)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @ContrastiveHebbian(gamma = 1e-2f, beta = 1e-2f, steps = 5)
    @Adam(learningRate = 1e-3f)
    interface FashionChl {
    }

    @Network(inputs = 784, maxBatch = 64)
    @Dense(units = 256, activation = RELU)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @ConvexContrastiveHebbian(gamma = 1e-2f, beta = 1e-2f, steps = 5)
    @Adam(learningRate = 1e-3f)
    interface FashionConvexChl {
    }

    /** EqProp on a smaller net (one sigmoid hidden layer), as in Scellier &amp; Bengio and Laborieux et al. */
    @Network(inputs = 784, maxBatch = 64)
    @Dense(units = 256, activation = SIGMOID)
    @Dense(units = 10, activation = IDENTITY)
    @EquilibriumPropagation(beta = 0.2f, freeSteps = 15, nudgedSteps = 6, centered = true)
    @Adam(learningRate = 1e-3f)
    interface FashionEqProp {
    }
}
