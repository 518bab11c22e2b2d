package infergen.processor.emit;

import static infergen.processor.emit.InferenceCode.STATE;
import static infergen.processor.emit.InferenceCode.len;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import infergen.annotations.Activation;
import infergen.processor.plan.LayerPlan;
import infergen.processor.plan.NetPlan;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The penalizer rules (methods.md §3 PCN, §4 MAC): lifted activities {@code s_k = s*_k + d_k}, started at the
 * forward pass ({@code d = 0}), relaxed by simultaneous gradient steps on
 * {@code Σ ½‖e_k‖² + (output term)} with the prediction error {@code e_k = s_k − f(a_k)}; then the local update
 * {@code ∇W_{k−1} = −scale · (f'(a_k) ⊙ e_k) s_{k−1}ᵀ}.
 *
 * <p>The states are kept as deviations {@code d} from the forward pass and the predictions as
 * {@code Δf = f(a* + Δa) − f(a*)} with {@code Δa = W d_{k−1}}, so that {@code e = d − Δf} is a difference of small
 * numbers computed first: at β = 1e-3 the errors are 1e-3 of the activities and would lose three digits in
 * float32 as differences of nearly equal states.
 *
 * <p>Buffers of layer {@code l}: {@code d<l>} (state deviation, lifted layers), {@code da<l>}, {@code df<l>}
 * (changes of pre-activation and prediction), {@code fp<l>} (slope {@code f'(a)}), {@code e<l>} (prediction error,
 * the skeleton's error buffer), {@code eps<l>} ({@code f'(a) ⊙ e}), {@code z<l>} (current activity).
 */
abstract class PenalizerEmitter implements RuleEmitter {

    /** PCN: the output is a state nudged by β ℓ; MAC: it is not lifted; FPA: its error is frozen. */
    abstract boolean outputIsState();

    /** The fixed-prediction assumption: predictions, slopes and output error stay at the forward pass. */
    abstract boolean frozen();

    /** The Javadoc of {@code backward}, naming the equations. */
    abstract String backwardDoc();

    /** {@code scale} of the update {@code ∇W = −scale · εᵀ·input / n}: "1f / BETA" or "MU". */
    abstract String updateScale();

    /** The update scale as it reads in Javadoc: "(1/β)" or "μ". */
    abstract String updateScaleDoc();

    /** Code in {@code predictionErrors} that sets the output error {@code e_L} when the output is not a state. */
    abstract CodeBlock outputError(NetPlan plan, LayerPlan out);

    /** The return statement of {@code energy}, from the summed {@code loss} and {@code penalty = ½Σ‖e‖²}. */
    abstract CodeBlock energyReturn();

    @Override
    public boolean backwardTakesTargets() {
        return !frozen();
    }

    boolean lifted(NetPlan plan, LayerPlan layer) {
        return !layer.last() || outputIsState();
    }

    /** Whether the prediction of the layer never moves: its input is clamped (layer 0) or predictions are frozen. */
    private boolean fixedPrediction(LayerPlan layer) {
        return frozen() || layer.index() == 0;
    }

    /** The buffer holding the prediction error {@code e_l}: the deviation itself where the prediction is fixed. */
    String error(NetPlan plan, LayerPlan layer) {
        return fixedPrediction(layer) && lifted(plan, layer) ? "d" + layer.index() : layer.e();
    }

    /** The buffer holding {@code ε_l = f'(a_l) ⊙ e_l}. */
    String eps(NetPlan plan, LayerPlan layer) {
        return layer.activation() == Activation.IDENTITY ? error(plan, layer) : "eps" + layer.index();
    }

    @Override
    public List<FieldSpec> buffers(NetPlan plan) {
        List<FieldSpec> fields = new ArrayList<>();
        for (LayerPlan layer : plan.layers()) {
            int l = layer.index();
            String u = layer.units();
            if (lifted(plan, layer)) {
                fields.add(InferenceCode.buffer("d" + l, u, "State deviation {@code s − s*} of layer " + l
                        + " from the forward pass."));
            }
            if (!fixedPrediction(layer)) {
                fields.add(InferenceCode.buffer("da" + l, u, "Change of the pre-activation of layer " + l
                        + ", {@code Δa = d_in·Wᵀ}."));
                if (layer.activation() != Activation.IDENTITY) {
                    fields.add(InferenceCode.buffer("df" + l, u, "Change of the prediction of layer " + l
                            + ", {@code Δf = f(a* + Δa) − f(a*)}."));
                }
            }
            if (layer.activation() != Activation.IDENTITY) {
                fields.add(InferenceCode.buffer("fp" + l, u, "Slope {@code f'(a)} of layer " + l
                        + (frozen() ? " at the forward pass." : " at the current state.")));
                fields.add(InferenceCode.buffer("eps" + l, u, "{@code ε = f'(a) ⊙ e} of layer " + l + "."));
            }
            if (!frozen()) {
                fields.add(InferenceCode.buffer("z" + l, u, "Current activity {@code s* + d} of layer " + l + "."));
            }
        }
        if (!frozen()) {
            if (plan.softmax()) {
                fields.add(InferenceCode.buffer("pOut", "OUTPUTS", "Softmax of the current output."));
            }
            fields.add(InferenceCode.buffer("gOut", "OUTPUTS", "Loss gradient {@code ∇ℓ} at the current output."));
        }
        fields.add(InferenceCode.listenerField());
        return fields;
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
            if (lifted(plan, layer)) {
                m.addStatement("$T.fill($N, 0, $L, 0f)", java.util.Arrays.class, "d" + layer.index(), len(layer));
            }
        }
        for (LayerPlan layer : plan.layers()) {
            if (layer.activation() != Activation.IDENTITY && fixedPrediction(layer)) {
                m.addComment("slope of layer $L at the forward pass", layer.index());
                m.addCode(InferenceCode.forwardSlope(layer, "fp" + layer.index()));
            }
        }
        if (frozen()) {
            LayerPlan out = plan.output();
            m.addComment("frozen output error e_L = −β ∇ℓ(s*_L) and ε_L = f'(a*_L) ⊙ e_L (methods.md §3, FPA)");
            m.addStatement("$T.scale(-BETA, $N, $N, $L)", STATE, out.e(), out.e(), len(out));
            if (out.activation() != Activation.IDENTITY) {
                m.addStatement("$T.product($N, $N, $N, $L)", STATE, "fp" + out.index(), out.e(), eps(plan, out),
                        len(out));
            }
        }
        m.beginControlFlow("for (int t = 0; t < STEPS; t++)")
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
    public List<MethodSpec> methods(NetPlan plan) {
        return List.of(predictionErrors(plan), relax(plan), weightGradients(plan), energy(plan),
                InferenceCode.listenerSetter("inference"));
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
            m.addJavadoc("Prediction errors with frozen predictions (methods.md §3, FPA): {@code e_k = d_k},\n"
                    + "{@code ε_k = f'(a*_k) ⊙ e_k}.\n");
        } else {
            m.returns(double.class)
                    .addJavadoc("Prediction errors at the current states (methods.md §3): {@code Δa_k = d_{k−1}·W_{k−1}ᵀ},\n"
                            + "{@code e_k = d_k − Δf_k}, {@code ε_k = f'(a_k) ⊙ e_k}; returns {@code Σ ℓ} at the current output.\n");
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
                String in = "d" + (l - 1);
                m.addStatement("$T.abT(n, $N, $N, 1f, $N, $N, $N, false)", Literals.GEMM, layer.units(),
                        layer.fanIn(), in, layer.w(), "da" + l);
                if (layer.activation() != Activation.IDENTITY) {
                    m.addStatement("$T.$L($N, $N, $N, $N, $L)", InferenceCode.DEVIATIONS,
                            InferenceCode.deviation(layer.activation()), layer.a(), "da" + l, "df" + l, "fp" + l,
                            len(layer));
                }
            }
            String change = layer.activation() == Activation.IDENTITY ? "da" + l : "df" + l;
            if (layer.last() && !frozen()) {
                String z = "z" + l;
                if (outputState) {
                    m.addComment("e_L = d_L − Δf_L; ∇ℓ at the output state s*_L + d_L");
                    m.addStatement("$T.difference($N, $N, $N, $L)", STATE, "d" + l, change, layer.e(), len(layer));
                    m.addStatement("$T.sum($N, $N, $N, $L)", STATE, layer.s(), "d" + l, z, len(layer));
                } else {
                    m.addComment("the output is not lifted: its activity is f(a* + Δa) = s* + Δf");
                    m.addStatement("$T.sum($N, $N, $N, $L)", STATE, layer.s(), change, z, len(layer));
                }
                m.addStatement("double loss = $L", InferenceCode.outputLoss(plan, z, "pOut", "gOut"));
                if (!outputState) {
                    m.addCode(outputError(plan, layer));
                }
            } else if (!fixedPrediction(layer)) {
                m.addComment("e = d − Δf");
                m.addStatement("$T.difference($N, $N, $N, $L)", STATE, "d" + l, change, layer.e(), len(layer));
            }
            if (layer.activation() != Activation.IDENTITY) {
                m.addStatement("$T.product($N, $N, $N, $L)", STATE, "fp" + l, error(plan, layer), eps(plan, layer),
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
                .addJavadoc("One simultaneous inference step {@code d_k −= RATE · ∂F/∂s_k} (methods.md §3):\n"
                        + "{@code ∂F/∂s_k = e_k − ε_{k+1}·W_k} below the output"
                        + (outputIsState() ? ", {@code ∂F/∂s_L = e_L + β ∇ℓ(s_L)} at it" : "") + ".\n")
                .addParameter(int.class, "n");
        List<LayerPlan> layers = plan.layers();
        for (LayerPlan layer : layers) {
            if (!lifted(plan, layer)) {
                continue;
            }
            int l = layer.index();
            String d = "d" + l;
            m.addComment("layer $L", l);
            if (frozen()) {
                m.addStatement("$T.axpy(-RATE, $N, $N, $L)", STATE, d, d, len(layer));
            } else {
                m.addStatement("$T.axpy(-RATE, $N, $N, $L)", STATE, error(plan, layer), d, len(layer));
            }
            if (layer.last()) {
                m.addStatement("$T.axpy(-RATE * BETA, gOut, $N, $L)", STATE, d, len(layer));
            } else {
                LayerPlan above = layers.get(l + 1);
                m.addStatement("$T.ab(n, $N, $N, RATE, $N, $N, $N, true)", Literals.GEMM, layer.units(),
                        above.units(), eps(plan, above), above.w(), d);
            }
        }
        return m.build();
    }

    private MethodSpec weightGradients(NetPlan plan) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("weightGradients")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("The local update (methods.md §$L): {@code ∇W_{k−1} = −$L · mean of ε_k s_{k−1}ᵀ},\n"
                        + "{@code ∇b_{k−1} = −$L · mean of ε_k}, with the $L presynaptic activity.\n",
                        this instanceof AuxiliaryCoordinatesEmitter ? "4" : "3", updateScaleDoc(), updateScaleDoc(),
                        frozen() ? "forward" : "relaxed")
                .addParameter(float[].class, "x")
                .addParameter(int.class, "n")
                .addStatement("float scale = -$L / n", updateScale());
        for (LayerPlan layer : plan.layers()) {
            int l = layer.index();
            String input = layer.input();
            m.addComment("layer $L: $L", l, layer.describe());
            if (l > 0 && !frozen()) {
                LayerPlan below = plan.layers().get(l - 1);
                input = "z" + (l - 1);
                m.addStatement("$T.sum($N, $N, $N, $L)", STATE, below.s(), "d" + (l - 1), input, len(below));
            }
            m.addStatement("$T.atB($N, $N, n, scale, $N, $N, $N, false)", Literals.GEMM, layer.units(),
                    layer.fanIn(), eps(plan, layer), input, layer.gw());
            m.addStatement("$T.columnSums(n, $N, scale, $N, $N)", Literals.VECTORS, layer.units(), eps(plan, layer),
                    layer.gb());
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
            if (!lifted(plan, layer) && !frozen()) {
                continue;
            }
            sum.add(first ? "" : "\n        + ");
            sum.add("$T.sumSquares($N, $L)", STATE, error(plan, layer), len(layer));
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
