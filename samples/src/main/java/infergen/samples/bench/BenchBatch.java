package infergen.samples.bench;

import infergen.runtime.Rng;

/**
 * The benchmarks' batch: {@code n} inputs uniform in [0, 1) like Fashion-MNIST pixels, and labels uniform over 10
 * classes, drawn from seed 42 so that every benchmark trains on the same data.
 *
 * @param x row-major {@code n × 784} inputs
 * @param labels {@code n} labels
 */
record BenchBatch(float[] x, int[] labels) {

    static BenchBatch random(int n) {
        Rng rng = new Rng(42);
        float[] x = new float[n * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextFloat();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(10);
        }
        return new BenchBatch(x, labels);
    }
}
