package infergen.processor.model;

/**
 * An opaque pointer back to the annotation (and, when the value was written explicitly, the annotation value) that
 * a model value came from. The validator only passes it along; the processor turns it into a source position.
 */
public interface ValueRef {

    /** A reference that points nowhere, for models built by hand in tests. */
    ValueRef NONE = new ValueRef() {
        @Override
        public String toString() {
            return "<none>";
        }
    };

    /** A named reference for tests: equal names are equal references. */
    static ValueRef named(String name) {
        return new Named(name);
    }

    /** See {@link #named(String)}. */
    record Named(String name) implements ValueRef {
    }
}
