package infergen.runtime.parallel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of worker threads that the kernels split their work over: one process-wide team, started on first
 * use, with {@link #threads()} members counting the calling thread (which works on the parts too).
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
 * descriptor with its operands in fields, never a capturing lambda), bumps a generation counter, and claims parts
 * like everyone else. Workers spin on the counter for a while ({@value #SPINS} spin-waits, so the back-to-back
 * GEMMs of a train step never pay a wake-up) and then park; the caller spins until the last part is done.
 *
 * <p><b>Affinity, then stealing.</b> Part p of P belongs to thread {@code ⌊p·T/P⌋} (the caller is thread 0): each
 * thread first claims its own parts, in order, then steals what is left, from the highest part down. Kernels split
 * the same extent the same way call after call (the units of a layer in its forward GEMM, its weight step and the
 * error below it), so in the steady state each thread touches the same rows of a weight matrix, its gradient and
 * Adam's moments every step, and they stay in that core's cache; a thread that the OS delays still only delays the
 * parts nobody has stolen yet.
 */
public final class Parallel {

    /** One part of a split computation; {@code run(part, parts)} does the part-th of {@code parts} shares. */
    public interface Task {
        void run(int part, int parts);
    }

    /** Spin-waits before a worker parks (each is a PAUSE, ~40–140 cycles). */
    static final int SPINS = 1 << 14;

    /** The most parts one call is split into (one bit each in the claim word); more are clamped to this. */
    public static final int MAX_PARTS = 32;

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
     * Runs {@code task.run(p, parts)} for every part {@code p ∈ [0, parts)} and returns when all are done. The calling
     * thread and the workers claim parts one at a time, so a worker the OS has descheduled (a loaded machine) holds up
     * at most the one part it has claimed; more parts than threads balance better. If the team is in use (a call
     * from another thread, or from inside a task) the calling thread runs all parts itself, in order: the same
     * result, since parts never share a reduction. A split into more than {@value #MAX_PARTS} parts runs as
     * {@value #MAX_PARTS} (tasks divide their work by the part count they are given).
     */
    public static void run(Task task, int parts) {
        parts = Math.min(parts, MAX_PARTS);
        Team t = team();
        if (t.size == 1 || parts <= 1 || !BUSY.compareAndSet(false, true)) {
            for (int p = 0; p < parts; p++) {
                task.run(p, parts);
            }
            return;
        }
        try {
            t.run(task, parts);
        } finally {
            BUSY.set(false);
        }
    }

    /** The thread (0 is the caller) that part {@code p} of {@code parts} belongs to on a team of {@code threads}. */
    static int owner(int p, int parts, int threads) {
        return (int) ((long) p * threads / parts);
    }

    /** The team proper: {@code size − 1} daemon workers. */
    private static final class Team {

        final int size;
        private final Thread[] workers;
        /**
         * The generation (high 32 bits) and one bit per claimed part (low 32 bits; a call of n parts starts with the
         * bits from n up set, so a worker holding the part count of another generation can never claim a part that
         * does not exist in this one). A part is claimed by a CAS on this word.
         */
        private final AtomicLong claim = new AtomicLong();
        private final AtomicInteger done = new AtomicInteger();
        private Task task;
        private int parts;
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
                int id = w;
                Thread th = new Thread(() -> work(id), "infergen-worker-" + (w + 1));
                th.setDaemon(true);
                workers[w] = th;
            }
            for (Thread th : workers) {
                th.start();
            }
        }

        void run(Task t, int n) {
            task = t;
            parts = n;
            done.set(0);
            long gen = (claim.get() >>> 32) + 1;
            // publishes task and parts; the bits of parts that do not exist are set, i.e. already claimed
            claim.set(gen << 32 | (~partsMask(0, n) & 0xFFFF_FFFFL));
            for (int w = 0; w < workers.length; w++) {
                if (sleeping[w].get()) {
                    LockSupport.unpark(workers[w]);
                }
            }
            Throwable failure = null;
            int expected = n;
            // the caller claims parts too: a worker the OS has descheduled costs nothing unless it holds a part
            int part;
            while ((part = tryClaimFor(gen, n, 0)) >= 0) {
                try {
                    t.run(part, n);
                } catch (RuntimeException | Error e) {
                    failure = e;
                    // let nobody claim the rest, then wait only for the parts already claimed
                    long before = claim.getAndSet(gen << 32 | 0xFFFF_FFFFL);
                    expected = Integer.bitCount((int) before & partsMask(0, n));
                    done.incrementAndGet();
                    break;
                }
                done.incrementAndGet();
            }
            int spins = 0;
            while (done.get() != expected) {
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

        private void work(int id) {
            AtomicBoolean asleep = sleeping[id];
            long seenGen = 0;
            while (true) {
                long c;
                int spins = 0;
                while (((c = claim.get()) >>> 32) == seenGen) {
                    if (++spins < SPINS) {
                        Thread.onSpinWait();
                    } else {
                        asleep.set(true);
                        if ((claim.get() >>> 32) == seenGen && !closed) {
                            LockSupport.park(this);
                        }
                        asleep.set(false);
                        spins = 0;
                    }
                }
                if (closed) {
                    return;
                }
                seenGen = c >>> 32;
                // task and parts are read after the claim word of their generation, and may already be those of a
                // later one; but the caller publishes a generation only when every part of the one before is claimed,
                // so a claim that succeeds is of a generation still running, the one whose task and parts were read
                Task t = task;
                int n = parts;
                int part;
                while ((part = tryClaimFor(seenGen, n, id + 1)) >= 0) {
                    try {
                        t.run(part, n);
                    } catch (RuntimeException | Error e) {
                        workerFailure = e; // rethrown by the caller; never leave it waiting
                    } finally {
                        done.incrementAndGet();
                    }
                }
            }
        }

        /**
         * Claims a part of generation {@code gen} for thread {@code self} (0 is the caller): its own next part, else
         * the highest part left; −1 when there is none left (or the generation moved on).
         */
        private int tryClaimFor(long gen, int n, int self) {
            int own = 0;
            for (int p = 0; p < n; p++) {
                if (owner(p, n, size) == self) {
                    own |= 1 << p;
                }
            }
            long c;
            while (((c = claim.get()) >>> 32) == gen) {
                int free = ~(int) c;
                if (free == 0) {
                    return -1;
                }
                int mine = free & own;
                int p = mine != 0 ? Integer.numberOfTrailingZeros(mine) : 31 - Integer.numberOfLeadingZeros(free);
                if (claim.compareAndSet(c, c | (1L << p))) {
                    return p;
                }
            }
            return -1;
        }

        /** Bits {@code [from, to)}, {@code to ≤ 32}. */
        private static int partsMask(int from, int to) {
            return (int) (((1L << to) - 1) & ~((1L << from) - 1));
        }

        void close() {
            closed = true;
            claim.set(((claim.get() >>> 32) + 1) << 32);
            for (Thread th : workers) {
                LockSupport.unpark(th);
            }
        }
    }
}
