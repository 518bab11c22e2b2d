package infergen.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import infergen.runtime.Rng;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent check with numpy: a small Python script reads our files with {@code json} and
 * {@code numpy.frombuffer('<f4')}, and writes one (unsorted, unpadded, with JSON whitespace) that we read. Skipped
 * when {@code python3} with numpy is not installed.
 */
class CheckpointNumpyTest {

    @TempDir
    Path dir;

    private static final String READ = """
            import json, struct, sys
            import numpy as np
            b = open(sys.argv[1], 'rb').read()
            n = struct.unpack('<Q', b[:8])[0]
            header = json.loads(b[8:8 + n].decode('utf-8'))
            meta = header.pop('__metadata__')
            data = b[8 + n:]
            out = {'meta': meta, 'tensors': {}}
            for name, t in header.items():
                s, e = t['data_offsets']
                a = np.frombuffer(data[s:e], dtype='<f4').reshape(t['shape'])
                out['tensors'][name] = {'dtype': t['dtype'], 'shape': list(a.shape),
                                        'bits': [int(x) for x in a.reshape(-1).view('<u4')]}
            print(json.dumps(out))
            """;

    private static final String WRITE = """
            import json, struct, sys
            import numpy as np
            b = np.arange(3, dtype='<f4') * np.float32(0.5) - np.float32(1)
            a = np.array([[1e-40, -0.0], [3.4e38, 7.25]], dtype='<f4')
            header = {'b': {'dtype': 'F32', 'shape': [3], 'data_offsets': [0, 12]},
                      '__metadata__': {'infergen.spec': 'py.Spec', 'adam.t': '5'},
                      'a': {'dtype': 'F32', 'shape': [2, 2], 'data_offsets': [12, 28]}}
            h = json.dumps(header).encode('utf-8')
            open(sys.argv[1], 'wb').write(struct.pack('<Q', len(h)) + h + b.tobytes() + a.tobytes())
            """;

    @BeforeAll
    static void needsNumpy() {
        assumeTrue(run(List.of("python3", "-c", "import numpy")) != null, "python3 with numpy is not available");
    }

    /** Runs a command; its stdout, or null if it cannot be started or fails. */
    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void numpyReadsOurFile() throws IOException {
        Rng rng = new Rng(99);
        float[] w = new float[4 * 7];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextFloat() * 4 - 2;
        }
        w[0] = -0.0f;
        w[1] = Float.MIN_VALUE;
        w[2] = -Float.MAX_VALUE;
        float[] bias = {0.25f, -1, 1e-30f, 3};
        Path file = dir.resolve("for-numpy.safetensors");
        new Checkpoint("np.Check", Map.of("optimizer", "ADAM"))
                .add("layer0.weight", new int[] {4, 7}, w).add("layer0.bias", new int[] {4}, bias)
                .put("adam.t", 123456789012L).write(file);

        String out = run(List.of("python3", "-c", READ, file.toString()));
        assertInstanceOf(String.class, out, "the numpy script failed");
        Map<String, Object> json = (Map<String, Object>) TestFiles.parseJson(out);
        assertEquals(Map.of("infergen.spec", "np.Check", "optimizer", "ADAM", "adam.t", "123456789012"),
                json.get("meta"));
        Map<String, Object> tensors = (Map<String, Object>) json.get("tensors");
        assertEquals(List.of("layer0.bias", "layer0.weight"), new ArrayList<>(tensors.keySet()));
        check((Map<String, Object>) tensors.get("layer0.weight"), List.of(4L, 7L), w);
        check((Map<String, Object>) tensors.get("layer0.bias"), List.of(4L), bias);
    }

    private static void check(Map<String, Object> t, List<Long> shape, float[] values) {
        assertEquals("F32", t.get("dtype"));
        assertEquals(shape, t.get("shape"));
        List<?> bits = (List<?>) t.get("bits");
        long[] expected = new long[values.length];
        long[] actual = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            expected[i] = Integer.toUnsignedLong(Float.floatToRawIntBits(values[i]));
            actual[i] = (Long) bits.get(i);
        }
        assertArrayEquals(expected, actual);
    }

    @Test
    void weReadNumpysFile() throws IOException {
        Path file = dir.resolve("from-numpy.safetensors");
        assertInstanceOf(String.class, run(List.of("python3", "-c", WRITE, file.toString())),
                "the numpy script failed");
        Checkpoint.Reader r = Checkpoint.read(file).requireSpec("py.Spec")
                .verify(Map.of("a", new int[] {2, 2}, "b", new int[] {3}));
        assertEquals(5, r.getLong("adam.t"));
        float[] a = new float[4];
        r.copyTo("a", new int[] {2, 2}, a);
        assertArrayEquals(new float[] {1e-40f, -0.0f, 3.4e38f, 7.25f}, a);
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(a[1]));
        assertArrayEquals(new float[] {-1, -0.5f, 0}, r.toArray("b", 3));
    }
}
