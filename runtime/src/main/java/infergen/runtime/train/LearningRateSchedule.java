package infergen.runtime.train;

import java.util.Locale;

/**
 * The learning rate of each epoch, as a factor of the network's learning rate when the {@link Trainer} was built.
 * The trainer sets the run-time hyperparameter {@code learningRate} before each epoch, so the train step itself is
 * unchanged (and allocates nothing).
 */
public interface LearningRateSchedule {

    /** The factor of epoch {@code epoch} (1-based). */
    double factor(int epoch);

    /** The schedule in words, for reports: {@code constant}, {@code cosine over 10 epochs}. */
    String describe();

    /** The same rate in every epoch (the default: the trainer then never sets the learning rate). */
    LearningRateSchedule CONSTANT = new LearningRateSchedule() {
        @Override
        public double factor(int epoch) {
            return 1;
        }

        @Override
        public String describe() {
            return "constant";
        }
    };

    /**
     * Cosine decay over {@code epochs} epochs, one value per epoch: {@code (1 + cos(π (e − 1) / epochs)) / 2}, so
     * epoch 1 trains at the full rate and the last at {@code (1 − cos(π / epochs)) / 2} of it; later epochs at
     * that last factor.
     */
    static LearningRateSchedule cosine(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("a cosine schedule needs at least 1 epoch, got " + epochs);
        }
        return new LearningRateSchedule() {
            @Override
            public double factor(int epoch) {
                int e = Math.min(Math.max(epoch, 1), epochs);
                return 0.5 * (1 + Math.cos(Math.PI * (e - 1) / epochs));
            }

            @Override
            public String describe() {
                return String.format(Locale.ROOT, "cosine over %d epoch%s", epochs, epochs == 1 ? "" : "s");
            }
        };
    }
}
