package infergen.samples.contrastive;

import java.util.Random;

/**
 * Synthetic but learnable 784-pixel, 10-class data in [0, 1]: each class is a random smooth prototype image; a
 * sample mixes its class's prototype with another class's (weight 0.45) and adds pixel noise, so the classes
 * overlap and a linear read-out of the raw pixels is not enough for perfect accuracy.
 *
 * <p>TODO(data): replace with the embedded Fashion-MNIST slice ({@code infergen.runtime.data.Datasets
 * .embeddedFashionMnist()}) once the data branch is merged; it is not on this branch yet.
 */
record Learnable(float[] x, int[] labels, int n) {

    static final int PIXELS = 784;
    static final int CLASSES = 10;

    static Learnable generate(long seed, int n) {
        Random prototypes = new Random(1234);
        float[][] proto = new float[CLASSES][PIXELS];
        for (int c = 0; c < CLASSES; c++) {
            // a few Gaussian blobs on the 28 × 28 grid
            for (int blob = 0; blob < 4; blob++) {
                double cx = prototypes.nextDouble() * 28;
                double cy = prototypes.nextDouble() * 28;
                double r = 2 + prototypes.nextDouble() * 4;
                for (int i = 0; i < 28; i++) {
                    for (int j = 0; j < 28; j++) {
                        double d2 = (i - cy) * (i - cy) + (j - cx) * (j - cx);
                        proto[c][i * 28 + j] += (float) Math.exp(-d2 / (2 * r * r));
                    }
                }
            }
        }
        Random rng = new Random(seed);
        float[] x = new float[n * PIXELS];
        int[] labels = new int[n];
        for (int r = 0; r < n; r++) {
            int c = rng.nextInt(CLASSES);
            int other = rng.nextInt(CLASSES);
            labels[r] = c;
            for (int p = 0; p < PIXELS; p++) {
                double v = 0.55 * proto[c][p] + 0.45 * proto[other][p] + 0.6 * rng.nextGaussian();
                x[r * PIXELS + p] = (float) Math.min(1, Math.max(0, v));
            }
        }
        return new Learnable(x, labels, n);
    }
}
