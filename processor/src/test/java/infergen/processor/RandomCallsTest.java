package infergen.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import infergen.runtime.RegressionNet;
import infergen.runtime.TrainableNet;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #15: bad calls of every kind on generated classes of every rule and both losses. Each must throw
 * IllegalArgumentException (IOException for files) with a message, and leave the parameters, the gradients, the
 * optimizer state (the bytes of {@code save}) and the hyperparameters bit for bit as they were. Finite but huge inputs
 * may train or throw "the batch loss is ..."; the rules whose weights end up non-finite after such a step are printed.
 */
class RandomCallsTest {

    static final String[] RULES = {
        "@Backprop",
        "@FenchelBackprop(beta = 0.05f)",
        "@PredictiveCoding(steps = 5)",
        "@AuxiliaryCoordinates(steps = 5)",
        "@LiftedProximal(sweeps = 2, innerSteps = 2)",
        "@ContrastiveHebbian(steps = 5)",
        "@ConvexContrastiveHebbian(steps = 5)",
        "@EquilibriumPropagation(freeSteps = 8, nudgedSteps = 4)",
    };

    /** The hyperparameters' ranges, as the validator checks them (SpecValidator, ContrastiveChecks). */
    enum Range { POSITIVE_FINITE, INVERTIBLE, OPEN_UNIT, UNIT_EXCLUDING_ZERO, UNIT_INVERTIBLE, UNIT_EXCLUDING_ONE,
        AT_LEAST_ONE }

    static Range range(String rule, String name) {
        return switch (name) {
            case "learningRate", "epsilon" -> Range.POSITIVE_FINITE;
            case "mu" -> Range.INVERTIBLE;
            case "beta1", "beta2", "momentum" -> Range.UNIT_EXCLUDING_ONE;
            case "rate" -> Range.UNIT_EXCLUDING_ZERO;
            case "gamma" -> Range.OPEN_UNIT;
            case "steps", "sweeps", "innerSteps", "freeSteps", "nudgedSteps" -> Range.AT_LEAST_ONE;
            case "beta" -> rule.contains("Contrastive") || rule.contains("Equilibrium") ? Range.UNIT_INVERTIBLE
                    : rule.contains("Fenchel") ? Range.POSITIVE_FINITE : Range.INVERTIBLE;
            default -> throw new AssertionError("unknown hyperparameter " + name + " of " + rule);
        };
    }

    static double[] badValues(Range range) {
        double[] common = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] specific = switch (range) {
            case POSITIVE_FINITE -> new double[] {0, -0.0, -1, -Float.MIN_VALUE, -Float.MAX_VALUE, 1e-50};
            case INVERTIBLE -> new double[] {0, -0.0, -1, -Float.MIN_VALUE, -Float.MAX_VALUE, 1e-50,
                Float.MIN_VALUE, 1e-40};
            case OPEN_UNIT -> new double[] {0, 1, -0.5, 1.5, -Float.MIN_VALUE};
            case UNIT_INVERTIBLE -> new double[] {0, -1, Math.nextUp(1f), 2, 1e-50, Float.MIN_VALUE};
            case UNIT_EXCLUDING_ZERO -> new double[] {0, -1, Math.nextUp(1f), 2, 1e-50};
            case UNIT_EXCLUDING_ONE -> new double[] {1, -0.1, -Float.MIN_VALUE, 1.5, Math.nextUp(1f)};
            case AT_LEAST_ONE -> new double[] {0, -1, Integer.MIN_VALUE};
        };
        double[] all = Arrays.copyOf(specific, specific.length + common.length);
        System.arraycopy(common, 0, all, specific.length, common.length);
        return all;
    }

    record NetSpec(String rule, boolean mse, String optimizer, String name) {
        String source() {
            boolean convex = rule.startsWith("@LiftedProximal") || rule.startsWith("@ConvexContrastiveHebbian");
            String output = !mse ? "IDENTITY" : convex ? "HARD_SIGMOID" : "SIGMOID";
            return "package calls;\nimport infergen.annotations.*;\n"
                    + "@Network(inputs = 5, maxBatch = 4, loss = Loss." + (mse ? "MEAN_SQUARED_ERROR" : "SOFTMAX_CROSS_ENTROPY")
                    + ")\n@Dense(units = 6, activation = Activation.HARD_TANH)\n"
                    + "@Dense(units = 4, activation = Activation.HARD_SIGMOID, init = Init.HE_UNIFORM)\n"
                    + "@Dense(units = 3, activation = Activation." + output + ")\n" + rule + "\n" + optimizer + "\n"
                    + "public interface " + name + " {}\n";
        }
    }

    /** A bad call: it must throw {@code expected} with a message and change nothing. */
    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    /** {@code -Dinfergen.randomCalls.full=true} tries every bad value; the default samples half of them. */
    private static final boolean FULL = Boolean.getBoolean("infergen.randomCalls.full");

    private final Map<String, Integer> callsPerKind = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, String> huge = new TreeMap<>();
    private Path dir;
    private int saves;
    /** The state before the next bad call (a bad call changes nothing, so it is also the state after the last). */
    private State current;

    @Test
    void badCallsThrowAndChangeNothing(@TempDir Path dir) throws Exception {
        this.dir = dir;
        List<NetSpec> specs = new ArrayList<>();
        for (int r = 0; r < RULES.length; r++) {
            for (boolean mse : new boolean[] {false, true}) {
                String optimizer = (r + (mse ? 1 : 0)) % 2 == 0 ? "@Adam(learningRate = 1e-2f)"
                        : "@Sgd(learningRate = 0.05f, momentum = 0.9f)";
                specs.add(new NetSpec(RULES[r], mse, optimizer,
                        "N" + RULES[r].substring(1).replaceAll("\\(.*", "") + (mse ? "Mse" : "Ce")));
            }
        }
        List<NetSpec> named = specs;
        Compilation c = Compile.compile(named.stream().map(NetSpec::source).toArray(String[]::new));
        assertThat(c).succeededWithoutWarnings();
        ClassLoader loader = Compile.classLoader(c);
        SplittableRandom random = new SplittableRandom(15);
        Path otherSpecFile = null;
        for (NetSpec spec : named) {
            TrainableNet net = (TrainableNet) loader.loadClass("calls." + spec.name() + "Net")
                    .getConstructor(long.class).newInstance(3L);
            // a trained state: parameters, gradients, optimizer state all non-trivial
            for (int i = 0; i < 2; i++) {
                good(net, random, 2);
            }
            Path goodFile = dir.resolve(spec.name() + ".safetensors");
            net.save(goodFile);
            exercise(spec, net, random, goodFile, otherSpecFile);
            otherSpecFile = goodFile;
            // after every bad call, the network still trains
            float loss = good(net, random, 3);
            if (!Float.isFinite(loss)) {
                failures.add(spec.name() + ": a good step after the bad calls returned " + loss);
            }
        }
        int total = callsPerKind.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("random calls: %d bad calls on %d nets (%d saves), per kind %s%n", total, named.size(),
                saves, callsPerKind);
        System.out.println("random calls, finite but huge inputs (ok = finite loss and weights; "
                + "rejected = IAE, unchanged; NON-FINITE = finite loss, non-finite weights): " + huge);
        System.out.println("random calls, forged data values (not asserted): " + forgedData);
        assertTrue(failures.isEmpty(), () -> failures.size() + " bad calls misbehaved:\n"
                + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
    }

    private void exercise(NetSpec spec, TrainableNet net, SplittableRandom random, Path goodFile, Path otherSpecFile)
            throws Exception {
        current = State.of(net, this);
        int in = net.inputSize();
        int out = net.outputSize();
        int max = net.maxBatch();
        RegressionNet regression = net instanceof RegressionNet r ? r : null;
        String who = spec.name();

        // ---- arrays and batch sizes
        for (int k = 0; k < 3; k++) {
            int n = 1 + random.nextInt(max);
            float[] x = inputs(random, n * in);
            int[] labels = labels(random, n, out);
            float[] y = targets(random, n * out);
            float[] o = new float[n * out];
            expectIae(who, "null x", net, () -> net.trainStep(null, labels, n));
            expectIae(who, "null x", net, () -> net.computeGradients(null, labels, n));
            expectIae(who, "null x", net, () -> net.predict(null, n, o));
            float[] shortX = Arrays.copyOf(x, x.length - 1 - random.nextInt(x.length));
            float[] longX = Arrays.copyOf(x, x.length + 1 + random.nextInt(in + 1));
            for (float[] bad : List.of(shortX, longX)) {
                expectIae(who, "wrong-length x", net, () -> net.trainStep(bad, labels, n));
                expectIae(who, "wrong-length x", net, () -> net.computeGradients(bad, labels, n));
                expectIae(who, "wrong-length x", net, () -> net.predict(bad, n, o));
            }
            expectIae(who, "null labels", net, () -> net.trainStep(x, null, n));
            expectIae(who, "null labels", net, () -> net.computeGradients(x, null, n));
            for (int[] bad : List.of(Arrays.copyOf(labels, n - 1), Arrays.copyOf(labels, n + 1))) {
                expectIae(who, "wrong-length labels", net, () -> net.trainStep(x, bad, n));
            }
            for (int badLabel : new int[] {-1, out, out + 1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
                int[] bad = labels.clone();
                bad[random.nextInt(n)] = badLabel;
                expectIae(who, "label out of range", net, () -> net.trainStep(x, bad, n));
                expectIae(who, "label out of range", net, () -> net.computeGradients(x, bad, n));
            }
            expectIae(who, "null out", net, () -> net.predict(x, n, null));
            for (float[] bad : List.of(new float[n * out - 1], new float[n * out + 1], new float[0])) {
                expectIae(who, "wrong-length out", net, () -> net.predict(x, n, bad));
            }
            if (regression != null) {
                expectIae(who, "null targets", net, () -> regression.trainStep(x, (float[]) null, n));
                expectIae(who, "null targets", net, () -> regression.computeGradients(x, (float[]) null, n));
                for (float[] bad : List.of(Arrays.copyOf(y, y.length - 1), Arrays.copyOf(y, y.length + 1))) {
                    expectIae(who, "wrong-length targets", net, () -> regression.trainStep(x, bad, n));
                    expectIae(who, "wrong-length targets", net, () -> regression.computeGradients(x, bad, n));
                }
            }
            for (float v : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                float[] bad = x.clone();
                bad[random.nextInt(bad.length)] = v;
                expectIae(who, "non-finite x", net, () -> net.trainStep(bad, labels, n));
                expectIae(who, "non-finite x", net, () -> net.predict(bad, n, o));
                if (regression != null) {
                    expectIae(who, "non-finite x", net, () -> regression.trainStep(bad, y, n));
                    float[] badY = y.clone();
                    badY[random.nextInt(badY.length)] = v;
                    expectIae(who, "non-finite targets", net, () -> regression.trainStep(x, badY, n));
                    expectIae(who, "non-finite targets", net, () -> regression.computeGradients(x, badY, n));
                }
            }
        }
        for (int n : new int[] {0, -1, -max, Integer.MIN_VALUE, max + 1, 2 * max, Integer.MAX_VALUE}) {
            int rows = Math.max(0, Math.min(n, 2 * max));
            float[] x = inputs(random, rows * in);
            int[] labels = labels(random, rows, out);
            expectIae(who, "bad n", net, () -> net.trainStep(x, labels, n));
            expectIae(who, "bad n", net, () -> net.computeGradients(x, labels, n));
            expectIae(who, "bad n", net, () -> net.predict(x, n, new float[rows * out]));
            if (regression != null) {
                expectIae(who, "bad n", net, () -> regression.trainStep(x, targets(random, rows * out), n));
            }
        }

        // ---- layers
        for (int layer : new int[] {-1, net.layerCount(), net.layerCount() + 1, Integer.MIN_VALUE,
            Integer.MAX_VALUE}) {
            expectIae(who, "bad layer", net, () -> net.weights(layer));
            expectIae(who, "bad layer", net, () -> net.bias(layer));
            expectIae(who, "bad layer", net, () -> net.weightGradient(layer));
            expectIae(who, "bad layer", net, () -> net.biasGradient(layer));
        }

        // ---- hyperparameters
        Map<String, Number> hyper = net.hyperparameters();
        for (Map.Entry<String, Number> e : hyper.entrySet()) {
            String name = e.getKey();
            boolean integer = e.getValue() instanceof Integer;
            Method setter = net.getClass().getMethod("set" + Character.toUpperCase(name.charAt(0))
                    + name.substring(1), integer ? int.class : float.class);
            for (double bad : badValues(range(spec.rule(), name))) {
                if (!FULL && random.nextInt(2) == 0) {
                    continue;
                }
                expectIae(who, "bad hyperparameter by name", net, () -> net.setHyperparameter(name, bad));
                if (integer ? bad == Math.rint(bad) && Math.abs(bad) <= Integer.MAX_VALUE : true) {
                    Object arg = integer ? (Object) (int) bad : (Object) (float) bad;
                    expectIae(who, "bad hyperparameter by setter", net, () -> invoke(setter, net, arg));
                }
            }
            for (double bad : integer ? new double[] {2.5, 1e10, -1e10, 0.999, Double.MIN_VALUE}
                    : new double[] {1e300, -1e300, Double.MAX_VALUE}) {
                expectIae(who, "non-integer count or outside float", net, () -> net.setHyperparameter(name, bad));
            }
        }
        if (hyper.containsKey("gamma")) {
            // each in range alone, together outside float32's range (the float-range check)
            expectIae(who, "bad hyperparameter by name", net, () -> net.setHyperparameter("gamma", 1e-30));
        }
        for (String unknown : new String[] {"nope", "", "BETA", " learningRate", "learningRate ", "learning_rate",
            "hyperparameter.learningRate", "adam.step", "gamma2"}) {
            if (!hyper.containsKey(unknown)) {
                expectIae(who, "unknown name", net, () -> net.setHyperparameter(unknown, 0.5));
            }
        }
        expectIae(who, "null name", net, () -> net.setHyperparameter(null, 0.5));

        // ---- checkpoints
        byte[] good = Files.readAllBytes(goodFile);
        int headerEnd = 8 + (int) java.nio.ByteBuffer.wrap(good, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getLong();
        String header = new String(good, 8, headerEnd - 8, StandardCharsets.ISO_8859_1);
        List<Integer> cuts = new ArrayList<>(List.of(0, 1, 7, 8, 9, headerEnd - 1, headerEnd, headerEnd + 1,
                good.length - 1));
        for (int i = 0; i < 6; i++) {
            cuts.add(random.nextInt(good.length));
        }
        for (int cut : cuts) {
            expectIo(who, "truncated file", net, file(Arrays.copyOf(good, cut)));
        }
        expectIo(who, "missing file", net, dir.resolve("does-not-exist.safetensors"));
        expectIo(who, "a directory", net, dir);
        for (long length : new long[] {-1, 0, 1, headerEnd - 9, good.length, Long.MAX_VALUE, 1L << 40}) {
            byte[] forged = good.clone();
            java.nio.ByteBuffer.wrap(forged, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(length);
            expectIo(who, "forged header length", net, file(forged));
        }
        // flipped header bytes: structural characters, so that the header is no longer what this network wrote
        for (int i = 0; i < 8; i++) {
            byte[] forged = good.clone();
            int at;
            do {
                at = 8 + random.nextInt(headerEnd - 8);
            } while ("{}[]\":,".indexOf(forged[at]) < 0);
            forged[at] = (byte) "{}[]\":,#x".charAt(random.nextInt(9));
            if (forged[at] == good[at]) {
                forged[at] = '\u0001';
            }
            expectIo(who, "flipped header byte", net, file(forged));
        }
        // a changed shape, dtype, offset, spec, hyperparameter or step (same header length: padded with spaces)
        List<String> edits = new ArrayList<>();
        edits.add(header.replaceFirst("\"shape\":\\[(\\d+),(\\d+)]", "\"shape\":[$2,$1]"));
        edits.add(header.replaceFirst("\"shape\":\\[(\\d+),(\\d+)]", "\"shape\":[$1,$2,1]"));
        edits.add(header.replaceFirst("\"shape\":\\[(\\d+)]", "\"shape\":[1,$1]"));
        edits.add(header.replaceFirst("\"dtype\":\"F32\"", "\"dtype\":\"F16\""));
        edits.add(header.replaceFirst("\"dtype\":\"F32\"", "\"dtype\":\"I32\""));
        edits.add(header.replaceFirst("\"data_offsets\":\\[0,", "\"data_offsets\":[4,"));
        edits.add(header.replaceFirst("\"infergen.spec\":\"calls\\.", "\"infergen.spec\":\"other."));
        edits.add(header.replaceFirst("\"infergen.spec\":\"[^\"]*\",?", ""));
        for (String name : hyper.keySet()) {
            for (String bad : new String[] {"NaN", "abc", "-1", "1e50", "Infinity", "", "0x", "2.5"}) {
                if (!validFor(spec.rule(), name, bad) && (FULL || random.nextInt(2) == 0)) {
                    edits.add(header.replace("\"hyperparameter." + name + "\":\"", "\"hyperparameter." + name
                            + "\":\"" + bad + "\",\"x." + name + "\":\""));
                }
            }
        }
        if (header.contains("\"adam.step\"")) {
            for (String bad : new String[] {"abc", "1.5", "99999999999999999999"}) {
                edits.add(header.replaceFirst("\"adam.step\":\"\\d+\"", "\"adam.step\":\"" + bad + "\""));
            }
        }
        for (String edit : edits) {
            if (edit.equals(header)) {
                failures.add(who + ": a checkpoint edit did not apply");
                continue;
            }
            expectIo(who, "forged header", net, file(withHeader(good, headerEnd, edit)));
        }
        if (otherSpecFile != null) {
            expectIo(who, "another spec's file", net, otherSpecFile);
        }
        expectIo(who, "not a checkpoint", net, file("{\"just\": \"json\"}".getBytes(StandardCharsets.UTF_8)));
        expectIo(who, "empty file", net, file(new byte[0]));

        // ---- forged values the header check cannot see: measured, not asserted
        if (header.contains("\"adam.step\"")) {
            accepted(who, "adam.step = -1", net, goodFile, file(withHeader(good, headerEnd,
                    header.replaceFirst("\"adam.step\":\"\\d+\"", "\"adam.step\":\"-1\""))), random);
        }
        byte[] nanWeight = good.clone();
        java.nio.ByteBuffer.wrap(nanWeight, headerEnd, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putFloat(Float.NaN);
        accepted(who, "a NaN in the first tensor", net, goodFile, file(nanWeight), random);
        byte[] allNegative = good.clone();
        for (int i = headerEnd; i + 4 <= allNegative.length; i += 4) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(allNegative, i, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.putFloat(i, -Math.abs(b.getFloat(i)) - 1f);
        }
        accepted(who, "every stored value negative (Adam's v too)", net, goodFile, file(allNegative), random);

        // ---- finite but huge inputs and targets: trains (finite loss) or throws "the batch loss is ..."
        for (float v : new float[] {Float.MAX_VALUE, -Float.MAX_VALUE, 1e30f, -1e30f}) {
            for (boolean all : new boolean[] {false, true}) {
                for (boolean inTargets : regression == null ? new boolean[] {false} : new boolean[] {false, true}) {
                    int n = 1 + random.nextInt(max);
                    float[] x = inputs(random, n * in);
                    float[] y = targets(random, n * out);
                    float[] where = inTargets ? y : x;
                    if (all) {
                        Arrays.fill(where, v);
                    } else {
                        where[random.nextInt(where.length)] = v;
                    }
                    int[] labels = labels(random, n, out);
                    String kind = "huge " + (inTargets ? "targets" : "x") + (all ? " (all)" : " (one)");
                    hugeCall(spec, net, kind + " " + v, goodFile,
                            () -> regression != null ? regression.trainStep(x, y, n) : net.trainStep(x, labels, n));
                }
            }
        }
    }

    private final Map<String, String> forgedData = new TreeMap<>();

    /** Loads a file with forged values, then takes a good step: records whether the load was accepted and the step. */
    private void accepted(String who, String what, TrainableNet net, Path goodFile, Path forged,
            SplittableRandom random) throws IOException {
        String outcome;
        try {
            net.load(forged);
            try {
                float loss = good(net, random, 2);
                outcome = "loaded, next step loss " + loss + (finite(net) ? "" : ", non-finite weights");
            } catch (IllegalArgumentException e) {
                outcome = "loaded, next step threw " + e.getMessage().replaceAll(";.*", "");
            }
        } catch (IOException e) {
            outcome = "rejected";
        }
        forgedData.merge(what + ": " + outcome, who, (a, b) -> a + " " + b);
        net.load(goodFile);
        current = State.of(net, this);
    }

    private static TrainableNet compiled(String rule, String optimizer) throws ReflectiveOperationException {
        Compilation c = Compile.compile(new NetSpec(rule, false, optimizer, "Bug").source());
        assertThat(c).succeededWithoutWarnings();
        return (TrainableNet) Compile.classLoader(c).loadClass("calls.BugNet").getConstructor(long.class)
                .newInstance(3L);
    }

    /** {@code setHyperparameter(null, v)} is an argument error (it was a NullPointerException from the switch). */
    @Test
    void aNullHyperparameterNameIsAnUnknownName() throws Exception {
        TrainableNet net = compiled("@Backprop", "@Adam");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> net.setHyperparameter(null, 0.5));
        org.junit.jupiter.api.Assertions.assertEquals("the hyperparameter name is null", e.getMessage());
    }

    /** A forged {@code adam.step} below 0 is an error of the file (it was loaded, and 1 − β₁⁰ = 0 divided). */
    @Test
    void aNegativeAdamStepIsAnErrorOfTheFile(@TempDir Path dir) throws Exception {
        TrainableNet net = compiled("@Backprop", "@Adam(learningRate = 1e-2f)");
        good(net, new SplittableRandom(1), 2);
        Path file = dir.resolve("net.safetensors");
        net.save(file);
        byte[] good = Files.readAllBytes(file);
        int headerEnd = 8 + (int) java.nio.ByteBuffer.wrap(good, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getLong();
        String header = new String(good, 8, headerEnd - 8, StandardCharsets.ISO_8859_1);
        Path forged = dir.resolve("forged.safetensors");
        Files.write(forged, withHeader(good, headerEnd,
                header.replaceFirst("\"adam.step\":\"\\d+\"", "\"adam.step\":\"-1\"")));
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> net.load(forged));
    }

    /** A tensor with a NaN or infinite value is an error of the file: training never writes one. */
    @Test
    void aNonFiniteTensorValueIsAnErrorOfTheFile(@TempDir Path dir) throws Exception {
        TrainableNet net = compiled("@Backprop", "@Adam(learningRate = 1e-2f)");
        Path file = dir.resolve("net.safetensors");
        net.save(file);
        byte[] bytes = Files.readAllBytes(file);
        int headerEnd = 8 + (int) java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getLong();
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(headerEnd, Float.NaN);
        Path forged = dir.resolve("forged.safetensors");
        Files.write(forged, bytes);
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> net.load(forged));
    }

    /** Whether {@code text}, parsed as a checkpoint would, is a valid value of hyperparameter {@code name}. */
    private static boolean validFor(String rule, String name, String text) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return false;
        }
        float f = (float) v;
        return switch (range(rule, name)) {
            case POSITIVE_FINITE -> f > 0 && Float.isFinite(f);
            case INVERTIBLE -> f > 0 && Float.isFinite(f) && Float.isFinite(1f / f);
            case UNIT_INVERTIBLE -> f > 0 && f <= 1 && Float.isFinite(1f / f);
            case OPEN_UNIT -> f > 0 && f < 1;
            case UNIT_EXCLUDING_ZERO -> f > 0 && f <= 1;
            case UNIT_EXCLUDING_ONE -> f >= 0 && f < 1;
            case AT_LEAST_ONE -> f >= 1 && f == Math.rint(f);
        };
    }

    @FunctionalInterface
    interface Step {
        float run();
    }

    private void hugeCall(NetSpec spec, TrainableNet net, String kind, Path goodFile, Step step) throws IOException {
        count("finite but huge");
        State before = State.of(net, this);
        String outcome;
        try {
            float loss = step.run();
            if (!Float.isFinite(loss)) {
                failures.add(spec.name() + " " + kind + ": returned the non-finite loss " + loss);
            }
            outcome = finite(net) ? "ok" : "NON-FINITE";
        } catch (IllegalArgumentException e) {
            outcome = "rejected";
            if (e.getMessage() == null || !e.getMessage().startsWith("the batch loss is")) {
                failures.add(spec.name() + " " + kind + ": threw " + e);
            }
            if (!before.equals(State.of(net, this))) {
                failures.add(spec.name() + " " + kind + ": threw, but the state changed");
            }
        } catch (RuntimeException e) {
            outcome = "threw " + e.getClass().getSimpleName();
            failures.add(spec.name() + " " + kind + ": threw " + e);
        }
        huge.merge(spec.name(), kind.replace(" 3.4028235E38", " MAX").replace(" -3.4028235E38", " -MAX") + ": "
                + outcome, (a, b) -> a + "; " + b);
        // back to the trained state for the next call
        net.load(goodFile);
        current = State.of(net, this);
    }

    private static boolean finite(TrainableNet net) {
        for (int l = 0; l < net.layerCount(); l++) {
            for (float[] a : List.of(net.weights(l), net.bias(l))) {
                for (float v : a) {
                    if (!Float.isFinite(v)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private void expectIae(String who, String kind, TrainableNet net, Call call) throws IOException {
        expect(who, kind, net, call, IllegalArgumentException.class);
    }

    private void expectIo(String who, String kind, TrainableNet net, Path file) throws IOException {
        expect(who, kind, net, () -> net.load(file), IOException.class);
    }

    private void expect(String who, String kind, TrainableNet net, Call call, Class<? extends Exception> expected)
            throws IOException {
        count(kind);
        State before = current;
        try {
            call.run();
            failures.add(who + " " + kind + ": no exception");
        } catch (Exception e) {
            if (!expected.isInstance(e)) {
                failures.add(who + " " + kind + ": threw " + e + ", expected " + expected.getSimpleName());
            } else if (e.getMessage() == null || e.getMessage().isBlank()) {
                failures.add(who + " " + kind + ": " + expected.getSimpleName() + " without a message");
            }
        }
        current = State.of(net, this);
        if (!before.equals(current)) {
            failures.add(who + " " + kind + ": the state changed");
        }
    }

    private void count(String kind) {
        callsPerKind.merge(kind, 1, Integer::sum);
    }

    private static void invoke(Method m, Object target, Object arg) throws Exception {
        try {
            m.invoke(target, arg);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private Path file(byte[] bytes) throws IOException {
        Path f = Files.createTempFile(dir, "forged", ".safetensors");
        Files.write(f, bytes);
        return f;
    }

    /** {@code good} with its header replaced by {@code header}, padded with spaces to a multiple of 8. */
    private static byte[] withHeader(byte[] good, int headerEnd, String header) {
        StringBuilder h = new StringBuilder(header.stripTrailing());
        while (h.length() % 8 != 0) {
            h.append(' ');
        }
        byte[] head = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[8 + head.length + good.length - headerEnd];
        java.nio.ByteBuffer.wrap(out, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(head.length);
        System.arraycopy(head, 0, out, 8, head.length);
        System.arraycopy(good, headerEnd, out, 8 + head.length, good.length - headerEnd);
        return out;
    }

    /** Everything a caller can observe: the checkpoint's bytes, the gradients' bits, the hyperparameters. */
    record State(byte[] checkpoint, List<int[]> gradients, Map<String, Number> hyperparameters) {
        static State of(TrainableNet net, RandomCallsTest test) throws IOException {
            Path f = test.dir.resolve("state.safetensors");
            net.save(f);
            test.saves++;
            List<int[]> gradients = new ArrayList<>();
            for (int l = 0; l < net.layerCount(); l++) {
                for (float[] a : List.of(net.weightGradient(l), net.biasGradient(l))) {
                    int[] bits = new int[a.length];
                    for (int i = 0; i < a.length; i++) {
                        bits[i] = Float.floatToRawIntBits(a[i]);
                    }
                    gradients.add(bits);
                }
            }
            return new State(Files.readAllBytes(f), gradients, new LinkedHashMap<>(net.hyperparameters()));
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof State s) || !Arrays.equals(checkpoint, s.checkpoint)
                    || !hyperparameters.equals(s.hyperparameters) || gradients.size() != s.gradients.size()) {
                return false;
            }
            for (int i = 0; i < gradients.size(); i++) {
                if (!Arrays.equals(gradients.get(i), s.gradients.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(checkpoint);
        }
    }

    private static float[] inputs(SplittableRandom random, int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        return x;
    }

    private static float[] targets(SplittableRandom random, int length) {
        float[] y = new float[length];
        for (int i = 0; i < length; i++) {
            y[i] = (float) random.nextDouble();
        }
        return y;
    }

    private static int[] labels(SplittableRandom random, int n, int classes) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(classes);
        }
        return labels;
    }

    /** A good train step on a random batch of {@code n}; its loss. */
    private static float good(TrainableNet net, SplittableRandom random, int n) {
        float[] x = inputs(random, n * net.inputSize());
        if (net instanceof RegressionNet r) {
            return r.trainStep(x, targets(random, n * net.outputSize()), n);
        }
        return net.trainStep(x, labels(random, n, net.outputSize()), n);
    }
}
