package infergen.samples.rules;

import static infergen.annotations.Activation.IDENTITY;
import static infergen.annotations.Activation.RELU;

import infergen.annotations.*;

/** LPOM, β = 1e-4. */
@Network(inputs = 12, maxBatch = 4, loss = Loss.MEAN_SQUARED_ERROR)
@Dense(units = 10, activation = RELU)
@Dense(units = 8, activation = RELU)
@Dense(units = 4, activation = IDENTITY)
@LiftedProximal(beta = 1e-4f, sweeps = 200, innerSteps = 20)
@Sgd(learningRate = 0.1f)
public interface SmallLpomMseB4 {
}
