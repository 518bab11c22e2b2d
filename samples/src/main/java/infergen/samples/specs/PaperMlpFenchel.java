package infergen.samples.specs;

import static infergen.annotations.Activation.IDENTITY;
import static infergen.annotations.Activation.RELU;

import infergen.annotations.Adam;
import infergen.annotations.Dense;
import infergen.annotations.FenchelBackprop;
import infergen.annotations.Network;

/** The paper's MLP (docs/methods.md §9), 784-256-128-64-10, trained with Fenchel back-propagation (β = 1e-3) and Adam. */
@Network(inputs = 784, maxBatch = 256)
@Dense(units = 256, activation = RELU)
@Dense(units = 128, activation = RELU)
@Dense(units = 64, activation = RELU)
@Dense(units = 10, activation = IDENTITY)
@FenchelBackprop(beta = 1e-3f)
@Adam(learningRate = 1e-3f)
public interface PaperMlpFenchel {
}
