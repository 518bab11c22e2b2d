package infergen.runtime.train;

import infergen.runtime.TrainableNet;
import infergen.runtime.data.Dataset;
import infergen.runtime.data.Minibatches;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Trains a {@link TrainableNet} for classification: epochs of seeded shuffled minibatches, a running train loss and
 * train accuracy per epoch, and the test accuracy after each epoch.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(net, data.train()).test(data.test()).batchSize(50).seed(1).build();
 * for (EpochResult r : trainer.fit(10)) {
 *     System.out.println(r);
 * }
 * }</pre>
 *
 * <p>All buffers are allocated when the trainer is built, so the train steps of an epoch allocate nothing in the
 * trainer (listeners aside); the test evaluation allocates its buffers once per epoch. The same network seed, data and
 * trainer seed give bitwise the same results. Not thread-safe.
 */
public final class Trainer {

    /** The name of the optimizer's learning rate among the run-time hyperparameters. */
    public static final String LEARNING_RATE = "learningRate";

    private final TrainableNet net;
    private final Dataset test;
    private final boolean trainAccuracy;
    private final TrainingListener listener;
    private final Minibatches batches;
    private final float[] outFull;
    private final float[] outRest;
    private final LearningRateSchedule schedule;
    private final double baseLearningRate;
    private int epoch;

    private Trainer(Builder b) {
        this.net = b.net;
        this.test = b.test;
        this.trainAccuracy = b.trainAccuracy;
        this.listener = b.listener;
        this.schedule = b.schedule;
        if (schedule != LearningRateSchedule.CONSTANT) {
            Number lr = net.hyperparameters().get(LEARNING_RATE);
            if (lr == null) {
                throw new IllegalArgumentException("a learning-rate schedule needs a network with the run-time "
                        + "hyperparameter " + LEARNING_RATE + "; this one has " + net.hyperparameters().keySet());
            }
            this.baseLearningRate = lr.doubleValue();
        } else {
            this.baseLearningRate = Double.NaN;
        }
        int batch = b.batchSize > 0 ? b.batchSize : net.maxBatch();
        if (batch > net.maxBatch()) {
            throw new IllegalArgumentException(
                    "batch size " + batch + " is outside 1.." + net.maxBatch() + " (the network's maxBatch)");
        }
        Evaluation.check(net, b.train, "the training set");
        if (test != null) {
            Evaluation.check(net, test, "the test set");
        }
        this.batches = new Minibatches(b.train, batch, b.shuffle, b.seed, b.dropRemainder);
        int k = net.outputSize();
        int rest = b.dropRemainder ? 0 : b.train.count() % batch;
        this.outFull = new float[trainAccuracy ? batch * k : 0];
        this.outRest = new float[trainAccuracy ? rest * k : 0];
    }

    /** A builder for training {@code net} on {@code train}. */
    public static Builder builder(TrainableNet net, Dataset train) {
        return new Builder(net, train);
    }

    /** Runs {@code epochs} epochs and returns their results, in order. */
    public List<EpochResult> fit(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs = " + epochs + " must not be negative");
        }
        List<EpochResult> results = new ArrayList<>(epochs);
        for (int e = 0; e < epochs; e++) {
            results.add(runEpoch());
        }
        return results;
    }

    /** Runs one epoch: every training sample once (bar a dropped remainder), then the test evaluation. */
    public EpochResult runEpoch() {
        epoch++;
        if (schedule != LearningRateSchedule.CONSTANT) {
            net.setHyperparameter(LEARNING_RATE, baseLearningRate * schedule.factor(epoch));
        }
        listener.epochStarted(epoch, batches.batchesPerEpoch());
        int k = net.outputSize();
        long start = System.nanoTime();
        batches.startEpoch();
        double lossSum = 0;
        int correct = 0;
        int samples = 0;
        int batch = 0;
        while (batches.next()) {
            float[] x = batches.x();
            int[] labels = batches.labels();
            int n = batches.size();
            if (trainAccuracy) {
                // The running accuracy: predictions of the network as it is before this batch's update.
                float[] out = n == batches.batchSize() ? outFull : outRest;
                net.predict(x, n, out);
                for (int i = 0; i < n; i++) {
                    if (Evaluation.argmax(out, i * k, k) == labels[i]) {
                        correct++;
                    }
                }
            }
            float loss = net.trainStep(x, labels, n);
            lossSum += (double) loss * n;
            samples += n;
            listener.batchEnded(epoch, batch, n, loss);
            batch++;
        }
        long nanos = System.nanoTime() - start;
        double testAccuracy = test == null ? Double.NaN : Evaluation.accuracy(net, test);
        EpochResult result = new EpochResult(epoch, batch, samples, samples == 0 ? Double.NaN : lossSum / samples,
                trainAccuracy && samples > 0 ? (double) correct / samples : Double.NaN, testAccuracy, nanos);
        listener.epochEnded(result);
        return result;
    }

    /**
     * Moves past {@code epochs} epochs without training: draws their sample orders and counts them, so that the next
     * {@link #runEpoch()} visits the samples and sets the learning rate exactly as that epoch of an uninterrupted run
     * would. With the network loaded from a checkpoint saved after those epochs, training then goes on bit for bit as
     * if it had not stopped.
     *
     * @throws IllegalArgumentException if {@code epochs} is negative
     */
    public void skipEpochs(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs = " + epochs + " must not be negative");
        }
        for (int e = 0; e < epochs; e++) {
            batches.startEpoch();
            epoch++;
        }
    }

    /** Number of epochs run (or skipped) so far. */
    public int epoch() {
        return epoch;
    }

    /** The network being trained. */
    public TrainableNet net() {
        return net;
    }

    /** Train steps per epoch. */
    public int batchesPerEpoch() {
        return batches.batchesPerEpoch();
    }

    /** Settings of a {@link Trainer}; each has a default. */
    public static final class Builder {
        private final TrainableNet net;
        private final Dataset train;
        private Dataset test;
        private int batchSize;
        private long seed;
        private boolean shuffle = true;
        private boolean dropRemainder;
        private boolean trainAccuracy = true;
        private TrainingListener listener = TrainingListener.NONE;
        private LearningRateSchedule schedule = LearningRateSchedule.CONSTANT;

        private Builder(TrainableNet net, Dataset train) {
            this.net = Objects.requireNonNull(net, "net");
            this.train = Objects.requireNonNull(train, "train");
        }

        /** A test set, evaluated after every epoch (default: none, test accuracy {@code NaN}). */
        public Builder test(Dataset test) {
            this.test = Objects.requireNonNull(test, "test");
            return this;
        }

        /** Samples per train step, in {@code 1..net.maxBatch()} (default: {@code net.maxBatch()}). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size " + batchSize + " must be at least 1");
            }
            this.batchSize = batchSize;
            return this;
        }

        /** The seed of the shuffling (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether each epoch visits the samples in a new random order (default true) or in the data set's order. */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Whether to skip the last partial batch of each epoch (default false: train on it too). */
        public Builder dropRemainder(boolean dropRemainder) {
            this.dropRemainder = dropRemainder;
            return this;
        }

        /**
         * Whether to measure the running train accuracy, at the cost of one extra forward pass per batch
         * (default true).
         */
        public Builder trainAccuracy(boolean trainAccuracy) {
            this.trainAccuracy = trainAccuracy;
            return this;
        }

        /** Who hears about progress (default: nobody). */
        public Builder listener(TrainingListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The learning rate per epoch (default {@link LearningRateSchedule#CONSTANT}): before each epoch the trainer
         * sets the network's {@code learningRate} to its value at {@link #build()} times the schedule's factor.
         */
        public Builder learningRateSchedule(LearningRateSchedule schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /** The trainer; checks that the data fit the network and the batch size fits its maxBatch. */
        public Trainer build() {
            return new Trainer(this);
        }
    }
}
