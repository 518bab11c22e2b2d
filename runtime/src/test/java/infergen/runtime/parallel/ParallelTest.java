package infergen.runtime.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
                int asked = call % 10 == 9 ? Parallel.MAX_PARTS + 1 + call % 7 : 1 + call % 7;
                int n = Math.min(asked, Parallel.MAX_PARTS);
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                Parallel.run((part, parts) -> {
                    assertEquals(n, parts, "parts for " + asked + " asked");
                    hits.incrementAndGet(part);
                }, asked);
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

    /**
     * Parts belong to threads in contiguous runs of ⌊P/T⌋ or ⌈P/T⌉, the caller's first, so that the same split of the
     * same extent lands on the same thread call after call.
     */
    @Test
    void partsBelongToThreadsInContiguousEvenRuns() {
        for (int threads = 1; threads <= 5; threads++) {
            for (int parts = 1; parts <= Parallel.MAX_PARTS; parts++) {
                int[] count = new int[threads];
                int last = 0;
                for (int p = 0; p < parts; p++) {
                    int t = Parallel.owner(p, parts, threads);
                    assertTrue(t >= last && t < threads, "part " + p + " of " + parts + " owned by " + t);
                    last = t;
                    count[t]++;
                }
                assertEquals(0, Parallel.owner(0, parts, threads), "the caller owns the first part");
                for (int t = 0; t < threads && parts >= threads; t++) {
                    assertTrue(count[t] == parts / threads || count[t] == (parts + threads - 1) / threads,
                            threads + " threads, " + parts + " parts: thread " + t + " owns " + count[t]);
                }
            }
        }
    }

    /**
     * Back-to-back calls whose part counts jump around, on more threads than cores: a worker that read one call's
     * claim word and is preempted before it reads the task and the part count must never claim a part of the next
     * call against the old word (it would run a part twice and leave the caller waiting for ever).
     */
    @Test
    void partCountsThatJumpBetweenCallsNeverRunAPartTwice() {
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(120), () -> {
            for (int threads = 2; threads <= 4; threads++) {
                Parallel.setThreads(threads);
                for (int call = 0; call < 100_000; call++) {
                    int n = call % 2 == 0 ? 1 + (call / 2) % 3 : Parallel.MAX_PARTS - call % 5;
                    AtomicIntegerArray hits = new AtomicIntegerArray(Parallel.MAX_PARTS);
                    Parallel.run((part, parts) -> hits.incrementAndGet(part), n);
                    for (int p = 0; p < Parallel.MAX_PARTS; p++) {
                        assertEquals(p < n ? 1 : 0, hits.get(p), "part " + p + " of " + n + ", call " + call);
                    }
                }
            }
        });
    }
}
