package infergen.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import infergen.annotations.Activation;
import infergen.processor.plan.LayerPlan;
import infergen.processor.plan.NetPlan;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Writes the generated class: constants, parameters, gradients, optimizer state and workspace as fields sized at
 * construction; the public contract of {@code TrainableNet}; the forward pass and the loss. The learning rule's
 * {@code backward} comes from its {@link RuleEmitter}, the {@code update} from the {@link OptimizerEmitter}; when the
 * rule has a fused {@code backwardAndUpdate} for the optimizer, {@code trainStep} calls that instead of
 * {@code computeGradients} then {@code update}.
 */
public final class NetEmitter {

    static final String PROCESSOR = "infergen.processor.InfergenProcessor";
    private static final ClassName PATH = ClassName.get("java.nio.file", "Path");
    private static final ClassName CHECKPOINT = ClassName.get("infergen.runtime.io", "Checkpoint");

    private final NetPlan plan;
    private final RuleEmitter rule;
    private final OptimizerEmitter optimizer;

    public NetEmitter(NetPlan plan) {
        this.plan = plan;
        this.rule = RuleEmitters.of(plan.spec().rule());
        this.optimizer = new OptimizerEmitter(plan.spec().optimizer());
    }

    /** The generated source file. */
    public JavaFile emit(Object originatingElement) {
        TypeSpec.Builder type = TypeSpec.classBuilder(plan.spec().className())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(plan.softmax() ? Literals.TRAINABLE_NET : Literals.REGRESSION_NET)
                .addAnnotation(AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                        .addMember("value", "$S", PROCESSOR)
                        .build())
                .addJavadoc(classDoc());
        if (originatingElement instanceof javax.lang.model.element.Element e) {
            type.addOriginatingElement(e);
        }
        type.addFields(constants());
        type.addFields(rule.constants());
        type.addFields(optimizer.constants());
        type.addFields(parameters());
        type.addFields(optimizer.state(plan));
        type.addFields(workspace());
        type.addFields(rule.buffers(plan));
        type.addMethod(constructor());
        Optional<MethodSpec> fused = rule.backwardAndUpdate(plan, optimizer);
        if (fused.isPresent()) {
            // trainStep runs the sweep with the optimizer fused in; computeGradients runs the plain one
            type.addMethod(fromLabels("trainStep", "backwardAndUpdate(x, n)"));
            if (!plan.softmax()) {
                type.addMethod(fromTargets("trainStep", "backwardAndUpdate(x, n)"));
            }
        } else {
            type.addMethod(trainStep("labels", int[].class, "computeGradients(x, labels, n)"));
            if (!plan.softmax()) {
                type.addMethod(trainStep("targets", float[].class, "computeGradients(x, targets, n)"));
            }
        }
        type.addMethod(fromLabels("computeGradients", backwardCall(plan.softmax() ? "labels" : "oneHot")));
        if (!plan.softmax()) {
            type.addMethod(fromTargets("computeGradients", backwardCall("targets")));
        }
        type.addMethod(predict());
        type.addMethod(accessor("weights", "w", "The live weights of a layer, row-major units × fanIn."));
        type.addMethod(accessor("bias", "b", "The live biases of a layer."));
        type.addMethod(accessor("weightGradient", "gw", "The weight gradient of the last step."));
        type.addMethod(accessor("biasGradient", "gb", "The bias gradient of the last step."));
        type.addMethod(save());
        type.addMethod(load());
        type.addMethod(size("inputSize", "INPUTS"));
        type.addMethod(size("outputSize", "OUTPUTS"));
        type.addMethod(size("maxBatch", "MAX_BATCH"));
        type.addMethod(size("layerCount", "LAYERS"));
        type.addMethod(checkInputs());
        type.addMethod(forward());
        if (plan.softmax()) {
            type.addMethod(softmaxLoss());
        } else {
            type.addMethod(squaredErrorLoss());
        }
        type.addMethod(rule.backward(plan));
        fused.ifPresent(type::addMethod);
        type.addMethods(rule.methods(plan));
        if (fused.isEmpty()) {
            type.addMethod(optimizer.update(plan));
        }
        type.addMethod(checkpoint());
        return JavaFile.builder(plan.spec().packageName(), type.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    private CodeBlock classDoc() {
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("The network of {@link $L}, generated by infergen: $L, $L, $L, $L.\n",
                        plan.spec().specName(), plan.shape(), plan.spec().loss(), rule.title(), optimizer.title())
                .add("\n<p>Layer {@code l} here is layer {@code k = l + 1} of methods.md: it maps {@code s_l} (the input\n")
                .add("{@code x} for {@code l = 0}) to {@code a_{l+1} = W_l s_l + b_l}, {@code s_{l+1} = f(a_{l+1})}.\n")
                .add("Every buffer is allocated for {@value #MAX_BATCH} samples at construction; a train step allocates\n")
                .add("nothing.\n\n<ul>\n");
        for (LayerPlan layer : plan.layers()) {
            doc.add("<li>layer $L: $L, init $L</li>\n", layer.index(), layer.describe(), layer.init());
        }
        return doc.add("</ul>\n").build();
    }

    private List<FieldSpec> constants() {
        List<FieldSpec> fields = new java.util.ArrayList<>();
        fields.add(FieldSpec.builder(String.class, "SPEC", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$S", plan.spec().specName())
                .build());
        fields.add(intConstant("INPUTS", plan.spec().inputs()));
        fields.add(intConstant("OUTPUTS", plan.output().unitsValue()));
        fields.add(intConstant("MAX_BATCH", plan.spec().maxBatch()));
        fields.add(intConstant("LAYERS", plan.layers().size()));
        for (LayerPlan layer : plan.layers()) {
            fields.add(intConstant(layer.units(), layer.unitsValue()));
        }
        return fields;
    }

    private List<FieldSpec> parameters() {
        List<FieldSpec> fields = new java.util.ArrayList<>();
        for (LayerPlan layer : plan.layers()) {
            String wSize = layer.units() + " * " + layer.fanIn();
            fields.add(Literals.buffer(layer.w(), wSize, "Weights of layer " + layer.index() + ", row-major "
                    + layer.units() + " × " + layer.fanIn() + "."));
            fields.add(Literals.buffer(layer.b(), layer.units(), "Biases of layer " + layer.index() + "."));
            fields.add(Literals.buffer(layer.gw(), wSize, "Gradient (update direction) of {@link #" + layer.w() + "}."));
            fields.add(Literals.buffer(layer.gb(), layer.units(), "Gradient (update direction) of {@link #" + layer.b() + "}."));
        }
        return fields;
    }

    private List<FieldSpec> workspace() {
        List<FieldSpec> fields = new java.util.ArrayList<>();
        for (LayerPlan layer : plan.layers()) {
            String size = "MAX_BATCH * " + layer.units();
            int l = layer.index();
            fields.add(Literals.buffer(layer.a(), size, "Pre-activation {@code a = input·Wᵀ + b} of layer " + l + "."));
            if (!layer.s().equals(layer.a())) {
                fields.add(Literals.buffer(layer.s(), size, "Activity {@code s = " + name(layer.activation())
                        + "(a)} of layer " + l + "."));
            }
            fields.add(Literals.buffer(layer.e(), size, "Error of layer " + l
                    + ": first ∂ℓ/∂s, then the error at the pre-activation."));
        }
        if (plan.softmax()) {
            fields.add(Literals.buffer("probs", "MAX_BATCH * OUTPUTS", "Softmax probabilities of the output."));
        } else {
            fields.add(Literals.buffer("oneHot", "MAX_BATCH * OUTPUTS", "One-hot targets built from integer labels."));
        }
        return fields;
    }

    private MethodSpec constructor() {
        MethodSpec.Builder m = MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("A network whose parameters are drawn from {@code seed}: the same seed gives bitwise the\n"
                        + "same parameters. Biases start at zero.\n")
                .addParameter(long.class, "seed")
                .addStatement("$T rng = new $T(seed)", Literals.RNG, Literals.RNG);
        for (LayerPlan layer : plan.layers()) {
            String init = switch (layer.init()) {
                case GLOROT_UNIFORM -> "glorotUniform";
                case NEGATIVE_GLOROT_UNIFORM -> "negativeGlorotUniform";
                case HE_UNIFORM -> "heUniform";
            };
            m.addStatement("$T.$L($N, $N, $N, rng)", Literals.INITIALIZERS, init, layer.w(), layer.units(),
                    layer.fanIn());
        }
        return m.build();
    }

    private MethodSpec trainStep(String targetName, Class<?> targetType, String gradients) {
        return MethodSpec.methodBuilder("trainStep")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(float.class)
                .addParameter(float[].class, "x")
                .addParameter(targetType, targetName)
                .addParameter(int.class, "n")
                .addStatement("float loss = $L", gradients)
                .addStatement("update()")
                .addStatement("return loss")
                .build();
    }

    /** {@code computeGradients} or a fused {@code trainStep} from integer labels, ending in {@code backward}. */
    private MethodSpec fromLabels(String name, String backward) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(float.class)
                .addParameter(float[].class, "x")
                .addParameter(int[].class, "labels")
                .addParameter(int.class, "n")
                .addStatement("checkInputs(x, n)")
                .addStatement("$T.labels(labels, n, OUTPUTS)", Literals.CHECKS);
        if (plan.softmax()) {
            m.addStatement("forward(x, n)")
                    .addStatement("float loss = loss(labels, n)")
                    .addStatement(backward)
                    .addStatement("return loss");
        } else {
            m.addStatement("$T.fill(oneHot, 0, n * OUTPUTS, 0f)", java.util.Arrays.class)
                    .beginControlFlow("for (int r = 0; r < n; r++)")
                    .addStatement("oneHot[r * OUTPUTS + labels[r]] = 1f")
                    .endControlFlow()
                    .addStatement("forward(x, n)")
                    .addStatement("float loss = loss(oneHot, n)")
                    .addStatement(backward)
                    .addStatement("return loss");
        }
        return m.build();
    }

    /** {@code computeGradients} or a fused {@code trainStep} from real-valued targets, ending in {@code backward}. */
    private MethodSpec fromTargets(String name, String backward) {
        return MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(float.class)
                .addParameter(float[].class, "x")
                .addParameter(float[].class, "targets")
                .addParameter(int.class, "n")
                .addStatement("checkInputs(x, n)")
                .addStatement("$T.length($S, targets, n, OUTPUTS)", Literals.CHECKS, "targets")
                .addStatement("$T.finite($S, targets, n * OUTPUTS)", Literals.CHECKS, "targets")
                .addStatement("forward(x, n)")
                .addStatement("float loss = loss(targets, n)")
                .addStatement(backward)
                .addStatement("return loss")
                .build();
    }

    /** {@code backward(x, n)}, or {@code backward(x, <targets>, n)} for a rule that nudges the output. */
    private String backwardCall(String targets) {
        return rule.backwardTakesTargets() ? "backward(x, " + targets + ", n)" : "backward(x, n)";
    }

    private MethodSpec predict() {
        LayerPlan out = plan.output();
        MethodSpec.Builder m = MethodSpec.methodBuilder("predict")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(float[].class, "x")
                .addParameter(int.class, "n")
                .addParameter(float[].class, "out")
                .addStatement("checkInputs(x, n)")
                .addStatement("$T.length($S, out, n, OUTPUTS)", Literals.CHECKS, "out")
                .addStatement("forward(x, n)");
        if (plan.softmax()) {
            m.addStatement("$T.softmax($N, n, OUTPUTS, out)", Literals.LOSSES, out.a());
        } else {
            m.addStatement("$T.arraycopy($N, 0, out, 0, n * OUTPUTS)", System.class, out.s());
        }
        return m.build();
    }

    private MethodSpec accessor(String name, String prefix, String doc) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(float[].class)
                .addParameter(int.class, "layer")
                .addStatement("$T.layer(layer, LAYERS)", Literals.CHECKS)
                .addCode("return switch (layer) {\n$>");
        for (LayerPlan layer : plan.layers()) {
            m.addCode("case $L -> $L$L;\n", layer.index(), prefix, layer.index());
        }
        m.addCode("default -> throw new $T(layer);\n$<};\n", AssertionError.class);
        return m.build();
    }

    private MethodSpec save() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("save")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(PATH, "file")
                .addException(IOException.class);
        CodeBlock.Builder call = CodeBlock.builder().add("checkpoint()");
        for (String[] scalar : optimizer.scalars()) {
            call.add(".put($S, $N)", scalar[0], scalar[1]);
        }
        return m.addStatement("$L.write(file)", call.build()).build();
    }

    private MethodSpec load() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("load")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(PATH, "file")
                .addException(IOException.class)
                .addComment("every check comes before the first copy, so a bad file leaves this network untouched")
                .addStatement("$T.Reader saved = $T.read(file).requireSpec(SPEC)", CHECKPOINT, CHECKPOINT);
        List<String[]> scalars = optimizer.scalars();
        for (String[] scalar : scalars) {
            m.addStatement("long saved$L = saved.getLong($S)", capitalize(scalar[1]), scalar[0]);
        }
        m.addStatement("checkpoint().restore(saved)");
        for (String[] scalar : scalars) {
            m.addStatement("$N = saved$L", scalar[1], capitalize(scalar[1]));
        }
        return m.build();
    }

    private MethodSpec checkpoint() {
        CodeBlock.Builder chain = CodeBlock.builder()
                .add("return new $T(SPEC, $T.of($>$>\n$S, $S,\n$S, $S,\n$S, $S))$<", CHECKPOINT, java.util.Map.class,
                        "infergen.shape", plan.shape(), "infergen.rule", rule.title(), "infergen.optimizer",
                        optimizer.title());
        for (LayerPlan layer : plan.layers()) {
            for (String param : List.of(layer.w(), layer.b())) {
                chain.add("\n.add($S, $L, $N)", OptimizerEmitter.tensorName(layer, param), shape(layer, param), param);
            }
        }
        chain.add(optimizer.checkpointTensors(plan)).add(";\n$<");
        return MethodSpec.methodBuilder("checkpoint")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("Every parameter and optimizer-state array under its checkpoint name and shape.\n")
                .returns(CHECKPOINT)
                .addCode(chain.build())
                .build();
    }

    /** {@code new int[] {UNITS_0, INPUTS}} for a weight array, {@code new int[] {UNITS_0}} for a bias. */
    static CodeBlock shape(LayerPlan layer, String param) {
        return param.equals(layer.w()) ? CodeBlock.of("new int[] {$N, $N}", layer.units(), layer.fanIn())
                : CodeBlock.of("new int[] {$N}", layer.units());
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static MethodSpec size(String name, String constant) {
        return MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(int.class)
                .addStatement("return $L", constant)
                .build();
    }

    private MethodSpec checkInputs() {
        return MethodSpec.methodBuilder("checkInputs")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(float[].class, "x")
                .addParameter(int.class, "n")
                .addStatement("$T.batch(n, MAX_BATCH)", Literals.CHECKS)
                .addStatement("$T.length($S, x, n, INPUTS)", Literals.CHECKS, "x")
                .addStatement("$T.finite($S, x, n * INPUTS)", Literals.CHECKS, "x")
                .build();
    }

    private MethodSpec forward() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("forward")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("Forward pass (methods.md §0): {@code a = input·Wᵀ + b}, {@code s = f(a)}, layer by layer.\n")
                .addParameter(float[].class, "x")
                .addParameter(int.class, "n");
        for (LayerPlan layer : plan.layers()) {
            m.addComment("layer $L: $L", layer.index(), layer.describe());
            if (layer.activation() == Activation.IDENTITY) {
                m.addComment("a = input·Wᵀ + b, fused: the bias is added to each column block as it is computed");
                m.addStatement("$T.abTBiasActivate(n, $N, $N, $N, $N, $N, $N, $N, $T.IDENTITY)", Literals.GEMM,
                        layer.units(), layer.fanIn(), layer.input(), layer.w(), layer.b(), layer.a(), layer.a(),
                        Literals.NONLINEARITY);
            } else {
                m.addComment("a = input·Wᵀ + b, s = $L(a), fused: bias and activation on each column block as it is "
                        + "computed", Literals.kernelName(layer.activation()));
                m.addStatement("$T.abTBiasActivate(n, $N, $N, $N, $N, $N, $N, $N, $T.$L)", Literals.GEMM,
                        layer.units(), layer.fanIn(), layer.input(), layer.w(), layer.b(), layer.a(), layer.s(),
                        Literals.NONLINEARITY, layer.activation().name());
            }
        }
        return m.build();
    }

    private MethodSpec softmaxLoss() {
        LayerPlan out = plan.output();
        return MethodSpec.methodBuilder("loss")
                .addModifiers(Modifier.PRIVATE)
                .returns(float.class)
                .addJavadoc("Softmax cross-entropy: the mean loss; the output error {@code δ_L = p − y} per sample.\n")
                .addParameter(int[].class, "labels")
                .addParameter(int.class, "n")
                .addStatement("double total = $T.softmaxCrossEntropy($N, labels, n, OUTPUTS, probs, $N)",
                        Literals.LOSSES, out.a(), out.e())
                .addStatement("$T.finiteLoss(total)", Literals.CHECKS)
                .addCode(rule.afterSoftmaxLoss(plan))
                .addStatement("return (float) (total / n)")
                .build();
    }

    private MethodSpec squaredErrorLoss() {
        LayerPlan out = plan.output();
        return MethodSpec.methodBuilder("loss")
                .addModifiers(Modifier.PRIVATE)
                .returns(float.class)
                .addJavadoc("Half squared error: the mean loss; the output error {@code g_L = s_L − y} per sample.\n")
                .addParameter(float[].class, "targets")
                .addParameter(int.class, "n")
                .addStatement("double total = $T.squaredError($N, targets, n, OUTPUTS, $N)", Literals.LOSSES,
                        out.s(), out.e())
                .addStatement("$T.finiteLoss(total)", Literals.CHECKS)
                .addStatement("return (float) (total / n)")
                .build();
    }

    private static String name(Activation activation) {
        return Literals.kernelName(activation).toLowerCase(Locale.ROOT);
    }

    private static FieldSpec intConstant(String name, int value) {
        return FieldSpec.builder(TypeName.INT, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$L", value)
                .build();
    }
}
