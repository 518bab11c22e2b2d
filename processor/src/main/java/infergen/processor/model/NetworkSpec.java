package infergen.processor.model;

import infergen.annotations.Loss;
import java.util.List;

/**
 * A network spec as read from its annotations: plain values, no {@code javax.lang.model} types. Each value that can
 * be wrong has a {@link ValueRef} so that the processor can put a diagnostic on the annotation value it came from.
 *
 * @param specName the spec's canonical name, e.g. {@code com.example.FashionMlp}
 * @param packageName the package the generated class goes to
 * @param specSimpleName the simple name of the spec type
 * @param className the simple name of the generated class
 * @param specKind what the annotated element is
 */
public record NetworkSpec(
        String specName,
        String packageName,
        String specSimpleName,
        String className,
        Kind specKind,
        int inputs,
        int maxBatch,
        Loss loss,
        List<LayerSpec> layers,
        List<RuleSpec> rules,
        List<OptimizerSpec> optimizers,
        Refs refs) {

    /** What a spec type can be; only an interface or an abstract class can carry a spec. */
    public enum Kind {
        INTERFACE,
        ABSTRACT_CLASS,
        CLASS,
        ENUM,
        RECORD,
        ANNOTATION_TYPE
    }

    /** Whether the annotated element is an interface or abstract class. */
    public boolean specIsAbstract() {
        return specKind == Kind.INTERFACE || specKind == Kind.ABSTRACT_CLASS;
    }

    /** The one learning rule of a valid spec ({@link RuleSpec.Backprop} when none is given). */
    public RuleSpec rule() {
        return rules.isEmpty() ? new RuleSpec.Backprop() : rules.get(0);
    }

    /** The one optimizer of a valid spec (Adam with its defaults when none is given). */
    public OptimizerSpec optimizer() {
        return optimizers.isEmpty() ? OptimizerSpec.Adam.DEFAULTS : optimizers.get(0);
    }

    /** Where the values of the spec came from, for diagnostics. */
    public record Refs(ValueRef network, ValueRef inputs, ValueRef maxBatch, ValueRef loss, ValueRef name) {
    }
}
