package infergen.runtime.kernel;

/**
 * Plain-Java GEMM: the reference the vector kernels are tested against, and the fallback when
 * {@code jdk.incubator.vector} is absent. Loops are ordered for unit stride in the innermost loop.
 */
public final class ScalarGemm implements GemmKernel {

    @Override
    public void abT(int m, int n, int k, float alpha, float[] a, float[] b, float[] c, boolean accumulate) {
        abTColumns(0, n, m, n, k, alpha, a, b, c, accumulate);
    }

    @Override
    public void ab(int m, int n, int k, float alpha, float[] a, float[] b, float[] c, boolean accumulate) {
        abColumns(0, n, m, n, k, alpha, a, b, c, accumulate);
    }

    @Override
    public void atB(int m, int n, int k, float alpha, float[] a, float[] b, float[] c, boolean accumulate) {
        atBColumns(0, n, m, n, k, alpha, a, b, c, accumulate);
    }

    @Override
    public void abTColumns(int j0, int j1, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
            boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = j0; j < j1; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum += a[i * k + p] * b[j * k + p];
                }
                c[i * n + j] = accumulate ? c[i * n + j] + alpha * sum : alpha * sum;
            }
        }
    }

    @Override
    public void abColumns(int j0, int j1, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
            boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int row = i * n;
            if (!accumulate) {
                java.util.Arrays.fill(c, row + j0, row + j1, 0f);
            }
            for (int p = 0; p < k; p++) {
                float aip = alpha * a[i * k + p];
                int bRow = p * n;
                for (int j = j0; j < j1; j++) {
                    c[row + j] += aip * b[bRow + j];
                }
            }
        }
    }

    @Override
    public void atBColumns(int j0, int j1, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
            boolean accumulate) {
        atBBlock(0, m, j0, j1, m, n, k, alpha, a, b, c, accumulate);
    }

    @Override
    public void atBRows(int i0, int i1, int m, int n, int k, float alpha, float[] a, float[] b, float[] c,
            boolean accumulate) {
        atBBlock(i0, i1, 0, n, m, n, k, alpha, a, b, c, accumulate);
    }

    private static void atBBlock(int i0, int i1, int j0, int j1, int m, int n, int k, float alpha, float[] a,
            float[] b, float[] c, boolean accumulate) {
        if (!accumulate) {
            for (int i = i0; i < i1; i++) {
                java.util.Arrays.fill(c, i * n + j0, i * n + j1, 0f);
            }
        }
        for (int p = 0; p < k; p++) {
            int bRow = p * n;
            for (int i = i0; i < i1; i++) {
                float api = alpha * a[p * m + i];
                int row = i * n;
                for (int j = j0; j < j1; j++) {
                    c[row + j] += api * b[bRow + j];
                }
            }
        }
    }
}
