package infergen.processor.plan;

/**
 * One {@code float[]} field of the generated class, allocated once at construction. A buffer is a
 * {@link CharSequence} of its name, so that emitters pass the buffer itself where the code names it.
 *
 * @param name the field name, e.g. {@code a0}
 * @param rows {@code MAX_BATCH} for a per-sample buffer, a units constant for a weight matrix, or {@code null} for
 *     a vector
 * @param cols the constant (or product of constants) of its row length, e.g. {@code UNITS_0}
 * @param doc what it holds, one line without a final period, e.g. {@code pre-activation a of layer 0}
 * @param integer an {@code int[]} (the max-pooling record) rather than a {@code float[]}
 */
public record Buffer(String name, String rows, String cols, String doc, boolean integer) implements CharSequence {

    /** A {@code float[]} buffer. */
    public Buffer(String name, String rows, String cols, String doc) {
        this(name, rows, cols, doc, false);
    }

    /** The row count of per-sample buffers. */
    public static final String BATCH = "MAX_BATCH";

    /** A buffer of {@code MAX_BATCH} rows. */
    static Buffer perSample(String name, String cols, String doc) {
        return new Buffer(name, BATCH, cols, doc);
    }

    /** The element count as a Java expression: {@code MAX_BATCH * UNITS_0}. */
    public String size() {
        return rows == null ? cols : rows + " * " + cols;
    }

    /**
     * The shape as the comment beside the field shows it: {@code (n, UNITS_0)}, {@code (UNITS_0, INPUTS)}; a scratch
     * buffer sized by a call shows {@code scratch}.
     */
    public String shape() {
        if (rows == null && cols.contains("(")) {
            return "scratch";
        }
        return rows == null ? "(" + cols + ")" : "(" + (rows.equals(BATCH) ? "n" : rows) + ", " + cols + ")";
    }

    @Override
    public int length() {
        return name.length();
    }

    @Override
    public char charAt(int index) {
        return name.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return name.subSequence(start, end);
    }

    @Override
    public String toString() {
        return name;
    }
}
