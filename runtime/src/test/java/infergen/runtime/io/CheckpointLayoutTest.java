package infergen.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.runtime.Rng;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the written bytes against the safetensors rules by hand, without {@link Checkpoint#read}. */
class CheckpointLayoutTest {

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void bytesFollowTheSafetensorsLayout() throws IOException {
        Rng rng = new Rng(2024);
        float[] w0 = new float[5 * 3];
        float[] b0 = new float[5];
        float[] m0 = new float[5 * 3];
        for (float[] a : List.of(w0, b0, m0)) {
            for (int i = 0; i < a.length; i++) {
                a[i] = rng.nextFloat() * 2 - 1;
            }
        }
        b0[0] = -0.0f;
        Path file = dir.resolve("layout.safetensors");
        // added out of order: the file must list them sorted, data in the same order
        new Checkpoint("com.example.Net", Map.of("optimizer", "ADAM"))
                .add("layer0.weight", new int[] {5, 3}, w0)
                .add("adam.m.layer0.weight", new int[] {5, 3}, m0)
                .add("layer0.bias", new int[] {5}, b0)
                .put("adam.t", 17)
                .write(file);

        byte[] bytes = Files.readAllBytes(file);
        long n = 0;
        for (int i = 7; i >= 0; i--) {
            n = (n << 8) | (bytes[i] & 0xff);
        }
        assertTrue(n > 0 && 8 + n <= bytes.length, "header length " + n);
        assertEquals(0, (8 + n) % 8, "data must start 8-byte aligned");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{"), header);
        String trimmed = header.stripTrailing();
        assertTrue(trimmed.endsWith("}"), header);
        assertTrue(header.substring(trimmed.length()).chars().allMatch(c -> c == ' '), "padding is spaces");
        assertTrue(header.length() - trimmed.length() < 8, "at most 7 bytes of padding");

        Map<String, Object> json = assertInstanceOf(Map.class, TestFiles.parseJson(header));
        assertEquals(Map.of("infergen.spec", "com.example.Net", "optimizer", "ADAM", "adam.t", "17"),
                json.get("__metadata__"));
        List<String> names = new ArrayList<>(json.keySet());
        names.remove("__metadata__");
        assertEquals(List.of("adam.m.layer0.weight", "layer0.bias", "layer0.weight"), names);

        Map<String, float[]> expected = Map.of("adam.m.layer0.weight", m0, "layer0.bias", b0, "layer0.weight", w0);
        Map<String, List<Long>> shapes = Map.of("adam.m.layer0.weight", List.of(5L, 3L),
                "layer0.bias", List.of(5L), "layer0.weight", List.of(5L, 3L));
        long dataStart = 8 + n;
        long offset = 0;
        for (String name : names) {
            Map<String, Object> t = assertInstanceOf(Map.class, json.get(name));
            assertEquals(List.of("dtype", "shape", "data_offsets"), new ArrayList<>(t.keySet()));
            assertEquals("F32", t.get("dtype"));
            assertEquals(shapes.get(name), t.get("shape"));
            List<Long> offsets = (List<Long>) t.get("data_offsets");
            assertEquals(offset, offsets.get(0), name + " begins where the previous tensor ended");
            float[] values = expected.get(name);
            assertEquals(offset + 4L * values.length, offsets.get(1), name);
            for (int i = 0; i < values.length; i++) {
                int p = (int) (dataStart + offset + 4L * i);
                int bitsLe = (bytes[p] & 0xff) | (bytes[p + 1] & 0xff) << 8 | (bytes[p + 2] & 0xff) << 16
                        | (bytes[p + 3] & 0xff) << 24;
                assertEquals(Float.floatToRawIntBits(values[i]), bitsLe, name + "[" + i + "]");
            }
            offset = offsets.get(1);
        }
        assertEquals(bytes.length - dataStart, offset, "the tensors cover the data buffer exactly");
    }

    /** The same contents give the same bytes, whatever order they were added in. */
    @Test
    void outputIsDeterministic() throws IOException {
        Path a = dir.resolve("a.safetensors");
        Path b = dir.resolve("b.safetensors");
        new Checkpoint("d.D", Map.of("x", "1", "y", "2"))
                .add("b", new int[] {2}, new float[] {1, 2}).add("a", new int[] {1}, new float[] {3}).write(a);
        new Checkpoint("d.D", Map.of("y", "2", "x", "1"))
                .add("a", new int[] {1}, new float[] {3}).add("b", new int[] {2}, new float[] {1, 2}).write(b);
        assertEquals(-1, Files.mismatch(a, b));
    }
}
