package infergen.processor.emit;

import com.palantir.javapoet.CodeBlock;
import infergen.annotations.Activation;
import infergen.processor.plan.ConvPlan;
import infergen.processor.plan.LayerPlan;
import infergen.processor.plan.Role;

/**
 * A conv layer ({@code Conv2d} of the runtime): {@code a = pool(W ∗ s) + b}, {@code s' = f(a)}, on the layer's
 * {@code ConvShape} constant, with the shared im2col scratch and, for max-pooling, the layer's record of where each
 * window's maximum was. The weight-gradient kernel sums the bias gradient too. With MAX pooling, {@link #map} and
 * {@link #adjoint} select and route through the positions the last forward pass recorded: the map's derivative
 * there, which is what the rules that accept MAX pooling (back-propagation, Fenchel back-propagation, predictive
 * coding, MAC) relax through.
 */
final class ConvOp implements LayerOp {

    private final LayerPlan layer;
    private final ConvPlan conv;

    ConvOp(LayerPlan layer) {
        this.layer = layer;
        this.conv = layer.conv();
    }

    private CharSequence argmax() {
        return conv.argmax() == null ? "null" : conv.argmax();
    }

    @Override
    public CodeBlock forward() {
        return CodeBlock.of("$T.forward($N, n, $N, $N, $N, $N, $N, $T.$L, $L, $N, $N);\n", Literals.CONV2D,
                conv.constant(), layer.input(), layer.w(), layer.b(), layer.a(), layer.s(), Literals.NONLINEARITY,
                layer.activation().name(), argmax(), conv.columns(), conv.map());
    }

    @Override
    public CodeBlock map(CharSequence in, CharSequence out, boolean accumulate) {
        return CodeBlock.of("$T.map($N, n, $N, $N, $N, $L, $L, $N, $N);\n", Literals.CONV2D, conv.constant(), in,
                layer.w(), out, accumulate, argmax(), conv.columns(), conv.map());
    }

    @Override
    public CodeBlock affine(CharSequence in, CharSequence out) {
        return CodeBlock.builder()
                .add(map(in, out, false))
                .addStatement("$T.addBias($N, n, $N, $N)", Literals.CONV2D, conv.constant(), layer.b(), out)
                .build();
    }

    @Override
    public CodeBlock residual(CharSequence s, CharSequence out) {
        return CodeBlock.of("$T.residual($N, n, $N, $N, $N);\n", Literals.CONV2D, conv.constant(), s, out, layer.b());
    }

    @Override
    public CodeBlock adjoint(String scale, CharSequence delta, CharSequence out, boolean accumulate) {
        return CodeBlock.of("$T.adjoint($N, n, $N, $N, $L, $L, $N, $L, $N, $N);\n", Literals.CONV2D, conv.constant(),
                delta, layer.w(), argmax(), scale, out, accumulate, conv.columns(), conv.map());
    }

    @Override
    public CodeBlock adjointDerivative(CharSequence delta, LayerPlan below) {
        CodeBlock.Builder code = CodeBlock.builder().add(adjoint("1f", delta, below.e(), false));
        if (below.activation() != Activation.IDENTITY) {
            code.addStatement("$T.$LBackward($N, $N, $L)", Literals.ACTIVATIONS,
                    Literals.kernelName(below.activation()), Literals.derivativeInput(below), below.e(),
                    Literals.len(below));
        }
        return code.build();
    }

    @Override
    public CodeBlock adjointFenchel(CharSequence delta, LayerPlan below, String beta) {
        CodeBlock.Builder code = CodeBlock.builder().add(adjoint("1f", delta, below.e(), false));
        if (below.activation() != Activation.IDENTITY) {
            code.beginControlFlow("for (int i = 0; i < $L; i++)", Literals.len(below))
                    .addStatement("$N[i] = $T.$L($N[i], $N[i], $L)", below.e(), Literals.FENCHEL,
                            Literals.kernelName(below.activation()), below.a(), below.e(), beta)
                    .endControlFlow();
        }
        return code.build();
    }

    @Override
    public CodeBlock weightGradient(String scale, CharSequence delta, CharSequence input, boolean accumulate) {
        return CodeBlock.of("$T.weightGradient($N, n, $N, $N, $L, $L, $N, $L, $L, $N, $N);\n", Literals.CONV2D,
                conv.constant(), delta, input, argmax(), scale, layer.gw(), accumulate ? "null" : layer.gb(),
                accumulate, conv.columns(), conv.map());
    }

    @Override
    public CodeBlock weightGradientAdam(CharSequence delta, CharSequence input) {
        return CodeBlock.builder()
                .add(weightGradient("invN", delta, input, false))
                .addStatement("$T.adam($N, $N, $N, $N, $N.length, learningRate, beta1, beta2, epsilon, bc1, bc2)",
                        Literals.OPTIMIZERS, layer.w(), layer.gw(), layer.buffer(Role.MW), layer.buffer(Role.VW),
                        layer.w())
                .build();
    }

    @Override
    public CodeBlock biasGradient(String scale, CharSequence delta) {
        return CodeBlock.of("// (∇b came with ∇W: the conv kernel sums it on the way)\n");
    }

    @Override
    public CodeBlock normSquared(String iterations) {
        return CodeBlock.of("$T.normSquared($N, $N, $N, $N, $L, $N, $N)", Literals.CONV2D, conv.constant(), layer.w(),
                layer.buffer(Role.NU), layer.buffer(Role.NV), iterations, conv.columns(), conv.map());
    }
}
