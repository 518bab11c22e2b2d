package infergen.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import infergen.processor.plan.Buffer;
import infergen.processor.plan.ConvPlan;
import infergen.processor.plan.LayerPlan;
import infergen.processor.plan.NetPlan;
import infergen.processor.plan.Role;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Writes the generated class from its plan, the math first: constants, hyperparameters and the buffer table, the
 * constructor, the train step and its phases (forward pass, loss, the rule's backward from its
 * {@link RuleEmitter}, the update from the {@link OptimizerEmitter}); then the accessors of the public contract,
 * save and load, and the sizes. When the rule has a fused {@code backwardAndUpdate} for the optimizer,
 * {@code trainStep} calls that instead of {@code computeGradients} then {@code update}.
 */
public final class NetEmitter {

    static final String PROCESSOR = "infergen.processor.InfergenProcessor";
    private static final ClassName PATH = ClassName.get("java.nio.file", "Path");
    private static final ClassName CHECKPOINT = ClassName.get("infergen.runtime.io", "Checkpoint");

    /** The java.lang types a generated class may name by their simple names. */
    private static final java.util.Set<String> JAVA_LANG_USED = java.util.Set.of("AssertionError", "Double", "Float",
            "IllegalArgumentException", "Integer", "Math", "Number", "Override", "String", "System");

    private final NetPlan plan;
    private final RuleEmitter rule;
    private final OptimizerEmitter optimizer;
    private final HyperparameterEmitter hyperparameters;

    public NetEmitter(NetPlan plan) {
        this.plan = plan;
        this.rule = RuleEmitters.of(plan.spec().rule());
        this.optimizer = new OptimizerEmitter(plan.spec().optimizer());
        this.hyperparameters = new HyperparameterEmitter(plan);
    }

    /** The generated source file. */
    public GeneratedSource emit(Object originatingElement) {
        TypeSpec.Builder type = TypeSpec.classBuilder(plan.spec().className())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(plan.softmax() ? Literals.TRAINABLE_NET : Literals.REGRESSION_NET)
                .addAnnotation(AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                        .addMember("value", "$S", PROCESSOR)
                        .build())
                .addJavadoc(classDoc());
        javax.lang.model.element.Element origin = null;
        if (originatingElement instanceof javax.lang.model.element.Element e) {
            type.addOriginatingElement(e);
            origin = e;
        }
        type.addFields(constants());
        type.addFields(rule.constants());
        type.addFields(hyperparameters.fields());
        type.addFields(buffers());
        type.addFields(optimizer.fields());
        type.addField(FieldSpec.builder(boolean.class, "gradientChecks", Modifier.PRIVATE)
                .addJavadoc("check every gradient is finite before the update (setGradientChecks)\n")
                .build());
        type.addFields(rule.fields());
        type.addMethod(constructor());
        Optional<MethodSpec> fused = rule.backwardAndUpdate(plan, optimizer);
        type.addMethod(trainStep("labels", int[].class, fused.isPresent()));
        if (!plan.softmax()) {
            type.addMethod(trainStep("targets", float[].class, fused.isPresent()));
        }
        type.addMethod(fromLabels("computeGradients", backwardCall(plan.softmax() ? "labels" : "oneHot"),
                CodeBlock.of("")));
        if (!plan.softmax()) {
            type.addMethod(fromTargets("computeGradients", backwardCall("targets"), CodeBlock.of("")));
        }
        type.addMethod(forward());
        type.addMethod(loss());
        type.addMethod(rule.backward(plan));
        fused.ifPresent(type::addMethod);
        type.addMethods(rule.phases(plan));
        type.addMethod(optimizer.update(plan));
        type.addMethod(checkGradients());
        type.addMethods(hyperparameters.accessors());
        type.addMethod(MethodSpec.methodBuilder("setGradientChecks")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(boolean.class, "on")
                .addStatement("gradientChecks = on")
                .build());
        type.addMethods(rule.accessors(plan));
        type.addMethod(predict());
        type.addMethod(accessor("weights", Role.W, "The live weights of a layer, row-major units × fanIn."));
        type.addMethod(accessor("bias", Role.B, "The live biases of a layer."));
        type.addMethod(accessor("weightGradient", Role.GW, "The weight gradient of the last step."));
        type.addMethod(accessor("biasGradient", Role.GB, "The bias gradient of the last step."));
        type.addMethod(save());
        type.addMethod(load());
        type.addMethod(checkpoint());
        type.addMethod(size("inputSize", "INPUTS"));
        type.addMethod(size("outputSize", "OUTPUTS"));
        type.addMethod(size("maxBatch", "MAX_BATCH"));
        type.addMethod(size("layerCount", "LAYERS"));
        type.addMethod(checkInputs());
        // java.lang types go unimported unless the spec's own name would shadow one (a spec named Math or String)
        JavaFile file = JavaFile.builder(plan.spec().packageName(), type.build())
                .skipJavaLangImports(!JAVA_LANG_USED.contains(plan.spec().specSimpleName())
                        && !JAVA_LANG_USED.contains(plan.spec().className()))
                .indent("    ")
                .build();
        return new GeneratedSource(file, origin);
    }

    private CodeBlock classDoc() {
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("The network of {@link $L}, generated by infergen: $L, $L, $L, $L.\n",
                        plan.spec().specName(), plan.shape(), plan.spec().loss(), rule.title(), optimizer.title())
                .add("\n<p>Indices: layer {@code l} here is layer {@code k = l + 1} of docs/methods.md. It maps\n")
                .add("{@code s_{l−1}} (the input {@code x} for {@code l = 0}) to {@code a_l = s_{l−1}·W_lᵀ + b_l},\n")
                .add("{@code s_l = f(a_l)}, per sample (a row of a buffer); the comments of this class use {@code l}.\n")
                .add("{@code L} is the number of layers ({@code LAYERS}); the output layer, {@code l = L − 1} (the paper's\n")
                .add("{@code k = L}), has the subscript {@code out}: {@code a_out}, {@code s_out}, {@code δ_out}, {@code e_out},\n")
                .add("{@code ℓ(s_out)}.\n")
                .add("Every buffer is allocated for {@value #MAX_BATCH} samples at construction; a train step allocates\n")
                .add("nothing. The hyperparameters are fields whose defaults are the spec's values.\n\n<ul>\n");
        for (LayerPlan layer : plan.layers()) {
            doc.add("<li>layer $L: $L, init $L$L</li>\n", layer.index(), layer.describe(), layer.init(),
                    layer.initGain() == 1f ? "" : " × " + layer.initGain());
        }
        return doc.add("</ul>\n").build();
    }

    private List<FieldSpec> constants() {
        List<FieldSpec> fields = new ArrayList<>();
        fields.add(FieldSpec.builder(String.class, "SPEC", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$S", plan.spec().specName())
                .build());
        fields.add(intConstant("INPUTS", plan.spec().features()));
        fields.add(intConstant("OUTPUTS", plan.output().unitsValue()));
        fields.add(intConstant("MAX_BATCH", plan.spec().maxBatch()));
        fields.add(intConstant("LAYERS", plan.layers().size()));
        for (LayerPlan layer : plan.layers()) {
            fields.add(intConstant(layer.units(), layer.unitsValue()));
        }
        for (LayerPlan layer : plan.layers()) {
            ConvPlan c = layer.conv();
            if (c != null) {
                fields.add(intConstant(c.filters(), c.filterCount()));
                fields.add(intConstant(c.patch(), c.patchSize()));
                fields.add(FieldSpec.builder(Literals.CONV_SHAPE, c.constant(), Modifier.PRIVATE, Modifier.STATIC,
                        Modifier.FINAL)
                        .addJavadoc("layer $L: $L\n", layer.index(), c.describe())
                        .initializer("new $T($L, $L, $L, $L, $L, $L, $L, $T.$L, $L)", Literals.CONV_SHAPE,
                                c.inChannels(), c.height(), c.width(), c.filterCount(), c.kernel(), c.stride(),
                                c.padding(), Literals.POOLING, c.pool().name(), c.poolSize())
                        .build());
            }
        }
        return fields;
    }

    /** The buffer table: one line per buffer, its shape and what it holds. */
    private List<FieldSpec> buffers() {
        List<FieldSpec> fields = new ArrayList<>();
        for (Buffer b : plan.buffers()) {
            fields.add(FieldSpec.builder(b.integer() ? int[].class : float[].class, b.name(), Modifier.PRIVATE,
                            Modifier.FINAL)
                    .addJavadoc("$L $L\n", b.shape(), b.doc())
                    .initializer(b.integer() ? "new int[$L]" : "new float[$L]", b.size())
                    .build());
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
            if (layer.isConv()) {
                m.addStatement("$T.$L($N, $N, rng)", Literals.INITIALIZERS, init, layer.w(), layer.conv().constant());
            } else {
                m.addStatement("$T.$L($N, $N, $N, rng)", Literals.INITIALIZERS, init, layer.w(), layer.units(),
                        layer.fanIn());
            }
            if (layer.initGain() != 1f) {
                m.addStatement("$T.scale($N, $L)", Literals.INITIALIZERS, layer.w(), Literals.f(layer.initGain()));
            }
        }
        return m.build();
    }

    /**
     * {@code trainStep}: the gradients, then the update. With a fused {@code backwardAndUpdate} that sweep is the
     * step, unless the gradient checks are on: they need every gradient before any update.
     */
    private MethodSpec trainStep(String targetName, Class<?> targetType, boolean fused) {
        CodeBlock checked = CodeBlock.builder()
                .addStatement("float loss = computeGradients(x, $N, n)", targetName)
                .addStatement("checkGradients()")
                .addStatement("update()")
                .addStatement("return loss")
                .build();
        if (fused) {
            CodeBlock prologue = CodeBlock.builder().beginControlFlow("if (gradientChecks)").add(checked)
                    .endControlFlow().build();
            return targetName.equals("labels") ? fromLabels("trainStep", "backwardAndUpdate(x, n)", prologue)
                    : fromTargets("trainStep", "backwardAndUpdate(x, n)", prologue);
        }
        return MethodSpec.methodBuilder("trainStep")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(float.class)
                .addParameter(float[].class, "x")
                .addParameter(targetType, targetName)
                .addParameter(int.class, "n")
                .addStatement("float loss = computeGradients(x, $N, n)", targetName)
                .beginControlFlow("if (gradientChecks)")
                .addStatement("checkGradients()")
                .endControlFlow()
                .addStatement("update()")
                .addStatement("return loss")
                .build();
    }

    /** Throws, naming the layer, if a gradient is not finite: before the update, so that nothing changes. */
    private MethodSpec checkGradients() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("checkGradients").addModifiers(Modifier.PRIVATE);
        for (LayerPlan layer : plan.layers()) {
            m.addStatement("$T.finiteGradient($L, $N, $N)", Literals.CHECKS, layer.index(), layer.gw(), layer.gb());
        }
        return m.build();
    }

    /** {@code computeGradients} or a fused {@code trainStep} from integer labels, ending in {@code backward}. */
    private MethodSpec fromLabels(String name, String backward, CodeBlock prologue) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(float.class)
                .addParameter(float[].class, "x")
                .addParameter(int[].class, "labels")
                .addParameter(int.class, "n")
                .addCode(prologue)
                .addStatement("checkInputs(x, n)")
                .addStatement("$T.labels(labels, n, OUTPUTS)", Literals.CHECKS);
        if (plan.softmax()) {
            m.addStatement("forward(x, n)")
                    .addStatement("float loss = loss(labels, n)")
                    .addStatement(backward)
                    .addStatement("return loss");
        } else {
            Buffer oneHot = plan.shared(NetPlan.Shared.ONE_HOT);
            m.addStatement("$T.fill($N, 0, n * OUTPUTS, 0f)", java.util.Arrays.class, oneHot)
                    .beginControlFlow("for (int r = 0; r < n; r++)")
                    .addStatement("$N[r * OUTPUTS + labels[r]] = 1f", oneHot)
                    .endControlFlow()
                    .addStatement("forward(x, n)")
                    .addStatement("float loss = loss($N, n)", oneHot)
                    .addStatement(backward)
                    .addStatement("return loss");
        }
        return m.build();
    }

    /** {@code computeGradients} or a fused {@code trainStep} from real-valued targets, ending in {@code backward}. */
    private MethodSpec fromTargets(String name, String backward, CodeBlock prologue) {
        return MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(float.class)
                .addParameter(float[].class, "x")
                .addParameter(float[].class, "targets")
                .addParameter(int.class, "n")
                .addCode(prologue)
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
        Optional<RuleEmitter.Prediction> settled = rule.prediction(plan);
        settled.ifPresent(p -> m.addCode(p.code()));
        if (plan.softmax()) {
            m.addStatement("$T.softmax($N, n, OUTPUTS, out)", Literals.LOSSES,
                    settled.map(RuleEmitter.Prediction::output).orElse(out.a()));
        } else {
            m.addStatement("$T.arraycopy($N, 0, out, 0, n * OUTPUTS)", System.class,
                    settled.map(RuleEmitter.Prediction::output).orElse(out.s()));
        }
        return m.build();
    }

    private MethodSpec accessor(String name, Role role, String doc) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(float[].class)
                .addParameter(int.class, "layer")
                .addStatement("$T.layer(layer, LAYERS)", Literals.CHECKS)
                .addCode("return switch (layer) {\n$>");
        for (LayerPlan layer : plan.layers()) {
            m.addCode("case $L -> $N;\n", layer.index(), layer.buffer(role));
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
        call.add(hyperparameters.saved());
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
            m.addStatement("long saved$L = saved.getCount($S)", capitalize(scalar[1]), scalar[0]);
        }
        m.addCode(hyperparameters.readSaved());
        m.addStatement("checkpoint().restore(saved)");
        for (String[] scalar : scalars) {
            m.addStatement("$N = saved$L", scalar[1], capitalize(scalar[1]));
        }
        m.addCode(hyperparameters.restoreSaved());
        return m.build();
    }

    private MethodSpec checkpoint() {
        CodeBlock.Builder chain = CodeBlock.builder()
                .add("return new $T(SPEC, $T.of($>$>\n$S, $S,\n$S, $S,\n$S, $S))$<", CHECKPOINT, java.util.Map.class,
                        "infergen.shape", plan.shape(), "infergen.rule", rule.title(), "infergen.optimizer",
                        optimizer.title());
        for (LayerPlan layer : plan.layers()) {
            for (Role param : List.of(Role.W, Role.B)) {
                chain.add("\n.add($S, $L, $N)", OptimizerEmitter.tensorName(layer, param), shape(layer, param),
                        layer.buffer(param));
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
    static CodeBlock shape(LayerPlan layer, Role param) {
        ConvPlan c = layer.conv();
        if (c != null) {
            return param == Role.W ? CodeBlock.of("new int[] {$N, $L, $L, $L}", c.filters(), c.inChannels(),
                    c.kernel(), c.kernel()) : CodeBlock.of("new int[] {$N}", c.filters());
        }
        return param == Role.W ? CodeBlock.of("new int[] {$N, $N}", layer.units(), layer.fanIn())
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
                .addJavadoc("Forward pass (docs/methods.md §0): {@code a_l = s_{l−1}·W_lᵀ + b_l}, {@code s_l = f(a_l)}, layer\n"
                        + "by layer, with the bias and the activation fused into each column block of the product.\n")
                .addParameter(float[].class, "x")
                .addParameter(int.class, "n");
        for (LayerPlan layer : plan.layers()) {
            m.addComment("layer $L: $L", layer.index(), layer.describe());
            m.addCode(LayerOp.of(layer).forward());
        }
        return m.build();
    }

    /**
     * The mean loss of the batch and the output error per sample: {@code δ_out = p − y} under softmax cross-entropy
     * (softmax fused in), {@code g_out = s_out − y} under half squared error. The mean is checked after its
     * narrowing to float, so that a finite double sum that overflows float cannot pass.
     */
    private MethodSpec loss() {
        LayerPlan out = plan.output();
        MethodSpec.Builder m = MethodSpec.methodBuilder("loss")
                .addModifiers(Modifier.PRIVATE)
                .returns(float.class);
        if (plan.softmax()) {
            m.addJavadoc("Softmax cross-entropy: the mean loss; the output error {@code δ_out = p − y} per sample.\n")
                    .addParameter(int[].class, "labels")
                    .addParameter(int.class, "n")
                    .addStatement("double total = $T.softmaxCrossEntropy($N, labels, n, OUTPUTS, $N, $N)",
                            Literals.LOSSES, out.a(), plan.shared(NetPlan.Shared.PROBS), out.e());
        } else {
            m.addJavadoc("Half squared error: the mean loss; the output error {@code g_out = s_out − y} per sample.\n")
                    .addParameter(float[].class, "targets")
                    .addParameter(int.class, "n")
                    .addStatement("double total = $T.squaredError($N, targets, n, OUTPUTS, $N)", Literals.LOSSES,
                            out.s(), out.e());
        }
        m.addStatement("float loss = (float) (total / n)")
                .addStatement("$T.finiteLoss(loss)", Literals.CHECKS);
        if (plan.softmax()) {
            m.addCode(rule.afterSoftmaxLoss(plan));
        }
        return m.addStatement("return loss").build();
    }

    private static FieldSpec intConstant(String name, int value) {
        return FieldSpec.builder(TypeName.INT, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$L", value)
                .build();
    }

    /** For {@code Map<String, Number>} in {@link HyperparameterEmitter}. */
    static TypeName mapOfNumbers() {
        return ParameterizedTypeName.get(ClassName.get(java.util.Map.class), ClassName.get(String.class),
                ClassName.get(Number.class));
    }
}
