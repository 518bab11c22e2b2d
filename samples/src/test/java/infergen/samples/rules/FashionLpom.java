package infergen.samples.rules;

import static infergen.annotations.Activation.IDENTITY;
import static infergen.annotations.Activation.RELU;

import infergen.annotations.*;

/** The paper MLP trained as a lifted proximal network. */
@Network(inputs = 784, maxBatch = 50)
@Dense(units = 256, activation = RELU)
@Dense(units = 128, activation = RELU)
@Dense(units = 64, activation = RELU)
@Dense(units = 10, activation = IDENTITY)
@LiftedProximal(beta = 0.1f, sweeps = 5, innerSteps = 5)
@Adam(learningRate = 1e-3f)
public interface FashionLpom {
}
