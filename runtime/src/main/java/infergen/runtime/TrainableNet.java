package infergen.runtime;

/**
 * The contract every generated network implements. A generated class is specialized for one spec: layer sizes,
 * activations, learning rule and optimizer are constants in its code, and every buffer is allocated for
 * {@link #maxBatch()} samples at construction, so {@link #trainStep} allocates nothing.
 *
 * <p>Arrays are row-major: {@code x} is {@code n × inputSize()}, weights are {@code units × fanIn}. Methods that
 * take arrays check their lengths exactly and throw {@link IllegalArgumentException} naming the problem before any
 * state changes. Instances are not thread-safe (one network, one caller); the kernels may use worker threads inside
 * a call.
 */
public interface TrainableNet {

    /**
     * One training step on a batch: forward pass, loss, the learning rule's backward or inference phase, and the
     * optimizer update.
     *
     * @param x row-major {@code n × inputSize()} inputs, all finite
     * @param labels {@code n} class indices in {@code [0, outputSize())}
     * @param n the batch size, in {@code 1..maxBatch()}
     * @return the mean loss of the batch before the update
     * @throws IllegalArgumentException on a wrong length, batch size, label or a non-finite input or loss; the
     *     parameters and the optimizer state are then unchanged
     */
    float trainStep(float[] x, int[] labels, int n);

    /**
     * Like {@link #trainStep(float[], int[], int)} without the update: fills the gradient buffers
     * ({@link #weightGradient(int)}, {@link #biasGradient(int)}) with the rule's update direction for the batch mean
     * (for back-propagation the exact gradient of the mean loss).
     *
     * @return the mean loss of the batch
     */
    float computeGradients(float[] x, int[] labels, int n);

    /**
     * The forward pass: writes {@code n × outputSize()} outputs to {@code out} (softmax probabilities under softmax
     * cross-entropy, the last layer's activity otherwise).
     */
    void predict(float[] x, int n, float[] out);

    /** The live weight array of {@code layer} (0 = first {@code @Dense}), row-major {@code units × fanIn}. */
    float[] weights(int layer);

    /** The live bias array of {@code layer}, length {@code units}. */
    float[] bias(int layer);

    /** The live weight-gradient array of {@code layer}, filled by the last train step or gradient computation. */
    float[] weightGradient(int layer);

    /** The live bias-gradient array of {@code layer}. */
    float[] biasGradient(int layer);

    /** Number of input features per sample. */
    int inputSize();

    /** Number of outputs per sample (units of the last layer). */
    int outputSize();

    /** The largest batch a call accepts. */
    int maxBatch();

    /** Number of {@code @Dense} layers. */
    int layerCount();

    /**
     * The run-time hyperparameters of the rule and the optimizer (every numeric element of their annotations), in
     * the order of those elements, under the elements' names: an ordered snapshot, not a live view. Their defaults
     * are the spec's values; each also has a typed getter and setter on the generated class ({@code beta()},
     * {@code setBeta(float)}, ...). None by default, for networks written by hand.
     */
    default java.util.Map<String, Number> hyperparameters() {
        return java.util.Map.of();
    }

    /**
     * Sets the hyperparameter {@code name} (an annotation element's name, as {@link #hyperparameters()} lists them)
     * for the next steps. Counts take whole numbers.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the valid ones) or a value the rule
     *     rejects (the words of the compile-time check); the network is then unchanged
     */
    default void setHyperparameter(String name, double value) {
        throw Hyperparameters.unknown(name, hyperparameters().keySet());
    }

    /**
     * Turns the gradient check of {@link #trainStep} on or off (off by default). A finite batch with a finite loss
     * can still drive a gradient out of float's range (inputs near {@code ±Float.MAX_VALUE}, say); unchecked, the
     * step then writes NaN or infinite parameters. Checked, {@code trainStep} computes every gradient first, throws
     * {@link IllegalArgumentException} naming the first layer whose gradient is not finite and leaves the network
     * unchanged; the rules whose update is fused into the backward sweep (back-propagation and Fenchel
     * back-propagation with Adam) then run the sweep and the update separately, which costs them their fusion.
     * The results are bitwise the same either way.
     *
     * @throws UnsupportedOperationException for a network without the check (none that infergen generates)
     */
    default void setGradientChecks(boolean on) {
        throw new UnsupportedOperationException(getClass().getName() + " has no gradient checks");
    }

    /**
     * Saves the parameters, the optimizer state and the hyperparameters to {@code file} in the safetensors layout, atomically (a
     * temporary file renamed over the target), with the spec's name and layer shapes in the metadata.
     */
    void save(java.nio.file.Path file) throws java.io.IOException;

    /**
     * Loads parameters, optimizer state and hyperparameters saved by a network of the same spec; training then continues exactly as
     * the saved network would have. A file of another spec, or a truncated or corrupt file, throws and leaves this
     * network untouched.
     */
    void load(java.nio.file.Path file) throws java.io.IOException;
}
