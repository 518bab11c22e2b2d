package infergen.runtime.data;

import infergen.runtime.Rng;
import java.util.Objects;

/**
 * Iterates over a {@link Dataset} in minibatches, in a seeded random order or in the data set's order, copying each
 * batch into buffers allocated once, so that iterating allocates nothing.
 *
 * <p>Buffers have exactly the batch's length, because generated networks check {@code x.length == n × inputs}: full
 * batches share one pair of arrays ({@code batch × features}, {@code batch}), the last partial batch of an epoch uses a
 * second pair sized for it, unless {@code dropRemainder} skips it. The arrays returned by {@link #x()} and
 * {@link #labels()} are overwritten by the next call to {@link #next()}.
 *
 * <pre>{@code
 * Minibatches mb = new Minibatches(train, 50, true, seed);
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     mb.startEpoch();
 *     while (mb.next()) {
 *         net.trainStep(mb.x(), mb.labels(), mb.size());
 *     }
 * }
 * }</pre>
 *
 * <p>With {@code shuffle}, each epoch's order is a Fisher–Yates permutation of {@code 0..count-1} drawn from one
 * {@link Rng} seeded once, so the sequence of epochs is fixed by the seed. Not thread-safe.
 */
public final class Minibatches {

    private final Dataset data;
    private final int batch;
    private final boolean shuffle;
    private final boolean dropRemainder;
    private final Rng rng;
    private final int[] order;
    private final int batches;

    private final float[] fullX;
    private final int[] fullY;
    private final float[] restX;
    private final int[] restY;

    private float[] x;
    private int[] y;
    private int size;
    private int start;
    private int next;
    private int epoch;

    /** Shuffled (if {@code shuffle}, with {@code seed}) or in-order batches of {@code batch}, keeping the remainder. */
    public Minibatches(Dataset data, int batch, boolean shuffle, long seed) {
        this(data, batch, shuffle, seed, false);
    }

    /**
     * Batches of {@code batch} samples; if {@code dropRemainder}, the last {@code count % batch} samples of each
     * epoch's order are skipped, otherwise they form a last, smaller batch.
     */
    public Minibatches(Dataset data, int batch, boolean shuffle, long seed, boolean dropRemainder) {
        this.data = Objects.requireNonNull(data, "data");
        if (batch < 1) {
            throw new IllegalArgumentException("batch size " + batch + " must be at least 1");
        }
        this.batch = batch;
        this.shuffle = shuffle;
        this.dropRemainder = dropRemainder;
        this.rng = new Rng(seed);
        int count = data.count();
        this.order = new int[count];
        int full = count / batch;
        int rest = dropRemainder ? 0 : count % batch;
        this.batches = full + (rest > 0 ? 1 : 0);
        this.fullX = new float[full > 0 ? batch * data.features() : 0];
        this.fullY = new int[full > 0 ? batch : 0];
        this.restX = new float[rest * data.features()];
        this.restY = new int[rest];
        this.next = Integer.MAX_VALUE;
    }

    /**
     * Starts an epoch: resets the position and, with shuffling, draws a new order. Must be called before the first
     * {@link #next()}.
     */
    public void startEpoch() {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        next = 0;
        size = 0;
        epoch++;
    }

    /**
     * Moves to the next batch of the epoch, copying it into {@link #x()} and {@link #labels()}.
     *
     * @return false when the epoch has no more batches
     * @throws IllegalStateException if no epoch was started
     */
    public boolean next() {
        if (epoch == 0) {
            throw new IllegalStateException("call startEpoch() before next()");
        }
        int count = order.length;
        int remaining = count - next;
        if (remaining <= 0 || (remaining < batch && dropRemainder)) {
            size = 0;
            next = count;
            return false;
        }
        if (remaining >= batch) {
            x = fullX;
            y = fullY;
            size = batch;
        } else {
            x = restX;
            y = restY;
            size = remaining;
        }
        int features = data.features();
        float[] images = data.images();
        int[] labels = data.labels();
        for (int i = 0; i < size; i++) {
            int s = order[next + i];
            System.arraycopy(images, s * features, x, i * features, features);
            y[i] = labels[s];
        }
        start = next;
        next += size;
        return true;
    }

    /** The current batch's inputs, exactly {@code size() × features} long; overwritten by {@link #next()}. */
    public float[] x() {
        return x;
    }

    /** The current batch's labels, exactly {@code size()} long; overwritten by {@link #next()}. */
    public int[] labels() {
        return y;
    }

    /** Number of samples in the current batch. */
    public int size() {
        return size;
    }

    /** The data set index of sample {@code i} of the current batch. */
    public int index(int i) {
        Objects.checkIndex(i, size);
        return order[start + i];
    }

    /** Batches per epoch, counting the partial one unless it is dropped. */
    public int batchesPerEpoch() {
        return batches;
    }

    /** Samples per epoch: {@code count}, or fewer by the dropped remainder. */
    public int samplesPerEpoch() {
        return dropRemainder ? order.length / batch * batch : order.length;
    }

    /** The batch size of full batches. */
    public int batchSize() {
        return batch;
    }

    /** Number of epochs started so far. */
    public int epoch() {
        return epoch;
    }

    /** The data set iterated over. */
    public Dataset dataset() {
        return data;
    }
}
