package infergen.runtime.kernel;

import infergen.runtime.parallel.Parallel;

/**
 * The GEMM entry points generated code calls. The implementation is chosen once, at class initialization, by
 * {@link Kernels}: the Vector API kernel when {@code jdk.incubator.vector} is in the boot layer, the scalar one
 * otherwise.
 *
 * <p>Products big enough to pay for a barrier are split over output columns (rows for {@link #atBAdam}) across the
 * worker team of {@link Parallel} (each part computes whole columns or rows, so the result is bitwise the same for any
 * thread count); small ones stay on the calling thread. The fused entry points ({@link #abTBiasActivate},
 * {@link #abDerivative}, {@link #abFenchel}, {@link #atBAdam}) run their elementwise tail on each worker's part right
 * after computing it, while it is in its cache, with the same expressions as the unfused kernels.
 */
public final class Gemm {

    private static final GemmKernel IMPL = Kernels.gemm();

    /**
     * From this many rows of C on (and {@link #ABT_BROADCAST_MIN_COLUMNS} columns), the vector kernel computes
     * {@code abT} in the broadcast form on packed panels of Bᵀ (the packing pays off over enough rows), otherwise as
     * dot products along k; the two round differently, so the choice depends on the product's shape alone, never on
     * how it is split. Split parts are then whole panels.
     */
    static final int ABT_BROADCAST_MIN_ROWS = 32;

    /** Columns of C from which {@code abT} may take the broadcast form: one whole panel of four 16-lane vectors. */
    static final int ABT_BROADCAST_MIN_COLUMNS = 64;

    /** Whether {@code abT} of an {@code m × n} product takes the broadcast form (see {@link #ABT_BROADCAST_MIN_ROWS}). */
    static boolean abTBroadcast(int m, int n) {
        return m >= ABT_BROADCAST_MIN_ROWS && n >= ABT_BROADCAST_MIN_COLUMNS;
    }

    /** Below this many multiply-adds a product runs on the calling thread (a barrier costs about a microsecond). */
    static final long SPLIT_MIN_FMAS = 1L << 16;

    /** One preallocated descriptor per calling thread: no allocation per call. */
    private static final ThreadLocal<Split> SPLIT = ThreadLocal.withInitial(Split::new);

    private Gemm() {
    }

    /** {@code C[m×n] (+)= alpha · A[m×k] · B[n×k]ᵀ}; see {@link GemmKernel#abT}. */
    public static void abT(int m, int n, int k, float alpha, float[] a, float[] b, float[] c, boolean accumulate) {
        if (!split(m, n, k)) {
            IMPL.abT(m, n, k, alpha, a, b, c, accumulate);
            return;
        }
        check(m, n, k, a, (long) m * k, b, (long) n * k, c);
        SPLIT.get().run(Split.ABT, m, n, k, alpha, a, b, c, accumulate, null, null, null, Nonlinearity.IDENTITY, 0f);
    }

    /** {@code C[m×n] (+)= alpha · A[m×k] · B[k×n]}; see {@link GemmKernel#ab}. */
    public static void ab(int m, int n, int k, float alpha, float[] a, float[] b, float[] c, boolean accumulate) {
        if (!split(m, n, k)) {
            IMPL.ab(m, n, k, alpha, a, b, c, accumulate);
            return;
        }
        check(m, n, k, a, (long) m * k, b, (long) k * n, c);
        SPLIT.get().run(Split.AB, m, n, k, alpha, a, b, c, accumulate, null, null, null, Nonlinearity.IDENTITY, 0f);
    }

    /** {@code C[m×n] (+)= alpha · A[k×m]ᵀ · B[k×n]}; see {@link GemmKernel#atB}. */
    public static void atB(int m, int n, int k, float alpha, float[] a, float[] b, float[] c, boolean accumulate) {
        if (!split(m, n, k)) {
            IMPL.atB(m, n, k, alpha, a, b, c, accumulate);
            return;
        }
        check(m, n, k, a, (long) k * m, b, (long) k * n, c);
        SPLIT.get().run(Split.ATB, m, n, k, alpha, a, b, c, accumulate, null, null, null, Nonlinearity.IDENTITY, 0f);
    }

    /**
     * The forward pass of a dense layer, fused: {@code a = x·Wᵀ + b} ({@code x} is {@code m × k}, {@code W} is
     * {@code n × k}), then {@code s = f(a)}; {@code s} is not touched for the identity. Bit for bit
     * {@code abT(m, n, k, 1f, x, w, a, false)}, {@link Vectors#addRowVector}, then the {@link Activations} kernel.
     */
    public static void abTBiasActivate(int m, int n, int k, float[] x, float[] w, float[] bias, float[] a,
            float[] s, Nonlinearity f) {
        check(m, n, k, x, (long) m * k, w, (long) n * k, a);
        SPLIT.get().run(Split.ABT_BIAS, m, n, k, 1f, x, w, a, false, bias, null, s, f, 0f);
    }

    /**
     * Back-propagation through a dense layer and the activation below it, fused: {@code g = δ·W} ({@code δ} is
     * {@code m × k}, {@code W} is {@code k × n}) into {@code out}, then {@code out = f'(·) ⊙ g} with the derivative
     * read from the pre-activation {@code a} (box activations) or the activity {@code s} (sigmoid, tanh). Bit for bit
     * {@code ab(m, n, k, 1f, δ, W, out, false)} then the {@code Activations.*Backward} kernel.
     */
    public static void abDerivative(int m, int n, int k, float[] delta, float[] w, float[] a, float[] s,
            Nonlinearity f, float[] out) {
        check(m, n, k, delta, (long) m * k, w, (long) k * n, out);
        SPLIT.get().run(Split.AB_DERIVATIVE, m, n, k, 1f, delta, w, out, false, null, a, s, f, 0f);
    }

    /**
     * Fenchel back-propagation through a dense layer and the activation below it, fused: {@code g = δ̃·W} into
     * {@code out}, then {@code out = δ̃(a, g, β) = (f(a) − f(a − βg)) / β} per unit (docs/methods.md §2), as
     * {@link FenchelTargets} computes it. Bit for bit {@code ab(m, n, k, 1f, δ̃, W, out, false)} then the
     * {@code FenchelTargets} loop.
     */
    public static void abFenchel(int m, int n, int k, float[] delta, float[] w, float[] a, Nonlinearity f,
            float beta, float[] out) {
        check(m, n, k, delta, (long) m * k, w, (long) k * n, out);
        SPLIT.get().run(Split.AB_FENCHEL, m, n, k, 1f, delta, w, out, false, null, a, null, f, beta);
    }

    /**
     * The weight step of a dense layer, fused: {@code G = alpha · A[k×m]ᵀ · B[k×n]} into {@code g} (the gradient
     * buffer is still filled), then one Adam step on the parameters {@code p} with moments {@code mom}, {@code vel}
     * (all {@code m × n}), each worker on the columns it has just computed, while they are in its cache, with no
     * barrier between the two. Bit for bit {@code atB(m, n, k, alpha, a, b, g, false)} then
     * {@link Optimizers#adam}{@code (p, g, mom, vel, m·n, lr, beta1, beta2, epsilon, bc1, bc2)}.
     */
    public static void atBAdam(int m, int n, int k, float alpha, float[] a, float[] b, float[] g, float[] p,
            float[] mom, float[] vel, float lr, float beta1, float beta2, float epsilon, float bc1, float bc2) {
        check(m, n, k, a, (long) k * m, b, (long) k * n, g);
        long len = (long) m * n;
        if (p.length < len || mom.length < len || vel.length < len) {
            throw new IndexOutOfBoundsException("Adam arrays shorter than m × n = " + len + ": parameters "
                    + p.length + ", first moment " + mom.length + ", second moment " + vel.length);
        }
        Split split = SPLIT.get();
        split.adam(p, mom, vel, lr, beta1, beta2, epsilon, bc1, bc2);
        split.run(Split.ATB_ADAM, m, n, k, alpha, a, b, g, false, null, null, null, Nonlinearity.IDENTITY, 0f);
    }

    /** The name of the implementation in use, for logs and benchmark reports. */
    public static String implementation() {
        return IMPL.getClass().getSimpleName();
    }

    private static boolean split(int m, int n, int k) {
        return (long) m * n * k >= SPLIT_MIN_FMAS && n >= 8 && Parallel.threads() > 1;
    }

    private static void check(int m, int n, int k, float[] a, long aLen, float[] b, long bLen, float[] c) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative GEMM size m = " + m + ", n = " + n + ", k = " + k);
        }
        if (a.length < aLen || b.length < bLen || c.length < (long) m * n) {
            throw new IndexOutOfBoundsException("GEMM arrays too short for m = " + m + ", n = " + n + ", k = " + k
                    + ": a " + a.length + " < " + aLen + " or b " + b.length + " < " + bLen + " or c " + c.length
                    + " < " + (long) m * n);
        }
    }

    /**
     * A GEMM (and its epilogue) as a team task: part p of P computes the columns {@code [j0, j1)} of
     * {@link #columns}. Fields are set by the owning thread before {@link Parallel#run} and cleared after.
     */
    private static final class Split implements Parallel.Task {
        static final int ABT = 0, AB = 1, ATB = 2, ABT_BIAS = 3, AB_DERIVATIVE = 4, AB_FENCHEL = 5, ATB_ADAM = 6;

        private int kind, m, n, k;
        private float alpha, beta;
        private float[] a, b, c, bias, act, activity;
        private boolean accumulate;
        private Nonlinearity f;
        /** Adam's operands for {@link #ATB_ADAM}, set by {@link #adam} just before {@link #run}. */
        private float[] params, moment1, moment2;
        private float lr, beta1, beta2, epsilon, bc1, bc2;

        void adam(float[] p, float[] mom, float[] vel, float lr, float beta1, float beta2, float epsilon, float bc1,
                float bc2) {
            this.params = p;
            this.moment1 = mom;
            this.moment2 = vel;
            this.lr = lr;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.epsilon = epsilon;
            this.bc1 = bc1;
            this.bc2 = bc2;
        }

        void run(int kind, int m, int n, int k, float alpha, float[] a, float[] b, float[] c, boolean accumulate,
                float[] bias, float[] act, float[] activity, Nonlinearity f, float beta) {
            this.kind = kind;
            this.m = m;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.a = a;
            this.b = b;
            this.c = c;
            this.accumulate = accumulate;
            this.bias = bias;
            this.act = act;
            this.activity = activity;
            this.f = f;
            this.beta = beta;
            try {
                if ((long) m * n * k >= SPLIT_MIN_FMAS && extent() >= 8 && Parallel.threads() > 1) {
                    Parallel.run(this, parts());
                } else {
                    run(0, 1);
                }
            } finally {
                this.a = this.b = this.c = this.bias = this.act = this.activity = null;
                this.params = this.moment1 = this.moment2 = null;
            }
        }

        /**
         * The width of a part's unit: abT's dot-product tiles are 4 columns wide, the broadcast kernels' panels 4
         * vectors (64 floats at 16 lanes; abT too from {@link #ABT_BROADCAST_MIN_ROWS} rows on); the fused weight step
         * splits over rows of C, 4 per tile.
         */
        private int align() {
            if (kind == ABT || kind == ABT_BIAS) {
                return abTBroadcast(m, n) ? ABT_BROADCAST_MIN_COLUMNS : 4;
            }
            return kind == ATB_ADAM ? 4 : n >= 256 ? 64 : 16;
        }

        /** The extent split into parts: rows of C for the fused weight step, columns otherwise. */
        private int extent() {
            return kind == ATB_ADAM ? m : n;
        }

        /**
         * Two parts per thread, so that a thread the OS preempts holds up half as much, but no part narrower than one
         * tile or (roughly) cheaper than {@link #SPLIT_MIN_FMAS} / 2.
         */
        private int parts() {
            long blocks = (extent() + align() - 1) / align();
            long byWork = Math.max(1, (long) m * n * k / (SPLIT_MIN_FMAS / 2));
            return (int) Math.max(1, Math.min(Math.min(blocks, byWork), 2L * Parallel.threads()));
        }

        @Override
        public void run(int part, int parts) {
            int align = align();
            int j0 = columns(part, parts, extent(), align);
            int j1 = columns(part + 1, parts, extent(), align);
            if (j0 >= j1) {
                return;
            }
            switch (kind) {
                case ABT -> IMPL.abTColumns(j0, j1, m, n, k, alpha, a, b, c, accumulate);
                case AB -> IMPL.abColumns(j0, j1, m, n, k, alpha, a, b, c, accumulate);
                case ATB -> IMPL.atBColumns(j0, j1, m, n, k, alpha, a, b, c, accumulate);
                case ABT_BIAS -> {
                    IMPL.abTColumns(j0, j1, m, n, k, alpha, a, b, c, false);
                    Epilogues.biasActivate(m, n, j0, j1, bias, c, activity, f);
                }
                case AB_DERIVATIVE -> {
                    IMPL.abColumns(j0, j1, m, n, k, alpha, a, b, c, false);
                    Epilogues.derivative(m, n, j0, j1, act, activity, f, c);
                }
                case AB_FENCHEL -> {
                    IMPL.abColumns(j0, j1, m, n, k, alpha, a, b, c, false);
                    Epilogues.fenchel(m, n, j0, j1, act, f, beta, c);
                }
                case ATB_ADAM -> {
                    // here [j0, j1) are rows of C: the part's gradient is one contiguous range, and so is its step
                    IMPL.atBRows(j0, j1, m, n, k, alpha, a, b, c, false);
                    Optimizers.adamRange(params, c, moment1, moment2, j0 * n, j1 * n, lr, beta1, beta2, epsilon, bc1,
                            bc2);
                }
                default -> throw new AssertionError(kind);
            }
        }

        /**
         * The first column (or row) of part p of P: an even share of the {@code align}-wide blocks (whole register
         * tiles), so that no part gets an edge path it would not have had alone, except the last.
         */
        static int columns(int p, int parts, int n, int align) {
            if (p >= parts) {
                return n;
            }
            long blocks = (n + align - 1) / align;
            return (int) Math.min(n, align * (blocks * p / parts));
        }
    }
}
