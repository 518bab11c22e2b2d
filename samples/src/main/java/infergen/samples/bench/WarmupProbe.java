package infergen.samples.bench;

import infergen.runtime.TrainableNet;
import infergen.samples.cli.Catalogue;
import java.util.Locale;

/**
 * How a fresh JVM's train steps speed up: trains a catalogue spec on one seeded random batch and prints, every
 * {@code every} steps, the time since the first step began and the samples/s of the last {@code every} steps. The
 * first-epoch figures of docs/performance.md ("The first epoch") come from it; JVM flags are the caller's.
 *
 * <pre>
 * bin/infergen specs   # builds the class path once
 * java --add-modules jdk.incubator.vector -cp "samples/target/classes:$(cat samples/target/infergen.classpath)" \
 *     infergen.samples.bench.WarmupProbe demo 1200 100
 * </pre>
 * {@code demo} is {@code bin/dev demo}'s network (784-256-10, Fenchel BP β = 1e-3, batch 50); any other argument names a
 * spec of {@code bin/infergen specs} (batch: its maxBatch).
 */
public final class WarmupProbe {

    private WarmupProbe() {
    }

    public static void main(String[] args) {
        String spec = args.length > 0 ? args[0] : "demo";
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 1200;
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        TrainableNet net = spec.equals("demo") ? new infergen.samples.FashionMlpNet(42)
                : Catalogue.byName(spec).orElseThrow(() -> new IllegalArgumentException("no spec " + spec)).create(42);
        int batch = spec.equals("demo") ? 50 : net.maxBatch();
        BenchBatch data = BenchBatch.random(batch);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s, batch %d, kernels %s:%n", spec, batch,
                infergen.runtime.kernel.Gemm.implementation()));
        long t0 = System.nanoTime();
        long t = t0;
        for (int s = 1; s <= steps; s++) {
            net.trainStep(data.x(), data.labels(), batch);
            if (s % every == 0) {
                long now = System.nanoTime();
                sb.append(String.format(Locale.ROOT, "  steps %5d: %7.0f ms since the first, %,9.0f samples/s%n", s,
                        (now - t0) / 1e6, (double) every * batch / ((now - t) / 1e9)));
                t = now;
            }
        }
        System.out.print(sb);
    }
}
