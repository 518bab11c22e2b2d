package infergen.samples.cli;

import infergen.runtime.TrainableNet;
import infergen.samples.FashionMlp;
import infergen.samples.FashionMlpNet;
import infergen.samples.conv.ConvBpAvgNet;
import infergen.samples.conv.ConvBpNegNet;
import infergen.samples.conv.ConvBpNet;
import infergen.samples.conv.ConvChlNet;
import infergen.samples.conv.ConvConvexChlNet;
import infergen.samples.conv.ConvEqPropNet;
import infergen.samples.conv.ConvFenchelNegNet;
import infergen.samples.conv.ConvFenchelNet;
import infergen.samples.conv.ConvLpomNet;
import infergen.samples.conv.ConvMacNet;
import infergen.samples.conv.ConvPcnNet;
import infergen.samples.conv.ConvSpecs;
import infergen.samples.paper.*;
import infergen.samples.rules.RuleSpecs;
import infergen.samples.rules.RulesBpNet;
import infergen.samples.rules.RulesChlNet;
import infergen.samples.rules.RulesConvexChlNet;
import infergen.samples.rules.RulesEqPropNet;
import infergen.samples.rules.RulesLpomNet;
import infergen.samples.rules.RulesMacNet;
import infergen.samples.rules.RulesPcnNet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The specs the command line can train, by name. A spec is compiled into its own class, so the tool can only offer
 * specs it ships; adding a network or a learning rule is one spec interface and one line here. Hyperparameters are
 * not compiled in: an entry may be a spec plus settings, and {@code train --set NAME=VALUE} changes any of them.
 *
 * <p>Names follow {@code <family>-<rule>[-<beta>][-neg]}: {@code paper-bp}, {@code paper-fenchel-1e-4},
 * {@code paper-fenchel-100-neg}; {@code -neg} is the paper's negative init on the first layer. The paper's β grid is
 * two specs ({@code PaperFenchel}, {@code PaperFenchelNeg}) and one entry per β and init, which builds the init's
 * network and calls {@code setBeta}. The {@code rules-*} entries train every learning rule on the same network
 * ({@code rules-pcn}, {@code rules-chl}, ...).
 */
public final class Catalogue {

    /** The init of the paper's two experiments. */
    public enum Init {
        /** Glorot-uniform everywhere (Figure 1, left). */
        GLOROT("glorot"),
        /** The negative init −|Glorot uniform| on the first layer only (Figure 1, right). */
        NEGATIVE("negative");

        private final String label;

        Init(String label) {
            this.label = label;
        }

        /** The lower-case name used in file names and tables. */
        public String label() {
            return label;
        }
    }

    /**
     * One trainable spec.
     *
     * @param name the command-line name
     * @param spec the spec interface; its binary name with {@code $} as {@code .} is the checkpoint's
     *     {@code infergen.spec}
     * @param rule the learning rule's short name ({@code bp}, {@code fenchel}, ...)
     * @param beta the rule's β per sample, {@code NaN} for rules without one (for the paper's Fenchel entries, the β
     *     the factory sets)
     * @param init the init of the first layer
     * @param factory builds the generated network from a seed
     * @param description one line for {@code --help} and listings
     */
    public record Entry(String name, Class<?> spec, String rule, double beta, Init init,
            LongFunction<TrainableNet> factory, String description) {

        /** The spec's name as the generated class stores it in checkpoints ({@code Checkpoint.SPEC_KEY}). */
        public String specName() {
            return spec.getCanonicalName();
        }

        /** Builds a new network initialised from {@code seed}. */
        public TrainableNet create(long seed) {
            return factory.apply(seed);
        }

        /** Whether this is one of the paper's Figure 1 specs. */
        public boolean paper() {
            return name.startsWith("paper-");
        }

        /** "BP" or "Fenchel BP β=…", for legends and tables. */
        public String label() {
            return Double.isNaN(beta) ? rule.toUpperCase(java.util.Locale.ROOT)
                    : ruleTitle() + " β=" + Catalogue.formatBeta(beta);
        }

        private String ruleTitle() {
            return switch (rule) {
                case "fenchel" -> "Fenchel BP";
                default -> rule;
            };
        }
    }

    private static final Init G = Init.GLOROT;
    private static final Init N = Init.NEGATIVE;
    private static final double NO_BETA = Double.NaN;
    private static final String PAPER = "the paper's MLP 784-256-128-64-10, Adam 1e-3, maxBatch 50";

    /** The β grid of the paper's Fenchel entries, per sample, ascending. */
    private static final List<Double> PAPER_BETAS = List.of(1e-4, 1e-2, 0.1, 1.0, 2.0, 3.0, 10.0, 30.0, 100.0, 300.0,
            1000.0);

    // One line per spec, or per spec and β for the paper's grid.
    private static final List<Entry> ENTRIES = concat(List.of(
            paper("bp", NO_BETA, G, PaperSpecs.PaperBp.class, PaperBpNet::new),
            paper("bp", NO_BETA, N, PaperSpecs.PaperBpNeg.class, PaperBpNegNet::new)),
            PAPER_BETAS.stream().flatMap(b -> java.util.stream.Stream.of(fenchel(b, G), fenchel(b, N))).toList(),
            List.of(
                new Entry("fashion-mlp", FashionMlp.class, "fenchel", 1e-3, G, FashionMlpNet::new,
                        "the README's spec: 784-256-10, Fenchel BP β=1e-3, Adam 1e-3, maxBatch 50"),
                rule("bp", RuleSpecs.RulesBp.class, RulesBpNet::new, "back-propagation"),
                rule("pcn", RuleSpecs.RulesPcn.class, RulesPcnNet::new,
                        "predictive coding, β = 0.1, 20 inference steps of rate 0.05"),
                rule("mac", RuleSpecs.RulesMac.class, RulesMacNet::new,
                        "auxiliary coordinates, μ = 10, 20 Z-steps of rate 0.05"),
                rule("lpom", RuleSpecs.RulesLpom.class, RulesLpomNet::new,
                        "lifted proximal (LPOM), β = 0.1, 5 sweeps × 5 FISTA steps"),
                rule("chl", RuleSpecs.RulesChl.class, RulesChlNet::new,
                        "contrastive Hebbian, γ = β = 1e-2, 5 sweeps per phase"),
                rule("convex-chl", RuleSpecs.RulesConvexChl.class, RulesConvexChlNet::new,
                        "convex contrastive Hebbian, γ = β = 1e-2, 5 sweeps per phase"),
                new Entry("conv-bp", ConvSpecs.ConvBp.class, "bp", NO_BETA, G, ConvBpNet::new,
                        "CNN conv 32@5×5 pad 2 + max-pool 2, conv 64@5×5 pad 2 + max-pool 2, dense 128, dense 10; "
                                + "back-propagation, Adam 1e-3, maxBatch 64 (use --batch 64)"),
                new Entry("conv-fenchel", ConvSpecs.ConvFenchel.class, "fenchel", 1e-3, G, ConvFenchelNet::new,
                        "the conv-bp CNN with Fenchel BP, β = 1e-3 (set at run time with --set beta=...)"),
                new Entry("conv-bp-neg", ConvSpecs.ConvBpNeg.class, "bp", NO_BETA, N, ConvBpNegNet::new,
                        "the conv-bp CNN with the negative init on layer 0 (every filter weight ≤ 0)"),
                new Entry("conv-fenchel-neg", ConvSpecs.ConvFenchelNeg.class, "fenchel", 1, N,
                        ConvFenchelNegNet::new, "the conv-fenchel CNN with the negative init on layer 0, β = 1 "
                                + "(set at run time with --set beta=... or a sweep's --grid beta=...)"),
                new Entry("conv-bp-avg", ConvSpecs.ConvBpAvg.class, "bp", NO_BETA, G, ConvBpAvgNet::new,
                        "the conv-bp CNN with AVERAGE pooling: the reference of conv-lpom, conv-chl, "
                                + "conv-convex-chl and conv-eqprop"),
                new Entry("conv-pcn", ConvSpecs.ConvPcn.class, "pcn", NO_BETA, G, ConvPcnNet::new,
                        "the conv-bp CNN with predictive coding, β = 0.1, 20 inference steps of rate 0.02"),
                new Entry("conv-mac", ConvSpecs.ConvMac.class, "mac", NO_BETA, G, ConvMacNet::new,
                        "the conv-bp CNN with auxiliary coordinates, μ = 10, 20 Z-steps of rate 0.01"),
                new Entry("conv-lpom", ConvSpecs.ConvLpom.class, "lpom", NO_BETA, G, ConvLpomNet::new,
                        "the conv-bp-avg CNN with LPOM, β = 0.1, 5 sweeps × 5 FISTA steps"),
                new Entry("conv-chl", ConvSpecs.ConvChl.class, "chl", NO_BETA, G, ConvChlNet::new,
                        "the conv-bp-avg CNN with contrastive Hebbian learning, γ = β = 1e-2, 5 sweeps per phase"),
                new Entry("conv-convex-chl", ConvSpecs.ConvConvexChl.class, "convex-chl", NO_BETA, G,
                        ConvConvexChlNet::new, "the conv-bp-avg CNN with convex contrastive Hebbian learning, "
                                + "γ = β = 1e-3, 5 sweeps per phase"),
                new Entry("conv-eqprop", ConvSpecs.ConvEqProp.class, "eqprop", NO_BETA, G, ConvEqPropNet::new,
                        "the conv-bp-avg CNN with tanh units (init gains 3, 0.3, 0.3, 0.3) and equilibrium "
                                + "propagation, centred, β = 0.2, 15 free / 6 nudged sweeps, Adam 5e-4"),
                new Entry("rules-eqprop", RuleSpecs.RulesEqProp.class, "eqprop", NO_BETA, G, RulesEqPropNet::new,
                        "equilibrium propagation, centred, β = 0.2, 15 free / 6 nudged sweeps; 784-256(SIGMOID)-10, "
                                + "Adam 1e-3, maxBatch 50")));

    private static final Map<String, Entry> BY_NAME = index();

    private Catalogue() {
    }

    private static Entry paper(String rule, double beta, Init init, Class<?> spec, LongFunction<TrainableNet> f) {
        String name = "paper-" + rule + (Double.isNaN(beta) ? "" : "-" + formatBeta(beta))
                + (init == Init.NEGATIVE ? "-neg" : "");
        String what = (Double.isNaN(beta) ? "back-propagation" : "Fenchel BP, β = " + formatBeta(beta)
                + " per sample (paper units: " + formatBeta(beta * 50) + "; set at run time)")
                + (init == Init.NEGATIVE ? ", negative init on layer 0" : ", Glorot init");
        return new Entry(name, spec, rule, beta, init, f, what + "; " + PAPER);
    }

    /**
     * The paper's Fenchel BP network for {@code init} with β set at run time: {@code new PaperFenchel[Neg]Net(seed)}
     * then {@code setBeta((float) beta)}, which computes bit for bit what a spec compiled with that β did.
     */
    private static Entry fenchel(double beta, Init init) {
        LongFunction<TrainableNet> f = init == Init.GLOROT ? seed -> {
            PaperFenchelNet net = new PaperFenchelNet(seed);
            net.setBeta((float) beta);
            return net;
        } : seed -> {
            PaperFenchelNegNet net = new PaperFenchelNegNet(seed);
            net.setBeta((float) beta);
            return net;
        };
        return paper("fenchel", beta, init, init == Init.GLOROT ? PaperSpecs.PaperFenchel.class
                : PaperSpecs.PaperFenchelNeg.class, f);
    }

    @SafeVarargs
    private static List<Entry> concat(List<Entry>... parts) {
        List<Entry> all = new ArrayList<>();
        for (List<Entry> p : parts) {
            all.addAll(p);
        }
        return List.copyOf(all);
    }

    private static Entry rule(String rule, Class<?> spec, LongFunction<TrainableNet> f, String what) {
        return new Entry("rules-" + rule, spec, rule, NO_BETA, G, f, what + "; " + PAPER);
    }

    private static Map<String, Entry> index() {
        Map<String, Entry> m = new LinkedHashMap<>();
        for (Entry e : ENTRIES) {
            if (m.put(e.name(), e) != null) {
                throw new IllegalStateException("duplicate catalogue name " + e.name());
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** Every entry, in catalogue order. */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** Every name, in catalogue order. */
    public static List<String> names() {
        return new ArrayList<>(BY_NAME.keySet());
    }

    /**
     * {@code base} (a Fenchel BP entry) with β set at run time to {@code beta}: named {@code <base>-β=<beta>}, not in
     * the catalogue. The paper's entries have {@link #paperFenchel} for this.
     */
    public static Entry withBeta(Entry base, double beta) {
        LongFunction<TrainableNet> f = seed -> {
            TrainableNet net = base.create(seed);
            net.setHyperparameter("beta", beta);
            return net;
        };
        return new Entry(base.name() + "-β=" + formatBeta(beta), base.spec(), base.rule(), beta, base.init(), f,
                base.description() + "; β = " + formatBeta(beta));
    }

    /** The entry called {@code name}, if any. */
    public static Optional<Entry> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The entries whose spec has the fully qualified name {@code specName} (a checkpoint's {@code infergen.spec}). */
    public static List<Entry> bySpec(String specName) {
        return ENTRIES.stream().filter(e -> e.specName().equals(specName)).toList();
    }

    /**
     * The entry that describes {@code net}, a network of spec {@code specName} (e.g. just loaded from a checkpoint):
     * the spec's only entry, or for the paper's Fenchel specs the entry of the network's β. A β off the grid gets an
     * entry of its own, named the same way ({@code paper-fenchel-0.5}) but not in the catalogue.
     */
    public static Optional<Entry> describe(String specName, TrainableNet net) {
        List<Entry> candidates = bySpec(specName);
        if (candidates.size() <= 1) {
            return candidates.stream().findFirst();
        }
        Number beta = net.hyperparameters().get("beta");
        Entry any = candidates.get(0);
        if (beta == null || !any.rule().equals("fenchel") || !any.paper()) {
            return Optional.of(any);
        }
        return Optional.of(paperFenchel(beta.doubleValue(), any.init()));
    }

    /**
     * The paper's Fenchel BP entry for {@code beta} and {@code init}: the catalogue's if {@code beta} is on the grid
     * (compared as the {@code float} the network uses), otherwise a new entry of the same spec with that β.
     */
    public static Entry paperFenchel(double beta, Init init) {
        for (Entry e : paper("fenchel", init)) {
            if ((float) e.beta() == (float) beta) {
                return e;
            }
        }
        return fenchel(beta, init);
    }

    /** The paper's entries for a rule ({@code "bp"} or {@code "fenchel"}) and init, in order of β. */
    public static List<Entry> paper(String rule, Init init) {
        return ENTRIES.stream().filter(e -> e.paper() && e.rule().equals(rule) && e.init() == init).toList();
    }

    /** The β grid of the paper's Fenchel entries (per sample, ascending). */
    public static List<Double> paperBetas() {
        return PAPER_BETAS;
    }

    /** β as written in names: {@code 1e-4}, {@code 0.1}, {@code 3}, {@code 1000}. */
    public static String formatBeta(double beta) {
        if (beta == Math.rint(beta) && Math.abs(beta) < 1e7) {
            return Long.toString((long) beta);
        }
        if (beta >= 0.1) {
            return stripZeros(String.format(java.util.Locale.ROOT, "%.4f", beta));
        }
        String s = String.format(java.util.Locale.ROOT, "%.3e", beta); // 1.000e-04, 2.500e-03
        int e = s.indexOf('e');
        return stripZeros(s.substring(0, e)) + s.substring(e).replace("e-0", "e-").replace("e+0", "e");
    }

    /**
     * A hyperparameter's value as the shortest text that reads back to the same value: {@code 3}, {@code 3e-4},
     * {@code 0.999}, {@code 20} (a {@code float} is printed as a {@code float}, not widened to {@code double}).
     */
    public static String formatValue(Number v) {
        String s = v instanceof Float f ? Float.toString(f) : v instanceof Double d ? Double.toString(d)
                : v.toString();
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        String exponent = e < 0 ? "" : "e" + s.substring(e + 1);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return mantissa + exponent;
    }

    /** {@code name=value, ...} of a network's hyperparameters, in order; "none" when it has none. */
    public static String formatHyperparameters(Map<String, Number> hp) {
        if (hp.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        hp.forEach((k, v) -> parts.add(k + "=" + formatValue(v)));
        return String.join(", ", parts);
    }

    private static String stripZeros(String s) {
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
