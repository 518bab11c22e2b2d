package infergen.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.runtime.Rng;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxTest {

    @TempDir
    Path dir;

    /** Random pixels and labels, written and read back; the file names lie about compression on purpose. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void roundTripDetectsCompressionFromContentNotName(boolean gzip) throws IOException {
        Rng rng = new Rng(gzip ? 11 : 12);
        int count = 37;
        int rows = 5;
        int cols = 3;
        byte[] pixels = new byte[count * rows * cols];
        byte[] labels = new byte[count];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) rng.nextInt(256);
        }
        pixels[0] = 0;
        pixels[1] = (byte) 255;
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) rng.nextInt(10);
        }
        Path images = dir.resolve(gzip ? "images.idx" : "images.idx.gz");
        Path labelFile = dir.resolve(gzip ? "labels.idx" : "labels.idx.gz");
        Idx.writeImages(images, pixels, count, rows, cols, gzip);
        Idx.writeLabels(labelFile, labels, gzip);
        byte[] head = Arrays.copyOf(Files.readAllBytes(images), 2);
        assertEquals(gzip, head[0] == (byte) 0x1F && head[1] == (byte) 0x8B, "file compressed as asked");

        Dataset d = Dataset.loadIdx(images, labelFile);
        assertEquals(count, d.count());
        assertEquals(rows * cols, d.features());
        assertEquals(10, d.classes());
        for (int i = 0; i < pixels.length; i++) {
            assertEquals((pixels[i] & 0xFF) / 255f, d.images()[i], "pixel " + i);
        }
        assertEquals(0f, d.images()[0]);
        assertEquals(1f, d.images()[1]);
        for (int i = 0; i < count; i++) {
            assertEquals(labels[i], d.labels()[i], "label " + i);
        }
    }

    @Test
    void pixelsAreDividedBy255WithoutNormalisation() throws IOException {
        Path f = dir.resolve("px");
        Idx.writeImages(f, new byte[] {0, 51, (byte) 128, (byte) 255}, 1, 2, 2, false);
        Idx.Images im = Idx.readImages(f);
        assertArrayEquals(new float[] {0f, 0.2f, 128 / 255f, 1f}, im.pixels());
        assertEquals(1, im.count());
        assertEquals(4, im.features());
    }

    @Test
    void labelFileReadAsImagesNamesBothMagics() throws IOException {
        Path f = dir.resolve("labels");
        Idx.writeLabels(f, new byte[] {1, 2}, true);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(f));
        assertEquals(f + " is not an IDX image file: magic 0x00000801, expected 0x00000803", e.getMessage());
        assertEquals(f.toString(), e.file());
    }

    @Test
    void imageFileReadAsLabels() throws IOException {
        Path f = dir.resolve("images");
        Idx.writeImages(f, new byte[4], 1, 2, 2, false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readLabels(f, 10));
        assertEquals(f + " is not an IDX label file: magic 0x00000803, expected 0x00000801", e.getMessage());
    }

    @Test
    void notIdxAtAll() throws IOException {
        Path f = dir.resolve("text.txt");
        Files.writeString(f, "hello, world, this is not IDX");
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(f));
        assertEquals(f + " is not an IDX image file: magic 0x68656C6C, expected 0x00000803", e.getMessage());
    }

    @Test
    void otherDataTypeIsRejected() throws IOException {
        Path f = dir.resolve("floats");
        Files.write(f, ByteBuffer.allocate(20).putInt(0x00000D03).putInt(1).putInt(1).putInt(1).putFloat(1f).array());
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(f));
        assertEquals(f + " has IDX data type 0x0D; only 0x08 (unsigned byte) is supported", e.getMessage());
    }

    @Test
    void truncatedPlainFileNamesExpectedAndActualSizes() throws IOException {
        Path f = dir.resolve("cut");
        Idx.writeImages(f, new byte[12], 3, 2, 2, false);
        Files.write(f, Arrays.copyOf(Files.readAllBytes(f), 20));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(f));
        assertEquals(f + " is truncated: its header announces 3 × 2 × 2 bytes of data, 28 bytes in all, but the file"
                + " holds 20", e.getMessage());
    }

    @Test
    void truncatedContentInsideValidGzip() throws IOException {
        Path f = dir.resolve("cut.gz");
        Files.write(f, gzip(ByteBuffer.allocate(8 + 3).putInt(Idx.LABEL_MAGIC).putInt(5).array()));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readLabels(f, 10));
        assertEquals(f + " is truncated: its header announces 5 bytes of data, 13 bytes in all, but the file holds 11"
                + " (after gzip decompression)", e.getMessage());
    }

    @Test
    void cutGzipStream() throws IOException {
        Path f = dir.resolve("cutstream.gz");
        Rng rng = new Rng(3);
        byte[] px = new byte[4000];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) rng.nextInt(256);
        }
        Idx.writeImages(f, px, 10, 20, 20, true);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length / 2));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(f));
        assertTrue(e.getMessage().startsWith(f + " has corrupt or truncated gzip data after "), e.getMessage());
    }

    @Test
    void truncatedHeader() throws IOException {
        Path f = dir.resolve("short");
        Files.write(f, ByteBuffer.allocate(10).putInt(Idx.IMAGE_MAGIC).putInt(1).array());
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(f));
        assertEquals(f + " is truncated: it holds 10 bytes, less than its 16-byte IDX header", e.getMessage());
    }

    @Test
    void emptyFile() throws IOException {
        Path f = dir.resolve("empty");
        Files.write(f, new byte[0]);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readLabels(f, 10));
        assertEquals(f + " is truncated: it holds 0 bytes, less than its 8-byte IDX header", e.getMessage());
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        Path f = dir.resolve("long");
        Files.write(f, ByteBuffer.allocate(8 + 4).putInt(Idx.LABEL_MAGIC).putInt(2).array());
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readLabels(f, 10));
        assertEquals(f + " holds 12 bytes, 2 more than the 10 its header announces", e.getMessage());
    }

    @Test
    void labelOutOfRange() throws IOException {
        Path images = dir.resolve("i");
        Path labels = dir.resolve("l");
        Idx.writeImages(images, new byte[3], 3, 1, 1, false);
        Idx.writeLabels(labels, new byte[] {9, 0, 10}, false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Dataset.loadIdx(images, labels));
        assertEquals(labels + " has label 10 at index 2, outside 0..9", e.getMessage());
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        Path images = dir.resolve("i.gz");
        Path labels = dir.resolve("l.gz");
        Idx.writeImages(images, new byte[12], 3, 2, 2, true);
        Idx.writeLabels(labels, new byte[] {1, 2}, true);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Dataset.loadIdx(images, labels));
        assertEquals(images + " holds 3 images but " + labels + " holds 2 labels", e.getMessage());
    }

    @Test
    void writerChecksTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Idx.writeImages(dir.resolve("x"), new byte[5], 1, 2, 2, false));
        assertEquals("pixels has length 5, expected 1 × 2 × 2 = 4 (count ≥ 0, rows and cols ≥ 1)", e.getMessage());
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
            z.write(data);
        }
        return bytes.toByteArray();
    }
}
