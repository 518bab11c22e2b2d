package infergen.runtime.kernel;

/**
 * The elementwise activation a fused GEMM entry point applies in its epilogue ({@link Gemm#abTBiasActivate},
 * {@link Gemm#abDerivative}, {@link Gemm#abFenchel}); the same functions, bit for bit, as {@link Activations} and
 * {@link FenchelTargets}.
 */
public enum Nonlinearity {
    IDENTITY, RELU, HARD_TANH, HARD_SIGMOID, SIGMOID, TANH
}
