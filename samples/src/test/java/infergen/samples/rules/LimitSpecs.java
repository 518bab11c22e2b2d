package infergen.samples.rules;

import static infergen.annotations.Activation.IDENTITY;
import static infergen.annotations.Activation.RELU;

import infergen.annotations.AuxiliaryCoordinates;
import infergen.annotations.Backprop;
import infergen.annotations.Dense;
import infergen.annotations.LiftedProximal;
import infergen.annotations.Loss;
import infergen.annotations.Network;
import infergen.annotations.PredictiveCoding;
import infergen.annotations.Sgd;

/**
 * The specs of the top-down rules' limit tests: the docs/methods.md §10 net 12-10-8-4 (ReLU, identity output), batch 4,
 * with squared error or softmax cross-entropy; back-propagation as the reference, and each rule at BP-like settings.
 */
final class LimitSpecs {

    private LimitSpecs() {
    }

    /** The reference: back-propagation on the docs/methods.md §10 net, squared error. */
    @Network(inputs = 12, maxBatch = 4, loss = Loss.MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = RELU)
    @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @Backprop
    @Sgd(learningRate = 0.1f)
    interface SmallBpMse {
    }

    /** The reference: back-propagation on the docs/methods.md §10 net, softmax cross-entropy. */
    @Network(inputs = 12, maxBatch = 4, loss = Loss.SOFTMAX_CROSS_ENTROPY)
    @Dense(units = 10, activation = RELU)
    @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @Backprop
    @Sgd(learningRate = 0.1f)
    interface SmallBpCe {
    }

    /** PCN with fixed predictions, hard clamp (β = 1), Z-IL schedule. */
    @Network(inputs = 12, maxBatch = 4, loss = Loss.MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = RELU)
    @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @PredictiveCoding(beta = 1f, steps = 2, rate = 1f, fixedPrediction = true)
    @Sgd(learningRate = 0.1f)
    interface SmallFpaMse {
    }

    /** PCN with fixed predictions, softmax output. */
    @Network(inputs = 12, maxBatch = 4, loss = Loss.SOFTMAX_CROSS_ENTROPY)
    @Dense(units = 10, activation = RELU)
    @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @PredictiveCoding(beta = 0.1f, steps = 2, rate = 1f, fixedPrediction = true)
    @Sgd(learningRate = 0.1f)
    interface SmallFpaCe {
    }

    /** PCN, β = 1e-2, converged inference. */
    @Network(inputs = 12, maxBatch = 4, loss = Loss.MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = RELU)
    @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @PredictiveCoding(beta = 1e-2f, steps = 600, rate = 0.2f)
    @Sgd(learningRate = 0.1f)
    interface SmallPcnMseB2 {
    }

    /** PCN, β = 1e-3, converged inference. */
    @Network(inputs = 12, maxBatch = 4, loss = Loss.MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = RELU)
    @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @PredictiveCoding(beta = 1e-3f, steps = 600, rate = 0.2f)
    @Sgd(learningRate = 0.1f)
    interface SmallPcnMseB3 {
    }

    /** PCN, β = 1e-3, softmax output. */
    @Network(inputs = 12, maxBatch = 4, loss = Loss.SOFTMAX_CROSS_ENTROPY)
    @Dense(units = 10, activation = RELU)
    @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @PredictiveCoding(beta = 1e-3f, steps = 600, rate = 0.2f)
    @Sgd(learningRate = 0.1f)
    interface SmallPcnCeB3 {
    }

    /** MAC, μ = 1e2. */
    @Network(inputs = 12, maxBatch = 4, loss = Loss.MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = RELU)
    @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @AuxiliaryCoordinates(mu = 1e2f, steps = 600, rate = 0.2f)
    @Sgd(learningRate = 0.1f)
    interface SmallMacMseM2 {
    }

    /** MAC, μ = 1e3. */
    @Network(inputs = 12, maxBatch = 4, loss = Loss.MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = RELU)
    @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @AuxiliaryCoordinates(mu = 1e3f, steps = 600, rate = 0.2f)
    @Sgd(learningRate = 0.1f)
    interface SmallMacMseM3 {
    }

    /** MAC, μ = 1e3, softmax output. */
    @Network(inputs = 12, maxBatch = 4, loss = Loss.SOFTMAX_CROSS_ENTROPY)
    @Dense(units = 10, activation = RELU)
    @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @AuxiliaryCoordinates(mu = 1e3f, steps = 600, rate = 0.2f)
    @Sgd(learningRate = 0.1f)
    interface SmallMacCeM3 {
    }

    /** LPOM, β = 1e-2. */
    @Network(inputs = 12, maxBatch = 4, loss = Loss.MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = RELU)
    @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @LiftedProximal(beta = 1e-2f, sweeps = 200, innerSteps = 20)
    @Sgd(learningRate = 0.1f)
    interface SmallLpomMseB2 {
    }

    /** LPOM, β = 1e-4. */
    @Network(inputs = 12, maxBatch = 4, loss = Loss.MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = RELU)
    @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @LiftedProximal(beta = 1e-4f, sweeps = 200, innerSteps = 20)
    @Sgd(learningRate = 0.1f)
    interface SmallLpomMseB4 {
    }

    /** LPOM, β = 1e-4, softmax output. */
    @Network(inputs = 12, maxBatch = 4, loss = Loss.SOFTMAX_CROSS_ENTROPY)
    @Dense(units = 10, activation = RELU)
    @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @LiftedProximal(beta = 1e-4f, sweeps = 200, innerSteps = 20)
    @Sgd(learningRate = 0.1f)
    interface SmallLpomCeB4 {
    }
}
