package infergen.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM started without {@code --add-modules jdk.incubator.vector} still runs the kernels: the runtime falls back to
 * the scalar twin and says so in one log line.
 */
class ScalarFallbackTest {

    /**
     * Entry point of the child JVM: one small GEMM, then every kernel behind {@link Kernels} once (elementwise loops
     * directly and in a fused epilogue, Adam); prints the GEMM implementation's name and a few results.
     */
    public static void main(String[] args) {
        float[] a = {1, 2, 3, 4};
        float[] c = new float[4];
        Gemm.ab(2, 2, 2, 1f, a, a, c, false);
        float[] x = {-1, 2, -3, 4}, s = new float[4], bias = {0.5f, -0.5f}, pre = new float[4], act = new float[4];
        Activations.relu(x, s, 4);
        Activations.reluBackward(x, s, 4);
        Gemm.abTBiasActivate(2, 2, 2, a, a, bias, pre, act, Nonlinearity.HARD_TANH);
        float[] sums = new float[2];
        Vectors.columnSums(2, 2, 0.5f, x, sums);
        float[] p = {1f}, m = {0f}, v = {0f};
        Optimizers.adam(p, new float[] {2f}, m, v, 1, 0.1f, 0.9f, 0.999f, 1e-8f, 0.1f, 0.001f);
        System.out.println(Gemm.implementation() + " " + c[0] + " " + c[3] + " " + s[1] + " " + s[2] + " "
                + pre[3] + " " + act[3] + " " + sums[0] + " " + sums[1] + " " + Vectors.allFinite(x, 4) + " " + p[0]);
    }

    /** What {@link #main} prints after the implementation's name, the same for both kernels. */
    private static final String EXPECTED = "* 7.0 22.0 2.0 0.0 24.5 1.0 -2.0 3.0 true 0.8999993";

    private static List<String> run(String... jvmArgs) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(List.of(jvmArgs));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ScalarFallbackTest.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void withoutTheVectorModuleTheScalarKernelsRunWithOneLogLine() throws Exception {
        List<String> out = run();
        assertEquals(EXPECTED.replace("*", "ScalarGemm"), out.get(out.size() - 1), String.join("\n", out));
        long warnings = out.stream().filter(l -> l.contains("jdk.incubator.vector is not available")).count();
        assertEquals(1, warnings, String.join("\n", out));
    }

    @Test
    void withTheVectorModuleTheVectorKernelsRun() throws Exception {
        List<String> out = run("--add-modules", "jdk.incubator.vector");
        assertEquals(EXPECTED.replace("*", "VectorGemm"), out.get(out.size() - 1), String.join("\n", out));
    }
}
