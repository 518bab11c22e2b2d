package infergen.runtime;

/**
 * A network trained on target vectors ({@code MEAN_SQUARED_ERROR}). It also accepts integer labels, which it
 * encodes one-hot.
 */
public interface RegressionNet extends TrainableNet {

    /**
     * One training step against row-major {@code n × outputSize()} targets; see
     * {@link TrainableNet#trainStep(float[], int[], int)}.
     */
    float trainStep(float[] x, float[] targets, int n);

    /** The gradients of the batch-mean loss against targets, without the update. */
    float computeGradients(float[] x, float[] targets, int n);
}
