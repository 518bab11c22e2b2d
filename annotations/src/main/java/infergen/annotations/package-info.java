/**
 * The spec annotations of infergen. Put {@link infergen.annotations.Network @Network}, one or more
 * {@link infergen.annotations.Dense @Dense}, at most one learning rule and at most one optimizer on an interface;
 * the processor generates {@code <Spec>Net}, a training class that implements
 * {@code infergen.runtime.TrainableNet}.
 *
 * <pre>{@code
 * @Network(inputs = 784, maxBatch = 50)
 * @Dense(units = 256, activation = Activation.RELU)
 * @Dense(units = 10, activation = Activation.IDENTITY)
 * @FenchelBackprop(beta = 1e-3f)
 * @Adam(learningRate = 1e-3f)
 * public interface FashionMlp {}
 * }</pre>
 */
package infergen.annotations;
