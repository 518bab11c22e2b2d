package infergen.samples.cli;

import infergen.runtime.parallel.Parallel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The default {@link SweepBackend}: the runs in a pool of {@code parallel} threads of this JVM, each computing on its
 * own thread, with the data the sweep loaded.
 */
final class LocalSweep implements SweepBackend {

    private final int parallel;
    private final SweepRun.Loaded data;

    LocalSweep(int parallel, SweepRun.Loaded data) {
        this.parallel = parallel;
        this.data = data;
    }

    @Override
    public String describe(int todo) {
        return Math.min(parallel, Math.max(1, todo)) + " at a time";
    }

    @Override
    public void execute(List<SweepRun> runs, Path out, Listener listener) throws Exception {
        // Kernels split only over output elements, so results do not depend on the thread count; with several runs
        // at a time, each run's kernels use its own thread only (the team would be shared, and oversubscribed).
        int kernelThreads = Parallel.threads();
        boolean single = parallel > 1 && runs.size() > 1 && kernelThreads > 1;
        if (single) {
            Parallel.setThreads(1);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, runs.size())));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (SweepRun r : runs) {
                futures.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    String result;
                    try {
                        result = r.execute(out.resolve(r.name()), data, listener::samples);
                    } catch (IOException | RuntimeException e) {
                        result = "could not record the run: " + e;
                    }
                    listener.finished(r, result, (System.nanoTime() - start) / 1e9);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException ex) {
            throw ex.getCause() instanceof Exception c ? c : ex;
        } finally {
            pool.shutdownNow();
            if (single) {
                Parallel.setThreads(kernelThreads);
            }
        }
    }
}
