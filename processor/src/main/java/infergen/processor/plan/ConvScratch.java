package infergen.processor.plan;

import infergen.processor.model.ConvSpec;
import infergen.processor.model.LayerSpec;
import infergen.processor.model.NetworkSpec;
import infergen.processor.model.Shapes;
import java.util.ArrayList;
import java.util.List;

/**
 * The im2col scratch of the conv layers, {@code cols} and {@code map}: needed only during a kernel call, so every
 * conv layer shares one pair sized by the runtime for the largest ({@code Conv2d.columnsSize}, {@code mapSize}).
 */
final class ConvScratch {

    private final List<String> constants;
    private final Buffer columns;
    private final Buffer map;

    private ConvScratch(List<String> constants) {
        this.constants = constants;
        this.columns = constants.isEmpty() ? null
                : new Buffer("cols", null, max("columnsSize"), "im2col columns of the conv layers, shared");
        this.map = constants.isEmpty() ? null
                : new Buffer("map", null, max("mapSize"), "one sample's convolution output, shared");
    }

    static ConvScratch of(NetworkSpec spec) {
        List<String> constants = new ArrayList<>();
        for (int l = 0; l < spec.layers().size(); l++) {
            if (spec.layers().get(l).isConv()) {
                constants.add("CONV_" + l);
            }
        }
        return new ConvScratch(constants);
    }

    /** {@code Math.max(Conv2d.columnsSize(CONV_0), Conv2d.columnsSize(CONV_1))}. */
    private String max(String size) {
        String expr = "Conv2d." + size + "(" + constants.get(0) + ")";
        for (int i = 1; i < constants.size(); i++) {
            expr = "Math.max(" + expr + ", Conv2d." + size + "(" + constants.get(i) + "))";
        }
        return expr;
    }

    /** The convolution of layer {@code l}; its max-pooling record, if any, joins {@code workspace}. */
    ConvPlan conv(int l, LayerSpec layer, Shapes.LayerShape shape, List<Buffer> workspace) {
        ConvSpec c = layer.conv();
        Buffer argmax = null;
        if (c.pool() == infergen.annotations.Pool.MAX) {
            argmax = new Buffer("argmax" + l, Buffer.BATCH, "UNITS_" + l,
                    "where each max-pooling window of layer " + l + " took its maximum", true);
            workspace.add(argmax);
        }
        return new ConvPlan("CONV_" + l, "FILTERS_" + l, "PATCH_" + l, shape.in()[0], shape.in()[1], shape.in()[2],
                c.filters(), c.kernel(), c.stride(), c.padding(), c.pool(), c.pool() == infergen.annotations.Pool.NONE
                        ? 1 : c.poolSize(), columns, map, argmax);
    }

    /** Adds the shared scratch, if any conv layer needs it. */
    void addTo(List<Buffer> workspace) {
        if (columns != null) {
            workspace.add(columns);
            workspace.add(map);
        }
    }
}
