package infergen.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import infergen.processor.plan.LayerPlan;
import infergen.processor.plan.Role;

/** A dense layer: {@code W} is {@code units × fanIn}, row-major; every map is one GEMM of the runtime. */
final class DenseOp implements LayerOp {

    private static final ClassName SPECTRAL = ClassName.get(Literals.KERNEL, "SpectralNorm");

    private final LayerPlan layer;

    DenseOp(LayerPlan layer) {
        this.layer = layer;
    }

    @Override
    public CodeBlock forward() {
        return CodeBlock.of("$T.abTBiasActivate(n, $N, $N, $N, $N, $N, $N, $N, $T.$L);\n", Literals.GEMM,
                layer.units(), layer.fanIn(), layer.input(), layer.w(), layer.b(), layer.a(), layer.s(),
                Literals.NONLINEARITY, layer.activation().name());
    }

    @Override
    public CodeBlock map(CharSequence in, CharSequence out, boolean accumulate) {
        return CodeBlock.of("$T.abT(n, $N, $N, 1f, $N, $N, $N, $L);\n", Literals.GEMM, layer.units(), layer.fanIn(),
                in, layer.w(), out, accumulate);
    }

    @Override
    public CodeBlock affine(CharSequence in, CharSequence out) {
        return CodeBlock.builder()
                .add(map(in, out, false))
                .addStatement("$T.addRowVector(n, $N, $N, $N)", Literals.VECTORS, layer.units(), layer.b(), out)
                .build();
    }

    @Override
    public CodeBlock residual(CharSequence s, CharSequence out) {
        return CodeBlock.of("$T.residual($N, $N, $N, n, $N, $N);\n", ContrastiveEmitter.CONTRASTIVE, s, out, layer.b(),
                layer.units(), out);
    }

    @Override
    public CodeBlock adjoint(String scale, CharSequence delta, CharSequence out, boolean accumulate) {
        return CodeBlock.of("$T.ab(n, $N, $N, $L, $N, $N, $N, $L);\n", Literals.GEMM, layer.fanIn(), layer.units(),
                scale, delta, layer.w(), out, accumulate);
    }

    @Override
    public CodeBlock adjointDerivative(CharSequence delta, LayerPlan below) {
        return CodeBlock.of("$T.abDerivative(n, $N, $N, $N, $N, $N, $N, $T.$L, $N);\n", Literals.GEMM, layer.fanIn(),
                layer.units(), delta, layer.w(), below.a(), below.s(), Literals.NONLINEARITY,
                below.activation().name(), below.e());
    }

    @Override
    public CodeBlock adjointFenchel(CharSequence delta, LayerPlan below, String beta) {
        return CodeBlock.of("$T.abFenchel(n, $N, $N, $N, $N, $N, $T.$L, $L, $N);\n", Literals.GEMM, layer.fanIn(),
                layer.units(), delta, layer.w(), below.a(), Literals.NONLINEARITY, below.activation().name(), beta,
                below.e());
    }

    @Override
    public CodeBlock weightGradient(String scale, CharSequence delta, CharSequence input, boolean accumulate) {
        return CodeBlock.of("$T.atB($N, $N, n, $L, $N, $N, $N, $L);\n", Literals.GEMM, layer.units(), layer.fanIn(),
                scale, delta, input, layer.gw(), accumulate);
    }

    @Override
    public CodeBlock weightGradientAdam(CharSequence delta, CharSequence input) {
        return CodeBlock.of("$T.atBAdam($N, $N, n, invN, $N, $N, $N, $N, $N, $N,$WlearningRate, beta1, "
                + "beta2, epsilon, bc1, bc2);\n", Literals.GEMM, layer.units(), layer.fanIn(), delta,
                input, layer.gw(), layer.w(), layer.buffer(Role.MW), layer.buffer(Role.VW));
    }

    @Override
    public CodeBlock biasGradient(String scale, CharSequence delta) {
        return CodeBlock.of("$T.columnSums(n, $N, $L, $N, $N);\n", Literals.VECTORS, layer.units(), scale, delta,
                layer.gb());
    }

    @Override
    public CodeBlock normSquared(String iterations) {
        return CodeBlock.of("$T.squared($N, $N, $N, $N, $N, $L)", SPECTRAL, layer.w(), layer.units(), layer.fanIn(),
                layer.buffer(Role.NU), layer.buffer(Role.NV), iterations);
    }
}
