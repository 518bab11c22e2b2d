package infergen.samples.pins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.runtime.RegressionNet;
import infergen.runtime.TrainableNet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pins every generated network of this module bit for bit: three train steps from seed 7 on a seeded batch, then a
 * SHA-256 over every parameter and gradient array. A change to the processor or the kernels that alters any bit of
 * any rule's result fails here; {@code pins.txt} is rewritten only when a change of numbers is intended (run with
 * {@code -Dinfergen.pins.write=true} and say why in the commit).
 */
class BitwisePinsTest {

    private static final Path PINS = Paths.get("src/test/resources/pins.txt");

    @Test
    void everyGeneratedNetworkTrainsToItsPinnedBits() throws Exception {
        Map<String, String> actual = new TreeMap<>();
        for (Class<? extends TrainableNet> type : generatedNets()) {
            actual.put(type.getName(), fingerprint(type.getConstructor(long.class).newInstance(7L)));
        }
        assertTrue(actual.size() > 50, "found only " + actual.size() + " generated networks");
        if (Boolean.getBoolean("infergen.pins.write")) {
            StringBuilder sb = new StringBuilder();
            actual.forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
            Files.writeString(PINS, sb.toString());
        }
        Map<String, String> expected = new TreeMap<>();
        for (String line : Files.readAllLines(PINS)) {
            String[] kv = line.split(" ");
            expected.put(kv[0], kv[1]);
        }
        List<String> differing = new ArrayList<>();
        for (var e : expected.entrySet()) {
            if (actual.containsKey(e.getKey()) && !actual.get(e.getKey()).equals(e.getValue())) {
                differing.add(e.getKey());
            }
        }
        assertEquals(List.of(), differing, "networks whose bits changed");
        assertEquals(expected.keySet(), actual.keySet(), "the pinned networks");
    }

    /**
     * The scalar kernels (a fresh JVM with {@code -Dinfergen.kernels=scalar}) give every pinned network the same bits
     * as the Vector API kernels: the scalar twins are operation-for-operation references, and neither depends on the
     * machine's vector width, so the pins hold on any x86-64 or ARM machine.
     */
    @Test
    void theScalarKernelsGiveThePinnedBitsToo() throws Exception {
        String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(launcher, "--add-modules", "jdk.incubator.vector", "-Dinfergen.kernels=scalar",
                "-cp", System.getProperty("java.class.path"), BitwisePinsTest.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES), out);
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().filter(l -> !l.startsWith("WARNING")).toList();
        assertEquals("kernels ScalarGemm", lines.get(0));
        Map<String, String> expected = new TreeMap<>();
        for (String line : Files.readAllLines(PINS)) {
            String[] kv = line.split(" ");
            expected.put(kv[0], kv[1]);
        }
        Map<String, String> scalar = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] kv = line.split(" ");
            scalar.put(kv[0], kv[1]);
        }
        assertEquals(expected, scalar);
    }

    /** Prints the kernels, then {@code class fingerprint} for every generated network: the fresh JVM's side. */
    public static void main(String[] args) throws Exception {
        System.out.println("kernels " + infergen.runtime.kernel.Gemm.implementation());
        for (Class<? extends TrainableNet> type : generatedNets()) {
            System.out.println(type.getName() + " " + fingerprint(type.getConstructor(long.class).newInstance(7L)));
        }
    }

    /** Three steps on seeded batches of min(5, maxBatch) samples; a hash of every parameter and gradient. */
    static String fingerprint(TrainableNet net) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom(11);
        int n = Math.min(5, net.maxBatch());
        for (int step = 0; step < 3; step++) {
            float[] x = new float[n * net.inputSize()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextDouble();
            }
            float loss;
            try {
                if (net instanceof RegressionNet r && step == 1) {
                    float[] targets = new float[n * net.outputSize()];
                    for (int i = 0; i < targets.length; i++) {
                        targets[i] = (float) random.nextDouble();
                    }
                    loss = r.trainStep(x, targets, n);
                } else {
                    int[] labels = new int[n];
                    for (int i = 0; i < n; i++) {
                        labels[i] = random.nextInt(net.outputSize());
                    }
                    loss = net.trainStep(x, labels, n);
                }
            } catch (IllegalArgumentException e) {
                digest.update(e.getMessage().getBytes(StandardCharsets.UTF_8));
                continue;
            }
            digest.update(ByteBuffer.allocate(4).putFloat(loss).array());
        }
        for (int l = 0; l < net.layerCount(); l++) {
            for (float[] array : List.of(net.weights(l), net.bias(l), net.weightGradient(l), net.biasGradient(l))) {
                ByteBuffer bytes = ByteBuffer.allocate(array.length * 4);
                bytes.asFloatBuffer().put(array);
                digest.update(bytes);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Every class of this module's main and test outputs that is a generated {@code TrainableNet}. */
    @SuppressWarnings("unchecked")
    static List<Class<? extends TrainableNet>> generatedNets() throws IOException {
        List<Class<? extends TrainableNet>> nets = new ArrayList<>();
        for (String dir : List.of("target/classes", "target/test-classes")) {
            Path root = Paths.get(dir);
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(p -> p.toString().endsWith("Net.class")).sorted().toList()) {
                    String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                    try {
                        Class<?> type = Class.forName(name);
                        if (TrainableNet.class.isAssignableFrom(type) && !type.isInterface()
                                && isGenerated(type)) {
                            nets.add((Class<? extends TrainableNet>) type);
                        }
                    } catch (ClassNotFoundException e) {
                        throw new UncheckedIOException(new IOException(e));
                    }
                }
            }
        }
        return nets;
    }

    /** Generated classes hold their spec's name in a {@code SPEC} constant (@Generated is not kept in class files). */
    private static boolean isGenerated(Class<?> type) {
        try {
            return type.getDeclaredField("SPEC").getType() == String.class;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }
}
