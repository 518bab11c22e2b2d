package infergen.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Softmax cross-entropy and squared error against double-precision references, including huge logits. */
class LossesTest {

    static Stream<Arguments> batches() {
        // seed, samples, classes, logit scale (1e4: probabilities of exactly 0 and 1, losses of ~1e4)
        return Stream.of(
                Arguments.of(1L, 1, 1, 1f), Arguments.of(2L, 1, 10, 1f), Arguments.of(3L, 50, 10, 3f),
                Arguments.of(4L, 7, 3, 30f), Arguments.of(5L, 13, 10, 1e4f), Arguments.of(6L, 5, 2, 1e4f),
                Arguments.of(7L, 64, 17, 100f));
    }

    @ParameterizedTest(name = "seed={0} n={1} classes={2} scale={3}")
    @MethodSource("batches")
    void softmaxCrossEntropyMatchesDoubleReference(long seed, int n, int classes, float scale) {
        Random rnd = new Random(seed);
        float[] logits = new float[n * classes];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (rnd.nextFloat() * 2 - 1) * scale;
        }
        int[] labels = new int[n];
        for (int r = 0; r < n; r++) {
            labels[r] = rnd.nextInt(classes);
        }
        float[] probs = new float[n * classes];
        float[] err = new float[n * classes];
        double loss = Losses.softmaxCrossEntropy(logits, labels, n, classes, probs, err);

        double refLoss = 0;
        for (int r = 0; r < n; r++) {
            int off = r * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < classes; i++) {
                max = Math.max(max, logits[off + i]);
            }
            double sum = 0;
            for (int i = 0; i < classes; i++) {
                sum += Math.exp((double) logits[off + i] - max);
            }
            double lse = max + Math.log(sum);
            refLoss += lse - logits[off + labels[r]];
            double rowSum = 0;
            for (int i = 0; i < classes; i++) {
                double p = Math.exp((double) logits[off + i] - lse);
                assertEquals(p, probs[off + i], 1e-6 * Math.max(1, p), "p at " + r + "," + i);
                assertEquals(p - (i == labels[r] ? 1 : 0), err[off + i], 1e-6, "err at " + r + "," + i);
                assertTrue(Float.isFinite(probs[off + i]) && Float.isFinite(err[off + i]));
                rowSum += probs[off + i];
            }
            assertEquals(1.0, rowSum, 1e-5, "probabilities of row " + r + " sum to 1");
        }
        assertTrue(Double.isFinite(loss));
        assertEquals(refLoss, loss, 1e-6 * Math.max(1, Math.abs(refLoss)) + 1e-5 * n);
    }

    @Test
    void hugeLogitsGiveTheHardLoss() {
        float[] logits = {1e4f, -1e4f, 0f, 0f, -1e4f, 1e4f};
        int[] labels = {1, 2};
        float[] probs = new float[6];
        float[] err = new float[6];
        double loss = Losses.softmaxCrossEntropy(logits, labels, 2, 3, probs, err);
        // Sample 0: the label's logit is 2e4 below the max, so its loss is 2e4; sample 1 is certain and right.
        assertEquals(2e4, loss, 1e-3);
        assertEquals(1f, probs[0]);
        assertEquals(0f, probs[1]);
        assertEquals(-1f, err[1]);
        assertEquals(0f, err[5]);
    }

    @Test
    void softmaxAgreesWithCrossEntropyProbabilitiesAndWorksInPlace() {
        Random rnd = new Random(9);
        int n = 6, classes = 5;
        float[] logits = new float[n * classes];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (rnd.nextFloat() * 2 - 1) * 50f;
        }
        float[] probs = new float[n * classes];
        Losses.softmaxCrossEntropy(logits, new int[n], n, classes, probs, new float[n * classes]);
        float[] inPlace = logits.clone();
        Losses.softmax(inPlace, n, classes, inPlace);
        for (int i = 0; i < probs.length; i++) {
            assertEquals(probs[i], inPlace[i], 1e-7f, "element " + i);
        }
    }

    static Stream<Arguments> squaredCases() {
        return Stream.of(Arguments.of(1L, 1, 1), Arguments.of(2L, 50, 10), Arguments.of(3L, 3, 17));
    }

    @ParameterizedTest(name = "seed={0} n={1} outputs={2}")
    @MethodSource("squaredCases")
    void squaredErrorMatchesDoubleReference(long seed, int n, int outputs) {
        Random rnd = new Random(seed);
        float[] s = new float[n * outputs];
        float[] y = new float[n * outputs];
        for (int i = 0; i < s.length; i++) {
            s[i] = (rnd.nextFloat() * 2 - 1) * 4;
            y[i] = (rnd.nextFloat() * 2 - 1) * 4;
        }
        float[] err = new float[s.length];
        double loss = Losses.squaredError(s, y, n, outputs, err);
        double ref = 0;
        for (int i = 0; i < s.length; i++) {
            double d = (double) s[i] - y[i];
            ref += 0.5 * d * d;
            assertEquals(d, err[i], 1e-6, "err " + i);
        }
        assertEquals(ref, loss, 1e-6 * Math.max(1, ref));
    }
}
