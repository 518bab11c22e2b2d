package infergen.runtime.kernel;

/**
 * {@link ElementwiseKernel} in plain Java: the kernel without {@code jdk.incubator.vector}, and the reference whose
 * bits {@link VectorElementwise} gives (and to which it hands the loops it does not vectorize). These are the
 * expressions of {@link Activations}, {@link Vectors} and {@link FenchelTargets}.
 */
final class ScalarElementwise implements ElementwiseKernel {

    @Override
    public void addBias(float[] a, int off, float[] bias, int j0, int len) {
        for (int t = 0; t < len; t++) {
            a[off + t] += bias[j0 + t];
        }
    }

    @Override
    public void activate(Nonlinearity f, float[] a, float[] s, int from, int to) {
        switch (f) {
            case IDENTITY -> { }
            case RELU -> {
                for (int i = from; i < to; i++) {
                    s[i] = Math.max(0f, a[i]);
                }
            }
            case HARD_TANH -> {
                for (int i = from; i < to; i++) {
                    s[i] = Math.min(1f, Math.max(-1f, a[i]));
                }
            }
            case HARD_SIGMOID -> {
                for (int i = from; i < to; i++) {
                    s[i] = Math.min(1f, Math.max(0f, a[i]));
                }
            }
            case SIGMOID -> {
                for (int i = from; i < to; i++) {
                    s[i] = (float) (1.0 / (1.0 + Math.exp(-a[i])));
                }
            }
            case TANH -> {
                for (int i = from; i < to; i++) {
                    s[i] = (float) Math.tanh(a[i]);
                }
            }
        }
    }

    @Override
    public void derivative(Nonlinearity f, float[] a, float[] s, float[] g, int from, int to) {
        switch (f) {
            case IDENTITY -> { }
            case RELU -> {
                for (int i = from; i < to; i++) {
                    g[i] = a[i] > 0f ? g[i] : 0f;
                }
            }
            case HARD_TANH -> {
                for (int i = from; i < to; i++) {
                    g[i] = a[i] > -1f && a[i] < 1f ? g[i] : 0f;
                }
            }
            case HARD_SIGMOID -> {
                for (int i = from; i < to; i++) {
                    g[i] = a[i] > 0f && a[i] < 1f ? g[i] : 0f;
                }
            }
            case SIGMOID -> {
                for (int i = from; i < to; i++) {
                    g[i] *= s[i] * (1f - s[i]);
                }
            }
            case TANH -> {
                for (int i = from; i < to; i++) {
                    g[i] *= 1f - s[i] * s[i];
                }
            }
        }
    }

    @Override
    public void columnSums(int m, int n, float alpha, float[] a, float[] out) {
        java.util.Arrays.fill(out, 0, n, 0f);
        for (int i = 0; i < m; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                out[j] += a[row + j];
            }
        }
        for (int j = 0; j < n; j++) {
            out[j] *= alpha;
        }
    }

    @Override
    public boolean allFinite(float[] a, int len) {
        for (int i = 0; i < len; i++) {
            if (!Float.isFinite(a[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void fenchel(Nonlinearity f, float[] a, float beta, float[] g, int from, int to) {
        switch (f) {
            case IDENTITY -> { }
            case RELU -> {
                for (int i = from; i < to; i++) {
                    g[i] = FenchelTargets.relu(a[i], g[i], beta);
                }
            }
            case HARD_TANH -> {
                for (int i = from; i < to; i++) {
                    g[i] = FenchelTargets.hardTanh(a[i], g[i], beta);
                }
            }
            case HARD_SIGMOID -> {
                for (int i = from; i < to; i++) {
                    g[i] = FenchelTargets.hardSigmoid(a[i], g[i], beta);
                }
            }
            case SIGMOID -> {
                for (int i = from; i < to; i++) {
                    g[i] = FenchelTargets.sigmoid(a[i], g[i], beta);
                }
            }
            case TANH -> {
                for (int i = from; i < to; i++) {
                    g[i] = FenchelTargets.tanh(a[i], g[i], beta);
                }
            }
        }
    }

    @Override
    public void maxPool(float[] map, int in, int cw, int r, int ph, int pw, float[] a, int[] argmax, int out) {
        for (int u = 0, o = out; u < ph; u++) {
            for (int v = 0; v < pw; v++, o++) {
                int best = u * r * cw + v * r;
                float m = map[in + best];
                for (int di = 0; di < r; di++) {
                    for (int dj = 0, p = (u * r + di) * cw + v * r; dj < r; dj++, p++) {
                        float e = map[in + p];
                        if (e > m) {
                            m = e;
                            best = p;
                        }
                    }
                }
                a[o] = m;
                argmax[o] = best;
            }
        }
    }
}
