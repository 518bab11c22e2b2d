package infergen.processor.emit;

import static infergen.processor.emit.Literals.len;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import infergen.annotations.Activation;
import infergen.processor.plan.Buffer;
import infergen.processor.plan.LayerPlan;
import infergen.processor.plan.NetPlan;
import infergen.processor.plan.Role;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The contrastive rules (docs/methods.md §6 CHL, §7 convex CHL, §8 EqProp): a free phase that relaxes the states to
 * the fixed point of the feedback network, a clamped (nudged) phase computed as the difference {@code d = ŝ − š} to
 * the free state, and a Hebbian update formed from the differences so that float32 keeps their digits. This base
 * writes the phases' skeletons; each rule supplies its drive, its feedback, its update terms and its scale.
 */
abstract class ContrastiveEmitter implements RuleEmitter {

    static final ClassName CONTRASTIVE = ClassName.get(Literals.KERNEL, "Contrastive");
    private static final ClassName ARRAYS = ClassName.get(java.util.Arrays.class);

    /** The section of docs/methods.md. */
    abstract String section();

    /** {@code "clamped"} (CHL, convex CHL) or {@code "nudged"} (EqProp): the second phase's name. */
    String clamped() {
        return "clamped";
    }

    /** The field counting the free phase's sweeps: {@code steps} for both phases of CHL and convex CHL. */
    String freeSteps() {
        return "steps";
    }

    /** The field counting the clamped phase's sweeps. */
    String clampedSteps() {
        return "steps";
    }

    /** The coefficient of the feedback from the layer above: {@code gamma}, or {@code 1f} for EqProp. */
    String feedback() {
        return "gamma";
    }

    /** The Javadoc of {@code backward}. */
    abstract String backwardDoc();

    /** The Javadoc of {@code freePhase}. */
    abstract String freePhaseDoc();

    /**
     * The expression of the update scale {@code −γ^{l+1−L}/β} of {@code layer}, e.g.
     * {@code (float) (-Math.pow(gamma, -1) / beta)}, formed in double as the spec's constant was.
     */
    String scale(NetPlan plan, LayerPlan layer) {
        int p = power(plan, layer);
        return p == 0 ? "(float) (-1.0 / beta)" : "(float) (-Math.pow(gamma, " + p + ") / beta)";
    }

    /** How the scale reads in the comment beside it, e.g. {@code −γ^-1 / β}. */
    String scaleFormula(NetPlan plan, LayerPlan layer) {
        int p = power(plan, layer);
        return "−" + (p == 0 ? "1" : "γ^" + p) + " / β";
    }

    /** The three buffers and the comment of a layer's update {@code α[diff·presynᵀ + second·secondDiffᵀ]}. */
    abstract UpdateTerms updateTerms(NetPlan plan, LayerPlan layer);

    /** The terms of a layer's update, {@code ∇W = α[diff ŝ_{l−1}ᵀ + second (secondDiff)ᵀ]}. */
    record UpdateTerms(Buffer diff, Buffer second, Buffer secondDiff, String comment) {
    }

    /** The value of β in the code: the {@code beta} field, or {@code 1f} under a hard clamp. */
    String beta() {
        return "beta";
    }

    /** Whether the output is clamped hard to the target. */
    boolean hardClamp() {
        return false;
    }

    /** {@code 1 + l − L}, the power of γ in the update scale and the energy weight of layer {@code l}. */
    static int power(NetPlan plan, LayerPlan layer) {
        return layer.index() + 1 - plan.layers().size();
    }

    @Override
    public boolean backwardTakesTargets() {
        return true;
    }

    @Override
    public List<FieldSpec> fields() {
        return List.of(InferenceCode.listenerField());
    }

    @Override
    public List<MethodSpec> phases(NetPlan plan) {
        return List.of(freePhase(plan), clampedPhase(plan), energy(plan));
    }

    @Override
    public List<MethodSpec> accessors(NetPlan plan) {
        return List.of(InferenceCode.listenerSetter("free", clamped()));
    }

    @Override
    public MethodSpec backward(NetPlan plan) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("backward")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc(backwardDoc())
                .addParameter(float[].class, "x")
                .addParameter(targetType(plan), target(plan))
                .addParameter(int.class, "n")
                .addStatement("freePhase($N, n)", target(plan));
        clampedPhases(m, plan);
        m.addStatement("float invN = 1f / n");
        m.addCode("\n");
        differences(m, plan);
        List<LayerPlan> layers = plan.layers();
        for (int l = layers.size() - 1; l >= 0; l--) {
            LayerPlan layer = layers.get(l);
            m.addCode("\n");
            m.addComment("layer $L: $L", l, layer.describe());
            UpdateTerms terms = updateTerms(plan, layer);
            m.addComment("$L", terms.comment());
            m.addCode("float alpha$L = $L * invN; // $L\n", l, scale(plan, layer), scaleFormula(plan, layer));
            LayerOp op = LayerOp.of(layer);
            CharSequence presynaptic = l == 0 ? "x" : layers.get(l - 1).buffer(Role.SH);
            m.addCode(op.weightGradient("alpha" + l, terms.diff(), presynaptic, false));
            if (l > 0) {
                m.addCode(op.weightGradient("alpha" + l, terms.second(), terms.secondDiff(), true));
            }
            m.addCode(op.biasGradient("alpha" + l, terms.diff()));
        }
        return m.build();
    }

    /** The clamped phase(s) after the free phase, in {@code backward}. */
    void clampedPhases(MethodSpec.Builder m, NetPlan plan) {
        m.addStatement("$NPhase($N, n, $L)", clamped(), target(plan), beta());
    }

    /** What the update needs before the per-layer loop: by default the clamped states {@code ŝ = š + d}. */
    void differences(MethodSpec.Builder m, NetPlan plan) {
        m.addComment("the clamped states ŝ = š + d of the hidden layers");
        for (LayerPlan layer : plan.layers()) {
            if (!layer.last()) {
                m.addStatement("$T.sum($N, $N, $N, $L)", InferenceCode.STATE, layer.buffer(Role.SF), layer.buffer(Role.D),
                        layer.buffer(Role.SH), len(layer));
            }
        }
    }

    private MethodSpec freePhase(NetPlan plan) {
        List<LayerPlan> layers = plan.layers();
        MethodSpec.Builder m = MethodSpec.methodBuilder("freePhase")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc(freePhaseDoc())
                .addParameter(targetType(plan), target(plan))
                .addParameter(int.class, "n");
        m.addComment("start from the forward pass");
        for (LayerPlan layer : layers) {
            m.addStatement("$T.arraycopy($N, 0, $N, 0, $L)", System.class, layer.s(), layer.buffer(Role.SF),
                    len(layer));
        }
        startFree(m, plan);
        m.beginControlFlow("for (int step = 0; step < $N; step++)", freeSteps());
        for (LayerPlan layer : layers) {
            LayerPlan above = layer.last() ? null : layers.get(layer.index() + 1);
            freeDrive(m, plan, layer, above);
            m.addCode(activate(layer));
        }
        (prediction(plan).isPresent() ? m.beginControlFlow("if (listener != null && $N != null)", target(plan))
                : m.beginControlFlow("if (listener != null)"))
                .addStatement("listener.step($S, step, energy($N, n, 0f, false))", "free", target(plan))
                .endControlFlow();
        m.endControlFlow();
        afterFree(m, plan);
        return m.build();
    }

    /** Code before the free sweeps, after the states are copied from the forward pass. None by default. */
    void startFree(MethodSpec.Builder m, NetPlan plan) {
    }

    /** Code after the free sweeps. None by default. */
    void afterFree(MethodSpec.Builder m, NetPlan plan) {
    }

    /**
     * The drive {@code u_l} of a layer in a free sweep (its state is then {@code f(u_l)}): by default
     * {@code u_l = s_{l−1}·W_lᵀ + b_l + feedback · s_{l+1}·W_{l+1}}, with the forward pass's {@code a_0} at layer 0.
     */
    void freeDrive(MethodSpec.Builder m, NetPlan plan, LayerPlan layer, LayerPlan above) {
        int l = layer.index();
        String fromAbove = above == null ? ""
                : " + " + (feedback().equals("1f") ? "" : "γ ") + "s_" + (l + 1) + "·W_" + (l + 1);
        Buffer u = layer.buffer(Role.U);
        if (l == 0) {
            m.addComment("u_0 = a_0 (x·W_0ᵀ + b_0 from the forward pass)$L", fromAbove);
            m.addStatement("$T.arraycopy($N, 0, $N, 0, $L)", System.class, layer.a(), u, len(layer));
        } else {
            m.addComment("u_$L = s_$L·W_$Lᵀ + b_$L$L", l, l - 1, l, l, fromAbove);
            m.addCode(LayerOp.of(layer).affine(plan.layers().get(l - 1).buffer(Role.SF), u));
        }
        if (above != null) {
            m.addCode(LayerOp.of(above).adjoint(feedback(), above.buffer(Role.SF), u, true));
        }
    }

    /**
     * The buffer the clamped phase feeds back from the layer above: by default its difference {@code d_{l+1}}; code
     * that prepares another may be added to {@code m}.
     */
    CharSequence clampedFeedback(MethodSpec.Builder m, LayerPlan layer, LayerPlan above) {
        return above.buffer(Role.D);
    }

    /** How the feedback from above reads in the clamped phase's comment, e.g. {@code γ d_2·W_2}. */
    String clampedFeedbackFormula(int above) {
        return (feedback().equals("1f") ? "" : "γ ") + "d_" + above + "·W_" + above;
    }

    private MethodSpec clampedPhase(NetPlan plan) {
        List<LayerPlan> layers = plan.layers();
        MethodSpec.Builder m = MethodSpec.methodBuilder(clamped() + "Phase")
                .addModifiers(Modifier.PRIVATE)
                .addParameter(targetType(plan), target(plan))
                .addParameter(int.class, "n")
                .addParameter(float.class, "beta");
        m.addJavadoc("The $L phase (docs/methods.md §$L) as the difference {@code d = ŝ − š} to the free state: top-down\n"
                + "sweeps of $L,\n", clamped(), section(), clampedDeltaDoc());
        m.addJavadoc("evaluated without cancellation, so that the differences keep their digits in float32. The output\n");
        m.addJavadoc(hardClamp() ? "is clamped hard, {@code ŝ_out = y}.\n"
                : plan.softmax() ? "is nudged by {@code −β(softmax(ŝ_out) − y)} at the current state.\n"
                        : "minimises {@code β ℓ(s_out)} plus its energy.\n");
        for (LayerPlan layer : layers) {
            m.addStatement("$T.fill($N, 0, $L, 0f)", ARRAYS, layer.buffer(Role.D), len(layer));
        }
        m.beginControlFlow("for (int step = 0; step < $N; step++)", clampedSteps());
        for (int l = layers.size() - 1; l >= 0; l--) {
            LayerPlan layer = layers.get(l);
            LayerPlan above = layer.last() ? null : layers.get(l + 1);
            LayerPlan below = l == 0 ? null : layers.get(l - 1);
            String fromAbove = above == null ? "" : clampedFeedbackFormula(l + 1);
            String fromBelow = below == null ? "" : "d_" + (l - 1) + "·W_" + l + "ᵀ";
            m.addComment("layer $L: Δu = $L", l, fromBelow.isEmpty() ? (fromAbove.isEmpty() ? "0" : fromAbove)
                    : fromAbove.isEmpty() ? fromBelow : fromBelow + " + " + fromAbove);
            Buffer du = layer.buffer(Role.DU);
            if (below != null) {
                m.addCode(LayerOp.of(layer).map(below.buffer(Role.D), du, false));
            } else if (above == null) {
                m.addStatement("$T.fill($N, 0, $L, 0f)", ARRAYS, du, len(layer));
            }
            if (above != null) {
                CharSequence from = clampedFeedback(m, layer, above);
                m.addCode(LayerOp.of(above).adjoint(feedback(), from, du, below != null));
                m.addCode(delta(layer));
            } else {
                m.addCode(output(plan, layer));
            }
        }
        m.beginControlFlow("if (listener != null)")
                .addStatement("listener.step($S, step, energy($N, n, $L, true))", clamped(), target(plan),
                        hardClamp() ? "0f" : "beta")
                .endControlFlow();
        m.endControlFlow();
        return m.build();
    }

    /** The clamped phase's step in Javadoc, e.g. {@code d_l = f(u_l + Δu_l) − f(u_l)} with its {@code Δu}. */
    abstract String clampedDeltaDoc();

    private CodeBlock output(NetPlan plan, LayerPlan out) {
        CodeBlock.Builder c = CodeBlock.builder();
        Buffer sf = out.buffer(Role.SF);
        Buffer d = out.buffer(Role.D);
        Buffer du = out.buffer(Role.DU);
        if (hardClamp()) {
            return c.add("// hard clamp: ŝ_out = y\n")
                    .addStatement("$T.hardClamp($N, $N, $N, $L)", CONTRASTIVE, sf, target(plan), d, len(out))
                    .build();
        }
        if (plan.softmax()) {
            return c.add("// nudge: d_out = Δa_out − β(softmax(š_out + d_out) − y)\n")
                    .addStatement("$T.nudgeSoftmax($N, $N, $N, n, OUTPUTS, beta, $N)", CONTRASTIVE, sf, du,
                            target(plan), d)
                    .build();
        }
        if (smooth(out.activation())) {
            c.add("// nudge: ŝ_out = f(â_out − β(ŝ_out − y)) at the current state\n")
                    .addStatement("$T.nudgeSquaredErrorSmooth($N, $N, $N, beta, $N, $L)", CONTRASTIVE, sf, d,
                            target(plan), du, len(out));
        } else {
            c.add("// clamp: ŝ_out = f((â_out + βy)/(1 + β)), the minimiser of β½‖s − y‖² + ½‖s − â_out‖² over the box\n")
                    .addStatement("$T.nudgeSquaredError($N, $N, beta, $N, $L)", CONTRASTIVE, out.buffer(Role.U),
                            target(plan), du, len(out));
        }
        return c.add(delta(out)).build();
    }

    /** The Javadoc of {@code energy}. */
    abstract String energyDoc();

    /** {@code e += ...} for one layer's energy term at {@code state}, with pre-activation {@code a}. */
    abstract CodeBlock energyTerm(NetPlan plan, LayerPlan layer, String state, CharSequence a);

    /** {@code Math.pow(gamma, p) * } for a layer's energy weight γ^{l+1−L}, empty where it is 1. */
    static String weight(NetPlan plan, LayerPlan layer) {
        int p = power(plan, layer);
        return p == 0 ? "" : "Math.pow(gamma, " + p + ") * ";
    }

    private MethodSpec energy(NetPlan plan) {
        List<LayerPlan> layers = plan.layers();
        MethodSpec.Builder m = MethodSpec.methodBuilder("energy")
                .addModifiers(Modifier.PRIVATE)
                .returns(double.class)
                .addJavadoc(energyDoc())
                .addParameter(targetType(plan), target(plan))
                .addParameter(int.class, "n")
                .addParameter(float.class, "beta")
                .addParameter(boolean.class, "clamped");
        m.addStatement("double e = 0.0");
        for (LayerPlan layer : layers) {
            m.addStatement("float[] state$L = $N", layer.index(), layer.buffer(Role.SF));
        }
        m.beginControlFlow("if (clamped)");
        for (LayerPlan layer : layers) {
            m.addStatement("$T.sum($N, $N, $N, $L)", InferenceCode.STATE, layer.buffer(Role.SF), layer.buffer(Role.D),
                    layer.buffer(Role.SH), len(layer));
            m.addStatement("state$L = $N", layer.index(), layer.buffer(Role.SH));
        }
        m.endControlFlow();
        for (LayerPlan layer : layers) {
            int l = layer.index();
            CharSequence a = layer.a();
            if (l > 0) {
                m.addCode(LayerOp.of(layer).affine("state" + (l - 1), layer.buffer(Role.DU)));
                a = layer.buffer(Role.DU);
            }
            m.addCode(energyTerm(plan, layer, "state" + l, a));
        }
        LayerPlan out = plan.output();
        if (plan.softmax()) {
            m.addStatement("e += beta * $T.crossEntropySum(state$L, $N, n, OUTPUTS)", CONTRASTIVE, out.index(),
                    target(plan));
        } else {
            m.addStatement("e += beta * $T.halfSquaredDistance(state$L, $N, $L)", CONTRASTIVE, out.index(),
                    target(plan), len(out));
        }
        m.addStatement("return e / n");
        return m.build();
    }

    /** {@code s = f(u)} for the free phase. */
    CodeBlock activate(LayerPlan layer) {
        Buffer u = layer.buffer(Role.U);
        Buffer sf = layer.buffer(Role.SF);
        if (layer.activation() == Activation.IDENTITY) {
            return CodeBlock.of("$T.arraycopy($N, 0, $N, 0, $L);\n", System.class, u, sf, len(layer));
        }
        return CodeBlock.of("$T.$L($N, $N, $L);\n", Literals.ACTIVATIONS, Literals.kernelName(layer.activation()), u,
                sf, len(layer));
    }

    /** {@code d = f(u + Δu) − f(u)}, without cancellation. */
    static CodeBlock delta(LayerPlan layer) {
        Buffer u = layer.buffer(Role.U);
        Buffer du = layer.buffer(Role.DU);
        Buffer d = layer.buffer(Role.D);
        if (layer.activation() == Activation.IDENTITY) {
            return CodeBlock.of("$T.arraycopy($N, 0, $N, 0, $L);\n", System.class, du, d, len(layer));
        }
        return CodeBlock.of("$T.$LDelta($N, $N, $N, $L);\n", CONTRASTIVE, Literals.kernelName(layer.activation()), u,
                du, d, len(layer));
    }

    static boolean smooth(Activation f) {
        return f == Activation.SIGMOID || f == Activation.TANH;
    }

    static TypeName targetType(NetPlan plan) {
        return TypeName.get(InferenceCode.targetsType(plan));
    }

    static String target(NetPlan plan) {
        return InferenceCode.targetsName(plan);
    }

}
