package infergen.processor.emit;

import static infergen.processor.emit.InferenceCode.LIFTED;
import static infergen.processor.emit.InferenceCode.STATE;
import static infergen.processor.emit.InferenceCode.len;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import infergen.annotations.Activation;
import infergen.processor.model.RuleSpec;
import infergen.processor.plan.LayerPlan;
import infergen.processor.plan.NetPlan;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * LPOM / Fenchel lifted networks (methods.md §5): every activity is lifted, {@code s_k = s*_k + d_k}, and the
 * states minimise {@code ℓ(s_L) + (1/β) Σ_k D_G(s_k, a_k)} by top-down block-coordinate sweeps; a hidden block is
 * solved by FISTA with step {@code 1/‖W_k‖²} (power iteration) and the closed-form prox of the box activation, the
 * output block in closed form (squared error) or by fixed-point steps (softmax cross-entropy). Then
 * {@code ∇W_{k−1} = (1/β)(f(a_k) − s_k) s_{k−1}ᵀ}, with no derivative of f.
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
        return "lifted proximal (LPOM), β = " + rule.beta() + ", " + rule.sweeps() + " sweeps of " + rule.innerSteps()
                + " inner steps";
    }

    @Override
    public List<FieldSpec> constants() {
        return List.of(
                RuleConstants.floatConstant("BETA", rule.beta(), "Coupling β of the Fenchel-Young gaps, per sample."),
                RuleConstants.intConstant("SWEEPS", rule.sweeps(), "Top-down block-coordinate sweeps."),
                RuleConstants.intConstant("INNER_STEPS", rule.innerSteps(),
                        "FISTA steps per hidden block, fixed-point steps for a softmax output block."),
                RuleConstants.intConstant("POWER_ITERATIONS", 8,
                        "Power iterations per train step for ‖W‖², warm-started from the last step."),
                RuleConstants.floatConstant("NORM_MARGIN", 1.05f,
                        "Safety factor on the power-iteration estimate of ‖W‖², which converges from below."));
    }

    @Override
    public boolean backwardTakesTargets() {
        return true;
    }

    private static String change(LayerPlan layer) {
        return layer.activation() == Activation.IDENTITY ? "da" + layer.index() : "df" + layer.index();
    }

    @Override
    public List<FieldSpec> buffers(NetPlan plan) {
        List<FieldSpec> fields = new ArrayList<>();
        for (LayerPlan layer : plan.layers()) {
            int l = layer.index();
            String u = layer.units();
            fields.add(InferenceCode.buffer("d" + l, u, "State deviation {@code s − s*} of layer " + l + "."));
            fields.add(InferenceCode.buffer("pull" + l, u, "Pull of the pre-activation of layer " + l
                    + ", {@code (a* − s*) + Δa}."));
            if (l > 0) {
                fields.add(InferenceCode.buffer("da" + l, u, "Change {@code Δa = d_in·Wᵀ} of the pre-activation of layer "
                        + l + "."));
                if (layer.activation() != Activation.IDENTITY) {
                    fields.add(InferenceCode.buffer("df" + l, u, "Change {@code Δf = f(a* + Δa) − f(a*)} of layer " + l
                            + "."));
                }
            }
            fields.add(InferenceCode.buffer("z" + l, u, "Current activity {@code s* + d} of layer " + l + "."));
            if (!layer.last()) {
                fields.add(InferenceCode.buffer("dy" + l, u, "FISTA's extrapolated point of layer " + l + "."));
                fields.add(InferenceCode.buffer("h" + l, u, "FISTA's new iterate of layer " + l + "."));
                LayerPlan above = plan.layers().get(l + 1);
                fields.add(vector("nu" + (l + 1), above.units(), "Power-iteration image {@code W v} of layer "
                        + (l + 1) + "."));
                fields.add(vector("nv" + (l + 1), layer.units(), "Power-iteration vector of layer " + (l + 1)
                        + ", kept between steps."));
            }
        }
        if (plan.softmax()) {
            fields.add(InferenceCode.buffer("pOut", "OUTPUTS", "Softmax of the current output state."));
        }
        fields.add(InferenceCode.buffer("gOut", "OUTPUTS", "Loss gradient {@code ∇ℓ} at the current output state."));
        fields.add(InferenceCode.listenerField());
        return fields;
    }

    private static FieldSpec vector(String name, String size, String doc) {
        return FieldSpec.builder(float[].class, name, Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc(doc + "\n")
                .initializer("new float[$L]", size)
                .build();
    }

    private static String targets(NetPlan plan) {
        return InferenceCode.targetsName(plan);
    }

    @Override
    public MethodSpec backward(NetPlan plan) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("backward")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("LPOM / Fenchel lifted networks (methods.md §5, Eq. 34–35): from the forward pass, {@code SWEEPS}\n"
                        + "top-down block-coordinate sweeps on {@code ℓ(s_L) + (1/β) Σ_k D_G(s_k, a_k)}, then\n"
                        + "{@code ∇W_{k−1} = (1/β) mean of (f(a_k) − s_k) s_{k−1}ᵀ}.\n")
                .addParameter(float[].class, "x")
                .addParameter(InferenceCode.targetsType(plan), targets(plan))
                .addParameter(int.class, "n");
        List<LayerPlan> layers = plan.layers();
        if (layers.size() > 1) {
            m.addComment("FISTA steps 1/‖W‖² of the hidden blocks, from a warm-started power iteration");
        }
        for (int l = 1; l < layers.size(); l++) {
            LayerPlan layer = layers.get(l);
            m.addStatement("float step$L = 1f / (NORM_MARGIN * $T.squared($N, $N, $N, $N, $N, POWER_ITERATIONS))", l,
                    InferenceCode.SPECTRAL, layer.w(), layer.units(), layer.fanIn(), "nu" + l, "nv" + l);
        }
        m.addComment("start at the forward pass: every state deviation is zero");
        for (LayerPlan layer : layers) {
            m.addStatement("$T.fill($N, 0, $L, 0f)", java.util.Arrays.class, "d" + layer.index(), len(layer));
        }
        m.beginControlFlow("for (int sweep = 0; sweep < SWEEPS; sweep++)");
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
    public List<MethodSpec> methods(NetPlan plan) {
        List<MethodSpec> methods = new ArrayList<>();
        methods.add(outputBlock(plan));
        for (int l = plan.layers().size() - 2; l >= 0; l--) {
            methods.add(hiddenBlock(plan, l));
        }
        methods.add(fenchelErrors(plan));
        methods.add(weightGradients(plan));
        methods.add(energy(plan));
        methods.add(InferenceCode.listenerSetter("sweep"));
        return methods;
    }

    /** {@code pull_l = (a*_l − s*_l) + d_{l−1}·W_lᵀ}. */
    private static CodeBlock pull(NetPlan plan, LayerPlan layer) {
        int l = layer.index();
        String pull = "pull" + l;
        CodeBlock.Builder code = CodeBlock.builder();
        code.add("// pull of the pre-activation: (a* − s*) + Δa\n");
        boolean identity = layer.activation() == Activation.IDENTITY;
        if (!identity) {
            code.addStatement("$T.difference($N, $N, $N, $L)", STATE, layer.a(), layer.s(), pull, len(layer));
        }
        if (l > 0) {
            code.addStatement("$T.abT(n, $N, $N, 1f, $N, $N, $N, $L)", Literals.GEMM, layer.units(), layer.fanIn(),
                    "d" + (l - 1), layer.w(), pull, !identity);
        } else if (identity) {
            code.addStatement("$T.fill($N, 0, $L, 0f)", java.util.Arrays.class, pull, len(layer));
        }
        return code.build();
    }

    private MethodSpec outputBlock(NetPlan plan) {
        LayerPlan out = plan.output();
        int l = out.index();
        String d = "d" + l;
        MethodSpec.Builder m = MethodSpec.methodBuilder("outputBlock")
                .addModifiers(Modifier.PRIVATE)
                .addParameter(InferenceCode.targetsType(plan), targets(plan))
                .addParameter(int.class, "n")
                .addCode(pull(plan, out));
        if (plan.softmax()) {
            m.addJavadoc("The output block (methods.md §5) under softmax cross-entropy: the fixed point\n"
                    + "{@code s_L = a_L − β (softmax(s_L) − y)} of {@code min ℓ(s) + (1/2β)‖s − a_L‖²}, a contraction for\n"
                    + "β < 2, by {@code INNER_STEPS} steps.\n");
            m.beginControlFlow("for (int j = 0; j < INNER_STEPS; j++)")
                    .addStatement("$T.sum($N, $N, $N, $L)", STATE, out.a(), d, "z" + l, len(out))
                    .addStatement("$L", InferenceCode.outputLoss(plan, "z" + l, "pOut", "gOut"))
                    .addStatement("$T.arraycopy($N, 0, $N, 0, $L)", System.class, "pull" + l, d, len(out))
                    .addStatement("$T.axpy(-BETA, gOut, $N, $L)", STATE, d, len(out))
                    .endControlFlow();
        } else {
            String[] box = InferenceCode.box(out.activation());
            m.addJavadoc("The output block (methods.md §5) under squared error, in closed form:\n"
                    + "{@code s_L = Π_C((a_L + β y) / (1 + β))}, the prox at {@code y} with λ = 1/β.\n");
            m.addStatement("$T.difference(targets, $N, $N, $L)", STATE, out.s(), d, len(out));
            m.addStatement("$T.prox($N, $N, 1f / BETA, $N, $L, $L, $L)", LIFTED, out.s(), "pull" + l, d, len(out),
                    box[0], box[1]);
        }
        return m.build();
    }

    private MethodSpec hiddenBlock(NetPlan plan, int l) {
        LayerPlan layer = plan.layers().get(l);
        LayerPlan above = plan.layers().get(l + 1);
        String[] box = InferenceCode.box(layer.activation());
        String d = "d" + l;
        String dy = "dy" + l;
        String h = "h" + l;
        MethodSpec.Builder m = MethodSpec.methodBuilder("hiddenBlock" + l)
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("The block of layer $L (methods.md §5, Eq. 35) by FISTA: the smooth part\n"
                        + "{@code G*(W s + b) − s_{k+1}ᵀ(W s + b)} of the layer above has gradient {@code W ᵀ(f(W s + b) − s_{k+1})}\n"
                        + "and Lipschitz constant {@code ‖W‖²}; the prox of the layer's own gap is\n"
                        + "{@code Π_C((v + λ a)/(1 + λ))} with λ = {@code step}.\n", l)
                .addParameter(int.class, "n")
                .addParameter(float.class, "step")
                .addCode(pull(plan, layer))
                .addStatement("$T.arraycopy($N, 0, $N, 0, $L)", System.class, d, dy, len(layer))
                .addStatement("double t = 1.0")
                .beginControlFlow("for (int j = 0; j < INNER_STEPS; j++)")
                .addComment("residual of the layer above at the extrapolated point: f(a) − s = Δf − d")
                .addStatement("$T.abT(n, $N, $N, 1f, $N, $N, $N, false)", Literals.GEMM, above.units(), layer.units(),
                        dy, above.w(), "da" + (l + 1));
        if (above.activation() != Activation.IDENTITY) {
            String[] aboveBox = InferenceCode.box(above.activation());
            m.addStatement("$T.boxChange($N, $N, $N, $L, $L, $L)", InferenceCode.DEVIATIONS, above.a(),
                    "da" + (l + 1), "df" + (l + 1), len(above), aboveBox[0], aboveBox[1]);
        }
        m.addStatement("$T.difference($N, $N, $N, $L)", STATE, change(above), "d" + (l + 1), above.e(), len(above))
                .addComment("gradient step, then the prox of the layer's own gap")
                .addStatement("$T.arraycopy($N, 0, $N, 0, $L)", System.class, dy, h, len(layer))
                .addStatement("$T.ab(n, $N, $N, -step, $N, $N, $N, true)", Literals.GEMM, layer.units(), above.units(),
                        above.e(), above.w(), h)
                .addStatement("$T.prox($N, $N, step, $N, $L, $L, $L)", LIFTED, layer.s(), "pull" + l, h, len(layer),
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
        int l = layer.index();
        m.addStatement("$T.abT(n, $N, $N, 1f, $N, $N, $N, false)", Literals.GEMM, layer.units(), layer.fanIn(),
                "d" + (l - 1), layer.w(), "da" + l);
        if (layer.activation() != Activation.IDENTITY) {
            String[] box = InferenceCode.box(layer.activation());
            m.addStatement("$T.boxChange($N, $N, $N, $L, $L, $L)", InferenceCode.DEVIATIONS, layer.a(), "da" + l,
                    "df" + l, len(layer), box[0], box[1]);
        }
    }

    private MethodSpec fenchelErrors(NetPlan plan) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("fenchelErrors")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("The errors {@code e_k = f(a_k) − s_k = Δf_k − d_k} at the final states (methods.md §5).\n")
                .addParameter(int.class, "n");
        for (LayerPlan layer : plan.layers()) {
            int l = layer.index();
            m.addComment("layer $L: $L", l, layer.describe());
            if (l == 0) {
                m.addStatement("$T.scale(-1f, $N, $N, $L)", STATE, "d0", layer.e(), len(layer));
            } else {
                changes(m, plan, layer);
                m.addStatement("$T.difference($N, $N, $N, $L)", STATE, change(layer), "d" + l, layer.e(), len(layer));
            }
        }
        return m.build();
    }

    private MethodSpec weightGradients(NetPlan plan) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("weightGradients")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("The update (methods.md §5): {@code ∇W_{k−1} = (1/β) mean of e_k s_{k−1}ᵀ},\n"
                        + "{@code ∇b_{k−1} = (1/β) mean of e_k}, with the presynaptic state {@code s_{k−1} = s* + d}.\n")
                .addParameter(float[].class, "x")
                .addParameter(int.class, "n")
                .addStatement("float scale = 1f / (BETA * n)");
        for (LayerPlan layer : plan.layers()) {
            int l = layer.index();
            String input = layer.input();
            m.addComment("layer $L: $L", l, layer.describe());
            if (l > 0) {
                LayerPlan below = plan.layers().get(l - 1);
                input = "z" + (l - 1);
                m.addStatement("$T.sum($N, $N, $N, $L)", STATE, below.s(), "d" + (l - 1), input, len(below));
            }
            m.addStatement("$T.atB($N, $N, n, scale, $N, $N, $N, false)", Literals.GEMM, layer.units(),
                    layer.fanIn(), layer.e(), input, layer.gw());
            m.addStatement("$T.columnSums(n, $N, scale, $N, $N)", Literals.VECTORS, layer.units(), layer.e(),
                    layer.gb());
        }
        return m.build();
    }

    private MethodSpec energy(NetPlan plan) {
        LayerPlan out = plan.output();
        MethodSpec.Builder m = MethodSpec.methodBuilder("energy")
                .addModifiers(Modifier.PRIVATE)
                .returns(double.class)
                .addJavadoc("The batch-mean objective {@code ℓ(s_L) + (1/β) Σ_k D_G(s_k, a_k)} at the current states, for\n"
                        + "the listener.\n")
                .addParameter(InferenceCode.targetsType(plan), targets(plan))
                .addParameter(int.class, "n")
                .addStatement("$T.sum($N, $N, $N, $L)", STATE, out.s(), "d" + out.index(), "z" + out.index(), len(out))
                .addStatement("double loss = $L", InferenceCode.outputLoss(plan, "z" + out.index(), "pOut", "gOut"))
                .addStatement("double gap = $T.gapAtForward($N, $N, d0, $L)", LIFTED, plan.layers().get(0).a(),
                        plan.layers().get(0).s(), len(plan.layers().get(0)));
        for (LayerPlan layer : plan.layers()) {
            if (layer.index() == 0) {
                continue;
            }
            changes(m, plan, layer);
            m.addStatement("gap += $T.gap($N, $N, $N, $N, $N, $L)", LIFTED, layer.a(), layer.s(), "da" + layer.index(),
                    change(layer), "d" + layer.index(), len(layer));
        }
        return m.addStatement("return (loss + gap / BETA) / n").build();
    }
}
