package infergen.samples.specs;

import static infergen.annotations.Activation.IDENTITY;
import static infergen.annotations.Activation.RELU;

import infergen.annotations.Adam;
import infergen.annotations.Backprop;
import infergen.annotations.Dense;
import infergen.annotations.Network;

/** The paper's MLP (docs/methods.md §9), 784-256-128-64-10, trained with back-propagation and Adam. */
@Network(inputs = 784, maxBatch = 256)
@Dense(units = 256, activation = RELU)
@Dense(units = 128, activation = RELU)
@Dense(units = 64, activation = RELU)
@Dense(units = 10, activation = IDENTITY)
@Backprop
@Adam(learningRate = 1e-3f)
public interface PaperMlpBp {
}
