package infergen.runtime.kernel;

/**
 * The squared spectral norm {@code ‖W‖²} of a row-major {@code rows × cols} matrix by power iteration on
 * {@code WᵀW}, for the step size {@code 1/‖W‖²} of the lifted-network block solver (docs/methods.md §5). The vector
 * {@code v} persists between calls, so a few iterations per training step follow the slowly changing weights;
 * an all-zero {@code v} starts from the all-ones vector.
 */
public final class SpectralNorm {

    private SpectralNorm() {
    }

    /**
     * {@code iterations} steps of {@code v ← WᵀW v / ‖WᵀW v‖}, then the Rayleigh quotient {@code ‖W v‖²} with
     * {@code ‖v‖ = 1}: a lower bound of {@code ‖W‖²} that converges from below.
     *
     * @param u scratch of length {@code rows}
     * @param v the iterate, length {@code cols}, kept between calls
     */
    public static float squared(float[] w, int rows, int cols, float[] u, float[] v, int iterations) {
        if (normalize(v, cols) == 0.0) {
            java.util.Arrays.fill(v, 0, cols, (float) (1.0 / Math.sqrt(cols)));
        }
        double rayleigh = 0.0;
        for (int it = 0; it <= iterations; it++) {
            // u = W v
            for (int r = 0; r < rows; r++) {
                double acc = 0.0;
                int row = r * cols;
                for (int c = 0; c < cols; c++) {
                    acc += (double) w[row + c] * v[c];
                }
                u[r] = (float) acc;
            }
            rayleigh = StateVectors.sumSquares(u, rows);
            if (it == iterations) {
                break;
            }
            // v = Wᵀ u, normalized
            java.util.Arrays.fill(v, 0, cols, 0f);
            for (int r = 0; r < rows; r++) {
                float ur = u[r];
                int row = r * cols;
                for (int c = 0; c < cols; c++) {
                    v[c] += w[row + c] * ur;
                }
            }
            if (normalize(v, cols) == 0.0) {
                return 0f;
            }
        }
        return (float) rayleigh;
    }

    /** Scales {@code v[0, len)} to unit length (left alone if zero); returns its norm before. */
    static double normalize(float[] v, int len) {
        double norm = Math.sqrt(StateVectors.sumSquares(v, len));
        if (norm > 0.0) {
            float inv = (float) (1.0 / norm);
            for (int i = 0; i < len; i++) {
                v[i] *= inv;
            }
        }
        return norm;
    }
}
