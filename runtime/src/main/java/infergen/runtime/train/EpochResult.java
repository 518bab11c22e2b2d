package infergen.runtime.train;

/**
 * What one epoch of training measured.
 *
 * @param epoch the epoch's number, from 1
 * @param batches the number of train steps taken
 * @param samples the number of training samples seen (each once)
 * @param trainLoss the mean over the epoch's samples of the loss each batch had before its update
 * @param trainAccuracy the fraction of the epoch's samples classified correctly by the network as it was just before
 *     the step on their batch (a running accuracy, as the paper reports it); {@code NaN} if not tracked
 * @param testAccuracy the fraction of the test set classified correctly after the epoch; {@code NaN} without a test
 *     set
 * @param nanos wall-clock time of the epoch's training steps, without the test evaluation
 */
public record EpochResult(int epoch, int batches, int samples, double trainLoss, double trainAccuracy,
        double testAccuracy, long nanos) {

    @Override
    public String toString() {
        return String.format("epoch %d: train loss %.4f, train accuracy %.4f, test accuracy %.4f (%d batches, %.1f s)",
                epoch, trainLoss, trainAccuracy, testAccuracy, batches, nanos / 1e9);
    }
}
