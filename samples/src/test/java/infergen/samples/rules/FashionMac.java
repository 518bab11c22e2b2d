package infergen.samples.rules;

import static infergen.annotations.Activation.IDENTITY;
import static infergen.annotations.Activation.RELU;

import infergen.annotations.*;

/** The paper MLP trained with the method of auxiliary coordinates. */
@Network(inputs = 784, maxBatch = 50)
@Dense(units = 256, activation = RELU)
@Dense(units = 128, activation = RELU)
@Dense(units = 64, activation = RELU)
@Dense(units = 10, activation = IDENTITY)
@AuxiliaryCoordinates(mu = 10f, steps = 20, rate = 0.1f)
@Adam(learningRate = 1e-3f)
public interface FashionMac {
}
