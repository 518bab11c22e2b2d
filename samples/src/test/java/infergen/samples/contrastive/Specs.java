package infergen.samples.contrastive;

import static infergen.annotations.Activation.HARD_SIGMOID;
import static infergen.annotations.Activation.IDENTITY;
import static infergen.annotations.Activation.RELU;
import static infergen.annotations.Activation.SIGMOID;
import static infergen.annotations.Loss.MEAN_SQUARED_ERROR;

import infergen.annotations.Adam;
import infergen.annotations.Backprop;
import infergen.annotations.ContrastiveHebbian;
import infergen.annotations.ConvexContrastiveHebbian;
import infergen.annotations.Dense;
import infergen.annotations.EquilibriumPropagation;
import infergen.annotations.Network;

/** Small test specs of the contrastive rules (docs/methods.md §10: 12-10-8-4, batch 4) and their BP twins. */
final class Specs {

    private Specs() {
    }

    @Network(inputs = 12, maxBatch = 4, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = RELU)
    @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @Backprop
    interface SmallBp {
    }

    @Network(inputs = 12, maxBatch = 4)
    @Dense(units = 10, activation = RELU)
    @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @Backprop
    interface SmallBpCe {
    }

    @Network(inputs = 12, maxBatch = 4, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = RELU)
    @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @ContrastiveHebbian(gamma = 1e-3f, beta = 1e-4f, steps = 30)
    interface SmallChl {
    }

    @Network(inputs = 12, maxBatch = 4, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = RELU)
    @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @ContrastiveHebbian(gamma = 1e-2f, beta = 1e-4f, steps = 30)
    interface SmallChlGamma2 {
    }

    @Network(inputs = 12, maxBatch = 4, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = RELU)
    @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @ContrastiveHebbian(gamma = 1e-3f, steps = 30, hardClamp = true)
    interface SmallChlHard {
    }

    @Network(inputs = 12, maxBatch = 4)
    @Dense(units = 10, activation = RELU)
    @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @ContrastiveHebbian(gamma = 1e-3f, beta = 1e-4f, steps = 30)
    interface SmallChlCe {
    }

    @Network(inputs = 12, maxBatch = 4, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = RELU)
    @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @ConvexContrastiveHebbian(gamma = 1e-3f, beta = 1e-4f, steps = 30)
    interface SmallConvexChl {
    }

    @Network(inputs = 12, maxBatch = 4, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = RELU)
    @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @ConvexContrastiveHebbian(gamma = 1e-2f, beta = 1e-4f, steps = 30)
    interface SmallConvexChlGamma2 {
    }

    @Network(inputs = 12, maxBatch = 4)
    @Dense(units = 10, activation = RELU)
    @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @ConvexContrastiveHebbian(gamma = 1e-3f, beta = 1e-4f, steps = 30)
    interface SmallConvexChlCe {
    }

    @Network(inputs = 12, maxBatch = 4, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = SIGMOID)
    @Dense(units = 8, activation = SIGMOID)
    @Dense(units = 4, activation = SIGMOID)
    @EquilibriumPropagation(beta = 1e-3f, freeSteps = 200, nudgedSteps = 200)
    interface SmallEqProp {
    }

    @Network(inputs = 12, maxBatch = 4, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = SIGMOID)
    @Dense(units = 8, activation = SIGMOID)
    @Dense(units = 4, activation = SIGMOID)
    @EquilibriumPropagation(beta = 1e-2f, freeSteps = 200, nudgedSteps = 200, centered = true)
    interface SmallEqPropCentered {
    }

    @Network(inputs = 12, maxBatch = 4)
    @Dense(units = 10, activation = HARD_SIGMOID)
    @Dense(units = 8, activation = HARD_SIGMOID)
    @Dense(units = 4, activation = IDENTITY)
    @EquilibriumPropagation(beta = 1e-3f, freeSteps = 100, nudgedSteps = 100, centered = true)
    @Adam
    interface SmallEqPropCe {
    }

    @Network(inputs = 12, maxBatch = 4, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = RELU)
    @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @ContrastiveHebbian(gamma = 0.1f, beta = 0.5f, steps = 15)
    interface SmallChlStrong {
    }

    @Network(inputs = 12, maxBatch = 4)
    @Dense(units = 10, activation = SIGMOID)
    @Dense(units = 8, activation = SIGMOID)
    @Dense(units = 4, activation = IDENTITY)
    @EquilibriumPropagation(beta = 1e-3f, freeSteps = 200, nudgedSteps = 200)
    interface SmallEqPropSoftmax {
    }

    /** Mid-sized nets for the allocation test: widths that are multiples of the vector length. */
    @Network(inputs = 64, maxBatch = 16)
    @Dense(units = 48, activation = RELU)
    @Dense(units = 32, activation = RELU)
    @Dense(units = 16, activation = IDENTITY)
    @ContrastiveHebbian(gamma = 1e-2f, beta = 1e-2f, steps = 5)
    interface MidChl {
    }

    @Network(inputs = 64, maxBatch = 16, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 48, activation = RELU)
    @Dense(units = 32, activation = RELU)
    @Dense(units = 16, activation = IDENTITY)
    @ContrastiveHebbian(gamma = 1e-2f, steps = 5, hardClamp = true)
    interface MidChlHard {
    }

    @Network(inputs = 64, maxBatch = 16)
    @Dense(units = 48, activation = RELU)
    @Dense(units = 32, activation = RELU)
    @Dense(units = 16, activation = IDENTITY)
    @ConvexContrastiveHebbian(gamma = 1e-2f, beta = 1e-2f, steps = 5)
    interface MidConvexChl {
    }

    @Network(inputs = 64, maxBatch = 16, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 48, activation = SIGMOID)
    @Dense(units = 32, activation = SIGMOID)
    @Dense(units = 16, activation = SIGMOID)
    @EquilibriumPropagation(beta = 0.1f, freeSteps = 10, nudgedSteps = 5)
    interface MidEqProp {
    }

    @Network(inputs = 64, maxBatch = 16)
    @Dense(units = 48, activation = HARD_SIGMOID)
    @Dense(units = 32, activation = HARD_SIGMOID)
    @Dense(units = 16, activation = IDENTITY)
    @EquilibriumPropagation(beta = 0.1f, freeSteps = 10, nudgedSteps = 5, centered = true)
    interface MidEqPropCentered {
    }
}
