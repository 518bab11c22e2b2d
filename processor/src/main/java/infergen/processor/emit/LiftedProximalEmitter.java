package infergen.processor.emit;

import static infergen.processor.emit.InferenceCode.LIFTED;
import static infergen.processor.emit.InferenceCode.STATE;
import static infergen.processor.emit.Literals.len;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import infergen.annotations.Activation;
import infergen.processor.model.RuleSpec;
import infergen.processor.plan.LayerPlan;
import infergen.processor.plan.Buffer;
import infergen.processor.plan.NetPlan;
import infergen.processor.plan.Role;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * LPOM / Fenchel lifted networks (docs/methods.md §5): every activity is lifted, {@code s_l = s*_l + d_l}, and the
 * states minimise {@code ℓ(s_out) + (1/β) Σ_l D_G(s_l, a_l)} by top-down block-coordinate sweeps; a hidden block is
 * solved by FISTA with step {@code 1/‖W_{l+1}‖²} (power iteration) and the closed-form prox of the box activation,
 * the output block in closed form (squared error) or by fixed-point steps (softmax cross-entropy). Then
 * {@code ∇W_l = (1/β)(f(a_l) − s_l) s_{l−1}ᵀ}, with no derivative of f.
 *
 * <p>As in {@link PenalizerEmitter} the states are deviations from the forward pass, so the errors
 * {@code f(a) − s = Δf − d} are differences of small numbers, computed first.
 */
final class LiftedProximalEmitter implements RuleEmitter {

    private final RuleSpec.LiftedProximal rule;

    LiftedProximalEmitter(RuleSpec.LiftedProximal rule) {
        this.rule = rule;
    }

    @Override
    public String title() {
        return "lifted proximal operator machine (LPOM)";
    }

    @Override
    public List<FieldSpec> constants() {
        return List.of(
                constant(TypeName.INT, "POWER_ITERATIONS", "8",
                        "Power iterations per train step for ‖W‖², warm-started from the last step."),
                constant(TypeName.FLOAT, "NORM_MARGIN", Literals.f(1.05f),
                        "Safety factor on the power-iteration estimate of ‖W‖², which converges from below."));
    }

    @Override
    public List<FieldSpec> fields() {
        return List.of(InferenceCode.listenerField());
    }

    private static FieldSpec constant(TypeName type, String name, String value, String doc) {
        return FieldSpec.builder(type, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(doc + "\n")
                .initializer("$L", value)
                .build();
    }

    @Override
    public boolean backwardTakesTargets() {
        return true;
    }

    private static Buffer change(LayerPlan layer) {
        return layer.buffer(layer.activation() == Activation.IDENTITY ? Role.DA : Role.DF);
    }

    private static String targets(NetPlan plan) {
        return InferenceCode.targetsName(plan);
    }

    @Override
    public MethodSpec backward(NetPlan plan) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("backward")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("LPOM / Fenchel lifted networks (docs/methods.md §5, Eq. 34–35): from the forward pass, {@code sweeps}\n"
                        + "top-down block-coordinate sweeps on {@code ℓ(s_out) + (1/β) Σ_l D_G(s_l, a_l)}, then\n"
                        + "{@code ∇W_l = (1/β) mean of (f(a_l) − s_l) s_{l−1}ᵀ}.\n")
                .addParameter(float[].class, "x")
                .addParameter(InferenceCode.targetsType(plan), targets(plan))
                .addParameter(int.class, "n");
        List<LayerPlan> layers = plan.layers();
        if (layers.size() > 1) {
            m.addComment("FISTA steps 1/‖W‖² of the hidden blocks, from a warm-started power iteration");
        }
        for (int l = 1; l < layers.size(); l++) {
            LayerPlan layer = layers.get(l);
            m.addStatement("float step$L = 1f / (NORM_MARGIN * $L)", l, LayerOp.of(layer).normSquared("POWER_ITERATIONS"));
        }
        m.addComment("start at the forward pass: every state deviation is zero");
        for (LayerPlan layer : layers) {
            m.addStatement("$T.fill($N, 0, $L, 0f)", java.util.Arrays.class, layer.buffer(Role.D), len(layer));
        }
        m.beginControlFlow("for (int sweep = 0; sweep < sweeps; sweep++)");
        m.addStatement("outputBlock($N, n)", targets(plan));
        for (int l = layers.size() - 2; l >= 0; l--) {
            m.addStatement("hiddenBlock$L(n, step$L)", l, l + 1);
        }
        m.beginControlFlow("if (listener != null)")
                .addStatement("listener.step($S, sweep, energy($N, n))", "sweep", targets(plan))
                .endControlFlow()
                .endControlFlow()
                .addStatement("fenchelErrors(n)")
                .addStatement("weightGradients(x, n)");
        return m.build();
    }

    @Override
    public List<MethodSpec> accessors(NetPlan plan) {
        return List.of(InferenceCode.listenerSetter("sweep"));
    }

    @Override
    public List<MethodSpec> phases(NetPlan plan) {
        List<MethodSpec> methods = new ArrayList<>();
        methods.add(outputBlock(plan));
        for (int l = plan.layers().size() - 2; l >= 0; l--) {
            methods.add(hiddenBlock(plan, l));
        }
        methods.add(fenchelErrors(plan));
        methods.add(weightGradients(plan));
        methods.add(energy(plan));
        return methods;
    }

    /** {@code pull_l = (a*_l − s*_l) + d_{l−1}·W_lᵀ}. */
    private static CodeBlock pull(NetPlan plan, LayerPlan layer) {
        int l = layer.index();
        Buffer pull = layer.buffer(Role.PULL);
        CodeBlock.Builder code = CodeBlock.builder();
        code.add("// pull of the pre-activation: (a* − s*) + Δa\n");
        boolean identity = layer.activation() == Activation.IDENTITY;
        if (!identity) {
            code.addStatement("$T.difference($N, $N, $N, $L)", STATE, layer.a(), layer.s(), pull, len(layer));
        }
        if (l > 0) {
            code.add(LayerOp.of(layer).map(plan.layers().get(l - 1).buffer(Role.D), pull, !identity));
        } else if (identity) {
            code.addStatement("$T.fill($N, 0, $L, 0f)", java.util.Arrays.class, pull, len(layer));
        }
        return code.build();
    }

    private MethodSpec outputBlock(NetPlan plan) {
        LayerPlan out = plan.output();
        Buffer d = out.buffer(Role.D);
        Buffer z = out.buffer(Role.Z);
        Buffer gOut = plan.shared(NetPlan.Shared.G_OUT);
        MethodSpec.Builder m = MethodSpec.methodBuilder("outputBlock")
                .addModifiers(Modifier.PRIVATE)
                .addParameter(InferenceCode.targetsType(plan), targets(plan))
                .addParameter(int.class, "n")
                .addCode(pull(plan, out));
        if (plan.softmax()) {
            m.addJavadoc("The output block (docs/methods.md §5) under softmax cross-entropy: the fixed point\n"
                    + "{@code s_out = a_out − β (softmax(s_out) − y)} of {@code min ℓ(s) + (1/2β)‖s − a_out‖²}, a contraction for\n"
                    + "β < 2, by {@code innerSteps} steps.\n");
            m.beginControlFlow("for (int j = 0; j < innerSteps; j++)")
                    .addStatement("$T.sum($N, $N, $N, $L)", STATE, out.a(), d, z, len(out))
                    .addStatement("$L", InferenceCode.outputLoss(plan, z, plan.shared(NetPlan.Shared.P_OUT), gOut))
                    .addStatement("$T.arraycopy($N, 0, $N, 0, $L)", System.class, out.buffer(Role.PULL), d, len(out))
                    .addStatement("$T.axpy(-beta, $N, $N, $L)", STATE, gOut, d, len(out))
                    .endControlFlow();
        } else {
            String[] box = InferenceCode.box(out.activation());
            m.addJavadoc("The output block (docs/methods.md §5) under squared error, in closed form:\n"
                    + "{@code s_out = Π_C((a_out + β y) / (1 + β))}, the prox at {@code y} with λ = 1/β.\n");
            m.addStatement("$T.difference(targets, $N, $N, $L)", STATE, out.s(), d, len(out));
            m.addStatement("$T.prox($N, $N, 1f / beta, $N, $L, $L, $L)", LIFTED, out.s(), out.buffer(Role.PULL), d, len(out),
                    box[0], box[1]);
        }
        return m.build();
    }

    private MethodSpec hiddenBlock(NetPlan plan, int l) {
        LayerPlan layer = plan.layers().get(l);
        LayerPlan above = plan.layers().get(l + 1);
        String[] box = InferenceCode.box(layer.activation());
        Buffer d = layer.buffer(Role.D);
        Buffer dy = layer.buffer(Role.DY);
        Buffer h = layer.buffer(Role.H);
        MethodSpec.Builder m = MethodSpec.methodBuilder("hiddenBlock" + l)
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("The block of layer {@code l = $L} (docs/methods.md §5, Eq. 35) by FISTA: the smooth part\n"
                        + "{@code G*(a_{l+1}) − s_{l+1}·a_{l+1}}, {@code a_{l+1} = s_l·W_{l+1}ᵀ + b_{l+1}}, of the layer above has\n"
                        + "gradient {@code (f(a_{l+1}) − s_{l+1})·W_{l+1}} in {@code s_l} and Lipschitz constant {@code ‖W_{l+1}‖²};\n"
                        + "the prox of the layer's own gap is {@code Π_C((v + λ a_l)/(1 + λ))} with λ = {@code step}.\n", l)
                .addParameter(int.class, "n")
                .addParameter(float.class, "step")
                .addCode(pull(plan, layer))
                .addStatement("$T.arraycopy($N, 0, $N, 0, $L)", System.class, d, dy, len(layer))
                .addStatement("double t = 1.0")
                .beginControlFlow("for (int j = 0; j < innerSteps; j++)")
                .addComment("residual of the layer above at the extrapolated point: f(a) − s = Δf − d")
                .addCode(LayerOp.of(above).map(dy, above.buffer(Role.DA), false));
        if (above.activation() != Activation.IDENTITY) {
            String[] aboveBox = InferenceCode.box(above.activation());
            m.addStatement("$T.boxChange($N, $N, $N, $L, $L, $L)", InferenceCode.DEVIATIONS, above.a(),
                    above.buffer(Role.DA), above.buffer(Role.DF), len(above), aboveBox[0], aboveBox[1]);
        }
        m.addStatement("$T.difference($N, $N, $N, $L)", STATE, change(above), above.buffer(Role.D), above.e(),
                        len(above))
                .addComment("gradient step, then the prox of the layer's own gap")
                .addStatement("$T.arraycopy($N, 0, $N, 0, $L)", System.class, dy, h, len(layer))
                .addCode(LayerOp.of(above).adjoint("-step", above.e(), h, true))
                .addStatement("$T.prox($N, $N, step, $N, $L, $L, $L)", LIFTED, layer.s(), layer.buffer(Role.PULL), h,
                        len(layer),
                        box[0], box[1])
                .addComment("FISTA extrapolation")
                .addStatement("double next = (1.0 + Math.sqrt(1.0 + 4.0 * t * t)) / 2.0")
                .addStatement("$T.extrapolate($N, $N, (float) ((t - 1.0) / next), $N, $L)", LIFTED, d, h, dy,
                        len(layer))
                .addStatement("t = next")
                .endControlFlow();
        return m.build();
    }

    /** Writes {@code da_l} and {@code df_l} of the current states (layers above 0). */
    private static void changes(MethodSpec.Builder m, NetPlan plan, LayerPlan layer) {
        m.addCode(LayerOp.of(layer).map(plan.layers().get(layer.index() - 1).buffer(Role.D), layer.buffer(Role.DA),
                false));
        if (layer.activation() != Activation.IDENTITY) {
            String[] box = InferenceCode.box(layer.activation());
            m.addStatement("$T.boxChange($N, $N, $N, $L, $L, $L)", InferenceCode.DEVIATIONS, layer.a(),
                    layer.buffer(Role.DA), layer.buffer(Role.DF), len(layer), box[0], box[1]);
        }
    }

    private MethodSpec fenchelErrors(NetPlan plan) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("fenchelErrors")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("The errors {@code e_l = f(a_l) − s_l = Δf_l − d_l} at the final states (docs/methods.md §5).\n")
                .addParameter(int.class, "n");
        for (LayerPlan layer : plan.layers()) {
            int l = layer.index();
            m.addComment("layer $L: $L", l, layer.describe());
            if (l == 0) {
                m.addStatement("$T.scale(-1f, $N, $N, $L)", STATE, layer.buffer(Role.D), layer.e(), len(layer));
            } else {
                changes(m, plan, layer);
                m.addStatement("$T.difference($N, $N, $N, $L)", STATE, change(layer), layer.buffer(Role.D), layer.e(),
                        len(layer));
            }
        }
        return m.build();
    }

    private MethodSpec weightGradients(NetPlan plan) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("weightGradients")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("The update (docs/methods.md §5): {@code ∇W_l = (1/β) mean of e_l s_{l−1}ᵀ},\n"
                        + "{@code ∇b_l = (1/β) mean of e_l}, with the presynaptic state {@code s_{l−1} = s*_{l−1} + d_{l−1}}.\n")
                .addParameter(float[].class, "x")
                .addParameter(int.class, "n")
                .addStatement("float scale = 1f / (beta * n)");
        for (LayerPlan layer : plan.layers()) {
            int l = layer.index();
            CharSequence input = layer.input();
            m.addComment("layer $L: $L", l, layer.describe());
            if (l > 0) {
                LayerPlan below = plan.layers().get(l - 1);
                input = below.buffer(Role.Z);
                m.addStatement("$T.sum($N, $N, $N, $L)", STATE, below.s(), below.buffer(Role.D), input, len(below));
            }
            LayerOp op = LayerOp.of(layer);
            m.addCode(op.weightGradient("scale", layer.e(), input, false));
            m.addCode(op.biasGradient("scale", layer.e()));
        }
        return m.build();
    }

    private MethodSpec energy(NetPlan plan) {
        LayerPlan out = plan.output();
        MethodSpec.Builder m = MethodSpec.methodBuilder("energy")
                .addModifiers(Modifier.PRIVATE)
                .returns(double.class)
                .addJavadoc("The batch-mean objective {@code ℓ(s_out) + (1/β) Σ_l D_G(s_l, a_l)} at the current states, for\n"
                        + "the listener.\n")
                .addParameter(InferenceCode.targetsType(plan), targets(plan))
                .addParameter(int.class, "n")
                .addStatement("$T.sum($N, $N, $N, $L)", STATE, out.s(), out.buffer(Role.D), out.buffer(Role.Z), len(out))
                .addStatement("double loss = $L", InferenceCode.outputLoss(plan, out.buffer(Role.Z),
                        plan.softmax() ? plan.shared(NetPlan.Shared.P_OUT) : null, plan.shared(NetPlan.Shared.G_OUT)))
                .addStatement("double gap = $T.gapAtForward($N, $N, $N, $L)", LIFTED, plan.layers().get(0).a(),
                        plan.layers().get(0).s(), plan.layers().get(0).buffer(Role.D), len(plan.layers().get(0)));
        for (LayerPlan layer : plan.layers()) {
            if (layer.index() == 0) {
                continue;
            }
            changes(m, plan, layer);
            m.addStatement("gap += $T.gap($N, $N, $N, $N, $N, $L)", LIFTED, layer.a(), layer.s(),
                    layer.buffer(Role.DA), change(layer), layer.buffer(Role.D), len(layer));
        }
        return m.addStatement("return (loss + gap / beta) / n").build();
    }
}
