package infergen.samples.rules;

import static infergen.annotations.Activation.IDENTITY;
import static infergen.annotations.Activation.RELU;

import infergen.annotations.*;

/** The paper MLP trained with back-propagation, the reference. */
@Network(inputs = 784, maxBatch = 50)
@Dense(units = 256, activation = RELU)
@Dense(units = 128, activation = RELU)
@Dense(units = 64, activation = RELU)
@Dense(units = 10, activation = IDENTITY)
@Backprop
@Adam(learningRate = 1e-3f)
public interface FashionBp {
}
