package infergen.samples.rules;

import static infergen.annotations.Activation.IDENTITY;
import static infergen.annotations.Activation.RELU;

import infergen.annotations.*;

/** PCN, β = 1e-3, softmax output. */
@Network(inputs = 12, maxBatch = 4, loss = Loss.SOFTMAX_CROSS_ENTROPY)
@Dense(units = 10, activation = RELU)
@Dense(units = 8, activation = RELU)
@Dense(units = 4, activation = IDENTITY)
@PredictiveCoding(beta = 1e-3f, steps = 600, rate = 0.2f)
@Sgd(learningRate = 0.1f)
public interface SmallPcnCeB3 {
}
