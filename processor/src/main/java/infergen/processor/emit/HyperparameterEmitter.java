package infergen.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import infergen.processor.plan.Hyperparameter;
import infergen.processor.plan.Hyperparameters.FloatRange;
import infergen.processor.plan.MessageTemplate;
import infergen.processor.plan.NetPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * The run-time hyperparameters of the generated class: a field per hyperparameter initialised to the spec's value,
 * a getter, a setter that checks the range with the compile-time message's words, {@code hyperparameters()},
 * {@code setHyperparameter(name, value)}, and their part of save and load.
 */
final class HyperparameterEmitter {

    private final NetPlan plan;
    private final List<Hyperparameter> all;
    private final Optional<FloatRange> range;

    HyperparameterEmitter(NetPlan plan) {
        this.plan = plan;
        this.all = plan.hyperparameters();
        this.range = plan.floatRange();
    }

    List<FieldSpec> fields() {
        List<FieldSpec> fields = new ArrayList<>();
        for (Hyperparameter h : all) {
            fields.add(FieldSpec.builder(type(h), h.name(), Modifier.PRIVATE)
                    .addJavadoc("$L\n", h.doc())
                    .initializer("$L", literal(h))
                    .build());
        }
        return fields;
    }

    /** Getters and setters, then the checks, then the by-name access of {@code TrainableNet}. */
    List<MethodSpec> accessors() {
        List<MethodSpec> methods = new ArrayList<>();
        for (Hyperparameter h : all) {
            methods.add(MethodSpec.methodBuilder(h.name())
                    .addModifiers(Modifier.PUBLIC)
                    .addJavadoc("The current $L: $L.\n", h.name(), h.doc())
                    .returns(type(h))
                    .addStatement("return $N", h.name())
                    .build());
            MethodSpec.Builder set = MethodSpec.methodBuilder("set" + h.capitalized())
                    .addModifiers(Modifier.PUBLIC)
                    .addJavadoc("Sets $L for the next steps; the spec's value $L is the default.\n\n"
                            + "@throws IllegalArgumentException if it is out of range; nothing changes then\n",
                            h.name(), literal(h))
                    .addParameter(type(h), h.name())
                    .addStatement("check$L($N)", h.capitalized(), h.name());
            if (coupled(h)) {
                set.addStatement("checkFloatRange($L)", rangeArguments(h.name()));
            }
            methods.add(set.addStatement("this.$N = $N", h.name(), h.name()).build());
        }
        for (Hyperparameter h : all) {
            methods.add(MethodSpec.methodBuilder("check" + h.capitalized())
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addParameter(type(h), h.name())
                    .beginControlFlow("if ($L)", h.bound().violation(h.name()))
                    .addStatement("throw new $T($L)", IllegalArgumentException.class, text(h.message()))
                    .endControlFlow()
                    .build());
        }
        range.ifPresent(r -> methods.add(floatRangeCheck(r)));
        methods.add(snapshot());
        methods.add(setByName());
        return methods;
    }

    /** {@code .hyperparameter("beta", beta)...} on the checkpoint under construction in {@code save}. */
    CodeBlock saved() {
        CodeBlock.Builder code = CodeBlock.builder();
        for (Hyperparameter h : all) {
            code.add(".hyperparameter($S, $N)", h.name(), h.name());
        }
        return code.build();
    }

    /** In {@code load}: reads and checks every saved hyperparameter before anything is restored. */
    CodeBlock readSaved() {
        if (all.isEmpty()) {
            return CodeBlock.of("");
        }
        CodeBlock.Builder code = CodeBlock.builder();
        for (Hyperparameter h : all) {
            code.addStatement("$T saved$L = saved.hyperparameter($S, $N)", type(h), h.capitalized(), h.name(),
                    h.name());
        }
        code.beginControlFlow("try");
        for (Hyperparameter h : all) {
            code.addStatement("check$L(saved$L)", h.capitalized(), h.capitalized());
        }
        range.ifPresent(r -> code.addStatement("checkFloatRange(savedGamma$L)", r.betaFixed() ? "" : ", savedBeta"));
        return code.nextControlFlow("catch ($T e)", IllegalArgumentException.class)
                .addStatement("throw saved.invalid(e)")
                .endControlFlow()
                .build();
    }

    /** In {@code load}, after the arrays: the saved hyperparameters take effect. */
    CodeBlock restoreSaved() {
        CodeBlock.Builder code = CodeBlock.builder();
        for (Hyperparameter h : all) {
            code.addStatement("$N = saved$L", h.name(), h.capitalized());
        }
        return code.build();
    }

    private boolean coupled(Hyperparameter h) {
        return range.isPresent() && (h.name().equals("gamma") || h.name().equals("beta") && !range.get().betaFixed());
    }

    /** The arguments of {@code checkFloatRange} when {@code changed} takes a new value. */
    private String rangeArguments(String changed) {
        String gamma = changed.equals("gamma") ? "gamma" : "this.gamma";
        if (range.get().betaFixed()) {
            return gamma;
        }
        return gamma + ", " + (changed.equals("beta") ? "beta" : "this.beta");
    }

    private MethodSpec floatRangeCheck(FloatRange r) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("checkFloatRange")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("The state differences γ^{L−l−1}β and the update scales γ^{l+1−L}/β, their inverses, must stay in\n"
                        + "float32's range: {@code γ^(L−1)·β ≥ 1e-30}.\n")
                .addParameter(float.class, "gamma");
        String beta = r.betaFixed() ? "1f" : "beta";
        if (!r.betaFixed()) {
            m.addParameter(float.class, "beta");
        }
        return m.addStatement("double smallest = Math.pow(gamma, LAYERS - 1) * $L", beta)
                .beginControlFlow("if (!(smallest >= 1e-30))")
                .addStatement("throw new $T($L)", IllegalArgumentException.class, text(r.tooSmall()))
                .endControlFlow()
                .build();
    }

    private MethodSpec snapshot() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("hyperparameters")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(NetEmitter.mapOfNumbers());
        if (all.isEmpty()) {
            return m.addStatement("return $T.of()", java.util.Map.class).build();
        }
        m.addStatement("$T values = new $T<>()", NetEmitter.mapOfNumbers(), java.util.LinkedHashMap.class);
        for (Hyperparameter h : all) {
            m.addStatement("values.put($S, $N)", h.name(), h.name());
        }
        return m.addStatement("return $T.unmodifiableMap(values)", java.util.Collections.class).build();
    }

    private MethodSpec setByName() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("setHyperparameter")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(String.class, "name")
                .addParameter(double.class, "value")
                .addCode("switch ($T.name(name)) {\n$>", Literals.HYPERPARAMETERS);
        for (Hyperparameter h : all) {
            m.addCode("case $S -> set$L($T.$L(name, value));\n", h.name(), h.capitalized(), Literals.HYPERPARAMETERS,
                    h.integer() ? "toInt" : "toFloat");
        }
        return m.addCode("default -> throw $T.unknown(name, hyperparameters().keySet());\n$<}\n",
                Literals.HYPERPARAMETERS).build();
    }

    /** The message as a Java string expression: literal pieces joined with the slots' expressions. */
    private static CodeBlock text(MessageTemplate message) {
        CodeBlock.Builder code = CodeBlock.builder();
        boolean first = true;
        for (Object part : message.parts()) {
            if (part instanceof String s && s.isEmpty()) {
                continue;
            }
            code.add(first ? "" : "$W+ ");
            if (part instanceof MessageTemplate.Slot slot) {
                code.add("$L", slot.expression());
            } else {
                code.add("$S", part);
            }
            first = false;
        }
        return code.build();
    }

    private static TypeName type(Hyperparameter h) {
        return h.integer() ? TypeName.INT : TypeName.FLOAT;
    }

    private static String literal(Hyperparameter h) {
        return h.integer() ? Integer.toString((int) h.value()) : Literals.f((float) h.value());
    }
}
