package infergen.samples.rules;

import static infergen.annotations.Activation.IDENTITY;
import static infergen.annotations.Activation.RELU;

import infergen.annotations.*;

/** The reference: back-propagation on the methods.md §10 net, softmax cross-entropy. */
@Network(inputs = 12, maxBatch = 4, loss = Loss.SOFTMAX_CROSS_ENTROPY)
@Dense(units = 10, activation = RELU)
@Dense(units = 8, activation = RELU)
@Dense(units = 4, activation = IDENTITY)
@Backprop
@Sgd(learningRate = 0.1f)
public interface SmallBpCe {
}
