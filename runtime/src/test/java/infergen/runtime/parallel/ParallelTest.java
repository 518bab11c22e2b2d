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
                AtomicIntegerArray hits = new AtomicIntegerArray(threads);
                int expected = threads;
                Parallel.run((part, parts) -> {
                    assertEquals(expected, parts);
                    hits.incrementAndGet(part);
                });
                for (int p = 0; p < threads; p++) {
                    assertEquals(1, hits.get(p), "part " + p + " of " + threads);
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
                Parallel.run((p, ps) -> inner[p]++);
            }
        });
        assertArrayEquals(new int[] {1, 1}, inner);
    }

    @Test
    void aWorkersExceptionReachesTheCaller() {
        Parallel.setThreads(2);
        assertThrows(IllegalStateException.class, () -> Parallel.run((part, parts) -> {
            if (part == 1) {
                throw new IllegalStateException("boom");
            }
        }));
        int[] after = new int[2];
        Parallel.run((part, parts) -> after[part]++);
        assertArrayEquals(new int[] {1, 1}, after, "the team still works");
    }

    @Test
    void rejectsZeroThreads() {
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
    }
}
