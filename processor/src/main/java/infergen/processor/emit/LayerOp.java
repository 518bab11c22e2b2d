package infergen.processor.emit;

import com.palantir.javapoet.CodeBlock;
import infergen.processor.plan.LayerPlan;

/**
 * The linear map of one layer and what every rule needs of it, as code on a batch of {@code n} samples in scope.
 * Rules emit through this interface and never name a kernel; a layer kind (dense or conv) implements it with its
 * kernels. "In" is the layer's input side ({@code fanIn} wide), "out" its output side ({@code units} wide).
 */
interface LayerOp {

    /** The op of {@code layer}'s kind. */
    static LayerOp of(LayerPlan layer) {
        return layer.isConv() ? new ConvOp(layer) : new DenseOp(layer);
    }

    /** The forward pass {@code a = input·Wᵀ + b}, {@code s = f(a)}, with bias and activation fused. */
    CodeBlock forward();

    /** {@code out = in·Wᵀ} (or {@code +=} when {@code accumulate}): the map without its bias. */
    CodeBlock map(CharSequence in, CharSequence out, boolean accumulate);

    /** {@code out = in·Wᵀ + b}. */
    CodeBlock affine(CharSequence in, CharSequence out);

    /** {@code out = s − out − b}: the residual of the layer's state against a prediction {@code out = in·Wᵀ}. */
    CodeBlock residual(CharSequence s, CharSequence out);

    /** {@code out = scale · δ·W} (or {@code +=}): the adjoint, from the output side to the input side. */
    CodeBlock adjoint(String scale, CharSequence delta, CharSequence out, boolean accumulate);

    /**
     * The adjoint followed by back-propagation's step into the layer below, fused per column block:
     * {@code below.e = f'(below.a) ⊙ (δ·W)}.
     */
    CodeBlock adjointDerivative(CharSequence delta, LayerPlan below);

    /**
     * The adjoint followed by Fenchel back-propagation's step into the layer below, fused per column block:
     * {@code below.e = (f(a) − f(a − β·δ·W)) / β}.
     */
    CodeBlock adjointFenchel(CharSequence delta, LayerPlan below, String beta);

    /** {@code ∇W = scale · δᵀ·input} (or {@code +=}): the outer-product weight gradient summed over the batch. */
    CodeBlock weightGradient(String scale, CharSequence delta, CharSequence input, boolean accumulate);

    /**
     * {@code ∇W = δᵀ·input / n} with Adam's step on {@code W} fused into the same pass; the optimizer's fields
     * ({@code learningRate}, {@code beta1}, {@code beta2}, {@code epsilon}) and the bias corrections {@code bc1},
     * {@code bc2} are in scope.
     */
    CodeBlock weightGradientAdam(CharSequence delta, CharSequence input);

    /**
     * {@code ∇b = scale · Σ_samples δ}. A kind whose weight-gradient kernel also sums the bias gradient (a conv
     * layer's) computes it in {@link #weightGradient} (the non-accumulating call) and writes nothing here.
     */
    CodeBlock biasGradient(String scale, CharSequence delta);

    /** An expression for an estimate of {@code ‖W‖²} (spectral norm squared) by warm-started power iteration. */
    CodeBlock normSquared(String iterations);
}
