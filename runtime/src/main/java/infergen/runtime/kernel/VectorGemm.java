package infergen.runtime.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * GEMM on the Vector API, register-blocked on {@link FloatVector#SPECIES_PREFERRED}. Loaded by name by
 * {@link Kernels} only when {@code jdk.incubator.vector} is present; {@link ScalarGemm} is its reference.
 *
 * <p><b>Determinism.</b> Every element of C is computed by the same sequence of floating-point operations whatever
 * tile, edge path or sub-range of C it falls in, so splitting the work over rows or columns of C (a worker team)
 * gives bit-identical results, and so does the interpreter versus C2 (no {@code reduceLanes}, whose order for
 * {@code ADD} is unspecified):
 * <ul>
 *   <li>{@code abT} of fewer than {@link Gemm#ABT_BROADCAST_MIN_ROWS} rows or {@link Gemm#ABT_BROADCAST_MIN_COLUMNS}
 *       columns (reduction along contiguous k): one 8-lane accumulator ({@link #DOT}, whatever the machine's width)
 *       per element of C over the whole multiples of 8 in k, {@code acc = fma(a, b, acc)}, then a fixed pairwise
 *       lane tree ({@link #reduce}), then the k tail by fused multiply-adds in order;</li>
 *   <li>{@code ab}, {@code atB} and the larger {@code abT} (broadcast form): each element is
 *       {@code s = fma(A(i,p), B(p,j), s)} (for abT {@code B(j,p)}) for p = 0, 1, … in order; vector lanes and the
 *       scalar column tail ({@link Math#fma}) round identically.</li>
 * </ul>
 * The result is written as {@code c = alpha·s} or, accumulating, {@code c = fma(alpha, s, c)}. Neither form
 * depends on the machine's vector width (the broadcast form's lanes are independent elements, the dot form has a
 * fixed 8 lanes), so the bits are the same on AVX2 and AVX-512 machines, and fused multiply-adds are exact in Java.
 *
 * <p><b>No allocation.</b> Vector API values are only free when C2 keeps them in registers: a vector passed to or
 * returned from a method that is not inlined, or merged at a branch with such a value, is boxed on every call. So no
 * method here takes or returns a vector; the abT tiles hand their results to their finish through a per-thread
 * scratch array instead, and {@code GemmProbe} prints the bytes allocated per call (0 after warm-up).
 *
 * <p>The {@code *Block} methods compute a rectangle {@code [i0, i1) × [j0, j1)} of C; the {@code *Columns} methods
 * (column ranges) are what {@link Gemm} hands to the worker team, which splits over output columns (never over the
 * reduction index).
 */
public final class VectorGemm implements GemmKernel {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();

    /**
     * The species of the dot-product form of abT: always 8 lanes (256 bits), whatever the machine's preferred width,
     * so that its lane tree, and so the bits of every product, are the same on AVX2 and AVX-512 machines.
     */
    static final VectorSpecies<Float> DOT = FloatVector.SPECIES_256;
    private static final int LD = DOT.length();

    /** Lane-swap shuffles {@code l → l xor h} of {@link #DOT} for the pairwise reduction tree. */
    private static final VectorShuffle<Float> SWAP4 = VectorShuffle.fromOp(DOT, l -> l ^ 4);
    private static final VectorShuffle<Float> SWAP2 = VectorShuffle.fromOp(DOT, l -> l ^ 2);
    private static final VectorShuffle<Float> SWAP1 = VectorShuffle.fromOp(DOT, l -> l ^ 1);

    private static final int ABT_PANEL_BYTES = 96 * 1024;

    /**
     * ab, atB: rows of B per reduction block when C is overwritten; a {@code BC_KC × 4L} panel of B is 24 KiB at 16
     * lanes, so it stays in L1 while the row blocks of A pass by (at batch 256 the whole {@code k × 4L} panel, 64
     * KiB, streamed from L2 for every row block).
     */
    static final int BC_KC = 96;

    public VectorGemm() {
    }

    // ---------------------------------------------------------------------------------------------------------
    // Entry points
    // ---------------------------------------------------------------------------------------------------------

    @Override
    public void abT(int m, int n, int k, float alpha, float[] a, float[] b, float[] c, boolean accumulate) {
        check(m, n, k, a, (long) m * k, b, (long) n * k, c);
        abTBlock(0, m, 0, n, m, n, k, alpha, a, b, c, accumulate);
    }

    @Override
    public void ab(int m, int n, int k, float alpha, float[] a, float[] b, float[] c, boolean accumulate) {
        check(m, n, k, a, (long) m * k, b, (long) k * n, c);
        broadcastBlock(0, m, 0, n, n, k, alpha, a, k, 1, b, c, accumulate);
    }

    @Override
    public void atB(int m, int n, int k, float alpha, float[] a, float[] b, float[] c, boolean accumulate) {
        check(m, n, k, a, (long) k * m, b, (long) k * n, c);
        broadcastBlock(0, m, 0, n, n, k, alpha, a, 1, m, b, c, accumulate);
    }

    @Override
    public void abTColumns(int j0, int j1, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
            boolean accumulate) {
        abTBlock(0, m, j0, j1, m, n, k, alpha, a, b, c, accumulate);
    }

    @Override
    public void abTRows(int i0, int i1, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
            boolean accumulate) {
        abTBlock(i0, i1, 0, n, m, n, k, alpha, a, b, c, accumulate);
    }

    @Override
    public void abColumns(int j0, int j1, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
            boolean accumulate) {
        broadcastBlock(0, m, j0, j1, n, k, alpha, a, k, 1, b, c, accumulate);
    }

    @Override
    public void atBColumns(int j0, int j1, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
            boolean accumulate) {
        broadcastBlock(0, m, j0, j1, n, k, alpha, a, 1, m, b, c, accumulate);
    }

    @Override
    public void atBRows(int i0, int i1, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
            boolean accumulate) {
        broadcastBlock(i0, i1, 0, n, n, k, alpha, a, 1, m, b, c, accumulate);
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

    // ---------------------------------------------------------------------------------------------------------
    // abT: C[i, j] (+)= alpha · Σ_p A[i, p] · B[j, p], dot products along contiguous k
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Per-thread spill area between an abT tile method and its finish (the reduced tile, or the accumulators of the
     * narrower tiles), so that no method takes vector arguments: a helper taking vectors that C2 does not inline
     * boxes them. Looked up once per GEMM call.
     */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[16 * LD]);

    /**
     * Computes the rectangle {@code [i0, i1) × [j0, j1)} of {@code C = A·Bᵀ} ({@code m × n} is all of C: the shape
     * picks the algorithm, the same for every block of one product): the broadcast form on packed panels of Bᵀ
     * ({@link #abTBroadcast}) when {@link Gemm#abTBroadcast} says so, else dot products along k.
     */
    static void abTBlock(int i0, int i1, int j0, int j1, int m, int n, int k, float alpha, float[] a, float[] b,
            float[] c, boolean accumulate) {
        if (i0 >= i1 || j0 >= j1) {
            return;
        }
        if (Gemm.abTBroadcast(m, n)) {
            abTBroadcast(i0, i1, j0, j1, n, k, alpha, a, b, c, accumulate);
            return;
        }
        float[] t = SCRATCH.get();
        int kv = DOT.loopBound(k);
        int panel = Math.max(4, (ABT_PANEL_BYTES / (Math.max(k, 1) * Float.BYTES)) & ~3);
        for (int jc = j0; jc < j1; jc += panel) {
            int jEnd = Math.min(j1, jc + panel);
            int i = i0;
            for (; i + 4 <= i1; i += 4) {
                int j = jc;
                for (; j + 4 <= jEnd; j += 4) {
                    abT4x4(i, j, k, kv, a, b, t);
                    finish4x4(i, j, n, k, kv, alpha, a, b, c, t, accumulate);
                }
                for (; j < jEnd; j++) {
                    abT4x1(i, j, k, kv, a, b, t);
                    finish(i, j, 1, 0, n, k, kv, alpha, a, b, c, t, accumulate);
                }
            }
            for (; i < i1; i++) {
                int j = jc;
                for (; j + 4 <= jEnd; j += 4) {
                    abT1x4(i, j, k, kv, a, b, t);
                    finish(i, j, 0, 1, n, k, kv, alpha, a, b, c, t, accumulate);
                }
                for (; j < jEnd; j++) {
                    abT1x1(i, j, k, kv, a, b, t);
                    finish(i, j, 0, 0, n, k, kv, alpha, a, b, c, t, accumulate);
                }
            }
        }
    }

    /**
     * Four rows of A against four rows of B: 16 independent accumulators, 8 loads per 16 FMAs; accumulator
     * {@code (r, q)} goes to {@code t[(4r + q)·LD ..)}.
     */
    private static void abT4x4(int i, int j, int k, int kv, float[] a, float[] b, float[] t) {
        int a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        int b0 = j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
        FloatVector c00 = FloatVector.zero(DOT), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        for (int p = 0; p < kv; p += LD) {
            FloatVector vb0 = FloatVector.fromArray(DOT, b, b0 + p);
            FloatVector vb1 = FloatVector.fromArray(DOT, b, b1 + p);
            FloatVector vb2 = FloatVector.fromArray(DOT, b, b2 + p);
            FloatVector vb3 = FloatVector.fromArray(DOT, b, b3 + p);
            FloatVector va = FloatVector.fromArray(DOT, a, a0 + p);
            c00 = va.fma(vb0, c00);
            c01 = va.fma(vb1, c01);
            c02 = va.fma(vb2, c02);
            c03 = va.fma(vb3, c03);
            va = FloatVector.fromArray(DOT, a, a1 + p);
            c10 = va.fma(vb0, c10);
            c11 = va.fma(vb1, c11);
            c12 = va.fma(vb2, c12);
            c13 = va.fma(vb3, c13);
            va = FloatVector.fromArray(DOT, a, a2 + p);
            c20 = va.fma(vb0, c20);
            c21 = va.fma(vb1, c21);
            c22 = va.fma(vb2, c22);
            c23 = va.fma(vb3, c23);
            va = FloatVector.fromArray(DOT, a, a3 + p);
            c30 = va.fma(vb0, c30);
            c31 = va.fma(vb1, c31);
            c32 = va.fma(vb2, c32);
            c33 = va.fma(vb3, c33);
        }
        c00.intoArray(t, 0 * LD);
        c01.intoArray(t, 1 * LD);
        c02.intoArray(t, 2 * LD);
        c03.intoArray(t, 3 * LD);
        c10.intoArray(t, 4 * LD);
        c11.intoArray(t, 5 * LD);
        c12.intoArray(t, 6 * LD);
        c13.intoArray(t, 7 * LD);
        c20.intoArray(t, 8 * LD);
        c21.intoArray(t, 9 * LD);
        c22.intoArray(t, 10 * LD);
        c23.intoArray(t, 11 * LD);
        c30.intoArray(t, 12 * LD);
        c31.intoArray(t, 13 * LD);
        c32.intoArray(t, 14 * LD);
        c33.intoArray(t, 15 * LD);
    }

    /**
     * Finishes a 4 × 4 tile from what {@link #abT4x4} left in the scratch: reduces the 16 spilled accumulators
     * element by element, adds the k tail and writes the tile.
     */
    private static void finish4x4(int i, int j, int n, int k, int kv, float alpha, float[] a, float[] b, float[] c,
            float[] t, boolean accumulate) {
        for (int r = 0; r < 4; r++) {
            for (int q = 0; q < 4; q++) {
                store(c, (i + r) * n + j + q, alpha,
                        dotTail(reduce(t, (4 * r + q) * LD), a, (i + r) * k, b, (j + q) * k, kv, k), accumulate);
            }
        }
    }

    /** One row of A against four rows of B (the row tail of m); accumulator q goes to {@code t[q·LD ..)}. */
    private static void abT1x4(int i, int j, int k, int kv, float[] a, float[] b, float[] t) {
        int a0 = i * k;
        int b0 = j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
        FloatVector c0 = FloatVector.zero(DOT), c1 = c0, c2 = c0, c3 = c0;
        for (int p = 0; p < kv; p += LD) {
            FloatVector va = FloatVector.fromArray(DOT, a, a0 + p);
            c0 = va.fma(FloatVector.fromArray(DOT, b, b0 + p), c0);
            c1 = va.fma(FloatVector.fromArray(DOT, b, b1 + p), c1);
            c2 = va.fma(FloatVector.fromArray(DOT, b, b2 + p), c2);
            c3 = va.fma(FloatVector.fromArray(DOT, b, b3 + p), c3);
        }
        c0.intoArray(t, 0);
        c1.intoArray(t, LD);
        c2.intoArray(t, 2 * LD);
        c3.intoArray(t, 3 * LD);
    }

    /** Four rows of A against one row of B (the column tail of n, e.g. n = 10); accumulator r to {@code t[r·LD ..)}. */
    private static void abT4x1(int i, int j, int k, int kv, float[] a, float[] b, float[] t) {
        int a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        int b0 = j * k;
        FloatVector c0 = FloatVector.zero(DOT), c1 = c0, c2 = c0, c3 = c0;
        for (int p = 0; p < kv; p += LD) {
            FloatVector vb = FloatVector.fromArray(DOT, b, b0 + p);
            c0 = FloatVector.fromArray(DOT, a, a0 + p).fma(vb, c0);
            c1 = FloatVector.fromArray(DOT, a, a1 + p).fma(vb, c1);
            c2 = FloatVector.fromArray(DOT, a, a2 + p).fma(vb, c2);
            c3 = FloatVector.fromArray(DOT, a, a3 + p).fma(vb, c3);
        }
        c0.intoArray(t, 0);
        c1.intoArray(t, LD);
        c2.intoArray(t, 2 * LD);
        c3.intoArray(t, 3 * LD);
    }

    private static void abT1x1(int i, int j, int k, int kv, float[] a, float[] b, float[] t) {
        int a0 = i * k;
        int b0 = j * k;
        FloatVector c0 = FloatVector.zero(DOT);
        for (int p = 0; p < kv; p += LD) {
            c0 = FloatVector.fromArray(DOT, a, a0 + p).fma(FloatVector.fromArray(DOT, b, b0 + p), c0);
        }
        c0.intoArray(t, 0);
    }

    /**
     * Reduces the spilled accumulators of an edge tile element by element: the 4 × 1 tile steps by rows
     * ({@code dr = 1}), the 1 × 4 tile by columns ({@code dq = 1}), the 1 × 1 tile has one element.
     */
    private static void finish(int i, int j, int dr, int dq, int n, int k, int kv, float alpha, float[] a, float[] b,
            float[] c, float[] t, boolean accumulate) {
        int count = dr + dq == 0 ? 1 : 4;
        for (int e = 0; e < count; e++) {
            int r = i + e * dr, q = j + e * dq;
            store(c, r * n + q, alpha, dotTail(reduce(t, e * LD), a, r * k, b, q * k, kv, k), accumulate);
        }
    }

    /** Adds the k tail {@code p ∈ [kv, k)} to a dot product, in order, by fused multiply-adds. */
    private static float dotTail(float s, float[] a, int aOff, float[] b, int bOff, int kv, int k) {
        for (int p = kv; p < k; p++) {
            s = Math.fma(a[aOff + p], b[bOff + p], s);
        }
        return s;
    }

    /**
     * The lane sum of the spilled accumulator at {@code t[off ..)} by a fixed butterfly ({@code v + v[l xor h]} for
     * h = LD/2 … 1), the same in the interpreter and in C2; {@code reduceLanes(ADD)} leaves its order to the
     * implementation. Every lane of the butterfly holds the same value (IEEE addition commutes), which the
     * transposing reduction of {@link #abT4x4} relies on. Written out with no helper taking a vector: C2 may refuse to inline even a tiny
     * helper once it has compiled it on its own ("already compiled into a big method"), and then boxes the vector.
     */
    private static float reduce(float[] t, int off) {
        FloatVector v = FloatVector.fromArray(DOT, t, off);
        v = v.add(v.rearrange(SWAP4));
        v = v.add(v.rearrange(SWAP2));
        v = v.add(v.rearrange(SWAP1));
        return v.lane(0);
    }

    private static void store(float[] c, int idx, float alpha, float s, boolean accumulate) {
        c[idx] = accumulate ? Math.fma(alpha, s, c[idx]) : alpha * s;
    }

    // ---------------------------------------------------------------------------------------------------------
    // ab and atB: C[i, j] (+)= alpha · Σ_p A(i, p) · B[p, j], broadcast form, A(i, p) = a[i·ars + p·acs]
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Computes the rectangle {@code [i0, i1) × [j0, j1)} of {@code C = alpha · A·B} where B is {@code k × n} row-major
     * and A is addressed by strides: {@code ab} passes {@code (ars, acs) = (k, 1)}, {@code atB} passes {@code (1, m)}.
     * Column panels of four vectors are the outer loop, so that the panel of B stays in cache while the row blocks of
     * A pass by; when C is overwritten the reduction runs in blocks of {@link #BC_KC} rows of B (a {@code BC_KC × 4L}
     * panel, 24 KiB, stays in L1), the raw sums waiting in C between blocks and scaled by alpha after the last.
     * Each block of a panel is first copied to a per-thread buffer (and atB's A once per call, {@link #packStrips}),
     * so that the 4 × 4 kernel reads both operands at constant strides: its loop then compiles without bounds checks
     * or spilled addresses (1.1–1.4× on the step's products, interleaved A/B, against the same kernel on B in place).
     * Every element is still {@code s = fma(A(i, p), B(p, j), s)} for p = 0, 1, … in order.
     */
    static void broadcastBlock(int i0, int i1, int j0, int j1, int n, int k, float alpha, float[] a, int ars, int acs,
            float[] b, float[] c, boolean accumulate) {
        int kc = accumulate ? Math.max(k, 1) : BC_KC;
        boolean pack = j1 - j0 >= 4 * L;
        Packs packs = pack ? PACKS.get() : null;
        float[] panel = pack ? packs.panel(kc * 4 * L) : null;
        float[] quad = pack ? packs.quad : null;
        // ab reads the rows of A in place (contiguous in p); atB's A is k × m, so each strip of four of its columns is
        // copied as four-float groups, one per p (packStrips), and read with a constant stride too.
        boolean strided = pack && acs != 1;
        float[] strips = strided ? packs.strips((i1 - i0) / 4 * 4 * k) : null;
        if (strided) {
            packStrips(a, acs, i0, i1, k, strips);
        }
        int j = j0;
        while (j + L <= j1) {
            boolean wide = j + 4 * L <= j1; // a panel of four vectors, else the column tail in single vectors
            int p0 = 0;
            do {
                int p1 = Math.min(k, p0 + kc);
                boolean resume = p0 > 0, last = p1 == k;
                int i = i0;
                if (wide && pack) {
                    packPanel(b, n, j, p0, p1, panel);
                    for (; i + 4 <= i1; i += 4) {
                        // raw sums into C, or next to it when they are to be added to it (one block then)
                        float[] out = accumulate ? quad : c;
                        int o = accumulate ? 0 : i * n + j, ldo = accumulate ? 4 * L : n;
                        if (strided) {
                            bcStrips4x4(p1 - p0, strips, (i - i0) * k + 4 * p0, panel, out, o, ldo, resume);
                        } else {
                            bcPacked4x4(p1 - p0, a, i * ars + p0, ars, panel, out, o, ldo, resume);
                        }
                        if (last) {
                            finish4x4(c, i * n + j, n, alpha, accumulate, quad);
                        }
                    }
                }
                if (!wide) {
                    for (; i + 4 <= i1; i += 4) {
                        bc4x1(i, j, n, p0, p1, alpha, a, ars, acs, b, c, accumulate, resume, last);
                    }
                }
                for (; i < i1; i++) {
                    if (wide) {
                        bc1x4(i, j, n, p0, p1, alpha, a, ars, acs, b, c, accumulate, resume, last);
                    } else {
                        bc1x1(i, j, n, p0, p1, alpha, a, ars, acs, b, c, accumulate, resume, last);
                    }
                }
                p0 = p1;
            } while (p0 < k);
            j += wide ? 4 * L : L;
        }
        if (j < j1) {
            bcTail(i0, i1, j, j1, n, k, alpha, a, ars, acs, b, c, accumulate);
        }
    }

    /** Per-thread packing buffers of the broadcast kernels, grown on first need and then reused (no allocation per call). */
    private static final class Packs {
        private float[] panel = new float[0];
        private float[] strips = new float[0];

        float[] panel(int length) {
            if (panel.length < length) {
                panel = new float[length];
            }
            return panel;
        }

        private float[] tile = new float[0];
        /** The raw sums of one 4 × 4L tile whose result is added to C ({@link #finish4x4}). */
        final float[] quad = new float[16 * L];
        private int[] rowStarts = new int[L];
        private int rowStartsK = -1;

        float[] tile(int length) {
            if (tile.length < length) {
                tile = new float[length];
            }
            return tile;
        }

        /** The gather map {@code {0, k, 2k, …}}: lane l reads row l of a k-wide matrix. */
        int[] rowStarts(int k) {
            if (rowStartsK != k) {
                for (int l = 0; l < L; l++) {
                    rowStarts[l] = l * k;
                }
                rowStartsK = k;
            }
            return rowStarts;
        }

        float[] strips(int length) {
            if (strips.length < length) {
                strips = new float[length];
            }
            return strips;
        }
    }

    private static final ThreadLocal<Packs> PACKS = ThreadLocal.withInitial(Packs::new);

    /**
     * Copies rows {@code [p0, p1)} of the four-vector column panel of B at column j into {@code panel}, row q at
     * {@code q · 4L}: the kernel then walks it with a constant stride, which lets C2 drop the bounds checks from the
     * loop and keep every address in registers.
     */
    private static void packPanel(float[] b, int n, int j, int p0, int p1, float[] panel) {
        for (int p = p0, src = p0 * n + j, dst = 0; p < p1; p++, src += n, dst += 4 * L) {
            FloatVector.fromArray(SPECIES, b, src).intoArray(panel, dst);
            FloatVector.fromArray(SPECIES, b, src + L).intoArray(panel, dst + L);
            FloatVector.fromArray(SPECIES, b, src + 2 * L).intoArray(panel, dst + 2 * L);
            FloatVector.fromArray(SPECIES, b, src + 3 * L).intoArray(panel, dst + 3 * L);
        }
    }

    /**
     * atB's A (k × m, row p at {@code p · acs}): the whole four-column strips of columns {@code [i0, i1)}, strip s at
     * {@code s · 4k}, its four values of row p together at {@code 4p}. Plain copies, not 128-bit vectors: the JDK's
     * {@code FloatVector.intoArray} bytecode is shared by every species, and once its type profile says "512 bits"
     * (the kernels' vectors) C2 boxed each 128-bit vector here: 68 KiB per conv train step on one thread.
     */
    private static void packStrips(float[] a, int acs, int i0, int i1, int k, float[] out) {
        for (int i = i0, dst = 0; i + 4 <= i1; i += 4) {
            for (int p = 0, src = i; p < k; p++, src += acs, dst += 4) {
                out[dst] = a[src];
                out[dst + 1] = a[src + 1];
                out[dst + 2] = a[src + 2];
                out[dst + 3] = a[src + 3];
            }
        }
    }

    /**
     * abT in the broadcast form, for tall products (many rows of A per panel of B): each panel of four vectors of
     * columns of C is a panel of Bᵀ, packed block by block ({@link #packTransposed}) so that {@link #bcPacked4x4}
     * runs on it with A's rows in place. Each element is {@code s = fma(A(i, p), B(j, p), s)} for p = 0, 1, … in
     * order, then {@code alpha·s} (or {@code fma(alpha, s, c)}). A panel narrower than four vectors (the last columns,
     * or a block that does not start on one) is computed into a per-thread tile with {@code alpha = 1} and copied out
     * with the same final operation, so that every column gets the same bits whatever block it falls in.
     */
    private static void abTBroadcast(int i0, int i1, int j0, int j1, int n, int k, float alpha, float[] a, float[] b,
            float[] c, boolean accumulate) {
        Packs packs = PACKS.get();
        int[] rowsOfB = packs.rowStarts(k);
        for (int j = j0; j < j1; j += 4 * L) {
            int width = Math.min(4 * L, j1 - j);
            boolean full = width == 4 * L;
            // a narrow panel goes to the tile (rows from 0, 4L wide), overwritten with the raw sums
            float[] cc = full ? c : packs.tile((i1 - i0) * 4 * L);
            int cn = full ? n : 4 * L, cj = full ? j : 0, ci = full ? 0 : i0;
            boolean acc = full && accumulate;
            int kc = acc ? Math.max(k, 1) : BC_KC;
            float[] panel = packs.panel(kc * 4 * L);
            int p0 = 0;
            do {
                int p1 = Math.min(k, p0 + kc);
                boolean resume = p0 > 0, last = p1 == k;
                float al = full ? alpha : 1f;
                packTransposed(b, k, j, width, p0, p1, rowsOfB, panel);
                int i = i0;
                for (; i + 4 <= i1; i += 4) {
                    int r = (i - ci) * cn + cj;
                    bcPacked4x4(p1 - p0, a, i * k + p0, k, panel, acc ? packs.quad : cc, acc ? 0 : r, acc ? 4 * L : cn,
                            resume);
                    if (last) {
                        finish4x4(cc, r, cn, al, acc, packs.quad);
                    }
                }
                for (; i < i1; i++) {
                    bcPacked1x4(i - ci, cj, cn, p1 - p0, al, a, i * k + p0, panel, cc, acc, resume, last);
                }
                p0 = p1;
            } while (p0 < k);
            if (!full) {
                for (int i = i0; i < i1; i++) {
                    for (int t = 0, src = (i - i0) * 4 * L; t < width; t++) {
                        store(c, i * n + j + t, alpha, cc[src + t], accumulate);
                    }
                }
            }
        }
    }

    /**
     * Rows {@code [p0, p1)} of the panel of Bᵀ for rows {@code [j, j + width)} of B (k wide) into {@code panel}, row q
     * at {@code q · 4L}, columns from {@code width} on zero: whole vectors by gathers down k, the rest by scalar copies.
     */
    private static void packTransposed(float[] b, int k, int j, int width, int p0, int p1, int[] rowsOfB,
            float[] panel) {
        int whole = width / L * L;
        for (int v = 0; v < whole; v += L) {
            for (int p = p0, src = (j + v) * k + p0, dst = v; p < p1; p++, src++, dst += 4 * L) {
                FloatVector.fromArray(SPECIES, b, src, rowsOfB, 0).intoArray(panel, dst);
            }
        }
        for (int t = whole; t < 4 * L; t++) {
            for (int p = p0, dst = t; p < p1; p++, dst += 4 * L) {
                panel[dst] = t < width ? b[(j + t) * k + p] : 0f;
            }
        }
    }

    /** One row of C × four vectors over a packed panel: {@link #bcPacked4x4}'s row tail, the same chains. */
    private static void bcPacked1x4(int i, int j, int n, int kc, float alpha, float[] a, int a0, float[] panel,
            float[] c, boolean accumulate, boolean resume, boolean last) {
        int r = i * n + j;
        FloatVector c0, c1, c2, c3;
        if (resume) {
            c0 = FloatVector.fromArray(SPECIES, c, r);
            c1 = FloatVector.fromArray(SPECIES, c, r + L);
            c2 = FloatVector.fromArray(SPECIES, c, r + 2 * L);
            c3 = FloatVector.fromArray(SPECIES, c, r + 3 * L);
        } else {
            c0 = FloatVector.zero(SPECIES);
            c1 = c2 = c3 = c0;
        }
        for (int q = 0; q < kc; q++) {
            FloatVector va = FloatVector.broadcast(SPECIES, a[a0 + q]);
            c0 = va.fma(FloatVector.fromArray(SPECIES, panel, q * 4 * L), c0);
            c1 = va.fma(FloatVector.fromArray(SPECIES, panel, q * 4 * L + L), c1);
            c2 = va.fma(FloatVector.fromArray(SPECIES, panel, q * 4 * L + 2 * L), c2);
            c3 = va.fma(FloatVector.fromArray(SPECIES, panel, q * 4 * L + 3 * L), c3);
        }
        if (!last) {
            c0.intoArray(c, r);
            c1.intoArray(c, r + L);
            c2.intoArray(c, r + 2 * L);
            c3.intoArray(c, r + 3 * L);
            return;
        }
        FloatVector va = FloatVector.broadcast(SPECIES, alpha);
        if (accumulate) {
            c0.fma(va, FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
            c1.fma(va, FloatVector.fromArray(SPECIES, c, r + L)).intoArray(c, r + L);
            c2.fma(va, FloatVector.fromArray(SPECIES, c, r + 2 * L)).intoArray(c, r + 2 * L);
            c3.fma(va, FloatVector.fromArray(SPECIES, c, r + 3 * L)).intoArray(c, r + 3 * L);
        } else {
            c0.mul(va).intoArray(c, r);
            c1.mul(va).intoArray(c, r + L);
            c2.mul(va).intoArray(c, r + 2 * L);
            c3.mul(va).intoArray(c, r + 3 * L);
        }
    }


    /**
     * The end of a 4 × 4L tile of C ({@code c} from {@code r0}, rows {@code ldc} apart) after its last block: C holds
     * the raw sums s and gets {@code alpha·s}, or, when {@code accumulate}, the raw sums are in {@code quad} (rows 4L
     * apart) and C gets {@code fma(alpha, s, c)}. One loop, so that C2 compiles a single copy of the vector code.
     */
    private static void finish4x4(float[] c, int r0, int ldc, float alpha, boolean accumulate, float[] quad) {
        if (!accumulate && alpha == 1f) {
            return; // 1·s = s, bit for bit
        }
        FloatVector va = FloatVector.broadcast(SPECIES, alpha);
        for (int r = 0; r < 4; r++) {
            for (int v = 0, o = r0 + r * ldc; v < 4 * L; v += L) {
                if (accumulate) {
                    FloatVector.fromArray(SPECIES, quad, r * 4 * L + v).fma(va, FloatVector.fromArray(SPECIES, c, o + v))
                            .intoArray(c, o + v);
                } else {
                    FloatVector.fromArray(SPECIES, c, o + v).mul(va).intoArray(c, o + v);
                }
            }
        }
    }

    /**
     * Four rows of C × four vectors of columns over {@code kc} rows of a packed panel ({@link #packPanel}), the rows
     * of A at {@code a0, a0 + ars, …} contiguous in p: 16 accumulators, 4 broadcasts and 4 loads per 16 FMAs, in a loop
     * without bounds checks. The accumulators start at zero, or ({@code resume}) at the raw sums a previous block left
     * in the output tile ({@code c} from {@code r0}, rows {@code ldc} apart), and end there as raw sums: alpha and the
     * accumulation are {@link #finish4x4}'s. The kernel has no epilogue variants on purpose: with three of them (raw,
     * {@code alpha·s}, {@code fma(alpha, s, c)}) it was big enough that C2 sometimes stopped intrinsifying before its
     * last vector operations and boxed them (7–50 MB per conv train step, in about one JVM in eight).
     */
    private static void bcPacked4x4(int kc, float[] a, int a0, int ars, float[] panel, float[] c, int r0, int ldc,
            boolean resume) {
        int r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc;
        FloatVector c00, c01, c02, c03;
        FloatVector c10, c11, c12, c13;
        FloatVector c20, c21, c22, c23;
        FloatVector c30, c31, c32, c33;
        if (resume) {
            c00 = FloatVector.fromArray(SPECIES, c, r0);
            c01 = FloatVector.fromArray(SPECIES, c, r0 + L);
            c02 = FloatVector.fromArray(SPECIES, c, r0 + 2 * L);
            c03 = FloatVector.fromArray(SPECIES, c, r0 + 3 * L);
            c10 = FloatVector.fromArray(SPECIES, c, r1);
            c11 = FloatVector.fromArray(SPECIES, c, r1 + L);
            c12 = FloatVector.fromArray(SPECIES, c, r1 + 2 * L);
            c13 = FloatVector.fromArray(SPECIES, c, r1 + 3 * L);
            c20 = FloatVector.fromArray(SPECIES, c, r2);
            c21 = FloatVector.fromArray(SPECIES, c, r2 + L);
            c22 = FloatVector.fromArray(SPECIES, c, r2 + 2 * L);
            c23 = FloatVector.fromArray(SPECIES, c, r2 + 3 * L);
            c30 = FloatVector.fromArray(SPECIES, c, r3);
            c31 = FloatVector.fromArray(SPECIES, c, r3 + L);
            c32 = FloatVector.fromArray(SPECIES, c, r3 + 2 * L);
            c33 = FloatVector.fromArray(SPECIES, c, r3 + 3 * L);
        } else {
            c00 = FloatVector.zero(SPECIES);
            c01 = c02 = c03 = c10 = c11 = c12 = c13 = c20 = c21 = c22 = c23 = c30 = c31 = c32 = c33 = c00;
        }
        int a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars;
        for (int q = 0; q < kc; q++) {
            FloatVector vb0 = FloatVector.fromArray(SPECIES, panel, q * 4 * L);
            FloatVector vb1 = FloatVector.fromArray(SPECIES, panel, q * 4 * L + L);
            FloatVector vb2 = FloatVector.fromArray(SPECIES, panel, q * 4 * L + 2 * L);
            FloatVector vb3 = FloatVector.fromArray(SPECIES, panel, q * 4 * L + 3 * L);
            FloatVector va = FloatVector.broadcast(SPECIES, a[a0 + q]);
            c00 = va.fma(vb0, c00);
            c01 = va.fma(vb1, c01);
            c02 = va.fma(vb2, c02);
            c03 = va.fma(vb3, c03);
            va = FloatVector.broadcast(SPECIES, a[a1 + q]);
            c10 = va.fma(vb0, c10);
            c11 = va.fma(vb1, c11);
            c12 = va.fma(vb2, c12);
            c13 = va.fma(vb3, c13);
            va = FloatVector.broadcast(SPECIES, a[a2 + q]);
            c20 = va.fma(vb0, c20);
            c21 = va.fma(vb1, c21);
            c22 = va.fma(vb2, c22);
            c23 = va.fma(vb3, c23);
            va = FloatVector.broadcast(SPECIES, a[a3 + q]);
            c30 = va.fma(vb0, c30);
            c31 = va.fma(vb1, c31);
            c32 = va.fma(vb2, c32);
            c33 = va.fma(vb3, c33);
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + L);
        c02.intoArray(c, r0 + 2 * L);
        c03.intoArray(c, r0 + 3 * L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c12.intoArray(c, r1 + 2 * L);
        c13.intoArray(c, r1 + 3 * L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c22.intoArray(c, r2 + 2 * L);
        c23.intoArray(c, r2 + 3 * L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c32.intoArray(c, r3 + 2 * L);
        c33.intoArray(c, r3 + 3 * L);
    }

    /**
     * {@link #bcPacked4x4} with A from {@link #packStrips}: the four values of row q of the block at
     * {@code a0 + 4q … a0 + 4q + 3}.
     */
    private static void bcStrips4x4(int kc, float[] a, int a0, float[] panel, float[] c, int r0, int ldc,
            boolean resume) {
        int r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc;
        FloatVector c00, c01, c02, c03;
        FloatVector c10, c11, c12, c13;
        FloatVector c20, c21, c22, c23;
        FloatVector c30, c31, c32, c33;
        if (resume) {
            c00 = FloatVector.fromArray(SPECIES, c, r0);
            c01 = FloatVector.fromArray(SPECIES, c, r0 + L);
            c02 = FloatVector.fromArray(SPECIES, c, r0 + 2 * L);
            c03 = FloatVector.fromArray(SPECIES, c, r0 + 3 * L);
            c10 = FloatVector.fromArray(SPECIES, c, r1);
            c11 = FloatVector.fromArray(SPECIES, c, r1 + L);
            c12 = FloatVector.fromArray(SPECIES, c, r1 + 2 * L);
            c13 = FloatVector.fromArray(SPECIES, c, r1 + 3 * L);
            c20 = FloatVector.fromArray(SPECIES, c, r2);
            c21 = FloatVector.fromArray(SPECIES, c, r2 + L);
            c22 = FloatVector.fromArray(SPECIES, c, r2 + 2 * L);
            c23 = FloatVector.fromArray(SPECIES, c, r2 + 3 * L);
            c30 = FloatVector.fromArray(SPECIES, c, r3);
            c31 = FloatVector.fromArray(SPECIES, c, r3 + L);
            c32 = FloatVector.fromArray(SPECIES, c, r3 + 2 * L);
            c33 = FloatVector.fromArray(SPECIES, c, r3 + 3 * L);
        } else {
            c00 = FloatVector.zero(SPECIES);
            c01 = c02 = c03 = c10 = c11 = c12 = c13 = c20 = c21 = c22 = c23 = c30 = c31 = c32 = c33 = c00;
        }
        for (int q = 0; q < kc; q++) {
            FloatVector vb0 = FloatVector.fromArray(SPECIES, panel, q * 4 * L);
            FloatVector vb1 = FloatVector.fromArray(SPECIES, panel, q * 4 * L + L);
            FloatVector vb2 = FloatVector.fromArray(SPECIES, panel, q * 4 * L + 2 * L);
            FloatVector vb3 = FloatVector.fromArray(SPECIES, panel, q * 4 * L + 3 * L);
            FloatVector va = FloatVector.broadcast(SPECIES, a[a0 + 4 * q]);
            c00 = va.fma(vb0, c00);
            c01 = va.fma(vb1, c01);
            c02 = va.fma(vb2, c02);
            c03 = va.fma(vb3, c03);
            va = FloatVector.broadcast(SPECIES, a[a0 + 4 * q + 1]);
            c10 = va.fma(vb0, c10);
            c11 = va.fma(vb1, c11);
            c12 = va.fma(vb2, c12);
            c13 = va.fma(vb3, c13);
            va = FloatVector.broadcast(SPECIES, a[a0 + 4 * q + 2]);
            c20 = va.fma(vb0, c20);
            c21 = va.fma(vb1, c21);
            c22 = va.fma(vb2, c22);
            c23 = va.fma(vb3, c23);
            va = FloatVector.broadcast(SPECIES, a[a0 + 4 * q + 3]);
            c30 = va.fma(vb0, c30);
            c31 = va.fma(vb1, c31);
            c32 = va.fma(vb2, c32);
            c33 = va.fma(vb3, c33);
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + L);
        c02.intoArray(c, r0 + 2 * L);
        c03.intoArray(c, r0 + 3 * L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c12.intoArray(c, r1 + 2 * L);
        c13.intoArray(c, r1 + 3 * L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c22.intoArray(c, r2 + 2 * L);
        c23.intoArray(c, r2 + 3 * L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c32.intoArray(c, r3 + 2 * L);
        c33.intoArray(c, r3 + 3 * L);
    }

    /** One row of C × four vectors of columns (the row tail, A in place); as {@link #bcPacked4x4}. */
    private static void bc1x4(int i, int j, int n, int p0, int p1, float alpha, float[] a, int ars, int acs,
            float[] b, float[] c, boolean accumulate, boolean resume, boolean last) {
        int r = i * n + j;
        FloatVector c0, c1, c2, c3;
        if (resume) {
            c0 = FloatVector.fromArray(SPECIES, c, r);
            c1 = FloatVector.fromArray(SPECIES, c, r + L);
            c2 = FloatVector.fromArray(SPECIES, c, r + 2 * L);
            c3 = FloatVector.fromArray(SPECIES, c, r + 3 * L);
        } else {
            c0 = FloatVector.zero(SPECIES);
            c1 = c2 = c3 = c0;
        }
        for (int p = p0, bp = j + p0 * n, ap = i * ars + p0 * acs; p < p1; p++, bp += n, ap += acs) {
            FloatVector va = FloatVector.broadcast(SPECIES, a[ap]);
            c0 = va.fma(FloatVector.fromArray(SPECIES, b, bp), c0);
            c1 = va.fma(FloatVector.fromArray(SPECIES, b, bp + L), c1);
            c2 = va.fma(FloatVector.fromArray(SPECIES, b, bp + 2 * L), c2);
            c3 = va.fma(FloatVector.fromArray(SPECIES, b, bp + 3 * L), c3);
        }
        if (!last) {
            c0.intoArray(c, r);
            c1.intoArray(c, r + L);
            c2.intoArray(c, r + 2 * L);
            c3.intoArray(c, r + 3 * L);
            return;
        }
        FloatVector va = FloatVector.broadcast(SPECIES, alpha);
        if (accumulate) {
            c0.fma(va, FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
            c1.fma(va, FloatVector.fromArray(SPECIES, c, r + L)).intoArray(c, r + L);
            c2.fma(va, FloatVector.fromArray(SPECIES, c, r + 2 * L)).intoArray(c, r + 2 * L);
            c3.fma(va, FloatVector.fromArray(SPECIES, c, r + 3 * L)).intoArray(c, r + 3 * L);
        } else {
            c0.mul(va).intoArray(c, r);
            c1.mul(va).intoArray(c, r + L);
            c2.mul(va).intoArray(c, r + 2 * L);
            c3.mul(va).intoArray(c, r + 3 * L);
        }
    }

    /** Four rows of C × one vector of columns (the column tail in whole vectors); as {@link #bcPacked4x4}. */
    private static void bc4x1(int i, int j, int n, int p0, int p1, float alpha, float[] a, int ars, int acs,
            float[] b, float[] c, boolean accumulate, boolean resume, boolean last) {
        int r = i * n + j;
        FloatVector c0, c1, c2, c3;
        if (resume) {
            c0 = FloatVector.fromArray(SPECIES, c, r);
            c1 = FloatVector.fromArray(SPECIES, c, r + n);
            c2 = FloatVector.fromArray(SPECIES, c, r + 2 * n);
            c3 = FloatVector.fromArray(SPECIES, c, r + 3 * n);
        } else {
            c0 = FloatVector.zero(SPECIES);
            c1 = c2 = c3 = c0;
        }
        int a0 = i * ars, a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars;
        for (int p = p0, bp = j + p0 * n, ap = p0 * acs; p < p1; p++, bp += n, ap += acs) {
            FloatVector vb = FloatVector.fromArray(SPECIES, b, bp);
            c0 = FloatVector.broadcast(SPECIES, a[a0 + ap]).fma(vb, c0);
            c1 = FloatVector.broadcast(SPECIES, a[a1 + ap]).fma(vb, c1);
            c2 = FloatVector.broadcast(SPECIES, a[a2 + ap]).fma(vb, c2);
            c3 = FloatVector.broadcast(SPECIES, a[a3 + ap]).fma(vb, c3);
        }
        if (!last) {
            c0.intoArray(c, r);
            c1.intoArray(c, r + n);
            c2.intoArray(c, r + 2 * n);
            c3.intoArray(c, r + 3 * n);
            return;
        }
        FloatVector va = FloatVector.broadcast(SPECIES, alpha);
        if (accumulate) {
            c0.fma(va, FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
            c1.fma(va, FloatVector.fromArray(SPECIES, c, r + n)).intoArray(c, r + n);
            c2.fma(va, FloatVector.fromArray(SPECIES, c, r + 2 * n)).intoArray(c, r + 2 * n);
            c3.fma(va, FloatVector.fromArray(SPECIES, c, r + 3 * n)).intoArray(c, r + 3 * n);
        } else {
            c0.mul(va).intoArray(c, r);
            c1.mul(va).intoArray(c, r + n);
            c2.mul(va).intoArray(c, r + 2 * n);
            c3.mul(va).intoArray(c, r + 3 * n);
        }
    }

    private static void bc1x1(int i, int j, int n, int p0, int p1, float alpha, float[] a, int ars, int acs,
            float[] b, float[] c, boolean accumulate, boolean resume, boolean last) {
        int r = i * n + j;
        FloatVector c0 = resume ? FloatVector.fromArray(SPECIES, c, r) : FloatVector.zero(SPECIES);
        for (int p = p0, bp = j + p0 * n, ap = i * ars + p0 * acs; p < p1; p++, bp += n, ap += acs) {
            c0 = FloatVector.broadcast(SPECIES, a[ap]).fma(FloatVector.fromArray(SPECIES, b, bp), c0);
        }
        if (!last) {
            c0.intoArray(c, r);
            return;
        }
        FloatVector va = FloatVector.broadcast(SPECIES, alpha);
        if (accumulate) {
            c0.fma(va, FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        } else {
            c0.mul(va).intoArray(c, r);
        }
    }

    /**
     * The last {@code < L} columns {@code [j, j1)}: the rows of C in fours, then one by one, each a single vector whose
     * lanes at and beyond {@code j1} are masked off (loads read zeros there, stores skip them). The live lanes are the
     * same {@code fma} chains as every other path, so the bits do not depend on where the tail starts.
     */
    private static void bcTail(int i0, int i1, int j, int j1, int n, int k, float alpha, float[] a, int ars,
            int acs, float[] b, float[] c, boolean accumulate) {
        int i = i0;
        for (; i + 8 <= i1; i += 8) {
            bcMasked8x1(i, j, j1, n, k, alpha, a, ars, acs, b, c, accumulate);
        }
        for (; i < i1; i++) {
            bcMasked1x1(i, j, j1, n, k, alpha, a, ars, acs, b, c, accumulate);
        }
    }

    /**
     * Eight rows of C × the masked column tail, over the whole reduction: eight independent FMA chains, enough to keep
     * both FMA pipes busy (four chains waited on the FMA latency half the time); the last rows go one by one.
     */
    private static void bcMasked8x1(int i, int j, int j1, int n, int k, float alpha, float[] a, int ars, int acs,
            float[] b, float[] c, boolean accumulate) {
        VectorMask<Float> m = SPECIES.indexInRange(j, j1);
        FloatVector c0 = FloatVector.zero(SPECIES), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        int a0 = i * ars, a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars;
        int a4 = a3 + ars, a5 = a4 + ars, a6 = a5 + ars, a7 = a6 + ars;
        for (int p = 0, bp = j, ap = 0; p < k; p++, bp += n, ap += acs) {
            FloatVector vb = FloatVector.fromArray(SPECIES, b, bp, m);
            c0 = FloatVector.broadcast(SPECIES, a[a0 + ap]).fma(vb, c0);
            c1 = FloatVector.broadcast(SPECIES, a[a1 + ap]).fma(vb, c1);
            c2 = FloatVector.broadcast(SPECIES, a[a2 + ap]).fma(vb, c2);
            c3 = FloatVector.broadcast(SPECIES, a[a3 + ap]).fma(vb, c3);
            c4 = FloatVector.broadcast(SPECIES, a[a4 + ap]).fma(vb, c4);
            c5 = FloatVector.broadcast(SPECIES, a[a5 + ap]).fma(vb, c5);
            c6 = FloatVector.broadcast(SPECIES, a[a6 + ap]).fma(vb, c6);
            c7 = FloatVector.broadcast(SPECIES, a[a7 + ap]).fma(vb, c7);
        }
        int r = i * n + j;
        FloatVector va = FloatVector.broadcast(SPECIES, alpha);
        if (accumulate) {
            c0.fma(va, FloatVector.fromArray(SPECIES, c, r, m)).intoArray(c, r, m);
            c1.fma(va, FloatVector.fromArray(SPECIES, c, r + n, m)).intoArray(c, r + n, m);
            c2.fma(va, FloatVector.fromArray(SPECIES, c, r + 2 * n, m)).intoArray(c, r + 2 * n, m);
            c3.fma(va, FloatVector.fromArray(SPECIES, c, r + 3 * n, m)).intoArray(c, r + 3 * n, m);
            c4.fma(va, FloatVector.fromArray(SPECIES, c, r + 4 * n, m)).intoArray(c, r + 4 * n, m);
            c5.fma(va, FloatVector.fromArray(SPECIES, c, r + 5 * n, m)).intoArray(c, r + 5 * n, m);
            c6.fma(va, FloatVector.fromArray(SPECIES, c, r + 6 * n, m)).intoArray(c, r + 6 * n, m);
            c7.fma(va, FloatVector.fromArray(SPECIES, c, r + 7 * n, m)).intoArray(c, r + 7 * n, m);
        } else {
            c0.mul(va).intoArray(c, r, m);
            c1.mul(va).intoArray(c, r + n, m);
            c2.mul(va).intoArray(c, r + 2 * n, m);
            c3.mul(va).intoArray(c, r + 3 * n, m);
            c4.mul(va).intoArray(c, r + 4 * n, m);
            c5.mul(va).intoArray(c, r + 5 * n, m);
            c6.mul(va).intoArray(c, r + 6 * n, m);
            c7.mul(va).intoArray(c, r + 7 * n, m);
        }
    }

    /** One row of C × the masked column tail, over the whole reduction. */
    private static void bcMasked1x1(int i, int j, int j1, int n, int k, float alpha, float[] a, int ars, int acs,
            float[] b, float[] c, boolean accumulate) {
        VectorMask<Float> m = SPECIES.indexInRange(j, j1);
        FloatVector c0 = FloatVector.zero(SPECIES);
        for (int p = 0, bp = j, ap = i * ars; p < k; p++, bp += n, ap += acs) {
            c0 = FloatVector.broadcast(SPECIES, a[ap]).fma(FloatVector.fromArray(SPECIES, b, bp, m), c0);
        }
        int r = i * n + j;
        FloatVector va = FloatVector.broadcast(SPECIES, alpha);
        if (accumulate) {
            c0.fma(va, FloatVector.fromArray(SPECIES, c, r, m)).intoArray(c, r, m);
        } else {
            c0.mul(va).intoArray(c, r, m);
        }
    }
}
