package infergen.runtime.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ParallelTest {

    private static final int ORIGINAL = Parallel.threads();

    @AfterAll
    static void restore() {
        Parallel.setThreads(ORIGINAL);
    }

    @Test
    void everyPartRunsOnceForEveryCount() {
        for (int threads = 1; threads <= 4; threads++) {
            Parallel.setThreads(threads);
            assertEquals(threads, Parallel.threads());
            for (int call = 0; call < 1000; call++) {
                int n = 1 + call % 7;
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                Parallel.run((part, parts) -> {
                    assertEquals(n, parts);
                    hits.incrementAndGet(part);
                }, n);
                for (int p = 0; p < n; p++) {
                    assertEquals(1, hits.get(p), "part " + p + " of " + n + ", " + threads + " threads");
                }
            }
        }
    }

    @Test
    void aNestedCallRunsOnTheCaller() {
        Parallel.setThreads(2);
        int[] inner = new int[2];
        Parallel.run((part, parts) -> {
            if (part == 0) {
                Parallel.run((p, ps) -> inner[p]++, 2);
            }
        }, 2);
        assertArrayEquals(new int[] {1, 1}, inner);
    }

    @Test
    void aWorkersExceptionReachesTheCaller() {
        Parallel.setThreads(2);
        for (int bad = 0; bad < 4; bad++) {
            int which = bad;
            assertThrows(IllegalStateException.class, () -> Parallel.run((part, parts) -> {
                if (part == which) {
                    throw new IllegalStateException("boom");
                }
            }, 4));
            AtomicIntegerArray after = new AtomicIntegerArray(4);
            Parallel.run((part, parts) -> after.incrementAndGet(part), 4);
            for (int p = 0; p < 4; p++) {
                assertEquals(1, after.get(p), "the team still works");
            }
        }
    }

    @Test
    void rejectsZeroThreads() {
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
    }
}
