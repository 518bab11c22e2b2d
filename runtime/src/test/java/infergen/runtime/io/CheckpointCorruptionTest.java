package infergen.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a file can be wrong, and the exact message each gives. */
class CheckpointCorruptionTest {

    @TempDir
    Path dir;

    private static String messageOf(Path file) {
        return assertThrows(CheckpointException.class, () -> Checkpoint.read(file)).getMessage();
    }

    /** A valid file of spec a.B holding one 2 × 3 tensor w (24 data bytes). */
    private Path valid(Path file) throws IOException {
        new Checkpoint("a.B").add("w", new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}).write(file);
        return file;
    }

    @Test
    void truncatedAtEveryInterestingCut() throws IOException {
        Path good = valid(dir.resolve("good.safetensors"));
        byte[] bytes = Files.readAllBytes(good);
        int headerLength = (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(bytes.length, 8 + headerLength + 24);
        Path cut = dir.resolve("cut.safetensors");
        Map<Integer, String> expected = new LinkedHashMap<>();
        expected.put(0, cut + " is truncated: it has 0 bytes, fewer than the 8-byte header length");
        expected.put(7, cut + " is truncated: it has 7 bytes, fewer than the 8-byte header length");
        expected.put(8, cut + " is truncated: header length says " + headerLength
                + " header bytes, file has 0 after the length");
        expected.put(8 + headerLength / 2, cut + " is truncated: header length says " + headerLength
                + " header bytes, file has " + headerLength / 2 + " after the length");
        expected.put(8 + headerLength - 1, cut + " is truncated: header length says " + headerLength
                + " header bytes, file has " + (headerLength - 1) + " after the length");
        expected.put(8 + headerLength, cut + " is truncated: header says 24 data bytes, file has 0");
        expected.put(8 + headerLength + 1, cut + " is truncated: header says 24 data bytes, file has 1");
        expected.put(8 + headerLength + 12, cut + " is truncated: header says 24 data bytes, file has 12");
        expected.put(bytes.length - 1, cut + " is truncated: header says 24 data bytes, file has 23");
        for (Map.Entry<Integer, String> e : expected.entrySet()) {
            Files.write(cut, Arrays.copyOf(bytes, e.getKey()));
            assertEquals(e.getValue(), messageOf(cut), "cut at " + e.getKey());
        }
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        Path file = valid(dir.resolve("long.safetensors"));
        Files.write(file, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        assertEquals(file + " has 3 bytes after the last tensor: header says 24 data bytes, file has 27",
                messageOf(file));
    }

    @Test
    void hugeHeaderLengthIsRejectedBeforeAllocating() throws IOException {
        Path file = dir.resolve("huge.safetensors");
        byte[] bytes = new byte[16];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L);
        Files.write(file, bytes);
        assertEquals(file + " has a header length of 18446744073709551615 bytes, more than the limit of 100000000"
                + " (not a safetensors file?)", messageOf(file));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(100_000_001L);
        Files.write(file, bytes);
        assertEquals(file + " has a header length of 100000001 bytes, more than the limit of 100000000"
                + " (not a safetensors file?)", messageOf(file));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(1_000_000L);
        Files.write(file, bytes);
        assertEquals(file + " is truncated: header length says 1000000 header bytes, file has 8 after the length",
                messageOf(file));
    }

    static Stream<Arguments> corruptHeaders() {
        String w = "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";
        String v = "\"v\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}";
        return Stream.of(
                Arguments.of("{" + w + "", 8, "it is not valid JSON: Unexpected end-of-input: expected close marker"
                        + " for Object (start marker at [line: 1, column: 1]) (line 1, column 54)"),
                Arguments.of("{" + w + "}x", 8, "it is not valid JSON: Unrecognized token 'x': was expecting (JSON"
                        + " String, Number, Array, Object or token 'null', 'true' or 'false') (line 1, column 56)"),
                Arguments.of("[1,2]", 0, "it is not a JSON object"),
                Arguments.of("{" + w + "} {}", 8, "unexpected content after the JSON object"),
                Arguments.of("{" + w.replace("F32", "F33") + "}", 8, "tensor w has unknown dtype F33"),
                Arguments.of("{\"w\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "tensor w has no dtype"),
                Arguments.of("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"x\":1}}", 8,
                        "tensor w has an unknown field x"),
                Arguments.of("{" + w + "," + w + "}", 16, "tensor w appears twice"),
                Arguments.of("{" + w + "," + v.replace("[8,16]", "[4,12]") + "}", 16,
                        "tensor v has data_offsets [4, 12] but the previous tensor w ends at 8 (overlap);"
                                + " offsets must be contiguous and non-overlapping"),
                Arguments.of("{" + w + "," + v.replace("[8,16]", "[12,20]") + "}", 20,
                        "tensor v has data_offsets [12, 20] but the previous tensor w ends at 8 (gap);"
                                + " offsets must be contiguous and non-overlapping"),
                Arguments.of("{" + w.replace("[0,8]", "[4,12]") + "}", 12,
                        "tensor w has data_offsets [4, 12] but the data starts at 0 (gap);"
                                + " offsets must be contiguous and non-overlapping"),
                Arguments.of("{" + w.replace("[0,8]", "[0,12]") + "}", 12,
                        "tensor w has shape [2] (8 bytes of F32) but data_offsets [0, 12] span 12 bytes"),
                Arguments.of("{" + w.replace("[0,8]", "[8,0]") + "}", 8,
                        "tensor w has data_offsets [8, 0] that end before they begin"),
                Arguments.of("{" + w.replace("[0,8]", "[-8,0]") + "}", 8,
                        "tensor w has a negative data_offsets entry: -8"),
                Arguments.of("{" + w.replace("[0,8]", "[0,99999999999999999999]") + "}", 8,
                        "tensor w has a data_offsets entry out of range: 99999999999999999999"),
                Arguments.of("{" + w.replace("[0,8]", "[0,8.0]") + "}", 8,
                        "tensor w has a data_offsets entry that is not an integer: 8.0"),
                Arguments.of("{" + w.replace("[0,8]", "[0]") + "}", 8,
                        "tensor w has data_offsets [0]; expected [begin, end]"),
                Arguments.of("{" + w.replace("[2]", "[4294967296]") + "}", 8,
                        "tensor w has a dimension too large: [4294967296]"),
                Arguments.of("{" + w.replace("[2]", "[2147483647,2147483647,2147483647]") + "}", 8,
                        "tensor w has too many elements: shape [2147483647, 2147483647, 2147483647]"),
                Arguments.of("{\"__metadata__\":{\"t\":17}," + w + "}", 8, "__metadata__ value of t is not a string"),
                Arguments.of("{\"__metadata__\":[]," + w + "}", 8, "__metadata__ is not an object"));
    }

    @ParameterizedTest
    @MethodSource("corruptHeaders")
    void corruptHeadersAreRejected(String header, int dataBytes, String problem) throws IOException {
        Path file = TestFiles.raw(dir.resolve("corrupt.safetensors"), header, new byte[dataBytes]);
        assertEquals(file + " has a corrupt header: " + problem, messageOf(file));
    }

    @Test
    void offsetsPastTheEndAreATruncation() throws IOException {
        Path file = TestFiles.raw(dir.resolve("past.safetensors"),
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[262144],\"data_offsets\":[0,1048576]}}", new byte[1000]);
        assertEquals(file + " is truncated: header says 1048576 data bytes, file has 1000", messageOf(file));
    }

    @Test
    void headerMustBeUtf8() throws IOException {
        byte[] header = "{\"w\":{}}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        header[2] = (byte) 0xff;
        Path file = TestFiles.raw(dir.resolve("latin.safetensors"), header, new byte[0]);
        assertEquals(file + " has a corrupt header: it is not valid UTF-8", messageOf(file));
    }

    @Test
    void foreignSpecIsRejectedNamingBoth() throws IOException {
        Path file = valid(dir.resolve("spec.safetensors"));
        Checkpoint.Reader r = Checkpoint.read(file);
        assertSame(r, r.requireSpec("a.B"));
        assertEquals(file + " was saved by spec a.B, this network is c.D",
                assertThrows(CheckpointException.class, () -> r.requireSpec("c.D")).getMessage());
        Path plain = TestFiles.raw(dir.resolve("plain.safetensors"), "{}", new byte[0]);
        assertEquals(plain + " has no infergen.spec metadata (not saved by infergen?); this network is c.D",
                assertThrows(CheckpointException.class, () -> Checkpoint.read(plain).requireSpec("c.D"))
                        .getMessage());
    }

    @Test
    void missingTensorWrongShapeAndWrongDtypeLeaveTheDestinationUntouched() throws IOException {
        Path file = valid(dir.resolve("shape.safetensors"));
        Checkpoint.Reader r = Checkpoint.read(file);
        float[] dst = {9, 9, 9, 9, 9, 9};
        assertEquals(file + ": tensor layer0.weight is missing", assertThrows(CheckpointException.class,
                () -> r.copyTo("layer0.weight", new int[] {2, 3}, dst)).getMessage());
        assertEquals(file + ": tensor w has shape [2, 3], expected [3, 2]", assertThrows(CheckpointException.class,
                () -> r.copyTo("w", new int[] {3, 2}, dst)).getMessage());
        assertEquals(file + ": tensor w has shape [2, 3], expected [6]",
                assertThrows(CheckpointException.class, () -> r.require("w", 6)).getMessage());
        assertArrayEquals(new float[] {9, 9, 9, 9, 9, 9}, dst);
        assertEquals("dst for tensor w has length 5, shape [2, 3] holds 6", assertThrows(
                IllegalArgumentException.class, () -> r.copyTo("w", new int[] {2, 3}, new float[5])).getMessage());
        r.copyTo("w", new int[] {2, 3}, dst);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, dst);

        Path f16 = TestFiles.raw(dir.resolve("f16.safetensors"),
                "{\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]}}", new byte[6]);
        Checkpoint.Reader half = Checkpoint.read(f16);
        assertEquals("F16", half.dtype("h"));
        assertEquals(f16 + ": tensor h has dtype F16, expected F32",
                assertThrows(CheckpointException.class, () -> half.require("h", 3)).getMessage());
    }

    @Test
    void verifyReportsEveryProblemAtOnce() throws IOException {
        Path file = dir.resolve("verify.safetensors");
        new Checkpoint("a.B")
                .add("layer0.weight", new int[] {128, 784}, new float[128 * 784])
                .add("layer0.bias", new int[] {128}, new float[128])
                .add("sgd.extra", new int[] {1}, new float[1])
                .write(file);
        Checkpoint.Reader r = Checkpoint.read(file);
        Map<String, int[]> one = Map.of("layer0.weight", new int[] {256, 784}, "layer0.bias", new int[] {128},
                "sgd.extra", new int[] {1});
        assertEquals(file + ": tensor layer0.weight has shape [128, 784], expected [256, 784]",
                assertThrows(CheckpointException.class, () -> r.verify(one)).getMessage());
        Map<String, int[]> many = Map.of("layer0.weight", new int[] {256, 784}, "layer0.bias", new int[] {128},
                "adam.m.layer0.weight", new int[] {256, 784});
        assertEquals(file + ": 3 problems: tensor adam.m.layer0.weight is missing;"
                + " tensor layer0.weight has shape [128, 784], expected [256, 784];"
                + " tensor sgd.extra is not expected by this network",
                assertThrows(CheckpointException.class, () -> r.verify(many)).getMessage());
        assertSame(r, r.verify(Map.of("layer0.weight", new int[] {128, 784}, "layer0.bias", new int[] {128},
                "sgd.extra", new int[] {1})));
    }

    @Test
    void errorsAreIoExceptionsThatNameTheFile() throws IOException {
        Path file = TestFiles.raw(dir.resolve("x.safetensors"), "nope", new byte[0]);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.read(file));
        assertTrue(IOException.class.isInstance(e));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file + " has a corrupt header: it is not valid JSON: "), e.getMessage());
    }
}
