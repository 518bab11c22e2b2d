package infergen.runtime.train;

/**
 * Hears a {@link Trainer}'s progress, for progress bars, logs and metric files. Every method has an empty default, so
 * a listener implements only what it needs. Calls come from the training thread, between train steps: keep them
 * cheap, and do not allocate in {@link #batchEnded} if allocation-free training matters to you.
 */
public interface TrainingListener {

    /** A listener that does nothing. */
    TrainingListener NONE = new TrainingListener() {
    };

    /**
     * An epoch begins.
     *
     * @param epoch the epoch's number, from 1
     * @param batches the number of train steps it will take
     */
    default void epochStarted(int epoch, int batches) {
    }

    /**
     * A train step finished.
     *
     * @param epoch the epoch's number, from 1
     * @param batch the batch's index within the epoch, from 0
     * @param size the number of samples in the batch
     * @param loss the batch's mean loss, before the update (what {@code trainStep} returned)
     */
    default void batchEnded(int epoch, int batch, int size, float loss) {
    }

    /** An epoch finished, test accuracy included. */
    default void epochEnded(EpochResult result) {
    }
}
