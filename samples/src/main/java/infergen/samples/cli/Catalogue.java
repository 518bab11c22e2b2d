package infergen.samples.cli;

import infergen.runtime.TrainableNet;
import infergen.samples.FashionMlp;
import infergen.samples.FashionMlpNet;
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
 * The compiled specs the command line can train, by name. A spec is compiled into its own class, so the tool can only
 * offer specs it ships; adding one (a new learning rule, another β) is one spec interface and one line here.
 *
 * <p>Names follow {@code <family>-<rule>[-<beta>][-neg]}: {@code paper-bp}, {@code paper-fenchel-1e-4},
 * {@code paper-fenchel-100-neg}; {@code -neg} is the paper's negative init on the first layer. The
 * {@code rules-*} entries train every learning rule on the same network ({@code rules-pcn}, {@code rules-chl}, ...).
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
     * @param beta the rule's β per sample, {@code NaN} for rules without one
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

    // One line per spec.
    private static final List<Entry> ENTRIES = List.of(
            paper("bp", NO_BETA, G, PaperSpecs.PaperBp.class, PaperBpNet::new),
            paper("bp", NO_BETA, N, PaperSpecs.PaperBpNeg.class, PaperBpNegNet::new),
            paper("fenchel", 1e-4, G, PaperSpecs.PaperFenchelB1em4.class, PaperFenchelB1em4Net::new),
            paper("fenchel", 1e-4, N, PaperSpecs.PaperFenchelB1em4Neg.class, PaperFenchelB1em4NegNet::new),
            paper("fenchel", 1e-2, G, PaperSpecs.PaperFenchelB1em2.class, PaperFenchelB1em2Net::new),
            paper("fenchel", 1e-2, N, PaperSpecs.PaperFenchelB1em2Neg.class, PaperFenchelB1em2NegNet::new),
            paper("fenchel", 0.1, G, PaperSpecs.PaperFenchelB0p1.class, PaperFenchelB0p1Net::new),
            paper("fenchel", 0.1, N, PaperSpecs.PaperFenchelB0p1Neg.class, PaperFenchelB0p1NegNet::new),
            paper("fenchel", 1, G, PaperSpecs.PaperFenchelB1.class, PaperFenchelB1Net::new),
            paper("fenchel", 1, N, PaperSpecs.PaperFenchelB1Neg.class, PaperFenchelB1NegNet::new),
            paper("fenchel", 2, G, PaperSpecs.PaperFenchelB2.class, PaperFenchelB2Net::new),
            paper("fenchel", 2, N, PaperSpecs.PaperFenchelB2Neg.class, PaperFenchelB2NegNet::new),
            paper("fenchel", 3, G, PaperSpecs.PaperFenchelB3.class, PaperFenchelB3Net::new),
            paper("fenchel", 3, N, PaperSpecs.PaperFenchelB3Neg.class, PaperFenchelB3NegNet::new),
            paper("fenchel", 10, G, PaperSpecs.PaperFenchelB10.class, PaperFenchelB10Net::new),
            paper("fenchel", 10, N, PaperSpecs.PaperFenchelB10Neg.class, PaperFenchelB10NegNet::new),
            paper("fenchel", 30, G, PaperSpecs.PaperFenchelB30.class, PaperFenchelB30Net::new),
            paper("fenchel", 30, N, PaperSpecs.PaperFenchelB30Neg.class, PaperFenchelB30NegNet::new),
            paper("fenchel", 100, G, PaperSpecs.PaperFenchelB100.class, PaperFenchelB100Net::new),
            paper("fenchel", 100, N, PaperSpecs.PaperFenchelB100Neg.class, PaperFenchelB100NegNet::new),
            paper("fenchel", 300, G, PaperSpecs.PaperFenchelB300.class, PaperFenchelB300Net::new),
            paper("fenchel", 300, N, PaperSpecs.PaperFenchelB300Neg.class, PaperFenchelB300NegNet::new),
            paper("fenchel", 1000, G, PaperSpecs.PaperFenchelB1000.class, PaperFenchelB1000Net::new),
            paper("fenchel", 1000, N, PaperSpecs.PaperFenchelB1000Neg.class, PaperFenchelB1000NegNet::new),
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
            new Entry("rules-eqprop", RuleSpecs.RulesEqProp.class, "eqprop", NO_BETA, G, RulesEqPropNet::new,
                    "equilibrium propagation, centred, β = 0.2, 15 free / 6 nudged sweeps; 784-256(SIGMOID)-10, "
                            + "Adam 1e-3, maxBatch 50"));

    private static final Map<String, Entry> BY_NAME = index();

    private Catalogue() {
    }

    private static Entry paper(String rule, double beta, Init init, Class<?> spec, LongFunction<TrainableNet> f) {
        String name = "paper-" + rule + (Double.isNaN(beta) ? "" : "-" + formatBeta(beta))
                + (init == Init.NEGATIVE ? "-neg" : "");
        String what = (Double.isNaN(beta) ? "back-propagation" : "Fenchel BP, β = " + formatBeta(beta)
                + " per sample (paper units: " + formatBeta(beta * 50) + ")")
                + (init == Init.NEGATIVE ? ", negative init on layer 0" : ", Glorot init");
        return new Entry(name, spec, rule, beta, init, f, what + "; " + PAPER);
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

    /** The entry called {@code name}, if any. */
    public static Optional<Entry> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The entry whose spec has the fully qualified name {@code specName} (a checkpoint's {@code infergen.spec}). */
    public static Optional<Entry> bySpec(String specName) {
        return ENTRIES.stream().filter(e -> e.specName().equals(specName)).findFirst();
    }

    /** The paper's entries for a rule ({@code "bp"} or {@code "fenchel"}) and init, in order of β. */
    public static List<Entry> paper(String rule, Init init) {
        return ENTRIES.stream().filter(e -> e.paper() && e.rule().equals(rule) && e.init() == init).toList();
    }

    /** The β values of the paper's Fenchel specs, ascending. */
    public static List<Double> paperBetas() {
        return paper("fenchel", Init.GLOROT).stream().map(Entry::beta).toList();
    }

    /** β as written in names: {@code 1e-4}, {@code 0.1}, {@code 3}, {@code 1000}. */
    public static String formatBeta(double beta) {
        if (beta == Math.rint(beta) && Math.abs(beta) < 1e7) {
            return Long.toString((long) beta);
        }
        if (beta >= 0.1) {
            return stripZeros(String.format(java.util.Locale.ROOT, "%.4f", beta));
        }
        String s = String.format(java.util.Locale.ROOT, "%.0e", beta); // 1e-04
        return s.replace("e-0", "e-");
    }

    private static String stripZeros(String s) {
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
