package infergen.processor.plan;

import infergen.annotations.Activation;
import infergen.annotations.Loss;
import infergen.processor.model.LayerSpec;
import infergen.processor.model.NetworkSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What the generated class contains: sizes, buffer names and the order of the layers. Built from a valid
 * {@link NetworkSpec}; the emitters read only this.
 */
public record NetPlan(NetworkSpec spec, List<LayerPlan> layers) {

    /** The plan of a valid spec. */
    public static NetPlan of(NetworkSpec spec) {
        List<LayerPlan> layers = new ArrayList<>();
        List<LayerSpec> specs = spec.layers();
        boolean softmax = spec.loss() == Loss.SOFTMAX_CROSS_ENTROPY;
        String input = "x";
        int fanIn = spec.inputs();
        for (int l = 0; l < specs.size(); l++) {
            LayerSpec layer = specs.get(l);
            boolean last = l == specs.size() - 1;
            String a = "a" + l;
            String s = layer.activation() == Activation.IDENTITY ? a : "s" + l;
            layers.add(new LayerPlan(l, layer.units(), fanIn, layer.activation(), layer.init(), last,
                    "UNITS_" + l, l == 0 ? "INPUTS" : "UNITS_" + (l - 1), input, "w" + l, "b" + l, "gw" + l,
                    "gb" + l, a, s, "e" + l, last && softmax));
            input = s;
            fanIn = layer.units();
        }
        return new NetPlan(spec, List.copyOf(layers));
    }

    public boolean softmax() {
        return spec.loss() == Loss.SOFTMAX_CROSS_ENTROPY;
    }

    public LayerPlan output() {
        return layers.get(layers.size() - 1);
    }

    /** {@code "784-256-10"}. */
    public String shape() {
        StringBuilder sb = new StringBuilder().append(spec.inputs());
        for (LayerPlan l : layers) {
            sb.append('-').append(l.unitsValue());
        }
        return sb.toString();
    }
}
