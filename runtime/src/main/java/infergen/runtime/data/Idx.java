package infergen.runtime.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes IDX files, the format of MNIST and Fashion-MNIST (LeCun et al.): a big-endian magic number
 * {@code 0x0000TTDD} (T = data type, D = number of dimensions), D big-endian 32-bit sizes, then the values in
 * row-major order. Only unsigned bytes (type {@code 0x08}) are supported: images are {@code 0x00000803}
 * (count × rows × cols), labels {@code 0x00000801} (count).
 *
 * <p>Files may be gzip-compressed or plain; compression is detected from the gzip magic bytes {@code 1F 8B}, not from
 * the file name. A file must hold exactly the number of bytes its header announces. Every problem is reported as an
 * {@link IdxFormatException} whose message starts with the file's name.
 *
 * <p>Pixels become floats {@code x / 255} in [0, 1], with no mean or variance normalisation (the paper's protocol).
 */
public final class Idx {

    /** Magic number of an unsigned-byte image file: type 0x08, three dimensions. */
    public static final int IMAGE_MAGIC = 0x00000803;
    /** Magic number of an unsigned-byte label file: type 0x08, one dimension. */
    public static final int LABEL_MAGIC = 0x00000801;
    /** The only supported data type, unsigned byte. */
    public static final int UNSIGNED_BYTE = 0x08;

    private static final int BUFFER = 1 << 16;
    /** The largest array the JVM reliably allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final float[] PIXEL = new float[256];

    static {
        for (int b = 0; b < 256; b++) {
            PIXEL[b] = b / 255f;
        }
    }

    private Idx() {
    }

    /**
     * The content of an image file: {@code count} images of {@code rows × cols} pixels, as floats in [0, 1],
     * row-major {@code count × (rows · cols)}.
     */
    public record Images(int count, int rows, int cols, float[] pixels) {

        /** Pixels per image, {@code rows · cols}. */
        public int features() {
            return rows * cols;
        }
    }

    /** Reads an image file ({@code 0x00000803}), gzip or plain. */
    public static Images readImages(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readImages(in, file.toString());
        }
    }

    /**
     * Reads an image file ({@code 0x00000803}), gzip or plain, from a stream, which is read to its end but not
     * closed; {@code name} is used in error messages.
     */
    public static Images readImages(InputStream raw, String name) throws IOException {
        Source in = Source.open(raw, name);
        try {
            int[] dims = in.header(IMAGE_MAGIC, 3, "image");
            int count = dims[0];
            int rows = dims[1];
            int cols = dims[2];
            if (rows < 1 || cols < 1) {
                throw new IdxFormatException(name, name + " announces images of " + rows + " × " + cols
                        + " pixels; rows and columns must be at least 1");
            }
            long values = (long) count * rows * cols;
            if (values > MAX_ARRAY) {
                throw new IdxFormatException(name, name + " announces " + count + " images of " + rows + " × " + cols
                        + " pixels = " + values + " values, more than a Java array holds");
            }
            float[] pixels = new float[(int) values];
            byte[] buf = new byte[BUFFER];
            int done = 0;
            while (done < pixels.length) {
                int got = in.read(buf, Math.min(buf.length, pixels.length - done));
                if (got < 0) {
                    throw in.truncated(count + " × " + rows + " × " + cols, values, done);
                }
                for (int i = 0; i < got; i++) {
                    pixels[done + i] = PIXEL[buf[i] & 0xFF];
                }
                done += got;
            }
            in.expectEnd(values);
            return new Images(count, rows, cols, pixels);
        } catch (ZipException | EOFException e) {
            throw in.corrupt(e);
        }
    }

    /** Reads a label file ({@code 0x00000801}), gzip or plain, checking that every label is in {@code 0..classes-1}. */
    public static int[] readLabels(Path file, int classes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readLabels(in, file.toString(), classes);
        }
    }

    /**
     * Reads a label file ({@code 0x00000801}) from a stream, which is read to its end but not closed; every label must
     * be in {@code 0..classes-1}; {@code name} is used in error messages.
     */
    public static int[] readLabels(InputStream raw, String name, int classes) throws IOException {
        if (classes < 1 || classes > 256) {
            throw new IllegalArgumentException("classes = " + classes + " is outside 1..256 (labels are bytes)");
        }
        Source in = Source.open(raw, name);
        try {
            int count = in.header(LABEL_MAGIC, 1, "label")[0];
            int[] labels = new int[count];
            byte[] buf = new byte[BUFFER];
            int done = 0;
            while (done < count) {
                int got = in.read(buf, Math.min(buf.length, count - done));
                if (got < 0) {
                    throw in.truncated(Integer.toString(count), count, done);
                }
                for (int i = 0; i < got; i++) {
                    int label = buf[i] & 0xFF;
                    if (label >= classes) {
                        throw new IdxFormatException(name, name + " has label " + label + " at index " + (done + i)
                                + ", outside 0.." + (classes - 1));
                    }
                    labels[done + i] = label;
                }
                done += got;
            }
            in.expectEnd(count);
            return labels;
        } catch (ZipException | EOFException e) {
            throw in.corrupt(e);
        }
    }

    /**
     * Writes an image file: {@code count × rows × cols} unsigned bytes from {@code pixels} (row-major), gzip-compressed
     * if {@code gzip}. The gzip header carries no time stamp, so the same content gives the same bytes.
     */
    public static void writeImages(Path file, byte[] pixels, int count, int rows, int cols, boolean gzip)
            throws IOException {
        if (count < 0 || rows < 1 || cols < 1 || (long) count * rows * cols != pixels.length) {
            throw new IllegalArgumentException("pixels has length " + pixels.length + ", expected " + count + " × "
                    + rows + " × " + cols + " = " + (long) count * rows * cols + " (count ≥ 0, rows and cols ≥ 1)");
        }
        write(file, gzip, IMAGE_MAGIC, new int[] {count, rows, cols}, pixels);
    }

    /** Writes a label file of {@code labels.length} unsigned bytes, gzip-compressed if {@code gzip}. */
    public static void writeLabels(Path file, byte[] labels, boolean gzip) throws IOException {
        write(file, gzip, LABEL_MAGIC, new int[] {labels.length}, labels);
    }

    private static void write(Path file, boolean gzip, int magic, int[] dims, byte[] data) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream z = gzip ? new GZIPOutputStream(raw, BUFFER) : raw;
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(z, BUFFER))) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
    }

    /** A stream being read, with its name, whether it was gzip, and the number of (decompressed) bytes read so far. */
    private static final class Source {
        private final InputStream in;
        private final String name;
        private final boolean gzip;
        private long position;
        private int headerBytes;

        private Source(InputStream in, String name, boolean gzip) {
            this.in = in;
            this.name = name;
            this.gzip = gzip;
        }

        static Source open(InputStream raw, String name) throws IOException {
            BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            boolean gzip = b0 == 0x1F && b1 == 0x8B;
            try {
                return new Source(gzip ? new GZIPInputStream(buffered, BUFFER) : buffered, name, gzip);
            } catch (ZipException | EOFException e) {
                throw new IdxFormatException(name, name + " has corrupt or truncated gzip data (" + e.getMessage()
                        + ")", e);
            }
        }

        /** Reads and checks the magic number and the dimension sizes. */
        int[] header(int expectedMagic, int dimCount, String kind) throws IOException {
            headerBytes = 4 + 4 * dimCount;
            byte[] h = new byte[headerBytes];
            int got = in.readNBytes(h, 0, 4);
            position += got;
            if (got < 4) {
                throw headerTruncated();
            }
            int magic = intAt(h, 0);
            if (magic != expectedMagic) {
                int type = (magic >>> 8) & 0xFF;
                if ((magic >>> 16) == 0 && (magic & 0xFF) == dimCount && type != UNSIGNED_BYTE) {
                    throw new IdxFormatException(name, name + " has IDX data type " + String.format("0x%02X", type)
                            + "; only 0x08 (unsigned byte) is supported");
                }
                throw new IdxFormatException(name, name + " is not an IDX " + kind + " file: magic "
                        + String.format("0x%08X", magic) + ", expected " + String.format("0x%08X", expectedMagic));
            }
            got = in.readNBytes(h, 4, headerBytes - 4);
            position += got;
            if (got < headerBytes - 4) {
                throw headerTruncated();
            }
            int[] dims = new int[dimCount];
            for (int d = 0; d < dimCount; d++) {
                dims[d] = intAt(h, 4 + 4 * d);
                if (dims[d] < 0) {
                    throw new IdxFormatException(name, name + " announces dimension " + d + " of size "
                            + Integer.toUnsignedString(dims[d]) + ", more than a Java array holds");
                }
            }
            return dims;
        }

        int read(byte[] buf, int len) throws IOException {
            int got = in.read(buf, 0, len);
            if (got > 0) {
                position += got;
            }
            return got;
        }

        /** After the announced data: the stream must end here. */
        void expectEnd(long dataBytes) throws IOException {
            long extra = in.transferTo(OutputStream.nullOutputStream());
            if (extra > 0) {
                long expected = headerBytes + dataBytes;
                throw new IdxFormatException(name, name + " holds " + (expected + extra) + " bytes" + decompressed()
                        + ", " + extra + " more than the " + expected + " its header announces");
            }
        }

        IdxFormatException truncated(String shape, long dataBytes, long dataRead) {
            long expected = headerBytes + dataBytes;
            return new IdxFormatException(name, name + " is truncated: its header announces " + shape
                    + " bytes of data, " + expected + " bytes in all, but the file holds " + (headerBytes + dataRead)
                    + decompressed());
        }

        private IdxFormatException headerTruncated() {
            return new IdxFormatException(name, name + " is truncated: it holds " + position + " bytes" + decompressed()
                    + ", less than its " + Math.max(headerBytes, 4) + "-byte IDX header");
        }

        IdxFormatException corrupt(IOException e) {
            return new IdxFormatException(name, name + " has corrupt or truncated gzip data after " + position
                    + " decompressed bytes (" + e.getMessage() + ")", e);
        }

        private String decompressed() {
            return gzip ? " (after gzip decompression)" : "";
        }

        private static int intAt(byte[] b, int off) {
            return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
        }
    }
}
