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

    /** Entry point of the child JVM: one small GEMM, then the implementation's name. */
    public static void main(String[] args) {
        float[] a = {1, 2, 3, 4};
        float[] c = new float[4];
        Gemm.ab(2, 2, 2, 1f, a, a, c, false);
        System.out.println(Gemm.implementation() + " " + c[0] + " " + c[3]);
    }

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
        assertEquals("ScalarGemm 7.0 22.0", out.get(out.size() - 1), String.join("\n", out));
        long warnings = out.stream().filter(l -> l.contains("jdk.incubator.vector is not available")).count();
        assertEquals(1, warnings, String.join("\n", out));
    }

    @Test
    void withTheVectorModuleTheVectorKernelsRun() throws Exception {
        List<String> out = run("--add-modules", "jdk.incubator.vector");
        assertEquals("VectorGemm 7.0 22.0", out.get(out.size() - 1), String.join("\n", out));
    }
}
