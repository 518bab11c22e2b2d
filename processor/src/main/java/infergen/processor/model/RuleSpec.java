package infergen.processor.model;

/**
 * The learning rule of a spec: one record per rule annotation, holding its hyper-parameters and the references to
 * their values. Each rule's checks live in the validator and its code in one emitter (see
 * {@code infergen.processor.emit.RuleEmitters}).
 */
public sealed interface RuleSpec {

    /** The annotation's simple name, for messages. */
    String annotationName();

    /** Where the annotation is. */
    ValueRef annotation();

    /** {@code @Backprop}: methods.md §1. */
    record Backprop(ValueRef annotation) implements RuleSpec {
        /** Back-propagation by default, when a spec names no rule. */
        public Backprop() {
            this(ValueRef.NONE);
        }

        @Override
        public String annotationName() {
            return "@Backprop";
        }
    }

    /** {@code @FenchelBackprop(beta, fenchelOutput)}: methods.md §2. */
    record FenchelBackprop(float beta, boolean fenchelOutput, ValueRef annotation, ValueRef betaRef,
            ValueRef fenchelOutputRef) implements RuleSpec {
        @Override
        public String annotationName() {
            return "@FenchelBackprop";
        }
    }
}
