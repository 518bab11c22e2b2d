package infergen.processor.emit;

import static infergen.processor.emit.InferenceCode.STATE;
import static infergen.processor.emit.Literals.len;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import infergen.annotations.Activation;
import infergen.processor.plan.Buffer;
import infergen.processor.plan.LayerPlan;
import infergen.processor.plan.NetPlan;
import infergen.processor.plan.Role;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The penalizer rules (docs/methods.md §3 PCN, §4 MAC): lifted activities {@code s_l = s*_l + d_l}, started at the
 * forward pass ({@code d = 0}), relaxed by simultaneous gradient steps on {@code Σ ½‖e_l‖² + (output term)} with the
 * prediction error {@code e_l = s_l − f(a_l)}; then the local update
 * {@code ∇W_l = −scale · (f'(a_l) ⊙ e_l) s_{l−1}ᵀ}.
 *
 * <p>The states are kept as deviations {@code d} from the forward pass and the predictions as
 * {@code Δf_l = f(a*_l + Δa_l) − f(a*_l)} with {@code Δa_l = d_{l−1}·W_lᵀ}, so that {@code e = d − Δf} is a difference of small
 * numbers computed first: at β = 1e-3 the errors are 1e-3 of the activities and would lose three digits in
 * float32 as differences of nearly equal states. The plan gives each layer exactly the buffers this needs.
 */
abstract class PenalizerEmitter implements RuleEmitter {

    /** PCN: the output is a state nudged by β ℓ; MAC: it is not lifted; FPA: its error is frozen. */
    abstract boolean outputIsState();

    /** The fixed-prediction assumption: predictions, slopes and output error stay at the forward pass. */
    abstract boolean frozen();

    /** The section of docs/methods.md that states the rule. */
    abstract String section();

    /** The Javadoc of {@code backward}, naming the equations. */
    abstract String backwardDoc();

    /** {@code scale} of the update {@code ∇W = −scale · εᵀ·input / n}: "1f / beta" or "mu". */
    abstract String updateScale();

    /** The update scale as it reads in Javadoc: "(1/β)" or "μ". */
    abstract String updateScaleDoc();

    /** Code in {@code predictionErrors} that sets the output error {@code e_out} when the output is not a state. */
    abstract CodeBlock outputError(NetPlan plan, LayerPlan out);

    /** The return statement of {@code energy}, from the summed {@code loss} and {@code penalty = ½Σ‖e‖²}. */
    abstract CodeBlock energyReturn();

    @Override
    public boolean backwardTakesTargets() {
        return !frozen();
    }

    @Override
    public List<FieldSpec> fields() {
        return List.of(InferenceCode.listenerField());
    }

    boolean lifted(LayerPlan layer) {
        return !layer.last() || outputIsState();
    }

    /** Whether the prediction of the layer never moves: its input is clamped (layer 0) or predictions are frozen. */
    private boolean fixedPrediction(LayerPlan layer) {
        return frozen() || layer.index() == 0;
    }

    /** The buffer holding the prediction error {@code e_l}: the deviation itself where the prediction is fixed. */
    private Buffer error(LayerPlan layer) {
        return fixedPrediction(layer) && lifted(layer) ? layer.buffer(Role.D) : layer.e();
    }

    /** The buffer holding {@code ε_l = f'(a_l) ⊙ e_l}. */
    private Buffer eps(LayerPlan layer) {
        return layer.activation() == Activation.IDENTITY ? error(layer) : layer.buffer(Role.EPS);
    }

    /** The change of the prediction: {@code Δa} for IDENTITY layers, {@code Δf} else. */
    private static Buffer change(LayerPlan layer) {
        return layer.buffer(layer.activation() == Activation.IDENTITY ? Role.DA : Role.DF);
    }

    @Override
    public MethodSpec backward(NetPlan plan) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("backward")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc(backwardDoc())
                .addParameter(float[].class, "x");
        if (backwardTakesTargets()) {
            m.addParameter(InferenceCode.targetsType(plan), InferenceCode.targetsName(plan));
        }
        m.addParameter(int.class, "n");
        String call = backwardTakesTargets() ? InferenceCode.targetsName(plan) + ", n" : "n";
        m.addComment("start at the forward pass: every state deviation is zero");
        for (LayerPlan layer : plan.layers()) {
            if (lifted(layer)) {
                m.addStatement("$T.fill($N, 0, $L, 0f)", java.util.Arrays.class, layer.buffer(Role.D), len(layer));
            }
        }
        for (LayerPlan layer : plan.layers()) {
            if (layer.activation() != Activation.IDENTITY && fixedPrediction(layer)) {
                m.addComment("slope of layer $L at the forward pass", layer.index());
                m.addCode(InferenceCode.forwardSlope(layer, layer.buffer(Role.FP)));
            }
        }
        if (frozen()) {
            LayerPlan out = plan.output();
            m.addComment("frozen output error e_out = −β ∇ℓ(s*_out) and ε_out = f'(a*_out) ⊙ e_out (docs/methods.md §3, FPA)");
            m.addStatement("$T.scale(-beta, $N, $N, $L)", STATE, out.e(), out.e(), len(out));
            if (out.activation() != Activation.IDENTITY) {
                m.addStatement("$T.product($N, $N, $N, $L)", STATE, out.buffer(Role.FP), out.e(), eps(out), len(out));
            }
        }
        m.beginControlFlow("for (int t = 0; t < steps; t++)")
                .addStatement("predictionErrors($L)", call)
                .addStatement("relax(n)")
                .beginControlFlow("if (listener != null)")
                .addStatement("listener.step($S, t, energy($L))", "inference", call)
                .endControlFlow()
                .endControlFlow()
                .addStatement("predictionErrors($L)", call)
                .addStatement("weightGradients(x, n)");
        return m.build();
    }

    @Override
    public List<MethodSpec> phases(NetPlan plan) {
        return List.of(predictionErrors(plan), relax(plan), weightGradients(plan), energy(plan));
    }

    @Override
    public List<MethodSpec> accessors(NetPlan plan) {
        return List.of(InferenceCode.listenerSetter("inference"));
    }

    private MethodSpec.Builder withTargets(String name, NetPlan plan) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE);
        if (backwardTakesTargets()) {
            m.addParameter(InferenceCode.targetsType(plan), InferenceCode.targetsName(plan));
        }
        return m.addParameter(int.class, "n");
    }

    private MethodSpec predictionErrors(NetPlan plan) {
        MethodSpec.Builder m = withTargets("predictionErrors", plan);
        if (frozen()) {
            m.addJavadoc("Prediction errors with frozen predictions (docs/methods.md §3, FPA): {@code e_l = d_l},\n"
                    + "{@code ε_l = f'(a*_l) ⊙ e_l}.\n");
        } else {
            m.returns(double.class)
                    .addJavadoc("Prediction errors at the current states (docs/methods.md §$L): {@code Δa_l = d_{l−1}·W_lᵀ},\n"
                            + "{@code e_l = d_l − Δf_l}, {@code ε_l = f'(a_l) ⊙ e_l}; returns {@code Σ ℓ} at the current output.\n",
                            section());
        }
        for (LayerPlan layer : plan.layers()) {
            int l = layer.index();
            boolean outputState = layer.last() && outputIsState();
            if (frozen() && layer.last()) {
                continue; // its error is frozen in backward
            }
            if (l > 0) {
                m.addCode("\n");
            }
            m.addComment("layer $L: $L", l, layer.describe());
            if (!fixedPrediction(layer)) {
                LayerPlan below = plan.layers().get(l - 1);
                m.addCode(LayerOp.of(layer).map(below.buffer(Role.D), layer.buffer(Role.DA), false));
                if (layer.activation() != Activation.IDENTITY) {
                    m.addStatement("$T.$L($N, $N, $N, $N, $L)", InferenceCode.DEVIATIONS,
                            Literals.kernelName(layer.activation()), layer.a(), layer.buffer(Role.DA),
                            layer.buffer(Role.DF), layer.buffer(Role.FP), len(layer));
                }
            }
            if (layer.last() && !frozen()) {
                Buffer z = layer.buffer(Role.Z);
                Buffer gOut = plan.shared(NetPlan.Shared.G_OUT);
                Buffer pOut = plan.softmax() ? plan.shared(NetPlan.Shared.P_OUT) : null;
                if (outputState) {
                    if (fixedPrediction(layer)) {
                        m.addComment("a single layer's prediction is fixed by the input: its error is d_out itself");
                    } else {
                        m.addComment("e_out = d_out − Δf_out; ∇ℓ at the output state s*_out + d_out");
                        m.addStatement("$T.difference($N, $N, $N, $L)", STATE, layer.buffer(Role.D), change(layer),
                                layer.e(), len(layer));
                    }
                    m.addStatement("$T.sum($N, $N, $N, $L)", STATE, layer.s(), layer.buffer(Role.D), z, len(layer));
                } else if (fixedPrediction(layer)) {
                    m.addComment("a single layer's prediction is fixed by the input: its activity stays s*");
                    m.addStatement("$T.arraycopy($N, 0, $N, 0, $L)", System.class, layer.s(), z, len(layer));
                } else {
                    m.addComment("the output is not lifted: its activity is f(a* + Δa) = s* + Δf");
                    m.addStatement("$T.sum($N, $N, $N, $L)", STATE, layer.s(), change(layer), z, len(layer));
                }
                m.addStatement("double loss = $L", InferenceCode.outputLoss(plan, z, pOut, gOut));
                if (!outputState) {
                    m.addCode(outputError(plan, layer));
                }
            } else if (!fixedPrediction(layer)) {
                m.addComment("e = d − Δf");
                m.addStatement("$T.difference($N, $N, $N, $L)", STATE, layer.buffer(Role.D), change(layer), layer.e(),
                        len(layer));
            }
            if (layer.activation() != Activation.IDENTITY) {
                m.addStatement("$T.product($N, $N, $N, $L)", STATE, layer.buffer(Role.FP), error(layer), eps(layer),
                        len(layer));
            }
        }
        if (!frozen()) {
            m.addStatement("return loss");
        }
        return m.build();
    }

    private MethodSpec relax(NetPlan plan) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("relax")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("One simultaneous inference step {@code d_l −= rate · ∂F/∂s_l} (docs/methods.md §$L):\n"
                        + "{@code ∂F/∂s_l = e_l − ε_{l+1}·W_{l+1}} below the output"
                        + (outputIsState() ? ", {@code ∂F/∂s_out = e_out + β ∇ℓ(s_out)} at it" : "") + ".\n", section())
                .addParameter(int.class, "n");
        List<LayerPlan> layers = plan.layers();
        for (LayerPlan layer : layers) {
            if (!lifted(layer)) {
                continue;
            }
            int l = layer.index();
            Buffer d = layer.buffer(Role.D);
            m.addComment("layer $L", l);
            m.addStatement("$T.axpy(-rate, $N, $N, $L)", STATE, frozen() ? d : error(layer), d, len(layer));
            if (layer.last()) {
                m.addStatement("$T.axpy(-rate * beta, $N, $N, $L)", STATE, plan.shared(NetPlan.Shared.G_OUT), d,
                        len(layer));
            } else {
                LayerPlan above = layers.get(l + 1);
                m.addCode(LayerOp.of(above).adjoint("rate", eps(above), d, true));
            }
        }
        return m.build();
    }

    private MethodSpec weightGradients(NetPlan plan) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("weightGradients")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("The local update (docs/methods.md §$L): {@code ∇W_l = −$L · mean of ε_l s_{l−1}ᵀ},\n"
                        + "{@code ∇b_l = −$L · mean of ε_l}, with the $L presynaptic activity.\n",
                        section(), updateScaleDoc(), updateScaleDoc(), frozen() ? "forward" : "relaxed")
                .addParameter(float[].class, "x")
                .addParameter(int.class, "n")
                .addStatement("float scale = -$L / n", updateScale());
        for (LayerPlan layer : plan.layers()) {
            int l = layer.index();
            CharSequence input = layer.input();
            m.addComment("layer $L: $L", l, layer.describe());
            if (l > 0 && !frozen()) {
                LayerPlan below = plan.layers().get(l - 1);
                input = below.buffer(Role.Z);
                m.addStatement("$T.sum($N, $N, $N, $L)", STATE, below.s(), below.buffer(Role.D), input, len(below));
            }
            LayerOp op = LayerOp.of(layer);
            m.addCode(op.weightGradient("scale", eps(layer), input, false));
            m.addCode(op.biasGradient("scale", eps(layer)));
        }
        return m.build();
    }

    private MethodSpec energy(NetPlan plan) {
        MethodSpec.Builder m = withTargets("energy", plan)
                .returns(double.class)
                .addJavadoc("The batch-mean energy at the current states, for the listener.\n");
        String call = backwardTakesTargets() ? InferenceCode.targetsName(plan) + ", n" : "n";
        if (frozen()) {
            m.addStatement("predictionErrors($L)", call);
        } else {
            m.addStatement("double loss = predictionErrors($L)", call);
        }
        CodeBlock.Builder sum = CodeBlock.builder();
        boolean first = true;
        for (LayerPlan layer : plan.layers()) {
            if (!lifted(layer) && !frozen()) {
                continue;
            }
            sum.add(first ? "" : "\n        + ");
            sum.add("$T.sumSquares($N, $L)", STATE, error(layer), len(layer));
            first = false;
        }
        if (first) {
            m.addStatement("double penalty = 0.0");
        } else {
            m.addStatement("double penalty = 0.5 * ($L)", sum.build());
        }
        m.addCode(energyReturn());
        return m.build();
    }
}
