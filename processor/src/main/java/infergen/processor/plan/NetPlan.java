package infergen.processor.plan;

import infergen.annotations.Activation;
import infergen.annotations.Loss;
import infergen.processor.model.LayerSpec;
import infergen.processor.model.NetworkSpec;
import infergen.processor.model.Shapes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the generated class contains, decided from a valid {@link NetworkSpec}: sizes and their constants,
 * every buffer (only those that some emitted code reads, names checked for collisions), the run-time
 * hyperparameters with their defaults and ranges, and the layers in order. The emitters read only this.
 */
public record NetPlan(NetworkSpec spec, List<LayerPlan> layers, Map<Shared, Buffer> shared,
        List<Buffer> buffers, List<Hyperparameter> hyperparameters,
        Optional<Hyperparameters.FloatRange> floatRange) {

    /** Per-sample buffers of the output that belong to no layer. */
    public enum Shared {
        /** Softmax probabilities of the output (softmax cross-entropy). */
        PROBS("probs"),
        /** One-hot targets built from integer labels (squared error). */
        ONE_HOT("oneHot"),
        /** Softmax of the current output state (relaxed outputs). */
        P_OUT("pOut"),
        /** Loss gradient at the current output state (relaxed outputs). */
        G_OUT("gOut");

        private final String field;

        Shared(String field) {
            this.field = field;
        }
    }

    /** The plan of a valid spec. */
    public static NetPlan of(NetworkSpec spec) {
        BufferLayout layout = new BufferLayout(spec);
        List<LayerSpec> specs = spec.layers();
        List<Shapes.LayerShape> shapes = Shapes.of(spec);
        ConvScratch scratch = ConvScratch.of(spec);
        List<LayerPlan> layers = new ArrayList<>();
        List<Buffer> parameters = new ArrayList<>();
        List<Buffer> workspace = new ArrayList<>();
        boolean softmax = spec.loss() == Loss.SOFTMAX_CROSS_ENTROPY;
        CharSequence input = "x";
        int fanIn = spec.features();
        for (int l = 0; l < specs.size(); l++) {
            LayerSpec layer = specs.get(l);
            boolean last = l == specs.size() - 1;
            String units = "UNITS_" + l;
            String fanInName = l == 0 ? "INPUTS" : "UNITS_" + (l - 1);
            ConvPlan conv = layer.isConv() ? scratch.conv(l, layer, shapes.get(l), workspace) : null;
            String rows = conv != null ? conv.filters() : units;
            String cols = conv != null ? conv.patch() : fanInName;
            Map<Role, Buffer> buffers = new EnumMap<>(Role.class);
            for (var e : layout.parameters(l).entrySet()) {
                Role role = e.getKey();
                boolean matrix = role == Role.W || role == Role.GW || role == Role.MW || role == Role.VW
                        || role == Role.VELW;
                Buffer b = new Buffer(role.name(l), matrix ? rows : null, matrix ? cols : rows, e.getValue());
                buffers.put(role, b);
                parameters.add(b);
            }
            for (var e : layout.workspace(l).entrySet()) {
                Role role = e.getKey();
                Buffer b = switch (role) {
                    case NU -> new Buffer(role.name(l), null, units, e.getValue());
                    case NV -> new Buffer(role.name(l), null, fanInName, e.getValue());
                    default -> Buffer.perSample(role.name(l), units, e.getValue());
                };
                buffers.put(role, b);
                workspace.add(b);
            }
            if (layer.activation() == Activation.IDENTITY) {
                buffers.put(Role.S, buffers.get(Role.A));
            }
            int width = (int) shapes.get(l).units();
            layers.add(new LayerPlan(l, width, fanIn, layer.activation(), layer.init(), layer.initGain(), last, units,
                    fanInName, input, Map.copyOf(buffers), last && softmax, conv));
            input = buffers.get(Role.S);
            fanIn = width;
        }
        scratch.addTo(workspace);
        Map<Shared, Buffer> shared = new EnumMap<>(Shared.class);
        for (var e : layout.shared().entrySet()) {
            Buffer b = Buffer.perSample(e.getKey().field, "OUTPUTS", e.getValue());
            shared.put(e.getKey(), b);
            workspace.add(b);
        }
        List<Buffer> table = new ArrayList<>(parameters);
        table.addAll(workspace);
        Set<String> names = new HashSet<>();
        for (Buffer b : table) {
            if (!names.add(b.name())) {
                throw new IllegalStateException("two buffers are named " + b.name());
            }
        }
        List<Hyperparameter> hyperparameters = Hyperparameters.of(spec);
        for (Hyperparameter h : hyperparameters) {
            if (names.contains(h.name())) {
                throw new IllegalStateException("hyperparameter " + h.name() + " clashes with a buffer");
            }
        }
        return new NetPlan(spec, List.copyOf(layers), Map.copyOf(shared), List.copyOf(table), hyperparameters,
                Hyperparameters.floatRange(spec));
    }

    /** Whether some layer is a conv layer. */
    public boolean hasConv() {
        return layers.stream().anyMatch(LayerPlan::isConv);
    }

    /** The shared buffer {@code which}; the plan allocated it, or this throws. */
    public Buffer shared(Shared which) {
        Buffer b = shared.get(which);
        if (b == null) {
            throw new IllegalStateException("no " + which + " buffer in this plan");
        }
        return b;
    }

    public boolean softmax() {
        return spec.loss() == Loss.SOFTMAX_CROSS_ENTROPY;
    }

    public LayerPlan output() {
        return layers.get(layers.size() - 1);
    }

    /** The hyperparameter named {@code name}, if the spec has it. */
    public Optional<Hyperparameter> hyperparameter(String name) {
        return hyperparameters.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** {@code "784-256-10"}. */
    public String shape() {
        StringBuilder sb = new StringBuilder();
        if (spec.inputShape().isEmpty()) {
            sb.append(spec.features());
        } else {
            sb.append(spec.inputShape().get(0)).append('×').append(spec.inputShape().get(1)).append('×')
                    .append(spec.inputShape().get(2));
        }
        for (LayerPlan l : layers) {
            sb.append('-');
            if (l.isConv()) {
                sb.append("conv").append(l.conv().filterCount());
            } else {
                sb.append(l.unitsValue());
            }
        }
        return sb.toString();
    }
}
