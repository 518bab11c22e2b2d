package infergen.samples.rules;

import infergen.runtime.TrainableNet;
import infergen.runtime.data.Datasets;
import infergen.runtime.kernel.Gemm;
import infergen.runtime.train.EpochResult;
import infergen.runtime.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

/**
 * Measures the test accuracy of each learning rule of {@link RuleSpecs} on Fashion-MNIST for the README's
 * "Inference-learning rules" table: each rule trains its own network (seed 42, batch 50, shuffled with seed 1) for
 * its number of epochs (5, EqProp 10, unless {@code --epochs} says otherwise), independent runs in a pool of
 * threads (one per core; list the slowest rules first in {@code --rules} to balance it), and prints the test
 * accuracy after every epoch, then a Markdown table in the order of {@link #RULES}.
 *
 * <p>Usage: {@code RuleAccuracy [--rules PCN,MAC,...] [--epochs N | --epochs PCN=1,MAC=3,...] [--data DIR |
 * --embedded] [--threads T]}. Rules: BP, PCN, MAC, LPOM, CHL, ConvexCHL, EqProp (default: all but BP). The data
 * default to the installed Fashion-MNIST ({@code /usr/share/datasets/fashion-mnist}).
 */
public final class RuleAccuracy {

    /** A rule: its name, the network it trains, its settings in words, and the epochs the README's table uses. */
    record Rule(String name, LongFunction<TrainableNet> factory, String net, String settings, int epochs) {
    }

    static final String PAPER_NET = "784-256-128-64-10 ReLU";

    static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        add(new Rule("BP", RulesBpNet::new, PAPER_NET, "back-propagation", 5));
        add(new Rule("PCN", RulesPcnNet::new, PAPER_NET, "β = 0.1, 20 steps of rate 0.05", 5));
        add(new Rule("MAC", RulesMacNet::new, PAPER_NET, "μ = 10, 20 Z-steps of rate 0.05", 5));
        add(new Rule("LPOM", RulesLpomNet::new, PAPER_NET, "β = 0.1, 5 sweeps × 5 FISTA steps", 5));
        add(new Rule("CHL", RulesChlNet::new, PAPER_NET, "γ = β = 1e-2, 5 sweeps per phase", 5));
        add(new Rule("ConvexCHL", RulesConvexChlNet::new, PAPER_NET, "γ = β = 1e-2, 5 sweeps per phase", 5));
        add(new Rule("EqProp", RulesEqPropNet::new, "784-256-10 sigmoid",
                "centred, β = 0.2, 15 free / 6 nudged sweeps", 10));
    }

    private static void add(Rule r) {
        RULES.put(r.name(), r);
    }

    private RuleAccuracy() {
    }

    /** The result of one rule's run. */
    record Run(Rule rule, int epochs, EpochResult last, double seconds) {
    }

    public static void main(String[] args) throws Exception {
        List<String> names = new ArrayList<>(RULES.keySet());
        names.remove("BP");
        Map<String, Integer> epochs = new LinkedHashMap<>();
        int allEpochs = 0;
        Path dir = Datasets.INSTALLED_FASHION_MNIST;
        boolean embedded = false;
        int threads = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rules" -> names = List.of(args[++i].split(","));
                case "--epochs" -> {
                    String v = args[++i];
                    if (v.contains("=")) {
                        for (String kv : v.split(",")) {
                            String[] p = kv.split("=");
                            epochs.put(p[0], Integer.parseInt(p[1]));
                        }
                    } else {
                        allEpochs = Integer.parseInt(v);
                    }
                }
                case "--data" -> dir = Path.of(args[++i]);
                case "--embedded" -> embedded = true;
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: RuleAccuracy [--rules PCN,MAC,...] [--epochs N | --epochs PCN=1,...] "
                            + "[--data DIR | --embedded] [--threads T]; rules: " + RULES.keySet());
                    System.exit(2);
                }
            }
        }
        for (String n : names) {
            if (!RULES.containsKey(n)) {
                throw new IllegalArgumentException("unknown rule " + n + "; rules: " + RULES.keySet());
            }
        }
        Datasets.Split data = embedded ? Datasets.embeddedFashionMnist() : Datasets.fashionMnist(dir);
        System.out.printf(Locale.ROOT, "data: %s (%d train, %d test); kernels %s; %d threads%n", data.source(),
                data.train().count(), data.test().count(), Gemm.implementation(), threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Run>> futures = new ArrayList<>();
        for (String n : names) {
            Rule rule = RULES.get(n);
            int e = epochs.getOrDefault(n, allEpochs > 0 ? allEpochs : rule.epochs());
            futures.add(pool.submit(() -> train(rule, e, data)));
        }
        List<Run> runs = new ArrayList<>();
        for (Future<Run> f : futures) {
            runs.add(f.get());
        }
        runs.sort(java.util.Comparator.comparingInt(r -> new ArrayList<>(RULES.keySet()).indexOf(r.rule().name())));
        pool.shutdown();
        System.out.println();
        System.out.println("| rule | network | settings (Adam 1e-3, batch 50) | epochs | test accuracy | train loss |");
        System.out.println("|---|---|---|---|---|---|");
        for (Run r : runs) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %d | %.2f%% | %.4f |%n", r.rule().name(), r.rule().net(),
                    r.rule().settings(), r.epochs(), 100 * r.last().testAccuracy(), r.last().trainLoss());
        }
    }

    static Run train(Rule rule, int epochs, Datasets.Split data) {
        TrainableNet net = rule.factory().apply(42);
        Trainer trainer = Trainer.builder(net, data.train()).test(data.test()).batchSize(50).seed(1)
                .trainAccuracy(false).build();
        long start = System.nanoTime();
        EpochResult last = null;
        for (int e = 0; e < epochs; e++) {
            last = trainer.runEpoch();
            System.out.printf(Locale.ROOT, "%s epoch %d: train loss %.4f, test accuracy %.2f%% (%.0f samples/s, "
                    + "%.0f s)%n", rule.name(), last.epoch(), last.trainLoss(), 100 * last.testAccuracy(),
                    last.samples() / (last.nanos() / 1e9), (System.nanoTime() - start) / 1e9);
        }
        return new Run(rule, epochs, last, (System.nanoTime() - start) / 1e9);
    }
}
