package infergen.processor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * A seeded generator of spec sources for {@link RandomSpecsTest}: valid specs over every annotation, element, rule,
 * loss, optimizer, activation and init, with boundary values; and faulty ones, a valid spec with one to three faults
 * each drawn from the validator's checks ({@code validate/SpecValidator}, {@code validate/ContrastiveChecks}) or from
 * javac's own (unresolved names, wrong types, missing or unknown elements). Every annotation is written on a line of
 * its own, so that a diagnostic's line names its annotation.
 */
final class RandomSpecs {

    static final String PACKAGE = "r";

    /** An annotation as written: its name and its elements in order (values as source text). */
    static final class Ann {
        final String name;
        final LinkedHashMap<String, String> elements = new LinkedHashMap<>();

        Ann(String name) {
            this.name = name;
        }

        Ann with(String element, String value) {
            elements.put(element, value);
            return this;
        }

        String render() {
            if (elements.isEmpty()) {
                return "@" + name;
            }
            List<String> parts = new ArrayList<>();
            elements.forEach((k, v) -> parts.add(k + " = " + v));
            return "@" + name + "(" + String.join(", ", parts) + ")";
        }

        String get(String element) {
            return elements.get(element);
        }
    }

    /** A fault put into the spec: the tag expected (null for a javac error) on the line of {@code where}. */
    record Fault(String kind, String tag, Ann where) {
    }

    /** One generated spec. */
    static final class Spec {
        final int index;
        String declaration = "public interface %s {}";
        Ann network;
        final List<Ann> layers = new ArrayList<>();
        final List<Ann> rules = new ArrayList<>();
        final List<Ann> optimizers = new ArrayList<>();
        /** Other source text after the spec type (e.g. a second spec for a name clash). */
        String extra = "";
        final List<Fault> faults = new ArrayList<>();
        /** Slots (elements or aspects) the faults have touched, so that no two faults interfere. */
        final Set<String> slots = new HashSet<>();
        /** Whether the valid values include extremes (Float.MIN_VALUE, Float.MAX_VALUE, ...) that may not train. */
        boolean extreme;
        /** The order of the annotations: any is the same spec (the layers keep theirs). */
        boolean optimizerFirst;
        boolean networkLast;
        final IdentityHashMap<Ann, Integer> lines = new IdentityHashMap<>();

        Spec(int index) {
            this.index = index;
        }

        String simpleName() {
            return "S" + index;
        }

        /** The generated class's simple name. */
        String className() {
            String name = network == null ? null : network.get("name");
            return name == null ? simpleName() + "Net" : name.substring(1, name.length() - 1);
        }

        boolean mse() {
            return network != null && "Loss.MEAN_SQUARED_ERROR".equals(network.get("loss"));
        }

        String ruleName() {
            return rules.isEmpty() ? "Backprop" : rules.get(0).name;
        }

        boolean valid() {
            return faults.isEmpty();
        }

        boolean javacFault() {
            return faults.stream().anyMatch(f -> f.tag() == null);
        }

        String source() {
            lines.clear();
            StringBuilder s = new StringBuilder("package " + PACKAGE + ";\nimport infergen.annotations.*;\n");
            int line = 3;
            List<Ann> all = new ArrayList<>();
            if (network != null && !networkLast) {
                all.add(network);
            }
            all.addAll(layers);
            all.addAll(optimizerFirst ? optimizers : rules);
            all.addAll(optimizerFirst ? rules : optimizers);
            if (network != null && networkLast) {
                all.add(network);
            }
            for (Ann a : all) {
                s.append(a.render()).append('\n');
                lines.put(a, line++);
            }
            s.append(declaration.formatted(simpleName())).append('\n').append(extra);
            return s.toString();
        }

        int line(Ann a) {
            Integer l = lines.get(a);
            if (l == null) {
                throw new IllegalStateException("annotation not in the source: " + a.render());
            }
            return l;
        }

        String activation(int layer) {
            String a = layers.get(layer).get("activation");
            return a == null ? "RELU" : a.substring("Activation.".length());
        }
    }

    static final String[] ACTIVATIONS = {"IDENTITY", "RELU", "HARD_TANH", "HARD_SIGMOID", "SIGMOID", "TANH"};
    static final String[] INITS = {"GLOROT_UNIFORM", "NEGATIVE_GLOROT_UNIFORM", "HE_UNIFORM"};
    static final String[] RULES = {"Backprop", "FenchelBackprop", "PredictiveCoding", "AuxiliaryCoordinates",
        "LiftedProximal", "ContrastiveHebbian", "ConvexContrastiveHebbian", "EquilibriumPropagation", ""};

    private final SplittableRandom random;

    RandomSpecs(long seed) {
        this.random = new SplittableRandom(seed);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    // ---- valid values: boundaries, ordinary values, and several spellings ----------------------------------

    /** A value > 0 and finite; extremes flag the spec. */
    private String positiveFinite(Spec s, String... ordinary) {
        if (chance(0.15)) {
            s.extreme = true;
            return pick("Float.MIN_VALUE", "Float.MAX_VALUE", "1e-30f", "1e30f", "Float.MIN_NORMAL");
        }
        return pick(ordinary);
    }

    /** A value > 0 whose inverse is finite in float32. */
    private String invertible(Spec s, String... ordinary) {
        if (chance(0.15)) {
            s.extreme = true;
            return pick("Float.MAX_VALUE", "1e-30f", "1e30f", "Float.MIN_NORMAL");
        }
        return pick(ordinary);
    }

    /** A value in (0, 1] whose inverse is finite in float32. */
    private String unitExcludingZero(Spec s, String... ordinary) {
        if (chance(0.15)) {
            s.extreme = true;
            return pick("Float.MIN_NORMAL", "1e-30f");
        }
        return chance(0.15) ? pick("1f", "1", "0.99999994f") : pick(ordinary);
    }

    /** A value in [0, 1). */
    private String unitExcludingOne(String... ordinary) {
        return chance(0.3) ? pick("0f", "0", "0.99999994f", "Float.MIN_VALUE", "-0f") : pick(ordinary);
    }

    /** A count >= 1. */
    private String count(String... ordinary) {
        return chance(0.25) ? "1" : pick(ordinary);
    }

    // ---- valid specs ------------------------------------------------------------------------------------------

    Spec valid(int index) {
        Spec s = new Spec(index);
        String rule = pick(RULES);
        boolean mse = chance(0.5);
        s.network = new Ann("Network");
        boolean bigInputs = chance(0.05);
        s.network.with("inputs", bigInputs ? pick("20000", "100000") : pick("1", "2", "3", "5", "8", "17"));
        if (chance(0.7)) {
            s.network.with("maxBatch", bigInputs ? pick("1", "2") : pick("1", "1", "2", "4", "7", "64", "1000"));
        }
        if (mse) {
            s.network.with("loss", "Loss.MEAN_SQUARED_ERROR");
        } else if (chance(0.5)) {
            s.network.with("loss", "Loss.SOFTMAX_CROSS_ENTROPY");
        }
        if (chance(0.25)) {
            s.network.with("name", "\"" + pick("Custom", "_n", "$n", "Ünïcode", "N") + index + "\"");
        }
        if (chance(0.15)) {
            s.declaration = pick("public abstract class %s {}", "interface %s {}", "abstract class %s {}",
                    "public interface %s extends java.io.Serializable {}");
        }
        int layers = 1 + random.nextInt(5);
        for (int l = 0; l < layers; l++) {
            boolean last = l == layers - 1;
            Ann dense = new Ann("Dense").with("units",
                    bigInputs && l == 0 ? pick("1", "2") : pick("1", "2", "3", "4", "7", "10", "33"));
            String activation = activation(rule, last, mse);
            if (!activation.equals("RELU") || chance(0.5)) {
                dense.with("activation", "Activation." + activation);
            }
            if (chance(0.5)) {
                dense.with("init", "Init." + pick(INITS));
            }
            s.layers.add(dense);
        }
        if (!rule.isEmpty()) {
            s.rules.add(validRule(s, rule, mse, layers));
        }
        switch (random.nextInt(4)) {
            case 0 -> {
            }
            case 1 -> s.optimizers.add(new Ann("Adam"));
            case 2 -> {
                Ann adam = new Ann("Adam");
                if (chance(0.6)) {
                    adam.with("learningRate", positiveFinite(s, "1e-3f", "1e-2f", "0.1f", "1"));
                }
                if (chance(0.5)) {
                    adam.with("beta1", unitExcludingOne("0.9f", "0.5f"));
                }
                if (chance(0.5)) {
                    adam.with("beta2", unitExcludingOne("0.999f", "0.99f"));
                }
                if (chance(0.5)) {
                    adam.with("epsilon", positiveFinite(s, "1e-8f", "1e-6f", "1f"));
                }
                s.optimizers.add(adam);
            }
            default -> {
                Ann sgd = new Ann("Sgd").with("learningRate", positiveFinite(s, "0.1f", "1e-2f", "0.5f", "1"));
                if (chance(0.5)) {
                    sgd.with("momentum", unitExcludingOne("0.9f", "0.5f"));
                }
                s.optimizers.add(sgd);
            }
        }
        s.optimizerFirst = chance(0.3);
        s.networkLast = chance(0.2);
        return s;
    }

    private String activation(String rule, boolean last, boolean mse) {
        if (last && !mse) {
            return "IDENTITY";
        }
        List<String> allowed = new ArrayList<>(List.of(ACTIVATIONS));
        switch (rule) {
            case "LiftedProximal", "ConvexContrastiveHebbian" -> allowed.removeAll(List.of("SIGMOID", "TANH"));
            case "EquilibriumPropagation" -> {
                if (!last) {
                    allowed.removeAll(List.of("RELU", "IDENTITY"));
                }
            }
            default -> {
            }
        }
        return pick(allowed);
    }

    private Ann validRule(Spec s, String rule, boolean mse, int layers) {
        Ann a = new Ann(rule);
        switch (rule) {
            case "Backprop" -> {
            }
            case "FenchelBackprop" -> {
                if (chance(0.7)) {
                    a.with("beta", positiveFinite(s, "1e-4f", "1e-3f", "0.1f", "1f", "10f", "10"));
                }
                if (!mse && chance(0.5)) {
                    a.with("fenchelOutput", pick("true", "false"));
                }
            }
            case "PredictiveCoding", "LiftedProximal" -> {
                if (chance(0.7)) {
                    a.with("beta", invertible(s, "1e-3f", "0.1f", "0.5f", "1f", "5f"));
                }
                if (rule.equals("PredictiveCoding")) {
                    inference(s, a);
                    if (chance(0.5)) {
                        a.with("fixedPrediction", pick("true", "false"));
                    }
                } else {
                    if (chance(0.6)) {
                        a.with("sweeps", count("2", "5"));
                    }
                    if (chance(0.6)) {
                        a.with("innerSteps", count("2", "5"));
                    }
                }
            }
            case "AuxiliaryCoordinates" -> {
                if (chance(0.7)) {
                    a.with("mu", invertible(s, "10f", "1f", "100f", "1e3f"));
                }
                inference(s, a);
            }
            case "ContrastiveHebbian", "ConvexContrastiveHebbian" -> {
                boolean hardClamp = rule.equals("ContrastiveHebbian") && mse && chance(0.3);
                float gamma;
                float beta;
                do {
                    a.elements.clear();
                    gamma = 1e-2f;
                    beta = 1e-2f;
                    if (chance(0.7)) {
                        String g = pick("1e-3f", "1e-2f", "0.1f", "0.5f", "0.99999994f", "Float.MIN_VALUE", "1e-7f");
                        a.with("gamma", g);
                        gamma = value(g);
                    }
                    if (chance(0.7)) {
                        String b = pick("1e-2f", "0.1f", "1f", "1", "0.5f", "1e-20f", "Float.MIN_VALUE");
                        a.with("beta", b);
                        beta = value(b);
                    }
                } while (!floatRangeOk(gamma, hardClamp ? 1f : beta, layers));
                if (gamma < 1e-6f || beta < 1e-6f) {
                    s.extreme = true;
                }
                if (chance(0.6)) {
                    a.with("steps", count("3", "10"));
                }
                if (hardClamp) {
                    a.with("hardClamp", "true");
                } else if (rule.equals("ContrastiveHebbian") && chance(0.3)) {
                    a.with("hardClamp", "false");
                }
            }
            case "EquilibriumPropagation" -> {
                if (chance(0.7)) {
                    a.with("beta", unitExcludingZero(s, "0.1f", "0.5f", "1e-2f"));
                }
                if (chance(0.6)) {
                    a.with("freeSteps", count("5", "30"));
                }
                if (chance(0.6)) {
                    a.with("nudgedSteps", count("3", "10"));
                }
                if (chance(0.5)) {
                    a.with("centered", pick("true", "false"));
                }
            }
            default -> throw new AssertionError(rule);
        }
        return a;
    }

    private void inference(Spec s, Ann a) {
        if (chance(0.6)) {
            a.with("steps", count("5", "20"));
        }
        if (chance(0.6)) {
            String rate = unitExcludingZero(s, "0.05f", "0.1f", "0.5f");
            a.with("rate", rate);
            // the simultaneous relaxation steps are stable only while rate·(1 + ‖W‖²f'²) < 2 (docs/rules.md): a
            // large rate may diverge, and the step then stops on its non-finite loss, as with an extreme value
            s.extreme |= value(rate) >= 0.5f;
        }
    }

    /** The float a value's source text denotes (only the spellings this class writes). */
    static float value(String text) {
        return switch (text) {
            case "Float.MIN_VALUE" -> Float.MIN_VALUE;
            case "Float.MAX_VALUE" -> Float.MAX_VALUE;
            case "Float.MIN_NORMAL" -> Float.MIN_NORMAL;
            default -> Float.parseFloat(text);
        };
    }

    /** The same bound as the validator's contrastive float-range check (docs: gamma^(L-1)·beta >= 1e-30). */
    private static boolean floatRangeOk(float gamma, float beta, int layers) {
        return Math.pow(gamma, layers - 1) * beta >= 1e-30;
    }

    // ---- faults -----------------------------------------------------------------------------------------------

    /** A way to break a spec: applicable to it or not, and the change, which records its {@link Fault}. */
    record Breaker(String kind, Predicate<Spec> applies, java.util.function.Consumer<Spec> apply) {
    }

    private final List<Breaker> breakers = breakers();

    /** A valid spec with one to three faults (at most one of them a javac error). */
    Spec faulty(int index) {
        // the first fault cycles through every kind, on the first valid spec it applies to
        Breaker first = breakers.get(index % breakers.size());
        Spec s = valid(index);
        for (int attempt = 0; !first.applies().test(s); attempt++) {
            if (attempt == 500) {
                throw new IllegalStateException("no spec for fault " + first.kind());
            }
            s = valid(index);
        }
        first.apply().accept(s);
        int wanted = 1 + random.nextInt(3);
        for (int attempt = 0; s.faults.size() < wanted && attempt < 50; attempt++) {
            Breaker b = pick(breakers);
            if (b.applies().test(s)) {
                b.apply().accept(s);
            }
        }
        return s;
    }

    /** Every kind of fault the generator knows, for the summary. */
    List<String> kinds() {
        return breakers.stream().map(Breaker::kind).toList();
    }

    private boolean free(Spec s, String... slots) {
        if (s.slots.contains("*")) {
            return false;
        }
        for (String slot : slots) {
            if (slot.equals("*") ? !s.slots.isEmpty() : s.slots.contains(slot)) {
                return false;
            }
        }
        return true;
    }

    private static void claim(Spec s, String... slots) {
        s.slots.addAll(List.of(slots));
    }

    private static void fault(Spec s, String kind, String tag, Ann where) {
        s.faults.add(new Fault(kind, tag, where));
    }

    private List<Breaker> breakers() {
        List<Breaker> b = new ArrayList<>();
        // ---- the spec type and @Network
        b.add(new Breaker("spec-kind", s -> free(s, "kind"), s -> {
            claim(s, "kind");
            s.declaration = pick("public class %s {}", "public enum %s { A }", "public record %s(int x) {}",
                    "public @interface %s {}", "class %s {}", "enum %s { A, B; }");
            fault(s, "spec-kind", "spec-kind", s.network);
        }));
        b.add(new Breaker("missing-network", s -> free(s, "*") && s.layers.size() > 0, s -> {
            claim(s, "*");
            s.network = null;
            fault(s, "missing-network", "missing-network", s.layers.get(0));
        }));
        b.add(new Breaker("no-layers", s -> free(s, "layers", "sizes", "loss-last", "float-range")
                && s.slots.stream().noneMatch(x -> x.startsWith("layer")), s -> {
                    claim(s, "layers", "sizes", "loss-last", "float-range");
                    s.layers.clear();
                    fault(s, "no-layers", "no-layers", s.network);
                }));
        b.add(new Breaker("bad-name", s -> free(s, "name"), s -> {
            claim(s, "name");
            s.network.with("name", pick("\"1abc\"", "\"a.b\"", "\"var\"", "\"class\"", "\"has space\"", "\"record\"",
                    "\"yield\"", "\"a-b\"", "\" \"", "\"_\"", "\"x\\ny\""));
            fault(s, "bad-name", "bad-name", s.network);
        }));
        b.add(new Breaker("name-clash-existing", s -> free(s, "name"), s -> {
            claim(s, "name");
            if (chance(0.5)) {
                s.network.with("name", "\"" + s.simpleName() + "\"");
            } else {
                s.network.with("name", "\"Existing" + s.index + "\"");
                s.extra += "class Existing" + s.index + " {}\n";
            }
            fault(s, "name-clash-existing", "name-clash", s.network);
        }));
        b.add(new Breaker("name-clash-generated", s -> free(s, "name"), s -> {
            claim(s, "name");
            s.network.with("name", "\"Twin" + s.index + "\"");
            // processed first: specs are processed in the order of their qualified names, and "A..." < "S..."
            s.extra += "@Network(inputs = 2, name = \"Twin" + s.index + "\")\n"
                    + "@Dense(units = 2, activation = Activation.IDENTITY)\ninterface A" + s.index + " {}\n";
            fault(s, "name-clash-generated", "name-clash", s.network);
        }));
        // ---- sizes
        b.add(new Breaker("not-positive network", s -> free(s, "sizes", "network-sizes"), s -> {
            claim(s, "sizes", "network-sizes");
            s.network.with(pick("inputs", "maxBatch"), pick("0", "-1", "-64", "Integer.MIN_VALUE"));
            fault(s, "not-positive network", "not-positive", s.network);
        }));
        b.add(new Breaker("not-positive units", s -> free(s, "sizes") && !s.layers.isEmpty(), s -> {
            claim(s, "sizes");
            Ann layer = pick(s.layers);
            layer.with("units", pick("0", "-1", "-3", "Integer.MIN_VALUE"));
            fault(s, "not-positive units", "not-positive", layer);
        }));
        b.add(new Breaker("too-large weights", s -> free(s, "sizes", "network-sizes") && !s.layers.isEmpty(), s -> {
            claim(s, "sizes", "network-sizes");
            int l = random.nextInt(s.layers.size());
            Ann layer = s.layers.get(l);
            // a fan-in of at least 2 makes units = Integer.MAX_VALUE too large for the weights
            if (l == 0) {
                s.network.with("inputs", "2");
            } else {
                s.layers.get(l - 1).with("units", "2");
            }
            layer.with("units", pick("Integer.MAX_VALUE", "1 << 30", "2000000000"));
            fault(s, "too-large weights", "too-large", layer);
        }));
        b.add(new Breaker("too-large activations", s -> free(s, "sizes", "network-sizes") && !s.layers.isEmpty(),
                s -> {
                    claim(s, "sizes", "network-sizes");
                    s.network.with("maxBatch", pick("Integer.MAX_VALUE", "Integer.MAX_VALUE - 8"));
                    int l = random.nextInt(s.layers.size());
                    s.layers.get(l).with("units", "2");
                    fault(s, "too-large activations", "too-large", s.layers.get(l));
                }));
        b.add(new Breaker("too-large input batch", s -> free(s, "sizes", "network-sizes"), s -> {
            claim(s, "sizes", "network-sizes");
            s.network.with("inputs", "2");
            s.network.with("maxBatch", pick("Integer.MAX_VALUE", "1 << 30 | 1 << 29", "Integer.MAX_VALUE / 2"));
            fault(s, "too-large input batch", "too-large", s.network);
        }));
        // ---- the loss
        b.add(new Breaker("softmax-identity", s -> free(s, "loss-last", "layer-last") && !s.layers.isEmpty()
                && !s.mse() && !s.ruleName().equals("EquilibriumPropagation"), s -> {
                    claim(s, "loss-last", "layer-last");
                    Ann last = s.layers.getLast();
                    List<String> allowed = new ArrayList<>(List.of("RELU", "HARD_TANH", "HARD_SIGMOID", ""));
                    if (!List.of("LiftedProximal", "ConvexContrastiveHebbian").contains(s.ruleName())) {
                        allowed.addAll(List.of("SIGMOID", "TANH"));
                    }
                    String activation = pick(allowed);
                    if (activation.isEmpty()) {
                        last.elements.remove("activation");
                    } else {
                        last.with("activation", "Activation." + activation);
                    }
                    fault(s, "softmax-identity", "softmax-identity", last);
                }));
        // ---- rules and optimizers
        b.add(new Breaker("two-rules", s -> free(s, "two-rules"), s -> {
            claim(s, "two-rules");
            if (s.rules.isEmpty()) {
                s.rules.add(new Ann("Backprop"));
            }
            Ann second = new Ann(s.rules.get(0).name.equals("Backprop") ? "FenchelBackprop" : "Backprop");
            s.rules.add(second);
            fault(s, "two-rules", "two-rules", second);
        }));
        b.add(new Breaker("two-optimizers", s -> free(s, "two-optimizers"), s -> {
            claim(s, "two-optimizers");
            if (s.optimizers.isEmpty()) {
                s.optimizers.add(new Ann("Adam"));
            }
            Ann second = s.optimizers.get(0).name.equals("Adam") ? new Ann("Sgd").with("learningRate", "0.1f")
                    : new Ann("Adam");
            s.optimizers.add(second);
            fault(s, "two-optimizers", "two-optimizers", second);
        }));
        ruleFault(b, "beta", "FenchelBackprop", "beta", positiveFiniteBad());
        b.add(new Breaker("fenchel-output", s -> s.ruleName().equals("FenchelBackprop") && s.mse()
                && free(s, "rule.fenchelOutput", "loss-last"), s -> {
                    claim(s, "rule.fenchelOutput", "loss-last");
                    s.rules.get(0).with("fenchelOutput", "true");
                    fault(s, "fenchel-output", "fenchel-output", s.rules.get(0));
                }));
        for (String rule : List.of("ContrastiveHebbian", "ConvexContrastiveHebbian")) {
            ruleFault(b, "contrastive-gamma", rule, "gamma", List.of("0f", "1f", "1", "-0.5f", "1.5f", "Float.NaN",
                    "Float.POSITIVE_INFINITY", "-Float.MIN_VALUE", "0.0f/0.0f"));
        }
        for (String rule : List.of("ContrastiveHebbian", "ConvexContrastiveHebbian", "EquilibriumPropagation")) {
            ruleFault(b, "contrastive-beta", rule, "beta", List.of("0f", "-1f", "1.0000001f", "2", "Float.NaN",
                    "Float.POSITIVE_INFINITY", "Float.NEGATIVE_INFINITY", "-0f", "Float.MIN_VALUE"));
        }
        ruleFault(b, "contrastive-steps", "ContrastiveHebbian", "steps", stepsBad());
        ruleFault(b, "contrastive-steps", "ConvexContrastiveHebbian", "steps", stepsBad());
        ruleFault(b, "contrastive-steps", "EquilibriumPropagation", "freeSteps", stepsBad());
        ruleFault(b, "contrastive-steps", "EquilibriumPropagation", "nudgedSteps", stepsBad());
        b.add(new Breaker("contrastive-float-range", s -> s.ruleName().contains("ContrastiveHebbian")
                && s.layers.size() >= 2 && free(s, "rule.gamma", "rule.beta", "float-range", "rule.hardClamp"), s -> {
                    claim(s, "rule.gamma", "rule.beta", "float-range", "rule.hardClamp");
                    Ann rule = s.rules.get(0);
                    // gamma^(L-1)·beta < 1e-30 with gamma and beta in range
                    if (chance(0.5) || "true".equals(rule.get("hardClamp"))) {
                        rule.with("gamma", pick("Float.MIN_VALUE", "1e-31f"));
                    } else {
                        rule.with("gamma", "1e-16f");
                        rule.with("beta", "1e-15f");
                    }
                    fault(s, "contrastive-float-range", "contrastive-float-range", rule);
                }));
        b.add(new Breaker("hard-clamp-mse", s -> s.ruleName().equals("ContrastiveHebbian") && !s.mse()
                && free(s, "rule.hardClamp", "rule.beta", "loss-last"), s -> {
                    claim(s, "rule.hardClamp", "rule.beta", "loss-last");
                    s.rules.get(0).with("hardClamp", "true");
                    fault(s, "hard-clamp-mse", "hard-clamp-mse", s.rules.get(0));
                }));
        b.add(new Breaker("convex-projection", s -> s.ruleName().equals("ConvexContrastiveHebbian")
                && layerFor(s, true) >= 0, s -> breakLayer(s, "convex-projection", true, "SIGMOID", "TANH")));
        b.add(new Breaker("no-closed-form-prox", s -> s.ruleName().equals("LiftedProximal")
                && layerFor(s, true) >= 0, s -> breakLayer(s, "no-closed-form-prox", true, "SIGMOID", "TANH")));
        b.add(new Breaker("eqprop-bounded", s -> s.ruleName().equals("EquilibriumPropagation")
                && layerFor(s, false) >= 0, s -> breakLayer(s, "eqprop-bounded", false, "RELU", "IDENTITY", "")));
        for (String rule : List.of("PredictiveCoding", "LiftedProximal")) {
            ruleFault(b, "rule-beta", rule, "beta", invertibleBad());
        }
        ruleFault(b, "mu", "AuxiliaryCoordinates", "mu", invertibleBad());
        ruleFault(b, "inference-steps", "PredictiveCoding", "steps", stepsBad());
        ruleFault(b, "inference-steps", "AuxiliaryCoordinates", "steps", stepsBad());
        ruleFault(b, "inference-steps", "LiftedProximal", "sweeps", stepsBad());
        ruleFault(b, "inference-steps", "LiftedProximal", "innerSteps", stepsBad());
        for (String rule : List.of("PredictiveCoding", "AuxiliaryCoordinates")) {
            ruleFault(b, "inference-rate", rule, "rate", List.of("0f", "-0.1f", "1.0000001f", "2", "Float.NaN",
                    "Float.POSITIVE_INFINITY", "-Float.MIN_VALUE"));
        }
        optimizerFault(b, "learning-rate", "Adam", "learningRate", positiveFiniteBad());
        optimizerFault(b, "learning-rate", "Sgd", "learningRate", positiveFiniteBad());
        optimizerFault(b, "unit-interval", "Adam", "beta1", unitExcludingOneBad());
        optimizerFault(b, "unit-interval", "Adam", "beta2", unitExcludingOneBad());
        optimizerFault(b, "unit-interval", "Sgd", "momentum", unitExcludingOneBad());
        optimizerFault(b, "epsilon", "Adam", "epsilon", positiveFiniteBad());
        // ---- javac's own errors
        javacFaults(b);
        return b;
    }

    private static List<String> positiveFiniteBad() {
        return List.of("0f", "0", "-0f", "-1f", "-Float.MIN_VALUE", "Float.NaN", "Float.POSITIVE_INFINITY",
                "Float.NEGATIVE_INFINITY", "1f/0f", "-Float.MAX_VALUE");
    }

    /** Out of range for a value whose inverse must be finite: the ordinary bad ones and the tiny positive ones. */
    private static List<String> invertibleBad() {
        List<String> bad = new java.util.ArrayList<>(positiveFiniteBad());
        bad.addAll(List.of("Float.MIN_VALUE", "1e-40f"));
        return bad;
    }

    private static List<String> unitExcludingOneBad() {
        return List.of("1f", "1", "-0.1f", "-Float.MIN_VALUE", "1.5f", "Float.NaN", "Float.POSITIVE_INFINITY");
    }

    private static List<String> stepsBad() {
        return List.of("0", "-1", "Integer.MIN_VALUE", "-20");
    }

    private void ruleFault(List<Breaker> b, String tag, String rule, String element, List<String> bad) {
        String slot = "rule." + element;
        b.add(new Breaker(tag + " " + rule + "." + element, s -> s.ruleName().equals(rule) && free(s, slot)
                && !(element.equals("beta") && rule.equals("ContrastiveHebbian")
                        && ("true".equals(s.rules.get(0).get("hardClamp")) || s.slots.contains("rule.hardClamp"))),
                s -> {
                    claim(s, slot, "float-range");
                    s.rules.get(0).with(element, pick(bad));
                    fault(s, tag + " " + rule + "." + element, tag, s.rules.get(0));
                }));
    }

    private void optimizerFault(List<Breaker> b, String tag, String optimizer, String element, List<String> bad) {
        String slot = "optimizer." + element;
        b.add(new Breaker(tag + " " + optimizer + "." + element, s -> free(s, slot, "two-optimizers-" + optimizer)
                && (s.optimizers.isEmpty() ? optimizer.equals("Adam") || chance(0.5)
                        : s.optimizers.get(0).name.equals(optimizer)),
                s -> {
                    claim(s, slot);
                    if (s.optimizers.isEmpty()) {
                        s.optimizers.add(optimizer.equals("Adam") ? new Ann("Adam")
                                : new Ann("Sgd").with("learningRate", "0.1f"));
                    }
                    s.optimizers.get(0).with(element, pick(bad));
                    fault(s, tag + " " + optimizer + "." + element, tag, s.optimizers.get(0));
                }));
    }

    /** A layer whose activation a rule's check may break: any layer ({@code any}) or a hidden one. */
    private int layerFor(Spec s, boolean any) {
        for (int l = 0; l < s.layers.size(); l++) {
            boolean last = l == s.layers.size() - 1;
            if ((any ? !last || s.mse() : !last) && !s.slots.contains("layer" + l)
                    && !(last && s.slots.contains("layer-last"))) {
                return l;
            }
        }
        return -1;
    }

    private void breakLayer(Spec s, String tag, boolean any, String... activations) {
        List<Integer> candidates = new ArrayList<>();
        for (int l = 0; l < s.layers.size(); l++) {
            boolean last = l == s.layers.size() - 1;
            if ((any ? !last || s.mse() : !last) && !s.slots.contains("layer" + l)
                    && !(last && s.slots.contains("layer-last"))) {
                candidates.add(l);
            }
        }
        int l = pick(candidates);
        claim(s, "layer" + l, "layers");
        if (l == s.layers.size() - 1) {
            claim(s, "layer-last");
        }
        String activation = pick(activations);
        if (activation.isEmpty()) {
            s.layers.get(l).elements.remove("activation");
        } else {
            s.layers.get(l).with("activation", "Activation." + activation);
        }
        fault(s, tag, tag, s.layers.get(l));
    }

    /** Mistakes javac reports itself: at most one per spec, on the line of the annotation it is in. */
    private void javacFaults(List<Breaker> b) {
        Map<String, List<String>> networkBad = new LinkedHashMap<>();
        networkBad.put("inputs", List.of("HIDEN", "\"x\"", "3.5f", "2L", "Missing.X", "true", "Integer.MAX_VALUE + 1L"));
        networkBad.put("maxBatch", List.of("Missing.X", "BATCH", "\"64\"", "64.0"));
        networkBad.put("loss", List.of("NOPE", "Loss.NOPE", "Activation.RELU", "\"MEAN_SQUARED_ERROR\"",
                "MEAN_SQUARED_ERROR"));
        networkBad.put("name", List.of("7", "NOPE", "Missing.NAME", "'c'"));
        networkBad.put("nope", List.of("1"));
        b.add(new Breaker("javac @Network", s -> s.network != null && free(s, "javac"), s -> {
            claim(s, "javac", "*");
            String element = pick(List.copyOf(networkBad.keySet()));
            s.network.with(element, pick(networkBad.get(element)));
            fault(s, "javac @Network." + element, null, s.network);
        }));
        // inputs has a default (0) since @Network(inputShape): without either, the processor says it is not positive
        b.add(new Breaker("@Network without inputs", s -> s.network != null && free(s, "sizes", "network.inputs"),
                s -> {
                    claim(s, "sizes", "network.inputs");
                    s.network.elements.remove("inputs");
                    fault(s, "@Network without inputs", "not-positive", s.network);
                }));
        b.add(new Breaker("javac @Dense", s -> !s.layers.isEmpty() && free(s, "javac"), s -> {
            claim(s, "javac", "*");
            Ann layer = pick(s.layers);
            switch (random.nextInt(4)) {
                case 0 -> layer.with("units", pick("HIDEN", "\"x\"", "3.5f", "Missing.X", "3L"));
                case 1 -> layer.with("activation", pick("Activation.NOPE", "RELUU", "Init.HE_UNIFORM", "null",
                        "\"RELU\""));
                case 2 -> layer.with("init", pick("Init.NOPE", "NOPE", "Activation.RELU"));
                default -> layer.with(pick("size", "units2", "bias"), "4");
            }
            fault(s, "javac @Dense", null, layer);
        }));
        b.add(new Breaker("javac @Dense without units", s -> !s.layers.isEmpty() && free(s, "javac"), s -> {
            claim(s, "javac", "*");
            Ann layer = pick(s.layers);
            layer.elements.remove("units");
            fault(s, "javac @Dense without units", null, layer);
        }));
        b.add(new Breaker("javac rule element", s -> !s.rules.isEmpty() && free(s, "javac"), s -> {
            claim(s, "javac", "*");
            Ann rule = s.rules.get(0);
            String element = switch (rule.name) {
                case "Backprop" -> "beta";
                case "FenchelBackprop" -> pick("beta", "fenchelOutput");
                case "PredictiveCoding" -> pick("beta", "steps", "rate", "fixedPrediction");
                case "AuxiliaryCoordinates" -> pick("mu", "steps", "rate");
                case "LiftedProximal" -> pick("beta", "sweeps", "innerSteps");
                case "ContrastiveHebbian" -> pick("gamma", "beta", "steps", "hardClamp");
                case "ConvexContrastiveHebbian" -> pick("gamma", "beta", "steps");
                default -> pick("beta", "freeSteps", "nudgedSteps", "centered");
            };
            String value = switch (element) {
                case "steps", "sweeps", "innerSteps", "freeSteps", "nudgedSteps" ->
                        pick("2.5f", "NOPE", "\"3\"", "3L", "true");
                case "fenchelOutput", "fixedPrediction", "hardClamp", "centered" -> pick("1", "NOPE", "\"true\"");
                default -> pick("0.1", "\"x\"", "true", "NOPE", "Missing.B", "1e-3d");
            };
            rule.with(element, value);
            fault(s, "javac rule element", null, rule);
        }));
        b.add(new Breaker("javac optimizer", s -> free(s, "javac", "two-optimizers"), s -> {
            claim(s, "javac", "two-optimizers", "*");
            if (s.optimizers.isEmpty()) {
                s.optimizers.add(new Ann("Adam"));
            }
            Ann o = s.optimizers.get(0);
            if (o.name.equals("Sgd") && chance(0.3)) {
                o.elements.remove("learningRate");
            } else if (chance(0.2)) {
                // a second, non-repeatable annotation of the same type
                Ann again = new Ann(o.name);
                if (o.name.equals("Sgd")) {
                    again.with("learningRate", "0.1f");
                }
                s.optimizers.add(again);
                fault(s, "javac repeated optimizer", null, again);
                return;
            } else {
                o.with(pick(o.name.equals("Adam") ? List.of("learningRate", "beta1", "beta2", "epsilon")
                        : List.of("learningRate", "momentum")), pick("0.1", "\"x\"", "false", "NOPE", "1e-3d"));
            }
            fault(s, "javac optimizer", null, o);
        }));
    }
}
