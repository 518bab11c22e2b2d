package infergen.runtime.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Optimizers#adam} on the Vector API: the same operations in the same order as the scalar loop, lane by lane
 * (no fused multiply-add), so it gives the bits of {@link ScalarAdam}, whose loop is also its tail. Loaded by name by
 * {@link Kernels}.
 */
final class VectorAdam implements AdamKernel {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    @Override
    public void adam(float[] p, float[] g, float[] m, float[] v, int from, int to, float stepSize, float beta1,
            float beta2, float epsilon, float invSqrtBc2) {
        float c1 = 1f - beta1, c2 = 1f - beta2;
        int i = from;
        int bound = from + SPECIES.loopBound(to - from);
        for (; i < bound; i += SPECIES.length()) {
            FloatVector gi = FloatVector.fromArray(SPECIES, g, i);
            FloatVector mi = FloatVector.fromArray(SPECIES, m, i).mul(beta1).add(gi.mul(c1));
            FloatVector vi = FloatVector.fromArray(SPECIES, v, i).mul(beta2).add(gi.mul(c2).mul(gi));
            // flush moments below the smallest normal float to zero (see Optimizers.adam)
            VectorMask<Float> mTiny = mi.abs().compare(VectorOperators.LT, Float.MIN_NORMAL);
            mi = mi.blend(0f, mTiny);
            vi = vi.blend(0f, vi.compare(VectorOperators.LT, Float.MIN_NORMAL));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector den = vi.sqrt().mul(invSqrtBc2).add(epsilon);
            FloatVector.fromArray(SPECIES, p, i).sub(mi.mul(stepSize).div(den)).intoArray(p, i);
        }
        ScalarAdam.range(p, g, m, v, i, to, stepSize, beta1, beta2, epsilon, invSqrtBc2);
    }
}
