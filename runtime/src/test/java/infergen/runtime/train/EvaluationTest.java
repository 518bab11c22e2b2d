package infergen.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import infergen.runtime.Checks;
import infergen.runtime.data.Dataset;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    /** Predicts class round(x[0]) with probability 1, checking lengths exactly like a generated network. */
    private static final class RuleNet extends ForwardingNet {
        int calls;

        RuleNet() {
            super(new LinearSoftmaxNet(1, 3, 4, 0f, 0));
        }

        @Override
        public void predict(float[] x, int n, float[] out) {
            Checks.batch(n, 4);
            Checks.length("x", x, n, 1);
            Checks.length("out", out, n, 3);
            java.util.Arrays.fill(out, 0f);
            for (int i = 0; i < n; i++) {
                out[3 * i + Math.round(x[i])] = 1f;
            }
            calls++;
        }
    }

    @Test
    void confusionMatrixAndAccuracyInBatchesOfMaxBatch() {
        // 11 samples: 2 full batches of 4 and one of 3, each checked for exact lengths by the net.
        float[] x = {0, 0, 1, 2, 1, 1, 2, 2, 0, 2, 1};
        int[] y = {0, 1, 1, 2, 1, 0, 2, 2, 0, 0, 1};
        Dataset d = new Dataset(x, y, 1, 3, "rule");
        RuleNet net = new RuleNet();
        assertArrayEquals(new int[] {0, 0, 1, 2, 1, 1, 2, 2, 0, 2, 1}, Evaluation.predictions(net, d));
        assertEquals(3, net.calls);
        int[][] m = Evaluation.confusionMatrix(net, d);
        assertArrayEquals(new int[] {2, 1, 1}, m[0]);
        assertArrayEquals(new int[] {1, 3, 0}, m[1]);
        assertArrayEquals(new int[] {0, 0, 3}, m[2]);
        assertEquals(8 / 11.0, Evaluation.accuracy(net, d));
    }

    @Test
    void argmaxTakesTheFirstOfEqualMaxima() {
        float[] a = {9, 1, 3, 3, 0};
        assertEquals(1, Evaluation.argmax(a, 1, 4));
        assertEquals(0, Evaluation.argmax(a, 0, 5));
        assertEquals(0, Evaluation.argmax(a, 4, 1));
    }
}
