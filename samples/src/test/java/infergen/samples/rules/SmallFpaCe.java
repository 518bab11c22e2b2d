package infergen.samples.rules;

import static infergen.annotations.Activation.IDENTITY;
import static infergen.annotations.Activation.RELU;

import infergen.annotations.*;

/** PCN with fixed predictions, softmax output. */
@Network(inputs = 12, maxBatch = 4, loss = Loss.SOFTMAX_CROSS_ENTROPY)
@Dense(units = 10, activation = RELU)
@Dense(units = 8, activation = RELU)
@Dense(units = 4, activation = IDENTITY)
@PredictiveCoding(beta = 0.1f, steps = 2, rate = 1f, fixedPrediction = true)
@Sgd(learningRate = 0.1f)
public interface SmallFpaCe {
}
