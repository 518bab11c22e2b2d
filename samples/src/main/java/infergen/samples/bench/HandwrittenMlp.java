package infergen.samples.bench;

import java.util.Random;

/**
 * A careful hand-written back-propagation trainer for a ReLU MLP with a softmax cross-entropy output and Adam: the
 * baseline the generated classes are measured against. Plain float loops in cache-friendly order (the innermost loop
 * always runs along a contiguous row), every buffer preallocated, no per-step allocation; what a good engineer writes
 * by hand without SIMD intrinsics or a BLAS.
 */
public final class HandwrittenMlp {

    private final int[] dims;
    private final int layers;
    private final int maxBatch;
    private final float[][] w;
    private final float[][] b;
    private final float[][] gw;
    private final float[][] gb;
    private final float[][] mw;
    private final float[][] vw;
    private final float[][] mb;
    private final float[][] vb;
    /** act[0] is the input copy; act[l+1] the output of layer l (pre-activation for the last layer). */
    private final float[][] act;
    private final float[][] delta;
    private final float lr = 1e-3f;
    private final float beta1 = 0.9f;
    private final float beta2 = 0.999f;
    private final float eps = 1e-8f;
    private long t;

    /** An MLP with the given layer widths, {@code dims[0]} inputs, Glorot-uniform weights from {@code seed}. */
    public HandwrittenMlp(int[] dims, int maxBatch, long seed) {
        this.dims = dims.clone();
        this.layers = dims.length - 1;
        this.maxBatch = maxBatch;
        w = new float[layers][];
        b = new float[layers][];
        gw = new float[layers][];
        gb = new float[layers][];
        mw = new float[layers][];
        vw = new float[layers][];
        mb = new float[layers][];
        vb = new float[layers][];
        act = new float[layers + 1][];
        delta = new float[layers + 1][];
        Random rng = new Random(seed);
        act[0] = new float[maxBatch * dims[0]];
        for (int l = 0; l < layers; l++) {
            int in = dims[l];
            int out = dims[l + 1];
            w[l] = new float[out * in];
            float r = (float) Math.sqrt(6.0 / (in + out));
            for (int i = 0; i < w[l].length; i++) {
                w[l][i] = (rng.nextFloat() * 2f - 1f) * r;
            }
            b[l] = new float[out];
            gw[l] = new float[out * in];
            gb[l] = new float[out];
            mw[l] = new float[out * in];
            vw[l] = new float[out * in];
            mb[l] = new float[out];
            vb[l] = new float[out];
            act[l + 1] = new float[maxBatch * out];
            delta[l + 1] = new float[maxBatch * out];
        }
    }

    /** One Adam step on a batch; returns the mean cross-entropy before the update. */
    public float trainStep(float[] x, int[] labels, int n) {
        if (n < 1 || n > maxBatch) {
            throw new IllegalArgumentException("batch " + n);
        }
        // forward: each output unit is a dot product of two contiguous rows
        float[] input = x;
        for (int l = 0; l < layers; l++) {
            int in = dims[l];
            int out = dims[l + 1];
            float[] wl = w[l];
            float[] bl = b[l];
            float[] o = act[l + 1];
            boolean relu = l < layers - 1;
            for (int i = 0; i < n; i++) {
                int xi = i * in;
                for (int j = 0; j < out; j++) {
                    int wj = j * in;
                    float s = bl[j];
                    for (int k = 0; k < in; k++) {
                        s += input[xi + k] * wl[wj + k];
                    }
                    o[i * out + j] = relu && s < 0f ? 0f : s;
                }
            }
            input = o;
        }
        // softmax cross-entropy, δ = p − y
        int classes = dims[layers];
        float[] logits = act[layers];
        float[] d = delta[layers];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            int o = i * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, logits[o + j]);
            }
            float sum = 0f;
            for (int j = 0; j < classes; j++) {
                float e = (float) Math.exp(logits[o + j] - max);
                d[o + j] = e;
                sum += e;
            }
            for (int j = 0; j < classes; j++) {
                d[o + j] /= sum;
            }
            loss -= Math.log(d[o + labels[i]]);
            d[o + labels[i]] -= 1f;
        }
        // backward
        float invN = 1f / n;
        for (int l = layers - 1; l >= 0; l--) {
            int in = dims[l];
            int out = dims[l + 1];
            float[] dl = delta[l + 1];
            float[] prev = l == 0 ? x : act[l];
            float[] gwl = gw[l];
            float[] gbl = gb[l];
            java.util.Arrays.fill(gwl, 0f);
            java.util.Arrays.fill(gbl, 0f);
            for (int i = 0; i < n; i++) {
                int pi = i * in;
                for (int j = 0; j < out; j++) {
                    float dij = dl[i * out + j] * invN;
                    if (dij == 0f) {
                        continue;
                    }
                    gbl[j] += dij;
                    int wj = j * in;
                    for (int k = 0; k < in; k++) {
                        gwl[wj + k] += dij * prev[pi + k];
                    }
                }
            }
            if (l > 0) {
                float[] dp = delta[l];
                float[] wl = w[l];
                java.util.Arrays.fill(dp, 0, n * in, 0f);
                for (int i = 0; i < n; i++) {
                    int pi = i * in;
                    for (int j = 0; j < out; j++) {
                        float dij = dl[i * out + j];
                        if (dij == 0f) {
                            continue;
                        }
                        int wj = j * in;
                        for (int k = 0; k < in; k++) {
                            dp[pi + k] += dij * wl[wj + k];
                        }
                    }
                    for (int k = 0; k < in; k++) {
                        if (prev[pi + k] <= 0f) {
                            dp[pi + k] = 0f;
                        }
                    }
                }
            }
        }
        // Adam
        t++;
        float bc1 = (float) (1 - Math.pow(beta1, t));
        float bc2 = (float) (1 - Math.pow(beta2, t));
        for (int l = 0; l < layers; l++) {
            adam(w[l], gw[l], mw[l], vw[l], bc1, bc2);
            adam(b[l], gb[l], mb[l], vb[l], bc1, bc2);
        }
        return (float) (loss / n);
    }

    /**
     * Adam. Moments that decay below the smallest normal float are stored as zero, as the generated classes do: a dead
     * unit's moments otherwise go subnormal after a few hundred steps and x86 then spends ~100 cycles per operation on
     * them, which would measure the CPU's subnormal path rather than the code.
     */
    private void adam(float[] p, float[] g, float[] m, float[] v, float bc1, float bc2) {
        for (int i = 0; i < p.length; i++) {
            float mi = beta1 * m[i] + (1f - beta1) * g[i];
            float vi = beta2 * v[i] + (1f - beta2) * g[i] * g[i];
            m[i] = Math.abs(mi) < Float.MIN_NORMAL ? 0f : mi;
            v[i] = vi < Float.MIN_NORMAL ? 0f : vi;
            p[i] -= lr * (m[i] / bc1) / ((float) Math.sqrt(v[i] / bc2) + eps);
        }
    }
}
