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
 * @param inputs {@code @Network(inputs)} as written, 0 when omitted; {@link #features()} is the input width
 * @param inputShape {@code @Network(inputShape)}: {@code {channels, height, width}}, empty for a dense network
 * @param convsAfterDense the {@code @Conv2d} annotations that javac shows after a {@code @Dense} (the layers list
 *     them conv first; such a spec is an error)
 */
public record NetworkSpec(
        String specName,
        String packageName,
        String specSimpleName,
        String className,
        Kind specKind,
        int inputs,
        java.util.List<Integer> inputShape,
        int maxBatch,
        Loss loss,
        List<LayerSpec> layers,
        List<RuleSpec> rules,
        List<OptimizerSpec> optimizers,
        Refs refs,
        List<ValueRef> convsAfterDense) {

    /** A spec without {@code inputShape}, as dense specs are written. */
    public NetworkSpec(String specName, String packageName, String specSimpleName, String className, Kind specKind,
            int inputs, int maxBatch, Loss loss, List<LayerSpec> layers, List<RuleSpec> rules,
            List<OptimizerSpec> optimizers, Refs refs) {
        this(specName, packageName, specSimpleName, className, specKind, inputs, List.of(), maxBatch, loss, layers,
                rules, optimizers, refs, List.of());
    }

    /** The input width: {@code inputs} if written, else the product of {@code inputShape} (0 if neither). */
    public int features() {
        if (inputs != 0 || inputShape.isEmpty()) {
            return inputs;
        }
        long product = 1;
        for (int d : inputShape) {
            product *= d;
        }
        return product > 0 && product <= Integer.MAX_VALUE ? (int) product : 0;
    }

    /** This spec with {@code convsAfterDense} replaced (by the processor, which can see the source order). */
    public NetworkSpec withConvsAfterDense(List<ValueRef> late) {
        return new NetworkSpec(specName, packageName, specSimpleName, className, specKind, inputs, inputShape,
                maxBatch, loss, layers, rules, optimizers, refs, late);
    }

    /** Whether some layer is a {@code @Conv2d}. */
    public boolean hasConv() {
        return layers.stream().anyMatch(LayerSpec::isConv);
    }

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
    public record Refs(ValueRef network, ValueRef inputs, ValueRef maxBatch, ValueRef loss, ValueRef name,
            ValueRef inputShape) {

        /** References of a spec without {@code inputShape}. */
        public Refs(ValueRef network, ValueRef inputs, ValueRef maxBatch, ValueRef loss, ValueRef name) {
            this(network, inputs, maxBatch, loss, name, network);
        }
    }
}
