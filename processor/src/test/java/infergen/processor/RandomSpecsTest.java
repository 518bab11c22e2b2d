package infergen.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import infergen.runtime.RegressionNet;
import infergen.runtime.TrainableNet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #15: seeded random specs, one per compilation, in process. Valid ones (every annotation and element, every
 * rule, 1–5 layers, boundary values, both losses, both optimizers, every activation and init, names) compile without
 * a warning under {@code -Xlint:all} and train three steps with a finite loss; faulty ones (one to three faults from
 * every validator check, or one javac error) are rejected with the expected tag on the faulty annotation's line. No
 * spec gets {@code [infergen:internal]} and no exception escapes the processor.
 *
 * <p>{@code -Dinfergen.randomSpecs=5000} runs more specs, {@code -Dinfergen.randomSpecs.seed=...} others.
 */
class RandomSpecsTest {

    private static final Pattern TAG = Pattern.compile("^\\[infergen:([a-z-]+)]");

    @Test
    void randomSpecs() {
        int count = Integer.getInteger("infergen.randomSpecs", 240);
        long seed = Long.getLong("infergen.randomSpecs.seed", 15L);
        RandomSpecs generator = new RandomSpecs(seed);
        List<String> failures = new ArrayList<>();
        Map<String, Integer> faultKinds = new TreeMap<>();
        List<String> notFinite = new ArrayList<>();
        int valid = 0;
        int faulty = 0;
        int javac = 0;
        int extreme = 0;
        int extremeRejectedStep = 0;
        for (int i = 0; i < count; i++) {
            RandomSpecs.Spec spec = i % 2 == 0 ? generator.valid(i) : generator.faulty(i / 2);
            String source = spec.source();
            Compilation c;
            try {
                c = Compile.compile(source);
            } catch (Throwable t) {
                failures.add(describe(spec, source, "the compilation threw " + t));
                continue;
            }
            for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
                String message = d.getMessage(null);
                if (message.contains("[infergen:internal]")) {
                    failures.add(describe(spec, source, "internal error: " + message));
                }
            }
            if (spec.valid()) {
                valid++;
                if (spec.extreme) {
                    extreme++;
                }
                String problem = checkValid(spec, c, notFinite);
                if (problem != null && problem.startsWith("extreme:")) {
                    extremeRejectedStep++;
                } else if (problem != null) {
                    failures.add(describe(spec, source, problem + "\n" + diagnostics(c)));
                }
            } else {
                faulty++;
                if (spec.javacFault()) {
                    javac++;
                }
                spec.faults.forEach(f -> faultKinds.merge(f.kind(), 1, Integer::sum));
                String problem = checkFaulty(spec, c);
                if (problem != null) {
                    failures.add(describe(spec, source, problem + "\n" + diagnostics(c)));
                }
            }
        }
        Set<String> uncovered = new TreeSet<>(generator.kinds());
        uncovered.removeAll(faultKinds.keySet());
        uncovered.removeIf(k -> faultKinds.keySet().stream().anyMatch(f -> f.startsWith(k)));
        System.out.printf("random specs (seed %d): %d tried, %d valid (%d with extreme values, %d of them stopped by a "
                        + "non-finite batch loss), %d faulty (%d with a javac error, %d fault kinds, %d uncovered%s), "
                        + "non-finite weights after 3 steps: %d%s%n",
                seed, count, valid, extreme, extremeRejectedStep, faulty, javac, faultKinds.size(), uncovered.size(),
                uncovered.isEmpty() ? "" : " " + uncovered, notFinite.size(), notFinite.isEmpty() ? "" : " " + notFinite);
        assertTrue(failures.isEmpty(), () -> failures.size() + " of " + count + " specs failed:\n\n"
                + String.join("\n\n", failures.subList(0, Math.min(12, failures.size()))));
    }

    /**
     * A beta (mu, gamma) so small that 1/beta overflows float is a compile error on its value (the rules divide by
     * it; with Float.MIN_VALUE the first step used to return a finite loss and leave NaN weights).
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "@PredictiveCoding(beta = Float.MIN_VALUE)",
        "@LiftedProximal(beta = Float.MIN_VALUE)",
        "@AuxiliaryCoordinates(mu = Float.MIN_VALUE)",
        "@EquilibriumPropagation(beta = Float.MIN_VALUE)",
        "@ConvexContrastiveHebbian(beta = Float.MIN_VALUE, gamma = Float.MIN_VALUE)",
        "@ContrastiveHebbian(beta = Float.MIN_VALUE, gamma = Float.MIN_VALUE)",
    })
    void aTinyBetaIsRejectedOnItsValue(String rule) {
        Compilation c = Compile.compile("""
                package r;
                import infergen.annotations.*;
                @Network(inputs = 3, maxBatch = 2)
                @Dense(units = 2, activation = Activation.IDENTITY)
                %s
                public interface Tiny {}
                """.formatted(rule));
        assertTrue(c.status() == Compilation.Status.FAILURE, () -> diagnostics(c));
        List<String> errors = c.errors().stream().map(d -> d.getMessage(null)).toList();
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).matches("\\[infergen:(rule-beta|mu|contrastive-beta|contrastive-float-range)] .*"),
                errors.get(0));
        assertEquals(5, c.errors().get(0).getLineNumber(), "on the rule's line");
    }


    /** Null when the valid spec compiled cleanly and trained; else what went wrong ("extreme: ..." is allowed). */
    private static String checkValid(RandomSpecs.Spec spec, Compilation c, List<String> notFinite) {
        if (c.status() != Compilation.Status.SUCCESS) {
            return "a valid spec failed to compile";
        }
        if (!c.warnings().isEmpty()) {
            return "a valid spec compiled with warnings";
        }
        TrainableNet net;
        try {
            net = Compile.newNet(c, RandomSpecs.PACKAGE + "." + spec.className(), spec.index);
        } catch (Throwable t) {
            return "the generated class did not load: " + t;
        }
        if (spec.mse() != (net instanceof RegressionNet)) {
            return "RegressionNet exactly under MEAN_SQUARED_ERROR, got " + net.getClass().getInterfaces()[0];
        }
        SplittableRandom random = new SplittableRandom(spec.index);
        for (int step = 0; step < 3; step++) {
            int n = 1 + random.nextInt(Math.min(net.maxBatch(), 5));
            float[] x = new float[n * net.inputSize()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextDouble(-1, 1);
            }
            float loss;
            try {
                if (net instanceof RegressionNet regression) {
                    float[] y = new float[n * net.outputSize()];
                    for (int i = 0; i < y.length; i++) {
                        y[i] = (float) random.nextDouble();
                    }
                    loss = regression.trainStep(x, y, n);
                } else {
                    int[] labels = new int[n];
                    for (int i = 0; i < n; i++) {
                        labels[i] = random.nextInt(net.outputSize());
                    }
                    loss = net.trainStep(x, labels, n);
                }
            } catch (IllegalArgumentException e) {
                if (spec.extreme && e.getMessage().startsWith("the batch loss is")) {
                    notFinite(spec, net, notFinite);
                    return "extreme: " + e.getMessage();
                }
                return "train step " + step + " threw " + e;
            } catch (Throwable t) {
                return "train step " + step + " threw " + t;
            }
            if (!Float.isFinite(loss)) {
                return "train step " + step + " returned loss " + loss;
            }
        }
        notFinite(spec, net, notFinite);
        return null;
    }

    private static void notFinite(RandomSpecs.Spec spec, TrainableNet net, List<String> notFinite) {
        for (int l = 0; l < net.layerCount(); l++) {
            for (float[] a : List.of(net.weights(l), net.bias(l))) {
                for (float v : a) {
                    if (!Float.isFinite(v)) {
                        notFinite.add(spec.simpleName() + " " + spec.ruleName()
                                + (spec.rules.isEmpty() ? "" : spec.rules.get(0).render().replaceFirst("^@\\w+", ""))
                                + " " + spec.optimizers.stream().map(RandomSpecs.Ann::render).toList());
                        return;
                    }
                }
            }
        }
    }

    /** Null when the faulty spec was rejected as expected. */
    private static String checkFaulty(RandomSpecs.Spec spec, Compilation c) {
        if (c.status() != Compilation.Status.FAILURE) {
            return "a faulty spec compiled";
        }
        List<Diagnostic<? extends JavaFileObject>> errors = Compile.errors(c);
        Set<String> expectedTags = new TreeSet<>();
        for (RandomSpecs.Fault f : spec.faults) {
            if (f.tag() != null) {
                expectedTags.add(f.tag());
            }
        }
        if (expectedTags.contains("missing-network")) {
            // without @Network there is no spec to validate: that one error is all the processor says
            expectedTags.retainAll(Set.of("missing-network"));
            spec.faults.removeIf(f -> f.tag() != null && !f.tag().equals("missing-network"));
        }
        Set<String> tags = new TreeSet<>();
        for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
            Matcher m = TAG.matcher(d.getMessage(null));
            if (m.find()) {
                tags.add(m.group(1));
            }
        }
        for (Diagnostic<? extends JavaFileObject> d : errors) {
            if (d.getSource() == null || !d.getSource().getName().endsWith("/" + spec.simpleName() + ".java")) {
                return "an error outside the spec's file: " + d;
            }
        }
        if (spec.javacFault()) {
            RandomSpecs.Fault javacFault = spec.faults.stream().filter(f -> f.tag() == null).findFirst().orElseThrow();
            int line = spec.line(javacFault.where());
            if (errors.stream().noneMatch(d -> d.getLineNumber() == line)) {
                return "no error on line " + line + " for " + javacFault.kind();
            }
            Set<String> unexpected = new TreeSet<>(tags);
            unexpected.removeAll(expectedTags);
            if (!unexpected.isEmpty()) {
                return "unexpected processor messages " + unexpected + " besides javac's error";
            }
            return null;
        }
        for (Diagnostic<? extends JavaFileObject> d : errors) {
            if (!d.getMessage(null).startsWith("[infergen:")) {
                return "an error that is not the processor's: " + d.getMessage(null);
            }
        }
        if (!tags.equals(expectedTags)) {
            return "tags " + tags + ", expected " + expectedTags;
        }
        for (RandomSpecs.Fault f : spec.faults) {
            int line = spec.line(f.where());
            if (errors.stream().noneMatch(d -> d.getLineNumber() == line
                    && d.getMessage(null).startsWith("[infergen:" + f.tag() + "]"))) {
                return "no [infergen:" + f.tag() + "] error on line " + line + " (" + f.kind() + ")";
            }
        }
        return null;
    }

    private static String describe(RandomSpecs.Spec spec, String source, String problem) {
        StringBuilder s = new StringBuilder(spec.simpleName() + ": " + problem + "\nfaults "
                + spec.faults.stream().map(f -> f.kind() + "@" + spec.lines.get(f.where())).toList() + "\n");
        String[] lines = source.split("\n");
        for (int i = 0; i < lines.length; i++) {
            s.append(String.format("%3d  %s%n", i + 1, lines[i]));
        }
        return s.toString();
    }

    private static String diagnostics(Compilation c) {
        StringBuilder s = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
            String message = d.getMessage(null);
            s.append("  ").append(d.getKind()).append(" line ").append(d.getLineNumber()).append(": ")
                    .append(message.length() > 300 ? message.substring(0, 300) + "…" : message).append('\n');
        }
        return s.toString();
    }
}
