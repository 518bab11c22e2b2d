package infergen.runtime.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ElementwiseKernel} on the Vector API; each loop's scalar tail is the scalar expression itself, and the loops
 * not vectorized here (sigmoid and tanh themselves, the Fenchel error but for relu) are {@link ScalarElementwise}'s.
 * Vector
 * {@code max}/{@code min} are {@link Math#max}/{@link Math#min} lane by lane (signed zeros and NaN included), and a
 * comparison that is false for NaN selects zero as the scalar conditional does.
 */
final class VectorElementwise implements ElementwiseKernel {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    private static final ScalarElementwise SCALAR = new ScalarElementwise();
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    /** Lane l → 2l and 2l + 1 of two concatenated vectors (indices from L up select from the second). */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(SPECIES, l -> 2 * l);
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(SPECIES, l -> 2 * l + 1);
    /** {@code {0, 2, 4, …}}: the position of lane l's window within a pair of rows. */
    private static final int[] TWICE = new int[L];

    static {
        for (int l = 0; l < L; l++) {
            TWICE[l] = 2 * l;
        }
    }

    @Override
    public void addBias(float[] a, int off, float[] bias, int j0, int len) {
        int t = 0;
        for (int bound = SPECIES.loopBound(len); t < bound; t += L) {
            FloatVector.fromArray(SPECIES, a, off + t).add(FloatVector.fromArray(SPECIES, bias, j0 + t))
                    .intoArray(a, off + t);
        }
        for (; t < len; t++) {
            a[off + t] += bias[j0 + t];
        }
    }

    @Override
    public void activate(Nonlinearity f, float[] a, float[] s, int from, int to) {
        switch (f) {
            case RELU -> clip(a, s, from, to, 0f, Float.POSITIVE_INFINITY);
            case HARD_TANH -> clip(a, s, from, to, -1f, 1f);
            case HARD_SIGMOID -> clip(a, s, from, to, 0f, 1f);
            default -> SCALAR.activate(f, a, s, from, to);
        }
    }

    /**
     * {@code s = min(hi, max(lo, a))}; with {@code hi = +∞} that is {@code max(lo, a)} exactly (the min changes no
     * value, NaN included), so relu shares the loop.
     */
    private static void clip(float[] a, float[] s, int from, int to, float lo, float hi) {
        int i = from;
        for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += L) {
            FloatVector.fromArray(SPECIES, a, i).max(lo).min(hi).intoArray(s, i);
        }
        for (; i < to; i++) {
            s[i] = Math.min(hi, Math.max(lo, a[i]));
        }
    }

    @Override
    public void derivative(Nonlinearity f, float[] a, float[] s, float[] g, int from, int to) {
        switch (f) {
            case IDENTITY -> { }
            case RELU -> positive(a, g, from, to);
            case HARD_TANH -> window(a, g, from, to, -1f, 1f);
            case HARD_SIGMOID -> window(a, g, from, to, 0f, 1f);
            case SIGMOID -> sigmoidDerivative(s, g, from, to);
            case TANH -> tanhDerivative(s, g, from, to);
        }
    }

    /** {@code g = a > 0 ? g : 0} (relu'; no upper bound, so a = +∞ passes). */
    private static void positive(float[] a, float[] g, int from, int to) {
        int i = from;
        for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += L) {
            FloatVector.zero(SPECIES).blend(FloatVector.fromArray(SPECIES, g, i),
                    FloatVector.fromArray(SPECIES, a, i).compare(VectorOperators.GT, 0f)).intoArray(g, i);
        }
        for (; i < to; i++) {
            g[i] = a[i] > 0f ? g[i] : 0f;
        }
    }

    /** {@code g = lo < a < hi ? g : 0}. */
    private static void window(float[] a, float[] g, int from, int to, float lo, float hi) {
        int i = from;
        for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += L) {
            FloatVector va = FloatVector.fromArray(SPECIES, a, i);
            FloatVector.zero(SPECIES).blend(FloatVector.fromArray(SPECIES, g, i),
                    va.compare(VectorOperators.GT, lo).and(va.compare(VectorOperators.LT, hi))).intoArray(g, i);
        }
        for (; i < to; i++) {
            g[i] = a[i] > lo && a[i] < hi ? g[i] : 0f;
        }
    }

    /** {@code g *= s · (1 − s)}. */
    private static void sigmoidDerivative(float[] s, float[] g, int from, int to) {
        int i = from;
        for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += L) {
            FloatVector vs = FloatVector.fromArray(SPECIES, s, i);
            FloatVector.fromArray(SPECIES, g, i).mul(vs.mul(FloatVector.broadcast(SPECIES, 1f).sub(vs)))
                    .intoArray(g, i);
        }
        for (; i < to; i++) {
            g[i] *= s[i] * (1f - s[i]);
        }
    }

    /** {@code g *= 1 − s²}. */
    private static void tanhDerivative(float[] s, float[] g, int from, int to) {
        int i = from;
        for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += L) {
            FloatVector vs = FloatVector.fromArray(SPECIES, s, i);
            FloatVector.fromArray(SPECIES, g, i).mul(FloatVector.broadcast(SPECIES, 1f).sub(vs.mul(vs)))
                    .intoArray(g, i);
        }
        for (; i < to; i++) {
            g[i] *= 1f - s[i] * s[i];
        }
    }

    /**
     * Panels of four vectors of columns, each summed down all rows in registers (one add per element, in row order,
     * from zero), then scaled once and stored; the last columns one vector at a time and then by scalars.
     */
    @Override
    public void columnSums(int m, int n, float alpha, float[] a, float[] out) {
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
            FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
            for (int i = 0, row = j; i < m; i++, row += n) {
                s0 = s0.add(FloatVector.fromArray(SPECIES, a, row));
                s1 = s1.add(FloatVector.fromArray(SPECIES, a, row + L));
                s2 = s2.add(FloatVector.fromArray(SPECIES, a, row + 2 * L));
                s3 = s3.add(FloatVector.fromArray(SPECIES, a, row + 3 * L));
            }
            s0.mul(alpha).intoArray(out, j);
            s1.mul(alpha).intoArray(out, j + L);
            s2.mul(alpha).intoArray(out, j + 2 * L);
            s3.mul(alpha).intoArray(out, j + 3 * L);
        }
        for (; j + L <= n; j += L) {
            FloatVector s0 = FloatVector.zero(SPECIES);
            for (int i = 0, row = j; i < m; i++, row += n) {
                s0 = s0.add(FloatVector.fromArray(SPECIES, a, row));
            }
            s0.mul(alpha).intoArray(out, j);
        }
        for (; j < n; j++) {
            float s = 0f;
            for (int i = 0, idx = j; i < m; i++, idx += n) {
                s += a[idx];
            }
            out[j] = s * alpha;
        }
    }

    /** {@code x · 0} is ±0 for a finite x and NaN otherwise; a sum of those is NaN exactly when one of them is. */
    @Override
    public boolean allFinite(float[] a, int len) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound = SPECIES.loopBound(len); i < bound; i += L) {
            acc = acc.add(FloatVector.fromArray(SPECIES, a, i).mul(0f));
        }
        if (acc.test(VectorOperators.IS_NAN).anyTrue()) {
            return false;
        }
        for (; i < len; i++) {
            if (!Float.isFinite(a[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The relu Fenchel error with {@link FenchelTargets#relu}'s operations: {@code v = a − βg} (product, then
     * difference, no fused multiply-add), then {@code g} or {@code a/β} where {@code a > 0}, {@code g − a/β} or 0
     * elsewhere, chosen by {@code v > 0}; both comparisons are false for NaN, as the scalar branches.
     */
    @Override
    public void fenchel(Nonlinearity f, float[] a, float beta, float[] g, int from, int to) {
        if (f != Nonlinearity.RELU) {
            SCALAR.fenchel(f, a, beta, g, from, to);
            return;
        }
        FloatVector zero = FloatVector.zero(SPECIES);
        int i = from;
        for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += L) {
            FloatVector va = FloatVector.fromArray(SPECIES, a, i), vg = FloatVector.fromArray(SPECIES, g, i);
            FloatVector v = va.sub(vg.mul(beta));
            FloatVector q = va.div(beta);
            VectorMask<Float> vPos = v.compare(VectorOperators.GT, 0f);
            FloatVector above = q.blend(vg, vPos);
            FloatVector below = zero.blend(vg.sub(q), vPos);
            below.blend(above, va.compare(VectorOperators.GT, 0f)).intoArray(g, i);
        }
        for (; i < to; i++) {
            g[i] = FenchelTargets.relu(a[i], g[i], beta);
        }
    }

    /**
     * 2 × 2 windows: lanes are {@code L} neighbouring windows of an output row; each of the two input rows is read as
     * two vectors and split into its even and odd columns by a two-vector shuffle. The window's four elements come in
     * row-major order and replace the running maximum where strictly greater (false for NaN), as the scalar loop does,
     * so the bits and the recorded positions are the same. Other window sizes are the scalar loop's.
     */
    @Override
    public void maxPool(float[] map, int in, int cw, int r, int ph, int pw, float[] a, int[] argmax, int out) {
        if (r != 2 || INTS.length() != L) {
            SCALAR.maxPool(map, in, cw, r, ph, pw, a, argmax, out);
            return;
        }
        int used = 2 * pw;
        for (int u = 0; u < ph; u++) {
            int top = 2 * u * cw, bottom = top + cw;
            for (int v = 0; v < pw; v += L) {
                int c = 2 * v;
                VectorMask<Float> lo = SPECIES.indexInRange(c, used), hi = SPECIES.indexInRange(c + L, used);
                FloatVector t0 = FloatVector.fromArray(SPECIES, map, in + top + c, lo);
                FloatVector t1 = FloatVector.fromArray(SPECIES, map, in + top + c + L, hi);
                FloatVector b0 = FloatVector.fromArray(SPECIES, map, in + bottom + c, lo);
                FloatVector b1 = FloatVector.fromArray(SPECIES, map, in + bottom + c + L, hi);
                IntVector at = IntVector.fromArray(INTS, TWICE, 0).add(top + c);
                FloatVector m = t0.rearrange(EVEN, t1);
                IntVector best = at;
                FloatVector e = t0.rearrange(ODD, t1);
                VectorMask<Float> gt = e.compare(VectorOperators.GT, m);
                m = m.blend(e, gt);
                best = best.blend(at.add(1), gt.cast(INTS));
                e = b0.rearrange(EVEN, b1);
                gt = e.compare(VectorOperators.GT, m);
                m = m.blend(e, gt);
                best = best.blend(at.add(cw), gt.cast(INTS));
                e = b0.rearrange(ODD, b1);
                gt = e.compare(VectorOperators.GT, m);
                m = m.blend(e, gt);
                best = best.blend(at.add(cw + 1), gt.cast(INTS));
                int o = out + u * pw + v;
                VectorMask<Float> live = SPECIES.indexInRange(v, pw);
                m.intoArray(a, o, live);
                best.intoArray(argmax, o, live.cast(INTS));
            }
        }
    }
}
