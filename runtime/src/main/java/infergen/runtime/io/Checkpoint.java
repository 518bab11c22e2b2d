package infergen.runtime.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A checkpoint in the <a href="https://github.com/huggingface/safetensors">safetensors</a> layout: named
 * {@code F32} tensors plus string metadata, written atomically and read back with every byte validated before the
 * caller copies anything.
 *
 * <h2>Layout</h2>
 * An 8-byte little-endian header length {@code N}; {@code N} bytes of UTF-8 JSON, padded with spaces so the data
 * starts at a multiple of 8; then the data buffer. The JSON object maps each tensor name to
 * {@code {"dtype":"F32","shape":[..],"data_offsets":[begin,end]}} (offsets relative to the data buffer) and
 * {@code "__metadata__"} to a string→string object. Tensors are written sorted by name, their data in the same
 * order, contiguous, little-endian, covering the buffer exactly. The spec's name is stored in the metadata under
 * {@link #SPEC_KEY}.
 *
 * <h2>Scalars</h2>
 * safetensors metadata holds only strings, so scalars such as Adam's step counter {@code t} go into the metadata
 * as decimal strings: {@link #put(String, long)} writes {@link Long#toString(long)}, and
 * {@link Reader#getLong(String)} parses it back exactly (a float tensor would lose integers above 2<sup>24</sup>).
 *
 * <h2>Save, from generated code</h2>
 * <pre>{@code
 * new Checkpoint("com.example.FashionMlp", Map.of("layers", "784-256-10", "rule", "BP", "optimizer", "ADAM"))
 *         .add("layer0.weight", new int[] {256, 784}, w0)
 *         .add("layer0.bias", new int[] {256}, b0)
 *         .add("adam.m.layer0.weight", new int[] {256, 784}, m0)
 *         .put("adam.t", t)
 *         .write(file);
 * }</pre>
 *
 * <h2>Load, from generated code</h2>
 * Check everything first, then copy: {@link #read} has already validated the whole file, and after
 * {@link Reader#requireSpec}, {@link Reader#verify} and the metadata reads succeed, {@link Reader#copyTo} cannot
 * fail, so a bad file leaves the network untouched.
 * <pre>{@code
 * Checkpoint.Reader r = Checkpoint.read(file)
 *         .requireSpec("com.example.FashionMlp")
 *         .verify(Map.of("layer0.weight", new int[] {256, 784}, "layer0.bias", new int[] {256}, ...));
 * long t = r.getLong("adam.t");
 * // nothing has been changed so far; from here on nothing can fail
 * r.copyTo("layer0.weight", new int[] {256, 784}, w0);
 * ...
 * this.t = t;
 * }</pre>
 *
 * <p>A {@code Checkpoint} keeps references to the arrays passed to {@link #add}; they are read when
 * {@link #write} runs. Instances are not thread-safe.
 */
public final class Checkpoint {

    /** The metadata key under which the spec's fully qualified name is stored. */
    public static final String SPEC_KEY = "infergen.spec";

    /** The metadata prefix of the hyperparameters, e.g. {@code hyperparameter.beta}. */
    public static final String HYPERPARAMETER = "hyperparameter.";

    /** The largest header accepted by {@link #read} (the same limit as the reference implementation). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    /** The largest data buffer {@link #read} accepts: it is held in one byte buffer. */
    public static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 8;

    static final String METADATA = "__metadata__";
    static final String F32 = "F32";
    private static final int CHUNK_BYTES = 1 << 16;
    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** Element sizes of the safetensors dtypes; anything else in a header is rejected. */
    private static final Map<String, Integer> DTYPE_BYTES = Map.ofEntries(
            Map.entry("BOOL", 1), Map.entry("U8", 1), Map.entry("I8", 1), Map.entry("F8_E5M2", 1),
            Map.entry("F8_E4M3", 1), Map.entry("I16", 2), Map.entry("U16", 2), Map.entry("F16", 2),
            Map.entry("BF16", 2), Map.entry("I32", 4), Map.entry("U32", 4), Map.entry("F32", 4),
            Map.entry("I64", 8), Map.entry("U64", 8), Map.entry("F64", 8));

    private record Tensor(int[] shape, float[] data, long elements) {
    }

    private final TreeMap<String, String> metadata = new TreeMap<>();
    private final TreeMap<String, Tensor> tensors = new TreeMap<>();

    /** A checkpoint of the spec named {@code spec} (its fully qualified name), without further metadata. */
    public Checkpoint(String spec) {
        this(spec, Map.of());
    }

    /**
     * A checkpoint of the spec named {@code spec} with free string metadata (layer sizes, rule, optimizer...).
     *
     * @throws IllegalArgumentException if {@code spec} is empty, or a key is {@link #SPEC_KEY}
     */
    public Checkpoint(String spec, Map<String, String> metadata) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(metadata, "metadata");
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("spec name is empty");
        }
        for (Map.Entry<String, String> e : new TreeMap<>(metadata).entrySet()) {
            put(e.getKey(), e.getValue());
        }
        this.metadata.put(SPEC_KEY, spec);
    }

    /**
     * Adds a string to the metadata.
     *
     * @throws IllegalArgumentException if the key is {@link #SPEC_KEY} or already set
     */
    public Checkpoint put(String key, String value) {
        Objects.requireNonNull(key, "metadata key");
        Objects.requireNonNull(value, () -> "metadata value of " + key);
        if (key.equals(SPEC_KEY)) {
            throw new IllegalArgumentException("metadata key " + SPEC_KEY + " is reserved for the spec name");
        }
        if (metadata.putIfAbsent(key, value) != null) {
            throw new IllegalArgumentException("metadata key " + key + " is already set");
        }
        return this;
    }

    /** Adds an integer (e.g. the optimizer's step count) to the metadata as a decimal string; lossless. */
    public Checkpoint put(String key, long value) {
        return put(key, Long.toString(value));
    }

    /** Records a {@code float} hyperparameter as metadata {@code hyperparameter.<name>}, exactly. */
    public Checkpoint hyperparameter(String name, float value) {
        return put(HYPERPARAMETER + name, Float.toString(value));
    }

    /** Records an {@code int} hyperparameter as metadata {@code hyperparameter.<name>}. */
    public Checkpoint hyperparameter(String name, int value) {
        return put(HYPERPARAMETER + name, Integer.toString(value));
    }

    /**
     * Adds a tensor of {@code F32} values. The array is not copied: it is read when {@link #write} runs.
     *
     * @param name a unique, non-empty name other than {@code __metadata__}, e.g. {@code "layer0.weight"}
     * @param shape the dimensions, each {@code >= 0}; {@code {}} is a scalar
     * @param data row-major values, exactly as many as the shape's product
     * @throws IllegalArgumentException on a bad or duplicate name, a negative dimension or a wrong length
     */
    public Checkpoint add(String name, int[] shape, float[] data) {
        Objects.requireNonNull(data, () -> "data of tensor " + name);
        long elements = checkNew(name, shape);
        if (data.length != elements) {
            throw new IllegalArgumentException("tensor " + name + ": data has length " + data.length + ", shape "
                    + Arrays.toString(shape) + " needs " + elements);
        }
        tensors.put(name, new Tensor(shape.clone(), data, elements));
        return this;
    }

    /** Test seam: adds a tensor without the length check, so that {@link #write} fails half-way through. */
    Checkpoint addUnchecked(String name, int[] shape, float[] data) {
        tensors.put(name, new Tensor(shape.clone(), data, checkNew(name, shape)));
        return this;
    }

    private long checkNew(String name, int[] shape) {
        Objects.requireNonNull(name, "tensor name");
        Objects.requireNonNull(shape, () -> "shape of tensor " + name);
        if (name.isEmpty() || name.equals(METADATA)) {
            throw new IllegalArgumentException("tensor name \"" + name + "\" is not allowed");
        }
        if (tensors.containsKey(name)) {
            throw new IllegalArgumentException("tensor " + name + " was already added");
        }
        long elements = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor " + name + " has a negative dimension in shape "
                        + Arrays.toString(shape));
            }
            elements = Math.multiplyExact(elements, d);
        }
        return elements;
    }

    /**
     * Restores this checkpoint's tensors from {@code reader}: checks first that the file was saved by this
     * checkpoint's spec and holds exactly these tensors with these shapes, all finite, then copies each one into the
     * array registered with {@link #add}. If a check fails nothing is copied, so a network that loads through here is
     * left untouched by a foreign, truncated or corrupt file.
     *
     * @throws CheckpointException naming the file and every problem found
     */
    public void restore(Reader reader) throws CheckpointException {
        Objects.requireNonNull(reader, "reader");
        Map<String, int[]> expected = new TreeMap<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            expected.put(e.getKey(), e.getValue().shape());
        }
        reader.requireSpec(metadata.get(SPEC_KEY)).verify(expected);
        for (String name : tensors.keySet()) {
            reader.requireFinite(name);
        }
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            reader.copyTo(e.getKey(), e.getValue().shape(), e.getValue().data());
        }
    }

    /**
     * Writes the checkpoint to {@code file} atomically: the bytes go to a temporary file in the same directory,
     * which is forced to disk and then renamed over {@code file} ({@code ATOMIC_MOVE}, falling back to
     * {@code REPLACE_EXISTING} where the file system cannot move atomically). If anything fails, {@code file} is
     * left as it was and the temporary file is deleted.
     */
    public void write(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        byte[] header = header();
        Path tmp = null;
        try {
            FileChannel ch = null;
            for (int attempt = 0; ch == null; attempt++) {
                tmp = dir.resolve("." + target.getFileName() + "."
                        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
                try {
                    ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    tmp = null;
                    if (attempt == 99) {
                        throw e;
                    }
                }
            }
            try (FileChannel out = ch) {
                ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
                writeFully(out, length);
                writeFully(out, ByteBuffer.wrap(header));
                writeData(out);
                out.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (Throwable t) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    t.addSuppressed(e);
                }
            }
            throw t;
        }
        syncDirectory(dir);
    }

    /** The header JSON, padded with spaces to a multiple of 8 bytes. */
    byte[] header() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeFieldName(METADATA);
            g.writeStartObject();
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            long offset = 0;
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                Tensor t = e.getValue();
                g.writeFieldName(e.getKey());
                g.writeStartObject();
                g.writeStringField("dtype", F32);
                g.writeArrayFieldStart("shape");
                for (int d : t.shape()) {
                    g.writeNumber(d);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("data_offsets");
                g.writeNumber(offset);
                offset = Math.addExact(offset, Math.multiplyExact(t.elements(), Float.BYTES));
                g.writeNumber(offset);
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        while (bytes.size() % 8 != 0) {
            bytes.write(' ');
        }
        return bytes.toByteArray();
    }

    private void writeData(FileChannel out) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer floats = buf.asFloatBuffer();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            float[] data = t.data();
            if (data.length != t.elements()) {
                throw new IllegalStateException("tensor " + e.getKey() + ": data has length " + data.length
                        + ", shape " + Arrays.toString(t.shape()) + " needs " + t.elements());
            }
            for (int pos = 0; pos < data.length; ) {
                int n = Math.min(CHUNK_BYTES / Float.BYTES, data.length - pos);
                floats.clear();
                floats.put(data, pos, n);
                buf.clear().limit(n * Float.BYTES);
                writeFully(out, buf);
                pos += n;
            }
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }

    /** Makes the rename durable where the platform allows opening a directory (not on Windows). */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The file itself is complete and renamed; only the directory entry's durability is best effort.
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Reading

    /**
     * Reads and validates the whole file: header length, UTF-8 JSON, every tensor's dtype, shape and offsets
     * (contiguous, non-overlapping, covering the data exactly), and the data length. The data is held in memory, so
     * nothing the returned reader does touches the file again.
     *
     * @throws CheckpointException if the file is truncated or corrupt; the message names the file and the problem
     * @throws IOException if the file cannot be read
     */
    public static Reader read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new CheckpointException(file, file + " is truncated: it has " + size
                        + " bytes, fewer than the 8-byte header length");
            }
            ByteBuffer lengthBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lengthBuf, file);
            long headerLength = lengthBuf.getLong(0);
            if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
                throw new CheckpointException(file, file + " has a header length of "
                        + Long.toUnsignedString(headerLength) + " bytes, more than the limit of " + MAX_HEADER_BYTES
                        + " (not a safetensors file?)");
            }
            if (headerLength > size - 8) {
                throw new CheckpointException(file, file + " is truncated: header length says " + headerLength
                        + " header bytes, file has " + (size - 8) + " after the length");
            }
            ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLength);
            readFully(ch, headerBuf, file);
            Header h = parseHeader(file, headerBuf.flip());
            long dataBytes = size - 8 - headerLength;
            if (h.dataBytes() > dataBytes) {
                throw new CheckpointException(file, file + " is truncated: header says " + h.dataBytes()
                        + " data bytes, file has " + dataBytes);
            }
            if (h.dataBytes() < dataBytes) {
                throw new CheckpointException(file, file + " has " + (dataBytes - h.dataBytes())
                        + " bytes after the last tensor: header says " + h.dataBytes() + " data bytes, file has "
                        + dataBytes);
            }
            if (h.dataBytes() > MAX_DATA_BYTES) {
                throw new CheckpointException(file, file + " holds " + h.dataBytes()
                        + " data bytes, more than this reader's limit of " + MAX_DATA_BYTES);
            }
            ByteBuffer data = ByteBuffer.allocate((int) h.dataBytes());
            readFully(ch, data, file);
            return new Reader(file, h, data);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, Path file) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                throw new CheckpointException(file, file + " is truncated: it ended while being read");
            }
        }
    }

    private static Header parseHeader(Path file, ByteBuffer header) throws CheckpointException {
        String json;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(header);
            json = chars.toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointException(file, file + " has a corrupt header: it is not valid UTF-8", e);
        }
        HeaderParser hp = new HeaderParser(file);
        try (JsonParser p = JSON.createParser(json)) {
            hp.parse(p);
        } catch (CheckpointException e) {
            throw e;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new CheckpointException(file, file + " has a corrupt header: it is not valid JSON: "
                    + e.getOriginalMessage().replaceAll("\\[Source: [^\\]]*?; ", "[")
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), e);
        } catch (IOException e) {
            throw new CheckpointException(file, file + " has a corrupt header: " + e.getMessage(), e);
        }
        return hp.finish();
    }

    /** One tensor as described by the header. */
    private record Entry(String name, String dtype, int[] shape, long elements, long begin, long end) {
    }

    /** A validated header: metadata, tensors by name, and the data length their offsets cover. */
    private record Header(Map<String, String> metadata, Map<String, Entry> tensors, long dataBytes) {
    }

    /** Reads the header JSON with the streaming parser, validating as it goes. */
    private static final class HeaderParser {
        private final Path file;
        private Map<String, String> metadata;
        private final TreeMap<String, Entry> tensors = new TreeMap<>();

        HeaderParser(Path file) {
            this.file = file;
        }

        private CheckpointException corrupt(String problem) {
            return new CheckpointException(file, file + " has a corrupt header: " + problem);
        }

        void parse(JsonParser p) throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw corrupt("it is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals(METADATA)) {
                    if (metadata != null) {
                        throw corrupt(METADATA + " appears twice");
                    }
                    metadata = parseMetadata(p);
                } else {
                    if (tensors.containsKey(name)) {
                        throw corrupt("tensor " + name + " appears twice");
                    }
                    tensors.put(name, parseTensor(p, name));
                }
            }
            if (p.nextToken() != null) {
                throw corrupt("unexpected content after the JSON object");
            }
        }

        private Map<String, String> parseMetadata(JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw corrupt(METADATA + " is not an object");
            }
            Map<String, String> m = new TreeMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                if (p.nextToken() != JsonToken.VALUE_STRING) {
                    throw corrupt(METADATA + " value of " + key + " is not a string");
                }
                if (m.put(key, p.getText()) != null) {
                    throw corrupt(METADATA + " key " + key + " appears twice");
                }
            }
            return m;
        }

        private Entry parseTensor(JsonParser p, String name) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw corrupt("tensor " + name + " is not an object");
            }
            String dtype = null;
            long[] shape = null;
            long[] offsets = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "dtype" -> {
                        if (dtype != null || value != JsonToken.VALUE_STRING) {
                            throw corrupt("tensor " + name + " has a bad dtype");
                        }
                        dtype = p.getText();
                    }
                    case "shape" -> {
                        if (shape != null) {
                            throw corrupt("tensor " + name + " has two shapes");
                        }
                        shape = longs(p, name, "shape");
                    }
                    case "data_offsets" -> {
                        if (offsets != null) {
                            throw corrupt("tensor " + name + " has two data_offsets");
                        }
                        offsets = longs(p, name, "data_offsets");
                    }
                    default -> throw corrupt("tensor " + name + " has an unknown field " + field);
                }
            }
            if (dtype == null || shape == null || offsets == null) {
                throw corrupt("tensor " + name + " has no " + (dtype == null ? "dtype" : shape == null ? "shape"
                        : "data_offsets"));
            }
            Integer size = DTYPE_BYTES.get(dtype);
            if (size == null) {
                throw corrupt("tensor " + name + " has unknown dtype " + dtype);
            }
            int[] dims = new int[shape.length];
            long elements = 1;
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] > Integer.MAX_VALUE) {
                    throw corrupt("tensor " + name + " has a dimension too large: " + Arrays.toString(shape));
                }
                dims[i] = (int) shape[i];
                try {
                    elements = Math.multiplyExact(elements, shape[i]);
                } catch (ArithmeticException e) {
                    throw corrupt("tensor " + name + " has too many elements: shape " + Arrays.toString(shape));
                }
            }
            if (offsets.length != 2) {
                throw corrupt("tensor " + name + " has data_offsets " + Arrays.toString(offsets)
                        + "; expected [begin, end]");
            }
            long begin = offsets[0];
            long end = offsets[1];
            if (end < begin) {
                throw corrupt("tensor " + name + " has data_offsets [" + begin + ", " + end + "] that end before they begin");
            }
            long bytes;
            try {
                bytes = Math.multiplyExact(elements, size);
            } catch (ArithmeticException e) {
                throw corrupt("tensor " + name + " has too many elements: shape " + Arrays.toString(shape));
            }
            if (end - begin != bytes) {
                throw corrupt("tensor " + name + " has shape " + Arrays.toString(dims) + " (" + bytes + " bytes of "
                        + dtype + ") but data_offsets [" + begin + ", " + end + "] span " + (end - begin) + " bytes");
            }
            return new Entry(name, dtype, dims, elements, begin, end);
        }

        /** An array of non-negative integers that fit a long. */
        private long[] longs(JsonParser p, String name, String field) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw corrupt("tensor " + name + " has a " + field + " that is not an array");
            }
            List<Long> values = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.VALUE_NUMBER_INT) {
                    throw corrupt("tensor " + name + " has a " + field + " entry that is not an integer: "
                            + p.getText());
                }
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw corrupt("tensor " + name + " has a " + field + " entry out of range: " + p.getText());
                }
                long v = p.getLongValue();
                if (v < 0) {
                    throw corrupt("tensor " + name + " has a negative " + field + " entry: " + v);
                }
                values.add(v);
            }
            return values.stream().mapToLong(Long::longValue).toArray();
        }

        Header finish() throws CheckpointException {
            List<Entry> byOffset = new ArrayList<>(tensors.values());
            byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
            long expected = 0;
            String previous = null;
            for (Entry e : byOffset) {
                if (e.begin() != expected) {
                    throw corrupt("tensor " + e.name() + " has data_offsets [" + e.begin() + ", " + e.end() + "] but "
                            + (previous == null ? "the data starts at 0" : "the previous tensor " + previous
                                    + " ends at " + expected)
                            + (e.begin() < expected ? " (overlap)" : " (gap)")
                            + "; offsets must be contiguous and non-overlapping");
                }
                expected = e.end();
                previous = e.name();
            }
            return new Header(metadata == null ? Map.of() : metadata, tensors, expected);
        }
    }

    /**
     * A validated checkpoint held in memory. Check first ({@link #requireSpec}, {@link #require}, {@link #verify},
     * {@link #getLong}), then copy ({@link #copyTo}): once the checks pass, copying cannot fail.
     */
    public static final class Reader {
        private final Path file;
        private final Map<String, String> metadata;
        private final Map<String, Entry> tensors;
        private final ByteBuffer data;

        private Reader(Path file, Header header, ByteBuffer data) {
            this.file = file;
            this.metadata = Collections.unmodifiableMap(new TreeMap<>(header.metadata()));
            this.tensors = Collections.unmodifiableMap(new TreeMap<>(header.tensors()));
            this.data = data;
        }

        /** The file this was read from. */
        public Path file() {
            return file;
        }

        /** The spec name stored under {@link #SPEC_KEY}, or {@code null} if the file has none. */
        public String spec() {
            return metadata.get(SPEC_KEY);
        }

        /** All of the file's {@code __metadata__}, including {@link #SPEC_KEY}, sorted by key. */
        public Map<String, String> metadata() {
            return metadata;
        }

        /** The names of the file's tensors, sorted. */
        public Set<String> names() {
            return tensors.keySet();
        }

        /** Whether the file holds a tensor called {@code name}. */
        public boolean contains(String name) {
            return tensors.containsKey(name);
        }

        /** The dtype of tensor {@code name}, e.g. {@code "F32"}. */
        public String dtype(String name) throws CheckpointException {
            return entry(name).dtype();
        }

        /** A copy of the shape of tensor {@code name}. */
        public int[] shape(String name) throws CheckpointException {
            return entry(name).shape().clone();
        }

        private Entry entry(String name) throws CheckpointException {
            Entry e = tensors.get(Objects.requireNonNull(name, "name"));
            if (e == null) {
                throw new CheckpointException(file, file + ": tensor " + name + " is missing");
            }
            return e;
        }

        /**
         * Checks that the file was saved by the spec named {@code spec}.
         *
         * @throws CheckpointException naming both specs otherwise
         */
        public Reader requireSpec(String spec) throws CheckpointException {
            Objects.requireNonNull(spec, "spec");
            String saved = spec();
            if (saved == null) {
                throw new CheckpointException(file, file + " has no " + SPEC_KEY
                        + " metadata (not saved by infergen?); this network is " + spec);
            }
            if (!saved.equals(spec)) {
                throw new CheckpointException(file, file + " was saved by spec " + saved + ", this network is " + spec);
            }
            return this;
        }

        /** Checks that tensor {@code name} exists with dtype {@code F32} and exactly this shape. */
        public Reader require(String name, int... shape) throws CheckpointException {
            String problem = problem(name, shape);
            if (problem != null) {
                throw new CheckpointException(file, file + ": " + problem);
            }
            return this;
        }

        /**
         * Checks that the file holds exactly the {@code expected} tensors: each present, {@code F32}, with the given
         * shape, and no others. Every problem is reported in one message.
         */
        public Reader verify(Map<String, int[]> expected) throws CheckpointException {
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, int[]> e : new TreeMap<>(expected).entrySet()) {
                String problem = problem(e.getKey(), e.getValue());
                if (problem != null) {
                    problems.add(problem);
                }
            }
            for (String name : tensors.keySet()) {
                if (!expected.containsKey(name)) {
                    problems.add("tensor " + name + " is not expected by this network");
                }
            }
            if (problems.size() == 1) {
                throw new CheckpointException(file, file + ": " + problems.get(0));
            }
            if (!problems.isEmpty()) {
                throw new CheckpointException(file, file + ": " + problems.size() + " problems: "
                        + String.join("; ", problems));
            }
            return this;
        }

        private String problem(String name, int[] shape) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(shape, () -> "expected shape of " + name);
            Entry e = tensors.get(name);
            if (e == null) {
                return "tensor " + name + " is missing";
            }
            if (!e.dtype().equals(F32)) {
                return "tensor " + name + " has dtype " + e.dtype() + ", expected " + F32;
            }
            if (!Arrays.equals(e.shape(), shape)) {
                return "tensor " + name + " has shape " + Arrays.toString(e.shape()) + ", expected "
                        + Arrays.toString(shape);
            }
            return null;
        }

        /**
         * Throws if the tensor {@code name} holds a value that is not finite: a network's parameters and optimizer
         * state never are (a step with a non-finite loss changes nothing), so such a file is corrupt.
         */
        public Reader requireFinite(String name) throws CheckpointException {
            Entry e = tensors.get(Objects.requireNonNull(name, "name"));
            if (e == null) {
                throw new CheckpointException(file, file + ": tensor " + name + " is missing");
            }
            FloatBuffer values = floats(e);
            for (int i = 0; i < values.limit(); i++) {
                if (!Float.isFinite(values.get(i))) {
                    throw new CheckpointException(file, file + ": tensor " + name + " holds " + values.get(i)
                            + " at " + i + " (a network's parameters and optimizer state are always finite)");
                }
            }
            return this;
        }

        /**
         * Copies tensor {@code name} into {@code dst} after checking it as {@link #require} does.
         *
         * @throws CheckpointException if the tensor is missing, not {@code F32} or has another shape; {@code dst} is
         *     then unchanged
         * @throws IllegalArgumentException if {@code dst} does not hold exactly the shape's product of values
         */
        public void copyTo(String name, int[] shape, float[] dst) throws CheckpointException {
            require(name, shape);
            Entry e = tensors.get(name);
            Objects.requireNonNull(dst, () -> "dst for tensor " + name);
            if (dst.length != e.elements()) {
                throw new IllegalArgumentException("dst for tensor " + name + " has length " + dst.length
                        + ", shape " + Arrays.toString(shape) + " holds " + e.elements());
            }
            floats(e).get(dst);
        }

        /** Tensor {@code name} as a new array, after checking it as {@link #require} does. */
        public float[] toArray(String name, int... shape) throws CheckpointException {
            require(name, shape);
            Entry e = tensors.get(name);
            float[] out = new float[(int) e.elements()];
            floats(e).get(out);
            return out;
        }

        private FloatBuffer floats(Entry e) {
            return data.slice((int) e.begin(), (int) (e.end() - e.begin())).order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer();
        }

        /** The metadata value under {@code key}. */
        public String getString(String key) throws CheckpointException {
            String v = metadata.get(Objects.requireNonNull(key, "key"));
            if (v == null) {
                throw new CheckpointException(file, file + ": metadata " + key + " is missing");
            }
            return v;
        }

        /**
         * A count written by {@link Checkpoint#put(String, long)}, such as the optimizer's step: an integer
         * {@code >= 0}.
         */
        public long getCount(String key) throws CheckpointException {
            long v = getLong(key);
            if (v < 0) {
                throw new CheckpointException(file, file + ": metadata " + key + " = " + v + " is negative");
            }
            return v;
        }

        /**
         * The {@code float} hyperparameter {@code name}, or {@code current} when the file has none (it was saved
         * before hyperparameters were recorded).
         */
        public float hyperparameter(String name, float current) throws CheckpointException {
            String v = metadata.get(HYPERPARAMETER + name);
            if (v == null) {
                return current;
            }
            try {
                return Float.parseFloat(v);
            } catch (NumberFormatException e) {
                throw new CheckpointException(file, file + ": hyperparameter " + name + " = \"" + v
                        + "\" is not a number", e);
            }
        }

        /** The {@code int} hyperparameter {@code name}, or {@code current} when the file has none. */
        public int hyperparameter(String name, int current) throws CheckpointException {
            String v = metadata.get(HYPERPARAMETER + name);
            if (v == null) {
                return current;
            }
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new CheckpointException(file, file + ": hyperparameter " + name + " = \"" + v
                        + "\" is not an integer", e);
            }
        }

        /** A saved hyperparameter the network rejects, as an error of this file. */
        public CheckpointException invalid(IllegalArgumentException e) {
            return new CheckpointException(file, file + ": " + e.getMessage(), e);
        }

        /** The metadata value under {@code key} as written by {@link Checkpoint#put(String, long)}. */
        public long getLong(String key) throws CheckpointException {
            String v = getString(key);
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new CheckpointException(file, file + ": metadata " + key + " = \"" + v
                        + "\" is not an integer", e);
            }
        }

        /** Like {@link #getLong}, also checking that the value fits an {@code int}. */
        public int getInt(String key) throws CheckpointException {
            long v = getLong(key);
            if (v != (int) v) {
                throw new CheckpointException(file, file + ": metadata " + key + " = " + v + " does not fit an int");
            }
            return (int) v;
        }

        @Override
        public String toString() {
            Map<String, String> summary = new LinkedHashMap<>();
            tensors.forEach((n, e) -> summary.put(n, e.dtype() + Arrays.toString(e.shape())));
            return "Checkpoint.Reader[" + file + ", spec " + spec() + ", " + summary + "]";
        }
    }
}
