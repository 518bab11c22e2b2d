package infergen.runtime.kernel;

import infergen.runtime.parallel.Parallel;
import java.util.Arrays;

/**
 * The passes of a 2-D convolutional layer {@code a = pool(W ∗ x) + b, s = f(a)} ({@link ConvShape}) on a batch of
 * {@code n} samples, each row-major {@code channels × height × width} (NCHW), on top of the GEMM kernels: forward
 * ({@link #forward}), the adjoint or input gradient ({@link #adjoint}) and the weight and bias gradients
 * ({@link #weightGradient}). {@code ∗} is PyTorch's cross-correlation with zero padding; pooling acts on the
 * convolution's output, before bias and activation, so the layer is a linear map followed by an elementwise
 * activation.
 *
 * <p><b>Method: im2col + GEMM.</b> For each sample the patches of the input are copied into the columns of
 * {@code cols} ({@code patchSize × usedPositions}, row q = (channel, ki, kj), column = output position
 * {@code oh·convWidth + ow}); then
 * <ul>
 *   <li>forward: {@code map = W · cols} ({@link GemmKernel#ab}, {@code filters × patchSize} times
 *       {@code patchSize × positions}), pooled per window, plus bias, activated;</li>
 *   <li>adjoint: {@code cols = Wᵀ · δ̂} ({@link GemmKernel#ab} on Wᵀ, transposed once per call; δ̂ the un-pooled
 *       error in {@code map}), then
 *       col2im as a scatter: the rows of cols are added, in row-major (ki, kj) order, into one input channel's plane
 *       that starts at +0 (whole output rows at a time, which C2 vectorizes), so each input element sums its patch
 *       entries from +0 in row-major (ki, kj) order; it is written once, {@code g = scale·sum} or
 *       {@code g = fma(scale, sum, g)};</li>
 *   <li>weight gradient: {@code ∇W = scale · Σ_samples δ̂ · colsᵀ} ({@link GemmKernel#abT} per sample,
 *       {@code c = scale·s₀} then {@code c = fma(scale, s_i, c)} in sample order), bias gradient
 *       {@code scale · Σ} of the pooled δ per filter, summed from +0 over samples then positions in order and
 *       multiplied once ({@code fma(scale, sum, gB)} when accumulating).</li>
 * </ul>
 * Rows of the convolution's output that pooling drops (the remainder below the last whole window) are never
 * computed; remainder columns are (their error is zero). For stride 1 with {@code 2·padding = kernel − 1} (the
 * output as wide as the input) a row of the patch matrix is the input plane shifted, so im2col copies it at once and
 * then zeroes the columns that wrapped around.
 *
 * <p><b>Measured</b> ({@code ConvProbe} in the tests; AVX-512 (AMD EPYC, 2 vCPUs), OpenBLAS's sgemm at 2048³ 205
 * GFLOP/s on one core in the same quarter hour), the layers at batch 64 in GFLOP/s (2 × the convolution's
 * multiply-adds), 1 thread / 2 threads:
 * <pre>
 *                        forward     adjoint     weight grad   direct convolution (forward, C2-vectorized loops)
 *   1→32 @5×5 on 28×28   71 / 126    57 / 105    57 / 62       3.5
 *   32→64 @5×5 on 14×14  102 / 198   87 / 167    85 / 142      3.3
 * </pre>
 * Before this version (same machine, same hour): 8.8 / 12.9, 23 / 24, 46 / 46 and 37 / 33, 35 / 55, 67 / 112. What
 * paid, in order: the GEMM's last {@code < L} columns as masked vectors instead of scalar fused multiply-adds (196
 * positions = 3 panels of 64 + 4 columns, and the 4 took as long as the 192); col2im as row scatter-adds instead of a
 * per-element gather; the shifted-copy im2col (104 → 40 µs per sample on the second layer); splitting the batch
 * instead of each sample (two barriers per sample and pass before); the 2 × 2 max pooling on the Vector API (the
 * scalar loop's data-dependent branch was mispredicted about half the time on real activations: 50 of the first
 * layer's 69 µs per sample). Tried and dropped: the weight gradient as a plain product against a transposed patch
 * matrix ({@code ab} runs at 153 GFLOP/s against {@code abT}'s 120, but building the transposed patch matrix took
 * 204 µs per sample against 40). The direct loop is 20–60 times slower than im2col + GEMM, hence the choice.
 *
 * <p><b>Pooling.</b> MAX keeps the first maximum in row-major order within the window (strictly greater wins, so
 * ties and equal zeros go to the earliest element; a NaN in the window is not propagated unless it is the first
 * element). The forward pass records, per output element, the position of its maximum within its filter's
 * convolution map, {@code oh·convWidth + ow}, in {@code argmax[sample·outputSize + outputIndex]}; {@link #adjoint}
 * and {@link #weightGradient} route the error there. AVERAGE is {@code (Σ window in row-major order) / poolSize²} and
 * spreads {@code δ / poolSize²}.
 *
 * <p><b>Determinism.</b> Work is split across the worker team of {@link Parallel}: the forward pass and the adjoint
 * over samples (a part runs whole samples on its thread's scratch), the weight gradient over columns of ∇W (each part
 * runs every sample in order, writing only its rows of cols and its columns of ∇W). No split divides a reduction,
 * and the GEMM kernels' column ranges are bit-identical to whole calls, so results are bitwise the same for any
 * thread count.
 *
 * <p><b>No allocation.</b> Every buffer is the caller's: {@code cols} of {@link #columnsSize}, {@code map} of
 * {@link #mapSize} (both scratch, needed only during a call, so they can be shared by all layers if sized for the
 * largest), and for MAX pooling {@code argmax} of {@link #argmaxSize}, written by the forward pass and read by the
 * backward ones. Parts that run on a worker thread use that thread's own {@code cols} and {@code map}, allocated on
 * its first call and grown if a larger layer comes; the per-thread task descriptor is allocated once.
 */
public final class Conv2d {

    private static final GemmKernel IMPL = Kernels.gemm();
    private static final ElementwiseKernel KERNEL = Kernels.elementwise();
    private static final ThreadLocal<Job> JOB = ThreadLocal.withInitial(Job::new);
    /** The calling thread's scratch: the adjoint's plane and Wᵀ (it brings its own {@code cols} and {@code map}). */
    private static final ThreadLocal<Scratch> PLANE = ThreadLocal.withInitial(Scratch::new);
    /** A worker's scratch: {@code cols}, {@code map} and the adjoint's plane, grown on first need and then reused. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        private float[] cols = new float[0], map = new float[0], plane = new float[0], transposed = new float[0];
        private float[] gradT = new float[0];

        private static float[] atLeast(float[] a, int length) {
            return a.length < length ? new float[length] : a;
        }

        float[] cols(int length) {
            return cols = atLeast(cols, length);
        }

        float[] map(int length) {
            return map = atLeast(map, length);
        }

        float[] plane(int length) {
            return plane = atLeast(plane, length);
        }

        float[] transposed(int length) {
            return transposed = atLeast(transposed, length);
        }

        float[] gradT(int length) {
            return gradT = atLeast(gradT, length);
        }
    }

    private Conv2d() {
    }

    /**
     * Floats of the im2col scratch {@code cols}: {@code patchSize · usedPositions} plus {@code filters} (the bias
     * gradient's raw sums). Independent of the batch.
     */
    public static int columnsSize(ConvShape sh) {
        return sh.patchSize() * sh.usedPositions() + sh.filters();
    }

    /** Floats of the scratch {@code map}: one sample's convolution output, {@code filters · usedPositions}. */
    public static int mapSize(ConvShape sh) {
        return sh.filters() * sh.usedPositions();
    }

    /** Ints of the max-pooling record {@code argmax}: {@code maxBatch · outputSize} for MAX pooling, else 0. */
    public static int argmaxSize(ConvShape sh, int maxBatch) {
        return sh.pool() == Pooling.MAX ? maxBatch * sh.outputSize() : 0;
    }

    /** Multiply-adds of one pass (forward, adjoint or weight gradient) over one sample, for FLOP counts. */
    public static long fmasPerSample(ConvShape sh) {
        return (long) sh.filters() * sh.patchSize() * sh.usedPositions();
    }

    /**
     * The forward pass: {@code a = pool(W ∗ x) + b} and {@code s = f(a)} for samples {@code [0, n)};
     * {@code x} is {@code n × inputSize}, {@code w} {@code filters × patchSize}, {@code bias} {@code filters} (null
     * for none), {@code a} and {@code s} {@code n × outputSize} ({@code s} is not touched for the identity). For MAX
     * pooling writes {@code argmax} (see the class comment; may be null otherwise).
     */
    public static void forward(ConvShape sh, int n, float[] x, float[] w, float[] bias, float[] a, float[] s,
            Nonlinearity f, int[] argmax, float[] cols, float[] map) {
        check(sh, n, cols, map, argmax);
        need("x", x, (long) n * sh.inputSize());
        need("w", w, sh.weightSize());
        need("a", a, (long) n * sh.outputSize());
        if (bias != null) {
            need("bias", bias, sh.filters());
        }
        if (f != Nonlinearity.IDENTITY) {
            need("s", s, (long) n * sh.outputSize());
        }
        Job job = JOB.get();
        try {
            job.set(Job.FORWARD, sh, n, cols, map, argmax, w);
            job.x = x;
            job.bias = bias;
            job.a = a;
            job.s = s;
            job.f = f;
            job.split(fmasPerSample(sh) * n, n);
        } finally {
            job.clear();
        }
    }

    /**
     * The layer's linear map without its bias, {@code out (+)= P(W ∗ x)} for samples {@code [0, n)}, {@code out}
     * {@code n × outputSize}: P is nothing without pooling, the window mean for AVERAGE, and for MAX the selection of
     * the positions in {@code argmax}, which the last {@link #forward} pass recorded. With MAX pooling this is the
     * map's derivative at that forward pass, a linear map whose transpose is {@link #adjoint}: the inference rules relax
     * their states through it, with the windows' winners held where the forward pass found them. Accumulating adds
     * each value to {@code out} once.
     */
    public static void map(ConvShape sh, int n, float[] x, float[] w, float[] out, boolean accumulate, int[] argmax,
            float[] cols, float[] map) {
        check(sh, n, cols, map, argmax);
        need("x", x, (long) n * sh.inputSize());
        need("w", w, sh.weightSize());
        need("out", out, (long) n * sh.outputSize());
        Job job = JOB.get();
        try {
            job.set(Job.MAP, sh, n, cols, map, argmax, w);
            job.x = x;
            job.a = out;
            job.accumulate = accumulate;
            job.split(fmasPerSample(sh) * n, n);
        } finally {
            job.clear();
        }
    }

    /** {@code out += b} per filter: each filter's bias added to its output plane of every sample in {@code [0, n)}. */
    public static void addBias(ConvShape sh, int n, float[] bias, float[] out) {
        need("bias", bias, sh.filters());
        need("out", out, (long) n * sh.outputSize());
        int plane = sh.outputSize() / sh.filters();
        for (int smp = 0, o = 0; smp < n; smp++) {
            for (int fi = 0; fi < sh.filters(); fi++) {
                float b = bias[fi];
                for (int e = 0; e < plane; e++, o++) {
                    out[o] += b;
                }
            }
        }
    }

    /** {@code out = s − out − b} per filter plane, for samples {@code [0, n)} (the residual of a layer's prediction). */
    public static void residual(ConvShape sh, int n, float[] s, float[] out, float[] bias) {
        need("s", s, (long) n * sh.outputSize());
        need("bias", bias, sh.filters());
        need("out", out, (long) n * sh.outputSize());
        int plane = sh.outputSize() / sh.filters();
        for (int smp = 0, o = 0; smp < n; smp++) {
            for (int fi = 0; fi < sh.filters(); fi++) {
                float b = bias[fi];
                for (int e = 0; e < plane; e++, o++) {
                    out[o] = s[o] - out[o] - b;
                }
            }
        }
    }

    /**
     * An estimate of {@code ‖M‖²}, the squared spectral norm of the layer's linear map M ({@link #map}, without or
     * with AVERAGE pooling), by {@code iterations} steps of {@code v ← MᵀM v / ‖MᵀM v‖} ({@link #adjoint} is Mᵀ), then
     * the Rayleigh quotient {@code ‖M v‖²} with {@code ‖v‖ = 1}: a lower bound that converges from below. {@code v}
     * (inputSize) persists between calls, so a few iterations per step follow slowly changing weights; an all-zero
     * {@code v} starts from the all-ones direction. {@code u} is scratch of outputSize.
     *
     * @throws IllegalArgumentException for MAX pooling, whose map is not linear
     */
    public static float normSquared(ConvShape sh, float[] w, float[] u, float[] v, int iterations, float[] cols,
            float[] map) {
        if (sh.pool() == Pooling.MAX) {
            throw new IllegalArgumentException("the spectral norm needs a linear map; MAX pooling is not");
        }
        int in = sh.inputSize(), outLen = sh.outputSize();
        need("u", u, outLen);
        need("v", v, in);
        if (SpectralNorm.normalize(v, in) == 0.0) {
            Arrays.fill(v, 0, in, (float) (1.0 / Math.sqrt(in)));
        }
        double rayleigh = 0.0;
        for (int it = 0; it <= iterations; it++) {
            map(sh, 1, v, w, u, false, null, cols, map);
            rayleigh = StateVectors.sumSquares(u, outLen);
            if (it == iterations) {
                break;
            }
            adjoint(sh, 1, u, w, null, 1f, v, false, cols, map);
            if (SpectralNorm.normalize(v, in) == 0.0) {
                return 0f;
            }
        }
        return (float) rayleigh;
    }

    /**
     * The adjoint (input gradient): {@code g (+)= scale · ∂/∂x ⟨δ, pool(W ∗ x)⟩}, {@code δ} the {@code n × outputSize}
     * error at the pre-activation, {@code g} {@code n × inputSize}; un-pooling (MAX through the {@code argmax} of the
     * forward pass) then the transposed convolution.
     */
    public static void adjoint(ConvShape sh, int n, float[] delta, float[] w, int[] argmax, float scale, float[] g,
            boolean accumulate, float[] cols, float[] map) {
        check(sh, n, cols, map, argmax);
        need("delta", delta, (long) n * sh.outputSize());
        need("w", w, sh.weightSize());
        need("g", g, (long) n * sh.inputSize());
        Job job = JOB.get();
        try {
            // Wᵀ once per call (patchSize × filters), so that each sample's Wᵀ·δ̂ is a plain product that reads it in
            // place: atB would repack W into strips for every sample, and both run the same fma chains
            int fl = sh.filters(), kq = sh.patchSize();
            float[] wt = PLANE.get().transposed(kq * fl);
            for (int fi = 0; fi < fl; fi++) {
                for (int q = 0, src = fi * kq; q < kq; q++) {
                    wt[q * fl + fi] = w[src + q];
                }
            }
            job.set(Job.ADJOINT, sh, n, cols, map, argmax, wt);
            job.delta = delta;
            job.g = g;
            job.scale = scale;
            job.accumulate = accumulate;
            job.split(fmasPerSample(sh) * n, n);
        } finally {
            job.clear();
        }
    }

    /**
     * The weight and bias gradients: {@code gradW (+)= scale · Σ_samples δ̂ ⊗ im2col(x)} ({@code filters ×
     * patchSize}, δ̂ the un-pooled error) and, unless {@code gradB} is null, {@code gradB (+)= scale · Σ} of
     * {@code δ} over samples and output positions, per filter. With {@code n = 0} and overwriting, both are zeroed.
     */
    public static void weightGradient(ConvShape sh, int n, float[] delta, float[] x, int[] argmax, float scale,
            float[] gradW, float[] gradB, boolean accumulate, float[] cols, float[] map) {
        check(sh, n, cols, map, argmax);
        need("delta", delta, (long) n * sh.outputSize());
        need("x", x, (long) n * sh.inputSize());
        need("gradW", gradW, sh.weightSize());
        if (gradB != null) {
            need("gradB", gradB, sh.filters());
        }
        Job job = JOB.get();
        try {
            job.set(Job.WEIGHTS, sh, n, cols, map, argmax, null);
            job.g = gradW;
            job.delta = delta;
            job.x = x;
            job.scale = scale;
            job.accumulate = accumulate;
            if (n == 0 && !accumulate) {
                Arrays.fill(gradW, 0, sh.weightSize(), 0f);
            }
            int align = weightAlign(sh);
            job.split(fmasPerSample(sh) * n, (sh.patchSize() + align - 1) / align);
        } finally {
            job.clear();
        }
        if (gradB != null) {
            // per filter, from +0 over samples, then output positions, in order; scaled once
            int plane = sh.pooledHeight() * sh.pooledWidth(), out = sh.outputSize();
            for (int fi = 0; fi < sh.filters(); fi++) {
                float sum = 0f;
                for (int smp = 0, d = fi * plane; smp < n; smp++, d += out) {
                    for (int o = 0; o < plane; o++) {
                        sum += delta[d + o];
                    }
                }
                gradB[fi] = accumulate ? Math.fma(scale, sum, gradB[fi]) : scale * sum;
            }
        }
    }

    /**
     * Whether the weight gradient runs as {@code ∇Wᵀ = cols · δ̂ᵀ} (then transposed into ∇W) rather than
     * {@code ∇W = δ̂ · colsᵀ}: when both products take {@code abT}'s broadcast form, which gives the two the same bits.
     */
    private static boolean transposedWeightGradient(ConvShape sh) {
        return Gemm.abTBroadcast(sh.filters(), sh.patchSize()) && Gemm.abTBroadcast(sh.patchSize(), sh.filters());
    }

    /** The width of a weight-gradient part's block of ∇W columns: as {@link Gemm} splits {@code abT}. */
    private static int weightAlign(ConvShape sh) {
        return Gemm.abTBroadcast(sh.filters(), sh.patchSize()) ? Gemm.ABT_BROADCAST_MIN_COLUMNS : 4;
    }

    private static void check(ConvShape sh, int n, float[] cols, float[] map, int[] argmax) {
        if (n < 0) {
            throw new IllegalArgumentException("negative batch " + n);
        }
        need("cols", cols, columnsSize(sh));
        need("map", map, mapSize(sh));
        if (sh.pool() == Pooling.MAX && (argmax == null || argmax.length < (long) n * sh.outputSize())) {
            throw new IndexOutOfBoundsException("argmax shorter than n × outputSize = " + (long) n * sh.outputSize());
        }
    }

    private static void need(String name, float[] array, long len) {
        if (array == null || array.length < len) {
            throw new IndexOutOfBoundsException(name + " shorter than " + len + ": "
                    + (array == null ? "null" : array.length));
        }
    }

    /**
     * Copies rows {@code [q0, q1)} of the patch matrix of one sample (input at {@code x[xOff ...]}), for the
     * convolution output positions {@code [p0, p1)} ({@code oh·convWidth + ow}), into {@code cols} (row stride
     * {@code usedPositions}); zero padding is written as zeros.
     */
    static void im2col(ConvShape sh, float[] x, int xOff, int q0, int q1, int p0, int p1, float[] cols) {
        int k = sh.kernel(), kk = k * k, h = sh.height(), wd = sh.width(), st = sh.stride(), pad = sh.padding();
        int cw = sh.convWidth(), pu = sh.usedPositions();
        if (st == 1 && cw == wd) {
            im2colSame(sh, x, xOff, q0, q1, p0, p1, cols);
            return;
        }
        for (int q = q0; q < q1; q++) {
            int c = q / kk, rem = q - c * kk, ki = rem / k, kj = rem - ki * k;
            int xc = xOff + c * h * wd;
            // output columns whose input column iw = ow·st + kj − pad lies in [0, width)
            int owLo = pad - kj <= 0 ? 0 : (pad - kj + st - 1) / st;
            int hiNum = wd - 1 + pad - kj;
            int owHi = hiNum < 0 ? 0 : hiNum / st + 1;
            for (int p = p0, oh = p0 / cw; p < p1; oh++) {
                int rowStart = oh * cw, e0 = p - rowStart, e1 = Math.min(cw, p1 - rowStart);
                int dst = q * pu + rowStart;
                int ih = oh * st + ki - pad;
                if (ih < 0 || ih >= h) {
                    Arrays.fill(cols, dst + e0, dst + e1, 0f);
                } else {
                    int lo = Math.min(Math.max(owLo, e0), e1), hi = Math.max(Math.min(owHi, e1), lo);
                    if (lo > e0) {
                        Arrays.fill(cols, dst + e0, dst + lo, 0f);
                    }
                    int src = xc + ih * wd + lo * st + kj - pad;
                    if (st == 1) {
                        System.arraycopy(x, src, cols, dst + lo, hi - lo);
                    } else {
                        for (int ow = lo; ow < hi; ow++, src += st) {
                            cols[dst + ow] = x[src];
                        }
                    }
                    if (hi < e1) {
                        Arrays.fill(cols, dst + hi, dst + e1, 0f);
                    }
                }
                p = rowStart + e1;
            }
        }
    }

    /**
     * {@link #im2col} for stride 1 when the output is as wide as the input ({@code 2·padding = kernel − 1}): row
     * {@code (c, ki, kj)} is then the channel's plane shifted by {@code (ki − pad)·width + kj − pad}, so each row is one
     * copy of the rows of the plane it overlaps, after which the {@code |kj − pad|} columns that wrapped around from
     * the neighbouring input row are set to zero, and so are the output rows above or below the input.
     */
    private static void im2colSame(ConvShape sh, float[] x, int xOff, int q0, int q1, int p0, int p1, float[] cols) {
        int k = sh.kernel(), kk = k * k, h = sh.height(), wd = sh.width(), pad = sh.padding();
        int pu = sh.usedPositions(), rows = sh.usedConvRows();
        for (int q = q0; q < q1; q++) {
            int c = q / kk, rem = q - c * kk, ki = rem / k, kj = rem - ki * k;
            int di = ki - pad, dj = kj - pad, row = q * pu;
            // output rows whose input row oh + di lies in [0, h)
            int ohLo = Math.max(0, -di), ohHi = Math.min(rows, h - di);
            int lo = Math.max(p0, ohLo * wd), hi = Math.min(p1, Math.max(ohHi, ohLo) * wd);
            if (lo >= hi) {
                Arrays.fill(cols, row + p0, row + p1, 0f);
                continue;
            }
            if (p0 < lo) {
                Arrays.fill(cols, row + p0, row + lo, 0f);
            }
            if (hi < p1) {
                Arrays.fill(cols, row + hi, row + p1, 0f);
            }
            // positions p = oh·wd + ow read x[c, oh + di, ow + dj] = plane[p + di·wd + dj] where ow + dj is in range
            int shift = di * wd + dj, src = xOff + c * h * wd;
            int a = lo, b = hi;
            if (a + shift < 0) { // only when dj < 0 at the first row: those elements are wrapped columns anyway
                a = -shift;
            }
            if (b + shift > h * wd) {
                b = h * wd - shift;
            }
            if (a > lo) {
                Arrays.fill(cols, row + lo, row + a, 0f);
            }
            if (b < hi) {
                Arrays.fill(cols, row + b, row + hi, 0f);
            }
            if (a < b) {
                System.arraycopy(x, src + a + shift, cols, row + a, b - a);
            }
            if (dj != 0) {
                // the columns ow with ow + dj outside [0, wd): the first −dj or the last dj of every output row
                int z0 = dj < 0 ? 0 : wd - dj, z1 = dj < 0 ? -dj : wd;
                for (int rs = lo - lo % wd; rs < hi; rs += wd) {
                    for (int e = Math.max(rs + z0, lo); e < Math.min(rs + z1, hi); e++) {
                        cols[row + e] = 0f;
                    }
                }
            }
        }
    }

    /**
     * The pass of one call as a team task; fields set by the calling thread, cleared after. The forward pass and the
     * adjoint split the batch: a part runs whole samples, each on its own thread's scratch (the caller's {@code cols}
     * and {@code map} on the calling thread, a per-thread pair elsewhere), so a call has one barrier whatever the
     * batch. The weight gradient splits the columns of ∇W and runs every sample, in order, within each part: each part
     * writes only its rows of the shared patch matrix and its columns of ∇W, and un-pools δ into its own scratch.
     */
    private static final class Job implements Parallel.Task {
        static final int FORWARD = 0, MAP = 1, ADJOINT = 2, WEIGHTS = 3;

        private int kind, n;
        private ConvShape sh;
        private Thread caller;
        private float[] cols, map, w, x, bias, a, s, delta, g;
        private int[] argmax;
        private Nonlinearity f;
        private float scale;
        private boolean accumulate;

        void set(int kind, ConvShape sh, int n, float[] cols, float[] map, int[] argmax, float[] w) {
            this.kind = kind;
            this.sh = sh;
            this.n = n;
            this.cols = cols;
            this.map = map;
            this.argmax = argmax;
            this.w = w;
            this.caller = Thread.currentThread();
        }

        void clear() {
            sh = null;
            caller = null;
            cols = map = w = x = bias = a = s = delta = g = null;
            argmax = null;
            f = null;
        }

        /** Runs the parts over {@code units} on the team when the work pays for a barrier, else on this thread. */
        void split(long fmas, int units) {
            int threads = Parallel.threads();
            int parts = 1;
            if (threads > 1 && fmas >= Gemm.SPLIT_MIN_FMAS) {
                long byWork = Math.max(1, fmas / (Gemm.SPLIT_MIN_FMAS / 2));
                parts = (int) Math.min(Math.min(units, byWork), Math.min(2L * threads, Parallel.MAX_PARTS));
            }
            if (parts > 1) {
                Parallel.run(this, parts);
            } else {
                run(0, 1);
            }
        }

        @Override
        public void run(int part, int parts) {
            boolean own = Thread.currentThread() == caller;
            Scratch scratch = own ? null : SCRATCH.get();
            float[] myMap = own ? map : scratch.map(mapSize(sh));
            if (kind == WEIGHTS) {
                weightPart(part, parts, myMap);
                return;
            }
            float[] myCols = own ? cols : scratch.cols(columnsSize(sh));
            int s0 = (int) ((long) n * part / parts), s1 = (int) ((long) n * (part + 1) / parts);
            for (int smp = s0; smp < s1; smp++) {
                if (kind == FORWARD) {
                    forwardSample(smp, myCols, myMap);
                } else if (kind == MAP) {
                    mapSample(smp, myCols, myMap);
                } else {
                    adjointSample(smp, myCols, myMap);
                }
            }
        }

        /** One sample: its patch matrix, {@code W · cols}, then pooling, bias and activation into a and s. */
        private void forwardSample(int smp, float[] cols, float[] map) {
            int pu = sh.usedPositions(), kq = sh.patchSize(), fl = sh.filters();
            im2col(sh, x, smp * sh.inputSize(), 0, kq, 0, pu, cols);
            IMPL.abColumns(0, pu, fl, pu, kq, 1f, w, cols, map, false);
            int r = sh.poolSize(), cw = sh.convWidth();
            int ph = sh.pooledHeight(), pw = sh.pooledWidth(), plane = ph * pw, out = sh.outputSize();
            Pooling pool = sh.pool();
            float inv = r * r; // AVERAGE divides by this
            for (int fi = 0; fi < fl; fi++) {
                int row = fi * pu;
                int o0 = smp * out + fi * plane, o1 = o0 + plane;
                switch (pool) {
                    case NONE -> System.arraycopy(map, row, a, o0, plane);
                    case MAX -> KERNEL.maxPool(map, row, cw, r, ph, pw, a, argmax, o0);
                    case AVERAGE -> {
                        int o = o0;
                        for (int u = 0; u < ph; u++) {
                            for (int v = 0; v < pw; v++, o++) {
                                float sum = 0f;
                                for (int di = 0; di < r; di++) {
                                    int p = row + (u * r + di) * cw + v * r;
                                    for (int dj = 0; dj < r; dj++) {
                                        sum += map[p + dj];
                                    }
                                }
                                a[o] = sum / inv;
                            }
                        }
                    }
                }
                if (bias != null) {
                    float b = bias[fi];
                    for (int o = o0; o < o1; o++) {
                        a[o] += b;
                    }
                }
                KERNEL.activate(f, a, s, o0, o1);
            }
        }

        /** One sample of {@link Conv2d#map}: its patch matrix, {@code W · cols}, then P into (or onto) {@code a}. */
        private void mapSample(int smp, float[] cols, float[] map) {
            int pu = sh.usedPositions(), kq = sh.patchSize(), fl = sh.filters();
            im2col(sh, x, smp * sh.inputSize(), 0, kq, 0, pu, cols);
            IMPL.abColumns(0, pu, fl, pu, kq, 1f, w, cols, map, false);
            int r = sh.poolSize(), cw = sh.convWidth();
            int pw = sh.pooledWidth(), plane = sh.pooledHeight() * pw, out = sh.outputSize();
            Pooling pool = sh.pool();
            float inv = r * r;
            for (int fi = 0; fi < fl; fi++) {
                int row = fi * pu, o0 = smp * out + fi * plane;
                for (int o = 0; o < plane; o++) {
                    float v;
                    if (pool == Pooling.NONE) {
                        v = map[row + o];
                    } else if (pool == Pooling.MAX) {
                        v = map[row + argmax[o0 + o]];
                    } else {
                        int u = o / pw, c = o - u * pw;
                        float sum = 0f;
                        for (int di = 0; di < r; di++) {
                            int p = row + (u * r + di) * cw + c * r;
                            for (int dj = 0; dj < r; dj++) {
                                sum += map[p + dj];
                            }
                        }
                        v = sum / inv;
                    }
                    a[o0 + o] = accumulate ? a[o0 + o] + v : v;
                }
            }
        }

        /** The un-pooled error of one sample into {@code map} ({@code filters × usedPositions}). */
        private void unpool(int smp, float[] map) {
            int r = sh.poolSize(), cw = sh.convWidth(), pu = sh.usedPositions(), out = sh.outputSize();
            int pw = sh.pooledWidth(), plane = sh.pooledHeight() * pw;
            float inv = r * r;
            Pooling pool = sh.pool();
            for (int fi = 0; fi < sh.filters(); fi++) {
                int row = fi * pu, d = smp * out + fi * plane;
                switch (pool) {
                    case NONE -> System.arraycopy(delta, d, map, row, pu);
                    case MAX -> {
                        Arrays.fill(map, row, row + pu, 0f);
                        for (int o = 0; o < plane; o++) {
                            map[row + argmax[d + o]] = delta[d + o];
                        }
                    }
                    case AVERAGE -> {
                        Arrays.fill(map, row, row + pu, 0f);
                        for (int o = 0; o < plane; o++) {
                            int u = o / pw, v = o - u * pw;
                            float e = delta[d + o] / inv;
                            for (int di = 0; di < r; di++) {
                                int p = row + (u * r + di) * cw + v * r;
                                for (int dj = 0; dj < r; dj++) {
                                    map[p + dj] = e;
                                }
                            }
                        }
                    }
                }
            }
        }

        /** One sample: un-pooling, {@code Wᵀ·δ̂}, then the col2im scatter into g. */
        private void adjointSample(int smp, float[] cols, float[] map) {
            unpool(smp, map);
            int ch = sh.inChannels();
            int k = sh.kernel(), kk = k * k, kq = sh.patchSize(), pu = sh.usedPositions();
            IMPL.abColumns(0, pu, kq, pu, sh.filters(), 1f, w, map, cols, false);
            int h = sh.height(), wd = sh.width(), st = sh.stride(), pad = sh.padding(), plane = h * wd;
            int cw = sh.convWidth(), rows = sh.usedConvRows();
            float[] t = (Thread.currentThread() == caller ? PLANE.get() : SCRATCH.get()).plane(plane);
            boolean same = st == 1 && cw == wd;
            for (int c = 0; c < ch; c++) {
                // col2im: each row q = (c, ki, kj) of Wᵀ·δ̂ adds its (oh, ow) entries to the input element
                // (oh·st + ki − pad, ow·st + kj − pad) of the plane, rows in (ki, kj) order, so that every input
                // element sums its patch entries from +0 in row-major (ki, kj) order.
                Arrays.fill(t, 0, plane, 0f);
                for (int ki = 0; ki < k; ki++) {
                    int ohLo = Math.max(0, (pad - ki + st - 1) / st);
                    int ohHi = Math.min(rows, Math.floorDiv(h - 1 + pad - ki, st) + 1);
                    for (int kj = 0; kj < k; kj++) {
                        int owLo = Math.max(0, (pad - kj + st - 1) / st);
                        int owHi = Math.min(cw, Math.floorDiv(wd - 1 + pad - kj, st) + 1);
                        int q = (c * kk + ki * k + kj) * pu;
                        if (same) {
                            // the output is as wide as the input: the row is the plane shifted by
                            // (ki − pad)·wd + kj − pad, so after zeroing its entries whose column wraps around
                            // (cols is scratch) it is added as one run
                            int dj = kj - pad;
                            if (dj != 0) {
                                int z0 = dj < 0 ? 0 : wd - dj, z1 = dj < 0 ? -dj : wd;
                                for (int rs = q + ohLo * wd; rs < q + ohHi * wd; rs += wd) {
                                    for (int e = z0; e < z1; e++) {
                                        cols[rs + e] = 0f;
                                    }
                                }
                            }
                            int p0 = ohLo * wd, p1 = ohHi * wd, shift = (ki - pad) * wd + dj;
                            p0 = Math.max(p0, -shift);
                            p1 = Math.min(p1, plane - shift);
                            if (p1 > p0) { // t[e + shift] += cols[q + e], on the Vector API (C2 left it scalar)
                                KERNEL.addBias(t, p0 + shift, cols, q + p0, p1 - p0);
                            }
                            continue;
                        }
                        for (int oh = ohLo; oh < ohHi; oh++) {
                            int src = q + oh * cw, dst = (oh * st + ki - pad) * wd + kj - pad;
                            if (st == 1) {
                                if (owHi > owLo) {
                                    KERNEL.addBias(t, dst + owLo, cols, src + owLo, owHi - owLo);
                                }
                            } else {
                                for (int ow = owLo; ow < owHi; ow++) {
                                    t[dst + ow * st] += cols[src + ow];
                                }
                            }
                        }
                    }
                }
                int gc = smp * sh.inputSize() + c * plane;
                if (accumulate) {
                    for (int e = 0; e < plane; e++) {
                        g[gc + e] = Math.fma(scale, t[e], g[gc + e]);
                    }
                } else {
                    for (int e = 0; e < plane; e++) {
                        g[gc + e] = scale * t[e];
                    }
                }
            }
        }

        /**
         * Columns {@code [q0, q1)} of ∇W: for every sample in order, un-pooling into this part's {@code map}, this
         * part's rows of the patch matrix, then {@code δ̂ · colsᵀ} into its columns.
         */
        private void weightPart(int part, int parts, float[] map) {
            int kq = sh.patchSize(), fl = sh.filters(), pu = sh.usedPositions(), align = weightAlign(sh);
            long blocks = (kq + align - 1) / align;
            int q0 = (int) Math.min(kq, align * (blocks * part / parts));
            int q1 = (int) Math.min(kq, align * (blocks * (part + 1) / parts));
            if (q0 >= q1) {
                return;
            }
            if (!transposedWeightGradient(sh)) {
                for (int smp = 0; smp < n; smp++) {
                    unpool(smp, map);
                    im2col(sh, x, smp * sh.inputSize(), q0, q1, 0, pu, cols);
                    IMPL.abTColumns(q0, q1, fl, kq, pu, scale, map, cols, g, accumulate || smp > 0);
                }
                return;
            }
            if (n == 0) {
                return; // ∇W is zeroed (or kept) by the caller
            }
            // ∇Wᵀ = cols · δ̂ᵀ, rows [q0, q1): the product's B is then δ̂ (filters × positions), whose transposed
            // panels are 12× smaller to pack than the patch matrix's; every element is the same fma chain over the
            // positions (fma(x, y, s) = fma(y, x, s)), then the same fma(scale, s, g), so ∇W gets the same bits.
            float[] gt = (Thread.currentThread() == caller ? PLANE.get() : SCRATCH.get()).gradT(kq * fl);
            if (accumulate) {
                for (int q = q0; q < q1; q++) {
                    for (int fi = 0; fi < fl; fi++) {
                        gt[q * fl + fi] = g[fi * kq + q];
                    }
                }
            }
            for (int smp = 0; smp < n; smp++) {
                unpool(smp, map);
                im2col(sh, x, smp * sh.inputSize(), q0, q1, 0, pu, cols);
                IMPL.abTRows(q0, q1, kq, fl, pu, scale, cols, map, gt, accumulate || smp > 0);
            }
            for (int fi = 0; fi < fl; fi++) {
                for (int q = q0; q < q1; q++) {
                    g[fi * kq + q] = gt[q * fl + fi];
                }
            }
        }
    }
}
