package infergen.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import infergen.runtime.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointRoundTripTest {

    @TempDir
    Path dir;

    private static int[] bits(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Float.floatToRawIntBits(a[i]);
        }
        return b;
    }

    @Test
    void specialValuesRoundTripBitwise() throws IOException {
        float[] special = {
            0.0f, -0.0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.intBitsToFloat(0x007fffff),
            Float.intBitsToFloat(0x80012345), Float.MAX_VALUE, -Float.MAX_VALUE, 3.4e38f, 1e-40f,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0x7fc12345),
            Float.intBitsToFloat(0xffc00001), 1.0f, -1.5f, (float) Math.PI
        };
        Path file = dir.resolve("special.safetensors");
        new Checkpoint("a.Special").add("special", new int[] {special.length}, special).write(file);

        float[] back = new float[special.length];
        Checkpoint.read(file).requireSpec("a.Special").copyTo("special", new int[] {special.length}, back);
        assertArrayEquals(bits(special), bits(back));
    }

    /** Random tensor sets (scalars, empty tensors, several ranks) and metadata come back exactly. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234567})
    void randomCheckpointsRoundTrip(long seed) throws IOException {
        Rng rng = new Rng(seed);
        Map<String, int[]> shapes = new TreeMap<>();
        Map<String, float[]> values = new LinkedHashMap<>();
        Checkpoint cp = new Checkpoint("seed.Spec" + seed, Map.of("layers", "784-256-10", "rule", "BP"));
        int count = 1 + rng.nextInt(8);
        for (int i = 0; i < count; i++) {
            int rank = rng.nextInt(4);
            int[] shape = new int[rank];
            int n = 1;
            for (int d = 0; d < rank; d++) {
                shape[d] = rng.nextInt(d == 0 ? 40 : 9);
                n *= shape[d];
            }
            float[] v = new float[n];
            for (int j = 0; j < n; j++) {
                v[j] = Float.intBitsToFloat((int) rng.nextLong());
            }
            String name = "t" + rng.nextInt(1000) + "." + i;
            shapes.put(name, shape);
            values.put(name, v);
            cp.add(name, shape, v);
        }
        long t = rng.nextLong();
        cp.put("adam.t", t);
        Path file = dir.resolve("random.safetensors");
        cp.write(file);

        Checkpoint.Reader r = Checkpoint.read(file).requireSpec("seed.Spec" + seed).verify(shapes);
        assertEquals(new ArrayList<>(shapes.keySet()), new ArrayList<>(r.names()));
        assertEquals(t, r.getLong("adam.t"));
        assertEquals("784-256-10", r.getString("layers"));
        assertEquals("BP", r.getString("rule"));
        assertEquals(Map.of(Checkpoint.SPEC_KEY, "seed.Spec" + seed, "layers", "784-256-10", "rule", "BP",
                "adam.t", Long.toString(t)), r.metadata());
        for (String name : shapes.keySet()) {
            float[] back = new float[values.get(name).length];
            r.copyTo(name, shapes.get(name), back);
            assertArrayEquals(bits(values.get(name)), bits(back), name);
            assertArrayEquals(shapes.get(name), r.shape(name), name);
            assertEquals("F32", r.dtype(name));
        }
    }

    /** A tensor larger than the writer's 64 KiB chunk, with a tail that does not fill a chunk. */
    @Test
    void largeTensorRoundTrips() throws IOException {
        Rng rng = new Rng(7);
        float[] w = new float[256 * 784 + 13];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextFloat() - 0.5f;
        }
        float[] b = {1, 2, 3};
        Path file = dir.resolve("large.safetensors");
        new Checkpoint("big.Net").add("w", new int[] {w.length}, w).add("b", new int[] {3}, b).write(file);
        assertEquals(8 + headerLength(file) + 4L * (w.length + 3), Files.size(file));
        Checkpoint.Reader r = Checkpoint.read(file);
        assertArrayEquals(bits(w), bits(r.toArray("w", w.length)));
        assertArrayEquals(bits(b), bits(r.toArray("b", 3)));
    }

    private static long headerLength(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void longMetadataIsLossless() throws IOException {
        Path file = dir.resolve("meta.safetensors");
        new Checkpoint("m.M")
                .put("max", Long.MAX_VALUE).put("min", Long.MIN_VALUE).put("t", (1L << 24) + 1)
                .put("int", 12345).put("text", "not a number").put("unicode", "β = 1e-4, ŝ = f(a − βg)")
                .write(file);
        Checkpoint.Reader r = Checkpoint.read(file);
        assertEquals(Long.MAX_VALUE, r.getLong("max"));
        assertEquals(Long.MIN_VALUE, r.getLong("min"));
        assertEquals((1L << 24) + 1, r.getLong("t"));
        assertEquals(12345, r.getInt("int"));
        assertEquals("β = 1e-4, ŝ = f(a − βg)", r.getString("unicode"));
        assertEquals(file + ": metadata max = 9223372036854775807 does not fit an int",
                assertThrows(CheckpointException.class, () -> r.getInt("max")).getMessage());
        assertEquals(file + ": metadata text = \"not a number\" is not an integer",
                assertThrows(CheckpointException.class, () -> r.getLong("text")).getMessage());
        assertEquals(file + ": metadata adam.t is missing",
                assertThrows(CheckpointException.class, () -> r.getLong("adam.t")).getMessage());
    }

    @Test
    void writeReplacesAnExistingFile() throws IOException {
        Path file = dir.resolve("net.safetensors");
        new Checkpoint("x.A").add("w", new int[] {2}, new float[] {1, 2}).put("t", 1).write(file);
        new Checkpoint("x.A").add("w", new int[] {2}, new float[] {3, 4}).put("t", 2).write(file);
        Checkpoint.Reader r = Checkpoint.read(file);
        assertArrayEquals(new float[] {3, 4}, r.toArray("w", 2));
        assertEquals(2, r.getLong("t"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void relativePathWithoutParentWorks() throws IOException {
        Path file = Path.of("infergen-io-test-" + ProcessHandle.current().pid() + ".safetensors");
        try {
            new Checkpoint("x.A").add("w", new int[] {1}, new float[] {5}).write(file);
            assertArrayEquals(new float[] {5}, Checkpoint.read(file).toArray("w", 1));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void emptyCheckpointRoundTrips() throws IOException {
        Path file = dir.resolve("empty.safetensors");
        new Checkpoint("e.E").write(file);
        Checkpoint.Reader r = Checkpoint.read(file).requireSpec("e.E").verify(Map.of());
        assertEquals(0, r.names().size());
        assertNull(r.metadata().get("anything"));
    }

    @Test
    void badArgumentsAreRejectedWhenAdded() {
        Checkpoint cp = new Checkpoint("x.A").add("w", new int[] {2, 3}, new float[6]);
        assertEquals("tensor v: data has length 5, shape [2, 3] needs 6", assertThrows(
                IllegalArgumentException.class, () -> cp.add("v", new int[] {2, 3}, new float[5])).getMessage());
        assertEquals("tensor w was already added", assertThrows(
                IllegalArgumentException.class, () -> cp.add("w", new int[] {6}, new float[6])).getMessage());
        assertEquals("tensor v has a negative dimension in shape [-1]", assertThrows(
                IllegalArgumentException.class, () -> cp.add("v", new int[] {-1}, new float[0])).getMessage());
        assertEquals("tensor name \"__metadata__\" is not allowed", assertThrows(
                IllegalArgumentException.class, () -> cp.add("__metadata__", new int[] {}, new float[1]))
                .getMessage());
        assertEquals("metadata key infergen.spec is reserved for the spec name", assertThrows(
                IllegalArgumentException.class, () -> cp.put(Checkpoint.SPEC_KEY, "y.B")).getMessage());
        cp.put("t", 1);
        assertEquals("metadata key t is already set",
                assertThrows(IllegalArgumentException.class, () -> cp.put("t", 2)).getMessage());
        assertEquals("spec name is empty",
                assertThrows(IllegalArgumentException.class, () -> new Checkpoint("")).getMessage());
    }
}
