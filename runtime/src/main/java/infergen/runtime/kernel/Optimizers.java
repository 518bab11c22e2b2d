package infergen.runtime.kernel;

import infergen.runtime.parallel.Parallel;

/**
 * Parameter updates, one flat loop per parameter array. Adam on a large array is split into contiguous ranges across
 * the worker team of {@link Parallel} (elementwise, so bitwise the same for any thread count).
 */
public final class Optimizers {

    /** Below this many parameters Adam runs on the calling thread. */
    static final int SPLIT_MIN = 1 << 14;

    private static final ThreadLocal<AdamSplit> ADAM = ThreadLocal.withInitial(AdamSplit::new);

    /** The Vector API loop when {@code jdk.incubator.vector} is present, else its scalar twin. */
    private static final AdamKernel ADAM_KERNEL = Kernels.adam();

    private Optimizers() {
    }

    /**
     * One Adam step, as PyTorch computes it: {@code m ← β₁m + (1−β₁)g}, {@code v ← β₂v + (1−β₂)g²},
     * {@code p ← p − lr · (m / bc1) / (√(v / bc2) + ε)} with the bias corrections {@code bc1 = 1 − β₁ᵗ},
     * {@code bc2 = 1 − β₂ᵗ} of step t.
     *
     * <p>Moments below the smallest normal float ({@link Float#MIN_NORMAL}, 1.2e-38) are stored as zero. A unit whose
     * gradient is zero (a dead ReLU) has its first moment decay by β₁ every step, into the subnormal range within a
     * few hundred steps, and subnormal arithmetic costs about a hundred cycles per instruction on x86 (measured here:
     * Adam over the paper's 242,762 parameters went from 0.16 to 2.6 ms with a quarter of them subnormal). The
     * update such a moment would make is below {@code lr · 1.2e-38 / ε ≈ 1e-33}.
     */
    public static void adam(float[] p, float[] g, float[] m, float[] v, int len, float lr, float beta1, float beta2,
            float epsilon, float bc1, float bc2) {
        if (len < SPLIT_MIN || Parallel.threads() == 1) {
            adamRange(p, g, m, v, 0, len, lr, beta1, beta2, epsilon, bc1, bc2);
        } else {
            ADAM.get().run(p, g, m, v, len, lr, beta1, beta2, epsilon, bc1, bc2);
        }
    }

    /** {@link #adam} on the elements {@code [from, to)}. */
    static void adamRange(float[] p, float[] g, float[] m, float[] v, int from, int to, float lr, float beta1,
            float beta2, float epsilon, float bc1, float bc2) {
        float stepSize = lr / bc1;
        float invSqrtBc2 = (float) (1.0 / Math.sqrt(bc2));
        ADAM_KERNEL.adam(p, g, m, v, from, to, stepSize, beta1, beta2, epsilon, invSqrtBc2);
    }

    /**
     * One SGD step with heavy-ball momentum: {@code vel ← μ·vel + g}, {@code p ← p − lr·vel}. A velocity below the
     * smallest normal float is stored as zero, for the reason {@link #adam} gives (a dead unit's velocity decays by μ
     * every step into the subnormal range, where every operation on it is a microcode assist).
     */
    public static void sgdMomentum(float[] p, float[] g, float[] vel, int len, float lr, float momentum) {
        for (int i = 0; i < len; i++) {
            float vi = momentum * vel[i] + g[i];
            vi = Math.abs(vi) < Float.MIN_NORMAL ? 0f : vi;
            vel[i] = vi;
            p[i] -= lr * vi;
        }
    }

    /** One plain SGD step: {@code p ← p − lr·g}. */
    public static void sgd(float[] p, float[] g, int len, float lr) {
        for (int i = 0; i < len; i++) {
            p[i] -= lr * g[i];
        }
    }

    /** Adam as a team task: part q of Q updates a contiguous range (multiples of 64 elements). */
    private static final class AdamSplit implements Parallel.Task {
        private float[] p, g, m, v;
        private int len;
        private float lr, beta1, beta2, epsilon, bc1, bc2;

        void run(float[] p, float[] g, float[] m, float[] v, int len, float lr, float beta1, float beta2,
                float epsilon, float bc1, float bc2) {
            this.p = p;
            this.g = g;
            this.m = m;
            this.v = v;
            this.len = len;
            this.lr = lr;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.epsilon = epsilon;
            this.bc1 = bc1;
            this.bc2 = bc2;
            try {
                Parallel.run(this, Math.min(2 * Parallel.threads(), (len + SPLIT_MIN / 2 - 1) / (SPLIT_MIN / 2)));
            } finally {
                this.p = this.g = this.m = this.v = null;
            }
        }

        @Override
        public void run(int part, int parts) {
            long blocks = (len + 63) / 64;
            int from = (int) Math.min(len, 64 * (blocks * part / parts));
            int to = part + 1 >= parts ? len : (int) Math.min(len, 64 * (blocks * (part + 1) / parts));
            adamRange(p, g, m, v, from, to, lr, beta1, beta2, epsilon, bc1, bc2);
        }
    }
}
