package infergen.runtime.parallel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of worker threads that the kernels split their work over: one process-wide team, started on first
 * use, with {@link #threads()} members counting the calling thread (which always does part 0 itself).
 *
 * <p><b>Thread count.</b> {@code min(2, availableProcessors)} by default; the system property
 * {@code infergen.threads} (read once, at first use) or {@link #setThreads(int)} (any time between calls) sets it.
 * One thread runs everything on the caller and starts no worker.
 *
 * <p><b>Determinism.</b> Kernels split only over output elements (rows or columns of C, ranges of a parameter
 * array), never over a reduction, and every element is computed by the same operations whichever part it falls in;
 * so results are bitwise identical for any thread count, and whether or not the team was free (see
 * {@link #run(Task)}).
 *
 * <p><b>No allocation, cheap barrier.</b> A call hands the workers a task object the caller owns (a preallocated
 * descriptor with its operands in fields, never a capturing lambda), bumps a generation counter, and runs part 0
 * itself. Workers spin on the counter for a while ({@value #SPINS} spin-waits, a few tens of microseconds, so the
 * back-to-back GEMMs of a train step never pay a wake-up) and then park; the caller spins until the last worker
 * has counted down.
 */
public final class Parallel {

    /** One part of a split computation; {@code run(part, parts)} does the part-th of {@code parts} shares. */
    public interface Task {
        void run(int part, int parts);
    }

    /** Spin-waits before a worker parks (each is a PAUSE, ~40–140 cycles). */
    static final int SPINS = 1 << 14;

    private static final AtomicBoolean BUSY = new AtomicBoolean();
    private static volatile Team team;

    private Parallel() {
    }

    /** The number of threads a split uses, counting the caller. */
    public static int threads() {
        return team().size;
    }

    /**
     * Sets the number of threads (counting the caller) for every later call; stops the old workers. Waits for a
     * running split to finish. Results do not depend on the count.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        synchronized (Parallel.class) {
            while (!BUSY.compareAndSet(false, true)) {
                Thread.onSpinWait();
            }
            try {
                Team old = team;
                if (old == null || old.size != threads) {
                    team = new Team(threads);
                    if (old != null) {
                        old.close();
                    }
                }
            } finally {
                BUSY.set(false);
            }
        }
    }

    /** The default: {@code infergen.threads} when set, else {@code min(2, availableProcessors)}. */
    static int defaultThreads() {
        String p = System.getProperty("infergen.threads");
        if (p != null && !p.isBlank()) {
            try {
                int t = Integer.parseInt(p.trim());
                if (t >= 1) {
                    return t;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the default
            }
            System.getLogger("infergen.runtime").log(System.Logger.Level.WARNING,
                    "infergen.threads = \"" + p + "\" is not a positive integer; using the default");
        }
        return Math.min(2, Runtime.getRuntime().availableProcessors());
    }

    private static Team team() {
        Team t = team;
        if (t == null) {
            synchronized (Parallel.class) {
                t = team;
                if (t == null) {
                    t = new Team(defaultThreads());
                    team = t;
                }
            }
        }
        return t;
    }

    /**
     * Runs {@code task.run(p, threads())} for every part p, part 0 on the calling thread, and returns when all are
     * done. If the team is in use (a call from another thread, or from inside a task) the calling thread runs all
     * parts itself, one after the other: the same result, since parts never share a reduction.
     */
    public static void run(Task task) {
        Team t = team();
        if (t.size == 1 || !BUSY.compareAndSet(false, true)) {
            int parts = t.size;
            for (int p = 0; p < parts; p++) {
                task.run(p, parts);
            }
            return;
        }
        try {
            t.run(task);
        } finally {
            BUSY.set(false);
        }
    }

    /** The team proper: {@code size − 1} daemon workers. */
    private static final class Team {

        final int size;
        private final Thread[] workers;
        private final AtomicInteger pending = new AtomicInteger();
        private volatile Task task;
        private volatile long generation;
        private volatile boolean closed;
        /** The first exception a worker's part threw in the current call, rethrown by the caller. */
        private volatile Throwable workerFailure;
        /** Set by a worker just before it parks; the caller unparks only those. */
        private final AtomicBoolean[] sleeping;

        Team(int size) {
            this.size = size;
            workers = new Thread[size - 1];
            sleeping = new AtomicBoolean[size - 1];
            for (int w = 0; w < size - 1; w++) {
                sleeping[w] = new AtomicBoolean();
                int part = w + 1;
                Thread th = new Thread(() -> work(part), "infergen-worker-" + part);
                th.setDaemon(true);
                workers[w] = th;
            }
            for (Thread th : workers) {
                th.start();
            }
        }

        void run(Task t) {
            task = t;
            pending.set(size - 1);
            generation = generation + 1; // publishes task (volatile write after the plain-field writes of t)
            for (int w = 0; w < workers.length; w++) {
                if (sleeping[w].get()) {
                    LockSupport.unpark(workers[w]);
                }
            }
            Throwable failure = null;
            try {
                t.run(0, size);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            int spins = 0;
            while (pending.get() != 0) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            task = null;
            if (failure == null && workerFailure != null) {
                failure = workerFailure;
            }
            workerFailure = null;
            if (failure != null) {
                if (failure instanceof Error err) {
                    throw err;
                }
                throw (RuntimeException) failure;
            }
        }

        private void work(int part) {
            AtomicBoolean asleep = sleeping[part - 1];
            long seen = 0;
            while (true) {
                long g;
                int spins = 0;
                while ((g = generation) == seen) {
                    if (++spins < SPINS) {
                        Thread.onSpinWait();
                    } else {
                        asleep.set(true);
                        if (generation == seen && !closed) {
                            LockSupport.park(this);
                        }
                        asleep.set(false);
                        spins = 0;
                    }
                }
                seen = g;
                if (closed) {
                    return;
                }
                try {
                    task.run(part, size);
                } catch (RuntimeException | Error e) {
                    workerFailure = e; // rethrown by the caller; never leave it waiting
                } finally {
                    pending.decrementAndGet();
                }
            }
        }

        void close() {
            closed = true;
            generation = generation + 1;
            for (Thread th : workers) {
                LockSupport.unpark(th);
            }
        }
    }
}
