package infergen.processor.validate;

import infergen.processor.model.ValueRef;

/** One thing wrong with a spec, and where it is. */
public record Problem(ValueRef where, Message message, String text) {

    /** A problem with its message formatted from {@code args}. */
    public static Problem of(ValueRef where, Message message, Object... args) {
        return new Problem(where, message, message.format(args));
    }
}
