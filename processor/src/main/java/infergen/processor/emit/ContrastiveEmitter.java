package infergen.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import infergen.annotations.Activation;
import infergen.processor.model.RuleSpec;
import infergen.processor.plan.LayerPlan;
import infergen.processor.plan.NetPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.Modifier;

/**
 * The contrastive rules (methods.md §6 CHL, §7 convex CHL, §8 EqProp): a free phase that relaxes the states to the
 * fixed point of the γ-feedback network, a clamped (nudged) phase computed as the difference {@code d = ŝ − š} to the
 * free state, and the update {@code −(γ^{k−L}/β)[(ŝ_k − š_k)ŝ_{k−1}ᵀ + š_k(ŝ_{k−1} − š_{k−1})ᵀ]} (CHL, EqProp) or
 * {@code −(γ^{k−L}/β)[(r̂_k − ř_k)ŝ_{k−1}ᵀ + ř_k(ŝ_{k−1} − š_{k−1})ᵀ]} (convex CHL), formed from the differences so
 * that float32 keeps their digits. EqProp is CHL with γ = 1, its own step counts and an optional centred estimate.
 */
final class ContrastiveEmitter implements RuleEmitter {

    private enum Kind { CHL, CONVEX, EQPROP }

    private static final ClassName LISTENER = ClassName.get(Literals.RUNTIME, "InferenceListener");
    private static final ClassName CONTRASTIVE = ClassName.get(Literals.KERNEL, "Contrastive");
    private static final ClassName ARRAYS = ClassName.get(java.util.Arrays.class);

    private final Kind kind;
    private final float gamma;
    private final float beta;
    private final int freeSteps;
    private final int clampedSteps;
    private final boolean hardClamp;
    private final boolean centered;

    private ContrastiveEmitter(Kind kind, float gamma, float beta, int freeSteps, int clampedSteps, boolean hardClamp,
            boolean centered) {
        this.kind = kind;
        this.gamma = gamma;
        this.beta = beta;
        this.freeSteps = freeSteps;
        this.clampedSteps = clampedSteps;
        this.hardClamp = hardClamp;
        this.centered = centered;
    }

    static ContrastiveEmitter chl(RuleSpec.ContrastiveHebbian r) {
        return new ContrastiveEmitter(Kind.CHL, r.gamma(), r.hardClamp() ? 1f : r.beta(), r.steps(), r.steps(),
                r.hardClamp(), false);
    }

    static ContrastiveEmitter convexChl(RuleSpec.ConvexContrastiveHebbian r) {
        return new ContrastiveEmitter(Kind.CONVEX, r.gamma(), r.beta(), r.steps(), r.steps(), false, false);
    }

    static ContrastiveEmitter eqProp(RuleSpec.EquilibriumPropagation r) {
        return new ContrastiveEmitter(Kind.EQPROP, 1f, r.beta(), r.freeSteps(), r.nudgedSteps(), false,
                r.centered());
    }

    @Override
    public String title() {
        return switch (kind) {
            case CHL -> "contrastive Hebbian learning, γ = " + gamma + (hardClamp ? ", hard clamp" : ", β = " + beta)
                    + ", " + freeSteps + " sweeps per phase";
            case CONVEX -> "convex contrastive Hebbian learning, γ = " + gamma + ", β = " + beta + ", " + freeSteps
                    + " sweeps per phase";
            case EQPROP -> "equilibrium propagation, β = " + beta + (centered ? " (centred)" : "") + ", "
                    + freeSteps + " free / " + clampedSteps + " nudged sweeps";
        };
    }

    private String clamped() {
        return kind == Kind.EQPROP ? "nudged" : "clamped";
    }

    @Override
    public boolean backwardTakesTargets() {
        return true;
    }

    @Override
    public List<FieldSpec> constants() {
        List<FieldSpec> fields = new ArrayList<>();
        if (kind != Kind.EQPROP) {
            fields.add(constant(float.class, "GAMMA", Literals.f(gamma), "Feedback strength γ (methods.md §"
                    + (kind == Kind.CHL ? "6" : "7") + ")."));
        }
        fields.add(constant(float.class, "BETA", Literals.f(beta), hardClamp
                ? "β = 1: the output is clamped hard to the target."
                : "Clamping (nudging) strength β of {@code β ℓ(s_L)}, per sample."));
        fields.add(constant(int.class, "FREE_STEPS", String.valueOf(freeSteps), "Relaxation sweeps of the free phase."));
        fields.add(constant(int.class, clamped().toUpperCase(Locale.ROOT) + "_STEPS", String.valueOf(clampedSteps),
                "Relaxation sweeps of the " + clamped() + " phase."));
        return fields;
    }

    /** The per-layer scale of the update, {@code −γ^{k−L}/β} with {@code k = l + 1} ({@code −1/(2β)} centred). */
    private float scale(NetPlan plan, LayerPlan layer) {
        int power = layer.index() + 1 - plan.layers().size();
        double value = -Math.pow(gamma, power) / beta;
        return (float) (centered ? value / 2 : value);
    }

    /** How {@link #scale} was formed, for the comment beside its literal: {@code −γ^-2 / β} and the like. */
    private String scaleFormula(NetPlan plan, LayerPlan layer) {
        int power = layer.index() + 1 - plan.layers().size();
        String numerator = kind == Kind.EQPROP || power == 0 ? "1" : "γ^" + power;
        return "−" + numerator + (centered ? " / (2β)" : " / β");
    }

    /** The energy weight {@code γ^{k−L}} of layer l. */
    private double energyWeight(NetPlan plan, LayerPlan layer) {
        return Math.pow(gamma, layer.index() + 1 - plan.layers().size());
    }

    @Override
    public List<FieldSpec> buffers(NetPlan plan) {
        List<FieldSpec> fields = new ArrayList<>();
        for (LayerPlan layer : plan.layers()) {
            int l = layer.index();
            String size = "MAX_BATCH * " + layer.units();
            fields.add(Literals.buffer(sf(layer), size, "Free-phase state š of layer " + l + "."));
            fields.add(Literals.buffer(u(layer), size, "Free-phase drive of layer " + l + " (the argument of its "
                    + (kind == Kind.CONVEX ? "projection" : "activation") + ")."));
            fields.add(Literals.buffer(d(layer), size, "The " + clamped() + "-minus-free state difference ŝ − š of layer "
                    + l + "."));
            fields.add(Literals.buffer(du(layer), size, "Scratch: the drive increment of layer " + l
                    + " in the " + clamped() + " phase, then the difference its update uses."));
            fields.add(Literals.buffer(sh(layer), size, "The " + clamped() + " state ŝ = š + d of layer " + l + "."));
            if (kind == Kind.CONVEX) {
                fields.add(Literals.buffer(ca(layer), size, "Free-phase pre-activation a = s_{l−1}·Wᵀ + b of layer " + l + "."));
                fields.add(Literals.buffer(res(layer), size, "Free-phase residual ř = š − a of layer " + l + "."));
                fields.add(Literals.buffer(dr(layer), size, "Scratch: a residual (difference) of layer " + l + "."));
            }
            if (centered) {
                fields.add(Literals.buffer(dp(layer), size, "The state difference of layer " + l + " nudged by +β."));
            }
        }
        fields.add(FieldSpec.builder(LISTENER, "listener", Modifier.PRIVATE)
                .addJavadoc("Receives the batch-mean energy of each sweep; null (no energies computed) by default.\n")
                .build());
        return fields;
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
        String phase = clamped() + "Phase";
        if (centered) {
            m.addStatement("$N($N, n, BETA)", phase, target(plan));
            for (LayerPlan layer : plan.layers()) {
                m.addStatement("$T.arraycopy($N, 0, $N, 0, $L)", System.class, d(layer), dp(layer), len(layer));
            }
            m.addStatement("$N($N, n, -BETA)", phase, target(plan));
        } else {
            m.addStatement("$N($N, n, BETA)", phase, target(plan));
        }
        m.addStatement("float invN = 1f / n");
        List<LayerPlan> layers = plan.layers();
        // differences D, the clamped (plus) states S⁺ and the free (minus) states S⁻ the update multiplies
        m.addCode("\n");
        if (kind == Kind.CONVEX) {
            m.addComment("Δr_k = r̂_k − ř_k = d_k − d_{k−1}·W_{k−1}ᵀ, and the clamped states ŝ = š + d");
            for (LayerPlan layer : layers) {
                int l = layer.index();
                if (l == 0) {
                    m.addStatement("$T.arraycopy($N, 0, $N, 0, $L)", System.class, d(layer), du(layer), len(layer));
                } else {
                    LayerPlan below = layers.get(l - 1);
                    m.addStatement("$T.abT(n, $N, $N, 1f, $N, $N, $N, false)", Literals.GEMM, layer.units(),
                            layer.fanIn(), d(below), layer.w(), du(layer));
                    m.addStatement("$T.subtract($N, $N, $N, $L)", CONTRASTIVE, d(layer), du(layer), du(layer),
                            len(layer));
                }
                if (!layer.last()) {
                    m.addStatement("$T.add($N, $N, $N, $L)", CONTRASTIVE, sf(layer), d(layer), sh(layer), len(layer));
                }
            }
        } else if (centered) {
            m.addComment("D = d⁺ − d⁻, s⁺ = š + d⁺, s⁻ = š + d⁻ (in place of d⁻)");
            for (LayerPlan layer : layers) {
                m.addStatement("$T.subtract($N, $N, $N, $L)", CONTRASTIVE, dp(layer), d(layer), du(layer), len(layer));
                m.addStatement("$T.add($N, $N, $N, $L)", CONTRASTIVE, sf(layer), dp(layer), sh(layer), len(layer));
                m.addStatement("$T.add($N, $N, $N, $L)", CONTRASTIVE, sf(layer), d(layer), d(layer), len(layer));
            }
        } else {
            m.addComment("the clamped states ŝ = š + d of the hidden layers");
            for (LayerPlan layer : layers) {
                if (!layer.last()) {
                    m.addStatement("$T.add($N, $N, $N, $L)", CONTRASTIVE, sf(layer), d(layer), sh(layer), len(layer));
                }
            }
        }
        for (int l = layers.size() - 1; l >= 0; l--) {
            LayerPlan layer = layers.get(l);
            m.addCode("\n");
            m.addComment("layer $L: $L", l, layer.describe());
            String diff;
            String second;
            String secondDiff = l > 0 ? (kind == Kind.CONVEX ? d(layers.get(l - 1))
                    : centered ? du(layers.get(l - 1)) : d(layers.get(l - 1))) : null;
            if (kind == Kind.CONVEX) {
                diff = du(layer);
                second = res(layer);
                m.addComment("∇W = −(γ^{k−L}/β)[Δr_k ŝ_{k−1}ᵀ + ř_k (ŝ_{k−1} − š_{k−1})ᵀ] / n, ∇b = −(γ^{k−L}/β) mean Δr_k");
            } else if (centered) {
                diff = du(layer);
                second = d(layer);
                m.addComment("∇W = −(1/2β)[(s⁺_k − s⁻_k) s⁺_{k−1}ᵀ + s⁻_k (s⁺_{k−1} − s⁻_{k−1})ᵀ] / n");
            } else {
                diff = d(layer);
                second = sf(layer);
                m.addComment(kind == Kind.EQPROP
                        ? "∇W = −(1/β)[(ŝ_k − š_k) ŝ_{k−1}ᵀ + š_k (ŝ_{k−1} − š_{k−1})ᵀ] / n"
                        : "∇W = −(γ^{k−L}/β)[(ŝ_k − š_k) ŝ_{k−1}ᵀ + š_k (ŝ_{k−1} − š_{k−1})ᵀ] / n");
            }
            m.addCode("float alpha$L = $L * invN; // $L\n", l, Literals.f(scale(plan, layer)), scaleFormula(plan, layer));
            String presyn = l == 0 ? "x" : sh(layers.get(l - 1));
            m.addStatement("$T.atB($N, $N, n, alpha$L, $N, $N, $N, false)", Literals.GEMM, layer.units(), layer.fanIn(),
                    l, diff, presyn, layer.gw());
            if (l > 0) {
                m.addStatement("$T.atB($N, $N, n, alpha$L, $N, $N, $N, true)", Literals.GEMM, layer.units(),
                        layer.fanIn(), l, second, secondDiff, layer.gw());
            }
            m.addStatement("$T.columnSums(n, $N, alpha$L, $N, $N)", Literals.VECTORS, layer.units(), l, diff,
                    layer.gb());
        }
        return m.build();
    }

    private String backwardDoc() {
        return switch (kind) {
            case CHL -> "Contrastive Hebbian learning (methods.md §6): the free phase, the "
                    + (hardClamp ? "hard-clamped ({@code s_L = y})" : "soft-clamped") + " phase, then\n"
                    + "{@code ∇W_{k−1} = −(γ^{k−L}/β)(ŝ_k ŝ_{k−1}ᵀ − š_k š_{k−1}ᵀ)}, formed from the state differences, the\n"
                    + "batch mean.\n";
            case CONVEX -> "Convex contrastive Hebbian learning (methods.md §7): the free and the clamped phase, then\n"
                    + "{@code ∇W_{k−1} = −(γ^{k−L}/β)(r̂_k ŝ_{k−1}ᵀ − ř_k š_{k−1}ᵀ)}, formed from the differences, the batch\n"
                    + "mean.\n";
            case EQPROP -> "Equilibrium propagation (methods.md §8): the free phase, the nudged phase"
                    + (centered ? "s with ±β" : "") + ", then\n"
                    + (centered ? "{@code ∇W_{k−1} = −(1/2β)(s⁺_k s⁺_{k−1}ᵀ − s⁻_k s⁻_{k−1}ᵀ)}"
                            : "{@code ∇W_{k−1} = −(1/β)(ŝ_k ŝ_{k−1}ᵀ − š_k š_{k−1}ᵀ)}")
                    + ", formed from the state differences, the batch mean.\n";
        };
    }

    @Override
    public List<MethodSpec> methods(NetPlan plan) {
        return List.of(freePhase(plan), clampedPhase(plan), energy(plan), setListener());
    }

    private MethodSpec setListener() {
        return MethodSpec.methodBuilder("setInferenceListener")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Reports the batch-mean energy after every sweep of each phase to {@code listener}\n"
                        + "({@code \"free\"}, {@code \"" + clamped() + "\"}); {@code null} turns the reports, and their cost, off.\n")
                .addParameter(LISTENER, "listener")
                .addStatement("this.listener = listener")
                .build();
    }

    private MethodSpec freePhase(NetPlan plan) {
        List<LayerPlan> layers = plan.layers();
        MethodSpec.Builder m = MethodSpec.methodBuilder("freePhase")
                .addModifiers(Modifier.PRIVATE)
                .addParameter(targetType(plan), target(plan))
                .addParameter(int.class, "n");
        if (kind == Kind.CONVEX) {
            m.addJavadoc("Free phase (methods.md §7): block-coordinate projected-gradient sweeps, bottom-up, on\n"
                    + "{@code Σ_k γ^{k−L}[½‖s_k − a_k‖² + ι_C(s_k)]}: {@code s_k = Π_C(a_k + γ r_{k+1}·W_k)} with the\n"
                    + "residual {@code r_{k+1} = s_{k+1} − s_k·W_kᵀ − b_k}; from the forward pass.\n");
        } else {
            m.addJavadoc("Free phase (methods.md §" + (kind == Kind.CHL ? "6" : "8") + "): Gauss-Seidel sweeps, bottom-up, of\n"
                    + (kind == Kind.CHL ? "{@code s_k = f(s_{k−1}·W_{k−1}ᵀ + b_{k−1} + γ s_{k+1}·W_k)}"
                            : "{@code s_k = ρ(s_{k−1}·W_{k−1}ᵀ + b_{k−1} + s_{k+1}·W_k)}")
                    + ", from the forward pass.\n");
        }
        m.addComment("start from the forward pass");
        for (LayerPlan layer : layers) {
            m.addStatement("$T.arraycopy($N, 0, $N, 0, $L)", System.class, layer.s(), sf(layer), len(layer));
        }
        if (kind == Kind.CONVEX) {
            m.addStatement("$T.arraycopy($N, 0, $N, 0, $L)", System.class, layers.get(0).a(), ca(layers.get(0)),
                    len(layers.get(0)));
        }
        m.beginControlFlow("for (int step = 0; step < FREE_STEPS; step++)");
        for (LayerPlan layer : layers) {
            int l = layer.index();
            LayerPlan above = layer.last() ? null : layers.get(l + 1);
            if (kind == Kind.CONVEX) {
                if (l > 0) {
                    m.addComment("a_$L = s_$L·Wᵀ + b", l, l - 1);
                    m.addStatement("$T.abT(n, $N, $N, 1f, $N, $N, $N, false)", Literals.GEMM, layer.units(),
                            layer.fanIn(), sf(layers.get(l - 1)), layer.w(), ca(layer));
                    m.addStatement("$T.addRowVector(n, $N, $N, $N)", Literals.VECTORS, layer.units(), layer.b(),
                            ca(layer));
                }
                m.addStatement("$T.arraycopy($N, 0, $N, 0, $L)", System.class, ca(layer), u(layer), len(layer));
                if (above != null) {
                    m.addComment("u_$L = a_$L + γ r_$L·W_$L, r_$L = s_$L − s_$L·W_$Lᵀ − b_$L", l, l, l + 1, l + 1,
                            l + 1, l + 1, l, l + 1, l + 1);
                    m.addStatement("$T.abT(n, $N, $N, 1f, $N, $N, $N, false)", Literals.GEMM, above.units(),
                            above.fanIn(), sf(layer), above.w(), dr(above));
                    m.addStatement("$T.residual($N, $N, $N, n, $N, $N)", CONTRASTIVE, sf(above), dr(above), above.b(),
                            above.units(), dr(above));
                    m.addStatement("$T.ab(n, $N, $N, GAMMA, $N, $N, $N, true)", Literals.GEMM, layer.units(),
                            above.units(), dr(above), above.w(), u(layer));
                }
            } else {
                if (l == 0) {
                    m.addComment("u_0 = a_0 (x·W_0ᵀ + b_0 from the forward pass)$L", above != null
                            ? (kind == Kind.CHL ? " + γ s_1·W_1" : " + s_1·W_1") : "");
                    m.addStatement("$T.arraycopy($N, 0, $N, 0, $L)", System.class, layer.a(), u(layer), len(layer));
                } else {
                    m.addComment("u_$L = s_$L·W_$Lᵀ + b_$L$L", l, l - 1, l, l, above != null
                            ? (kind == Kind.CHL ? " + γ s_" + (l + 1) + "·W_" + (l + 1) : " + s_" + (l + 1) + "·W_" + (l + 1))
                            : "");
                    m.addStatement("$T.abT(n, $N, $N, 1f, $N, $N, $N, false)", Literals.GEMM, layer.units(),
                            layer.fanIn(), sf(layers.get(l - 1)), layer.w(), u(layer));
                    m.addStatement("$T.addRowVector(n, $N, $N, $N)", Literals.VECTORS, layer.units(), layer.b(),
                            u(layer));
                }
                if (above != null) {
                    m.addStatement("$T.ab(n, $N, $N, $L, $N, $N, $N, true)", Literals.GEMM, layer.units(),
                            above.units(), kind == Kind.CHL ? "GAMMA" : "1f", sf(above), above.w(), u(layer));
                }
            }
            m.addCode(activate(layer));
        }
        m.beginControlFlow("if (listener != null)")
                .addStatement("listener.step($S, step, energy($N, n, 0f, false))", "free", target(plan))
                .endControlFlow();
        m.endControlFlow();
        if (kind == Kind.CONVEX) {
            m.addComment("the free residuals ř = š − a");
            for (LayerPlan layer : layers) {
                m.addStatement("$T.subtract($N, $N, $N, $L)", CONTRASTIVE, sf(layer), ca(layer), res(layer),
                        len(layer));
            }
        }
        return m.build();
    }

    private MethodSpec clampedPhase(NetPlan plan) {
        List<LayerPlan> layers = plan.layers();
        MethodSpec.Builder m = MethodSpec.methodBuilder(clamped() + "Phase")
                .addModifiers(Modifier.PRIVATE)
                .addParameter(targetType(plan), target(plan))
                .addParameter(int.class, "n")
                .addParameter(float.class, "beta");
        m.addJavadoc("The $L phase as the difference {@code d = ŝ − š} to the free state: top-down sweeps of\n",
                clamped());
        if (kind == Kind.CONVEX) {
            m.addJavadoc("{@code d_k = Π_C(u_k + Δu_k) − Π_C(u_k)} with {@code Δu_k = d_{k−1}·W_{k−1}ᵀ + γ Δr_{k+1}·W_k} and\n"
                    + "{@code Δr_{k+1} = d_{k+1} − d_k·W_kᵀ} (methods.md §7);\n");
        } else {
            m.addJavadoc("{@code d_k = f(u_k + Δu_k) − f(u_k)} with {@code Δu_k = d_{k−1}·W_{k−1}ᵀ + "
                    + (kind == Kind.CHL ? "γ " : "") + "d_{k+1}·W_k} (methods.md §" + (kind == Kind.CHL ? "6" : "8")
                    + "),\n");
        }
        m.addJavadoc("evaluated without cancellation, so that the differences keep their digits in float32. The output\n");
        m.addJavadoc(hardClamp ? "is clamped hard, {@code ŝ_L = y}.\n"
                : plan.softmax() ? "is nudged by {@code −β(softmax(ŝ_L) − y)} at the current state.\n"
                        : "minimises {@code β ℓ(s_L)} plus its energy.\n");
        for (LayerPlan layer : layers) {
            m.addStatement("$T.fill($N, 0, $L, 0f)", ARRAYS, d(layer), len(layer));
        }
        String upper = clamped().toUpperCase(Locale.ROOT) + "_STEPS";
        m.beginControlFlow("for (int step = 0; step < $L; step++)", upper);
        for (int l = layers.size() - 1; l >= 0; l--) {
            LayerPlan layer = layers.get(l);
            LayerPlan above = layer.last() ? null : layers.get(l + 1);
            LayerPlan below = l == 0 ? null : layers.get(l - 1);
            String fromAbove = above == null ? ""
                    : kind == Kind.CONVEX ? "γ Δr_" + (l + 1) + "·W_" + (l + 1)
                    : kind == Kind.CHL ? "γ d_" + (l + 1) + "·W_" + (l + 1) : "d_" + (l + 1) + "·W_" + (l + 1);
            String fromBelow = below == null ? "" : "d_" + (l - 1) + "·W_" + l + "ᵀ";
            m.addComment("layer $L: Δu = $L", l, fromBelow.isEmpty() ? (fromAbove.isEmpty() ? "0" : fromAbove)
                    : fromAbove.isEmpty() ? fromBelow : fromBelow + " + " + fromAbove);
            if (below != null) {
                m.addStatement("$T.abT(n, $N, $N, 1f, $N, $N, $N, false)", Literals.GEMM, layer.units(), layer.fanIn(),
                        d(below), layer.w(), du(layer));
            } else if (above == null) {
                m.addStatement("$T.fill($N, 0, $L, 0f)", ARRAYS, du(layer), len(layer));
            }
            if (above != null) {
                String from = d(above);
                if (kind == Kind.CONVEX) {
                    m.addStatement("$T.abT(n, $N, $N, 1f, $N, $N, $N, false)", Literals.GEMM, above.units(),
                            above.fanIn(), d(layer), above.w(), dr(above));
                    m.addStatement("$T.subtract($N, $N, $N, $L)", CONTRASTIVE, d(above), dr(above), dr(above),
                            len(above));
                    from = dr(above);
                }
                m.addStatement("$T.ab(n, $N, $N, $L, $N, $N, $N, $L)", Literals.GEMM, layer.units(), above.units(),
                        kind == Kind.EQPROP ? "1f" : "GAMMA", from, above.w(), du(layer), below != null);
                m.addCode(delta(layer));
            } else {
                m.addCode(output(plan, layer));
            }
        }
        m.beginControlFlow("if (listener != null)")
                .addStatement("listener.step($S, step, energy($N, n, $L, true))", clamped(), target(plan),
                        hardClamp ? "0f" : "beta")
                .endControlFlow();
        m.endControlFlow();
        return m.build();
    }

    private CodeBlock output(NetPlan plan, LayerPlan out) {
        CodeBlock.Builder c = CodeBlock.builder();
        if (hardClamp) {
            return c.add("// hard clamp: ŝ_L = y\n")
                    .addStatement("$T.hardClamp($N, $N, $N, $L)", CONTRASTIVE, sf(out), target(plan), d(out), len(out))
                    .build();
        }
        if (plan.softmax()) {
            return c.add("// nudge: d_L = Δa_L − β(softmax(š_L + d_L) − y)\n")
                    .addStatement("$T.nudgeSoftmax($N, $N, $N, n, OUTPUTS, beta, $N)", CONTRASTIVE, sf(out), du(out),
                            target(plan), d(out))
                    .build();
        }
        if (smooth(out.activation())) {
            c.add("// nudge: ŝ_L = f(â_L − β(ŝ_L − y)) at the current state\n")
                    .addStatement("$T.nudgeSquaredErrorSmooth($N, $N, $N, beta, $N, $L)", CONTRASTIVE, sf(out), d(out),
                            target(plan), du(out), len(out));
        } else {
            c.add("// clamp: ŝ_L = f((â_L + βy)/(1 + β)), the minimiser of β½‖s − y‖² + ½‖s − â_L‖² over the box\n")
                    .addStatement("$T.nudgeSquaredError($N, $N, beta, $N, $L)", CONTRASTIVE, u(out), target(plan),
                            du(out), len(out));
        }
        return c.add(delta(out)).build();
    }

    private MethodSpec energy(NetPlan plan) {
        List<LayerPlan> layers = plan.layers();
        MethodSpec.Builder m = MethodSpec.methodBuilder("energy")
                .addModifiers(Modifier.PRIVATE)
                .returns(double.class)
                .addParameter(targetType(plan), target(plan))
                .addParameter(int.class, "n")
                .addParameter(float.class, "beta")
                .addParameter(boolean.class, "clamped");
        if (kind == Kind.CONVEX) {
            m.addJavadoc("The batch-mean energy {@code Σ_k γ^{k−L} ½‖s_k − a_k‖² + β ℓ(s_L)} (methods.md §7) of the\n"
                    + "free or the clamped states; only for the listener.\n");
        } else {
            m.addJavadoc("The batch-mean energy {@code Σ_k $L[G(s_k) − s_k·a_k] + β ℓ(s_L)} (methods.md §$L) of the\n"
                    + "free or the $L states; only for the listener.\n", kind == Kind.CHL ? "γ^{k−L}" : "",
                    kind == Kind.CHL ? "6" : "8", clamped());
        }
        m.addStatement("double e = 0.0");
        for (LayerPlan layer : layers) {
            m.addStatement("float[] state$L = $N", layer.index(), sf(layer));
        }
        m.beginControlFlow("if (clamped)");
        for (LayerPlan layer : layers) {
            m.addStatement("$T.add($N, $N, $N, $L)", CONTRASTIVE, sf(layer), d(layer), sh(layer), len(layer));
            m.addStatement("state$L = $N", layer.index(), sh(layer));
        }
        m.endControlFlow();
        for (LayerPlan layer : layers) {
            int l = layer.index();
            String a = layer.a();
            if (l > 0) {
                m.addStatement("$T.abT(n, $N, $N, 1f, state$L, $N, $N, false)", Literals.GEMM, layer.units(),
                        layer.fanIn(), l - 1, layer.w(), du(layer));
                m.addStatement("$T.addRowVector(n, $N, $N, $N)", Literals.VECTORS, layer.units(), layer.b(), du(layer));
                a = du(layer);
            }
            String weight = Double.toString(energyWeight(plan, layer));
            if (kind == Kind.CONVEX) {
                m.addStatement("e += $L * $T.halfSquaredDistance(state$L, $N, $L)", weight, CONTRASTIVE, l, a,
                        len(layer));
            } else {
                String g = smooth(layer.activation())
                        ? (layer.activation() == Activation.SIGMOID ? "sigmoidG" : "tanhG") : "quadraticG";
                m.addStatement("e += $L * ($T.$L(state$L, $L) - $T.dot(state$L, $N, $L))", weight, CONTRASTIVE, g, l,
                        len(layer), CONTRASTIVE, l, a, len(layer));
            }
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
    private CodeBlock activate(LayerPlan layer) {
        if (layer.activation() == Activation.IDENTITY) {
            return CodeBlock.builder()
                    .addStatement("$T.arraycopy($N, 0, $N, 0, $L)", System.class, u(layer), sf(layer), len(layer))
                    .build();
        }
        return CodeBlock.builder()
                .addStatement("$T.$L($N, $N, $L)", Literals.ACTIVATIONS, Literals.kernelName(layer.activation()), u(layer),
                        sf(layer), len(layer))
                .build();
    }

    /** {@code d = f(u + Δu) − f(u)}, without cancellation. */
    private CodeBlock delta(LayerPlan layer) {
        if (layer.activation() == Activation.IDENTITY) {
            return CodeBlock.builder()
                    .addStatement("$T.arraycopy($N, 0, $N, 0, $L)", System.class, du(layer), d(layer), len(layer))
                    .build();
        }
        return CodeBlock.builder()
                .addStatement("$T.$LDelta($N, $N, $N, $L)", CONTRASTIVE, Literals.kernelName(layer.activation()), u(layer),
                        du(layer), d(layer), len(layer))
                .build();
    }

    private static boolean smooth(Activation f) {
        return f == Activation.SIGMOID || f == Activation.TANH;
    }

    private static TypeName targetType(NetPlan plan) {
        return plan.softmax() ? TypeName.get(int[].class) : TypeName.get(float[].class);
    }

    private static String target(NetPlan plan) {
        return plan.softmax() ? "labels" : "targets";
    }

    private static CodeBlock len(LayerPlan layer) {
        return CodeBlock.of("n * $N", layer.units());
    }

    private static String sf(LayerPlan l) {
        return "sf" + l.index();
    }

    private static String u(LayerPlan l) {
        return "u" + l.index();
    }

    private static String d(LayerPlan l) {
        return "d" + l.index();
    }

    private static String du(LayerPlan l) {
        return "du" + l.index();
    }

    private static String sh(LayerPlan l) {
        return "sh" + l.index();
    }

    private static String ca(LayerPlan l) {
        return "ca" + l.index();
    }

    private static String res(LayerPlan l) {
        return "res" + l.index();
    }

    private static String dr(LayerPlan l) {
        return "dr" + l.index();
    }

    private static String dp(LayerPlan l) {
        return "dp" + l.index();
    }

    private static FieldSpec constant(Class<?> type, String name, String value, String doc) {
        return FieldSpec.builder(type, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(doc + "\n")
                .initializer("$L", value)
                .build();
    }
}
