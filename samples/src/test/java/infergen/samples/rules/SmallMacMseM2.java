package infergen.samples.rules;

import static infergen.annotations.Activation.IDENTITY;
import static infergen.annotations.Activation.RELU;

import infergen.annotations.*;

/** MAC, μ = 1e2. */
@Network(inputs = 12, maxBatch = 4, loss = Loss.MEAN_SQUARED_ERROR)
@Dense(units = 10, activation = RELU)
@Dense(units = 8, activation = RELU)
@Dense(units = 4, activation = IDENTITY)
@AuxiliaryCoordinates(mu = 1e2f, steps = 600, rate = 0.2f)
@Sgd(learningRate = 0.1f)
public interface SmallMacMseM2 {
}
