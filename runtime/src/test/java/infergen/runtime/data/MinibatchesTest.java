package infergen.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MinibatchesTest {

    /** Sample i has features (i, -i, i + 0.5) and label i % classes, so a batch row tells which sample it is. */
    static Dataset indexed(int count, int classes) {
        float[] x = new float[count * 3];
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            x[3 * i] = i;
            x[3 * i + 1] = -i;
            x[3 * i + 2] = i + 0.5f;
            y[i] = i % classes;
        }
        return new Dataset(x, y, 3, classes, "indexed");
    }

    /** The sample order of one epoch, checking each batch's buffers against the data set on the way. */
    static List<Integer> epoch(Minibatches mb, List<Integer> sizes) {
        List<Integer> seen = new ArrayList<>();
        mb.startEpoch();
        while (mb.next()) {
            int n = mb.size();
            sizes.add(n);
            assertEquals(n * 3, mb.x().length, "x has exactly n × features values");
            assertEquals(n, mb.labels().length, "labels has exactly n values");
            for (int i = 0; i < n; i++) {
                int s = (int) mb.x()[3 * i];
                assertEquals(s, mb.index(i));
                assertEquals(-s, mb.x()[3 * i + 1]);
                assertEquals(s + 0.5f, mb.x()[3 * i + 2]);
                assertEquals(s % 7, mb.labels()[i]);
                seen.add(s);
            }
        }
        return seen;
    }

    @ParameterizedTest(name = "count {0}, batch {1}, shuffle {2}")
    @CsvSource({"103, 10, true", "103, 10, false", "100, 50, true", "7, 50, true", "1, 1, false", "64, 1, true"})
    void everySampleExactlyOncePerEpoch(int count, int batch, boolean shuffle) {
        Minibatches mb = new Minibatches(indexed(count, 7), batch, shuffle, 42);
        for (int e = 0; e < 3; e++) {
            List<Integer> sizes = new ArrayList<>();
            List<Integer> seen = epoch(mb, sizes);
            assertEquals(count, seen.size());
            assertEquals(count, seen.stream().distinct().count(), "no sample twice");
            assertEquals(mb.batchesPerEpoch(), sizes.size());
            for (int b = 0; b < sizes.size() - 1; b++) {
                assertEquals(batch, sizes.get(b));
            }
            assertEquals(count % batch == 0 ? batch : count % batch, sizes.getLast());
            if (!shuffle) {
                for (int i = 0; i < count; i++) {
                    assertEquals(i, seen.get(i));
                }
            }
        }
        assertEquals(3, mb.epoch());
    }

    @Test
    void dropRemainderSkipsTheLastPartialBatch() {
        Minibatches mb = new Minibatches(indexed(103, 7), 10, true, 5, true);
        assertEquals(10, mb.batchesPerEpoch());
        assertEquals(100, mb.samplesPerEpoch());
        List<Integer> sizes = new ArrayList<>();
        List<Integer> seen = epoch(mb, sizes);
        assertEquals(100, seen.stream().distinct().count());
        assertEquals(List.of(10, 10, 10, 10, 10, 10, 10, 10, 10, 10), sizes);
        assertFalse(mb.next(), "stays exhausted");
    }

    @Test
    void sameSeedSameOrderOtherSeedOtherOrder() {
        Dataset d = indexed(200, 7);
        Minibatches a = new Minibatches(d, 16, true, 1234);
        Minibatches b = new Minibatches(d, 16, true, 1234);
        Minibatches c = new Minibatches(d, 16, true, 1235);
        List<Integer> firstA = epoch(a, new ArrayList<>());
        List<Integer> secondA = epoch(a, new ArrayList<>());
        assertEquals(firstA, epoch(b, new ArrayList<>()));
        assertEquals(secondA, epoch(b, new ArrayList<>()));
        assertNotEquals(firstA, secondA, "each epoch draws a new order");
        assertNotEquals(firstA, epoch(c, new ArrayList<>()));
    }

    @Test
    void buffersAreReusedNotReallocated() {
        Minibatches mb = new Minibatches(indexed(35, 7), 10, true, 9);
        mb.startEpoch();
        mb.next();
        float[] x = mb.x();
        int[] y = mb.labels();
        for (int e = 0; e < 2; e++) {
            for (int b = 0; b < 3; b++) {
                if (e > 0 || b > 0) {
                    mb.next();
                }
                assertSame(x, mb.x());
                assertSame(y, mb.labels());
            }
            mb.next();
            assertEquals(5, mb.size());
            float[] rest = mb.x();
            assertEquals(15, rest.length);
            assertFalse(mb.next());
            mb.startEpoch();
            mb.next();
            mb.next();
            mb.next();
            mb.next();
            assertSame(rest, mb.x(), "the partial batch has its own buffer, also reused");
            mb.startEpoch();
        }
    }

    @Test
    void nextBeforeStartEpochIsAnError() {
        Minibatches mb = new Minibatches(indexed(5, 7), 2, false, 0);
        assertEquals("call startEpoch() before next()",
                assertThrows(IllegalStateException.class, mb::next).getMessage());
        assertEquals("batch size 0 must be at least 1",
                assertThrows(IllegalArgumentException.class, () -> new Minibatches(indexed(5, 7), 0, false, 0))
                        .getMessage());
    }

    @Test
    void fixedOrderIgnoresTheSeed() {
        Dataset d = indexed(30, 7);
        assertArrayEquals(epoch(new Minibatches(d, 4, false, 1), new ArrayList<>()).toArray(),
                epoch(new Minibatches(d, 4, false, 2), new ArrayList<>()).toArray());
    }
}
