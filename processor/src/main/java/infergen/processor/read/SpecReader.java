package infergen.processor.read;

import infergen.annotations.Activation;
import infergen.annotations.Adam;
import infergen.annotations.AuxiliaryCoordinates;
import infergen.annotations.Backprop;
import infergen.annotations.ContrastiveHebbian;
import infergen.annotations.Conv2d;
import infergen.annotations.ConvexContrastiveHebbian;
import infergen.annotations.Dense;
import infergen.annotations.EquilibriumPropagation;
import infergen.annotations.FenchelBackprop;
import infergen.annotations.Init;
import infergen.annotations.LiftedProximal;
import infergen.annotations.Loss;
import infergen.annotations.Network;
import infergen.annotations.Pool;
import infergen.annotations.PredictiveCoding;
import infergen.annotations.Sgd;
import infergen.processor.model.ConvSpec;
import infergen.processor.model.LayerSpec;
import infergen.processor.model.NetworkSpec;
import infergen.processor.model.OptimizerSpec;
import infergen.processor.model.RuleSpec;
import infergen.processor.model.ValueRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Reads the annotations of one spec type into a {@link NetworkSpec}. The only stage that knows
 * {@code javax.lang.model}; it does no checking beyond what it needs to read.
 */
public final class SpecReader {

    /** The annotations this processor owns, by canonical name (from the class literals). */
    public static final String NETWORK = Network.class.getCanonicalName();
    static final String DENSE = Dense.class.getCanonicalName();
    public static final String DENSE_LIST = Dense.List.class.getCanonicalName();
    static final String CONV = Conv2d.class.getCanonicalName();
    public static final String CONV_LIST = Conv2d.List.class.getCanonicalName();

    /** Learning-rule annotations and how to read each; adding a rule adds one line here. */
    static final Map<String, Function<AnnotationValues, RuleSpec>> RULES = Map.of(
            ContrastiveHebbian.class.getCanonicalName(), v -> new RuleSpec.ContrastiveHebbian(v.getFloat("gamma"),
                    v.getFloat("beta"), v.getInt("steps"), v.getBoolean("hardClamp"), v.annotation(),
                    v.ref("gamma"), v.ref("beta"), v.ref("steps"), v.ref("hardClamp")),
            ConvexContrastiveHebbian.class.getCanonicalName(), v -> new RuleSpec.ConvexContrastiveHebbian(
                    v.getFloat("gamma"), v.getFloat("beta"), v.getInt("steps"), v.annotation(), v.ref("gamma"),
                    v.ref("beta"), v.ref("steps")),
            EquilibriumPropagation.class.getCanonicalName(), v -> new RuleSpec.EquilibriumPropagation(
                    v.getFloat("beta"), v.getInt("freeSteps"), v.getInt("nudgedSteps"), v.getBoolean("centered"),
                    v.annotation(), v.ref("beta"), v.ref("freeSteps"), v.ref("nudgedSteps")),
            Backprop.class.getCanonicalName(), v -> new RuleSpec.Backprop(v.annotation()),
            FenchelBackprop.class.getCanonicalName(), v -> new RuleSpec.FenchelBackprop(v.getFloat("beta"),
                    v.getBoolean("fenchelOutput"), v.annotation(), v.ref("beta"), v.ref("fenchelOutput")),
            PredictiveCoding.class.getCanonicalName(), v -> new RuleSpec.PredictiveCoding(v.getFloat("beta"),
                    v.getInt("steps"), v.getFloat("rate"), v.getBoolean("fixedPrediction"), v.annotation(),
                    v.ref("beta"), v.ref("steps"), v.ref("rate")),
            AuxiliaryCoordinates.class.getCanonicalName(), v -> new RuleSpec.AuxiliaryCoordinates(v.getFloat("mu"),
                    v.getInt("steps"), v.getFloat("rate"), v.annotation(), v.ref("mu"), v.ref("steps"),
                    v.ref("rate")),
            LiftedProximal.class.getCanonicalName(), v -> new RuleSpec.LiftedProximal(v.getFloat("beta"),
                    v.getInt("sweeps"), v.getInt("innerSteps"), v.annotation(), v.ref("beta"), v.ref("sweeps"),
                    v.ref("innerSteps")));

    /** Optimizer annotations and how to read each. */
    static final Map<String, Function<AnnotationValues, OptimizerSpec>> OPTIMIZERS = Map.of(
            Adam.class.getCanonicalName(), v -> new OptimizerSpec.Adam(v.getFloat("learningRate"),
                    v.getFloat("beta1"), v.getFloat("beta2"), v.getFloat("epsilon"), v.annotation(),
                    v.ref("learningRate"), v.ref("beta1"), v.ref("beta2"), v.ref("epsilon")),
            Sgd.class.getCanonicalName(), v -> new OptimizerSpec.Sgd(v.getFloat("learningRate"),
                    v.getFloat("momentum"), v.annotation(), v.ref("learningRate"), v.ref("momentum")));

    private final Elements elements;

    public SpecReader(Elements elements) {
        this.elements = elements;
    }

    /** Every annotation name a spec may carry besides {@code @Network}. */
    public static List<String> memberAnnotations() {
        List<String> names = new ArrayList<>(List.of(DENSE, DENSE_LIST, CONV, CONV_LIST));
        names.addAll(RULES.keySet());
        names.addAll(OPTIMIZERS.keySet());
        names.sort(null);
        return names;
    }

    /**
     * Reads the spec on {@code type}, which carries {@code @Network}; empty when a value is erroneous (a name javac
     * could not resolve, a value of the wrong type, a required value missing), which javac reports itself.
     */
    public Optional<NetworkSpec> read(TypeElement type) {
        AnnotationValues network = null;
        List<AnnotationValues> read = new ArrayList<>();
        boolean erroneous = false;
        List<LayerSpec> layers = new ArrayList<>();
        List<LayerSpec> convs = new ArrayList<>();
        List<ValueRef> convsAfterDense = new ArrayList<>();
        List<RuleSpec> rules = new ArrayList<>();
        List<OptimizerSpec> optimizers = new ArrayList<>();
        for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
            String name = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
            AnnotationValues values = new AnnotationValues(type, mirror, elements);
            read.add(values);
            if (name.equals(NETWORK)) {
                network = values;
            } else if (name.equals(DENSE)) {
                layers.add(layer(values));
            } else if (name.equals(DENSE_LIST)) {
                List<AnnotationMirror> nested = nested(mirror);
                erroneous |= nested.size() != items(mirror);
                for (AnnotationMirror dense : nested) {
                    AnnotationValues layer = new AnnotationValues(type, dense, elements);
                    read.add(layer);
                    layers.add(layer(layer));
                }
            } else if (name.equals(CONV) || name.equals(CONV_LIST)) {
                List<AnnotationMirror> nested = name.equals(CONV) ? List.of(mirror) : nested(mirror);
                erroneous |= name.equals(CONV_LIST) && nested.size() != items(mirror);
                for (AnnotationMirror conv : nested) {
                    AnnotationValues layer = name.equals(CONV) ? values : new AnnotationValues(type, conv, elements);
                    if (name.equals(CONV_LIST)) {
                        read.add(layer);
                    }
                    LayerSpec spec = convLayer(layer);
                    convs.add(spec);
                    if (!layers.isEmpty()) {
                        convsAfterDense.add(spec.annotation());
                    }
                }
            } else if (RULES.containsKey(name)) {
                rules.add(RULES.get(name).apply(values));
            } else if (OPTIMIZERS.containsKey(name)) {
                optimizers.add(OPTIMIZERS.get(name).apply(values));
            }
        }
        if (network == null) {
            throw new IllegalArgumentException(type + " has no @Network");
        }
        String simpleName = type.getSimpleName().toString();
        String explicitName = network.getString("name");
        String className = explicitName.isEmpty() ? simpleName + "Net" : explicitName;
        List<LayerSpec> all = new ArrayList<>(convs);
        all.addAll(layers);
        NetworkSpec spec = new NetworkSpec(type.getQualifiedName().toString(),
                elements.getPackageOf(type).getQualifiedName().toString(), simpleName, className,
                kind(type), network.getInt("inputs"), network.getIntArray("inputShape"), network.getInt("maxBatch"),
                network.getEnum("loss", Loss.class), List.copyOf(all), List.copyOf(rules),
                List.copyOf(optimizers), new NetworkSpec.Refs(network.annotation(), network.ref("inputs"),
                        network.ref("maxBatch"), network.ref("loss"), network.ref("name"),
                        network.ref("inputShape")), List.copyOf(convsAfterDense));
        for (AnnotationValues values : read) {
            erroneous |= values.erroneous();
        }
        return erroneous ? Optional.empty() : Optional.of(spec);
    }

    private static LayerSpec convLayer(AnnotationValues v) {
        return new LayerSpec(0, v.getEnum("activation", Activation.class), v.getEnum("init", Init.class),
                v.getFloat("initGain"), v.annotation(), v.annotation(), v.ref("activation"), v.ref("initGain"),
                new ConvSpec(v.getInt("filters"),
                        v.getInt("kernel"), v.getInt("stride"), v.getInt("padding"), v.getEnum("pool", Pool.class),
                        v.getInt("poolSize"), v.ref("filters"), v.ref("kernel"), v.ref("stride"),
                        v.ref("padding"), v.ref("poolSize"), v.ref("pool")));
    }

    private static LayerSpec layer(AnnotationValues v) {
        return new LayerSpec(v.getInt("units"), v.getEnum("activation", Activation.class),
                v.getEnum("init", Init.class), v.getFloat("initGain"), v.annotation(), v.ref("units"),
                v.ref("activation"), v.ref("initGain"));
    }

    /**
     * The annotations inside a repeatable annotation's container, in source order; an item that is not an
     * annotation (an erroneous value, which javac reports) is left out.
     */
    public static List<AnnotationMirror> nested(AnnotationMirror container) {
        List<AnnotationMirror> result = new ArrayList<>();
        for (AnnotationValue v : container.getElementValues().values()) {
            if (v.getValue() instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof AnnotationValue value && value.getValue() instanceof AnnotationMirror m) {
                        result.add(m);
                    }
                }
            }
        }
        return result;
    }

    /** How many items the container's array values hold, annotations or not. */
    private static int items(AnnotationMirror container) {
        int n = 0;
        for (AnnotationValue v : container.getElementValues().values()) {
            n += v.getValue() instanceof List<?> list ? list.size() : 1;
        }
        return n;
    }

    private static NetworkSpec.Kind kind(TypeElement type) {
        return switch (type.getKind()) {
            case INTERFACE -> NetworkSpec.Kind.INTERFACE;
            case CLASS -> type.getModifiers().contains(Modifier.ABSTRACT) ? NetworkSpec.Kind.ABSTRACT_CLASS
                    : NetworkSpec.Kind.CLASS;
            case ENUM -> NetworkSpec.Kind.ENUM;
            case RECORD -> NetworkSpec.Kind.RECORD;
            case ANNOTATION_TYPE -> NetworkSpec.Kind.ANNOTATION_TYPE;
            default -> throw new IllegalArgumentException("@Network on a " + type.getKind() + ": " + type);
        };
    }
}
