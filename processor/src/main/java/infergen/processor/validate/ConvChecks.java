package infergen.processor.validate;

import infergen.annotations.Pool;
import infergen.processor.model.ConvSpec;
import infergen.processor.model.LayerSpec;
import infergen.processor.model.NetworkSpec;
import infergen.processor.model.RuleSpec;
import infergen.processor.model.Shapes;
import infergen.processor.model.ValueRef;
import java.util.List;

/**
 * The checks of {@code @Conv2d} layers and {@code @Network(inputShape)}: the shape itself, its agreement with
 * {@code inputs}, each convolution's sizes against its input, the order of the layers and the rule.
 */
final class ConvChecks {

    private ConvChecks() {
    }

    /** Whether the input shape is usable; problems with it are added. */
    static boolean inputShape(List<Problem> problems, NetworkSpec spec) {
        List<Integer> shape = spec.inputShape();
        if (shape.isEmpty()) {
            return false;
        }
        boolean ok = shape.size() == 3 && shape.stream().allMatch(d -> d > 0);
        String written = shape.toString().replace('[', '{').replace(']', '}');
        if (!ok) {
            problems.add(Problem.of(spec.refs().inputShape(), Message.NETWORK_INPUT_SHAPE, written));
            return false;
        }
        long product = (long) shape.get(0) * shape.get(1) * shape.get(2);
        if (spec.inputs() != 0 && spec.inputs() != product) {
            problems.add(Problem.of(spec.refs().inputs(), Message.NETWORK_INPUTS_DISAGREE, spec.inputs(), written,
                    product));
        }
        return true;
    }

    /** The checks of every conv layer; {@code shapeOk} says whether the input shape is usable. */
    static void layers(List<Problem> problems, NetworkSpec spec, boolean shapeOk) {
        for (ValueRef late : spec.convsAfterDense()) {
            problems.add(Problem.of(late, Message.CONV_AFTER_DENSE));
        }
        if (!spec.hasConv()) {
            return;
        }
        RuleSpec rule = spec.rule();
        // MAX pooling makes the layer's map piecewise linear: the rules that use only its derivative at the forward
        // pass take it; those whose energy needs the map itself to be linear do not
        boolean maxOk = rule instanceof RuleSpec.Backprop || rule instanceof RuleSpec.FenchelBackprop
                || rule instanceof RuleSpec.PredictiveCoding || rule instanceof RuleSpec.AuxiliaryCoordinates;
        if (spec.inputShape().isEmpty()) {
            LayerSpec first = spec.layers().stream().filter(LayerSpec::isConv).findFirst().orElseThrow();
            problems.add(Problem.of(first.annotation(), Message.CONV_NEEDS_INPUT_SHAPE));
        }
        List<Shapes.LayerShape> shapes = Shapes.of(spec);
        boolean inputKnown = shapeOk;
        for (int l = 0; l < spec.layers().size(); l++) {
            LayerSpec layer = spec.layers().get(l);
            if (!layer.isConv()) {
                inputKnown = false;
                continue;
            }
            ConvSpec c = layer.conv();
            if (c.pool() == Pool.MAX && !maxOk) {
                problems.add(Problem.of(c.poolRef(), Message.CONV_MAX_POOL_RULE, l, rule.annotationName()));
            }
            boolean sizesOk = positive(problems, c.filtersRef(), "filters", l, c.filters())
                    & positive(problems, c.kernelRef(), "kernel", l, c.kernel())
                    & positive(problems, c.strideRef(), "stride", l, c.stride())
                    & (c.pool() == Pool.NONE || positive(problems, c.poolSizeRef(), "poolSize", l, c.poolSize()));
            if (c.padding() < 0) {
                problems.add(Problem.of(c.paddingRef(), Message.CONV_NEGATIVE_PADDING, l, c.padding()));
                sizesOk = false;
            }
            if (!sizesOk || !inputKnown) {
                inputKnown = false;
                continue;
            }
            Shapes.LayerShape shape = shapes.get(l);
            int paddedH = shape.in()[1] + 2 * c.padding();
            int paddedW = shape.in()[2] + 2 * c.padding();
            if (c.kernel() > paddedH || c.kernel() > paddedW) {
                problems.add(Problem.of(c.kernelRef(), Message.CONV_KERNEL_TOO_LARGE, c.kernel(), l, paddedH,
                        paddedW));
                inputKnown = false;
            } else if (shape.units() == 0) {
                int pool = c.pool() == Pool.NONE ? 1 : c.poolSize();
                problems.add(Problem.of(c.poolSizeRef(), Message.CONV_EMPTY_OUTPUT, l, pool, pool, shape.conv()[0],
                        shape.conv()[1]));
                inputKnown = false;
            }
        }
    }

    private static boolean positive(List<Problem> problems, ValueRef ref, String what, int layer, int value) {
        if (value > 0) {
            return true;
        }
        problems.add(Problem.of(ref, Message.CONV_NOT_POSITIVE, what, layer, value));
        return false;
    }
}
