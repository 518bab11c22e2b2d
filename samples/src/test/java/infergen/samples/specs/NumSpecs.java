package infergen.samples.specs;

import static infergen.annotations.Activation.HARD_SIGMOID;
import static infergen.annotations.Activation.HARD_TANH;
import static infergen.annotations.Activation.IDENTITY;
import static infergen.annotations.Activation.RELU;
import static infergen.annotations.Activation.SIGMOID;
import static infergen.annotations.Activation.TANH;
import static infergen.annotations.Init.GLOROT_UNIFORM;
import static infergen.annotations.Init.HE_UNIFORM;
import static infergen.annotations.Init.NEGATIVE_GLOROT_UNIFORM;
import static infergen.annotations.Loss.MEAN_SQUARED_ERROR;

import infergen.annotations.Adam;
import infergen.annotations.Backprop;
import infergen.annotations.Conv2d;
import infergen.annotations.Dense;
import infergen.annotations.FenchelBackprop;
import infergen.annotations.Network;
import infergen.annotations.Pool;
import infergen.annotations.Sgd;

/**
 * Small test specs for the numerical tests (docs/methods.md §10 uses 12-10-8-4 nets). Each nested interface generates a
 * top-level {@code <Name>Net} in this package. Naming: rule, hidden activation, loss, and for Fenchel BP β
 * ({@code 4} = 1e-4, {@code 05} = 0.5, {@code 2} = 2.0, ...).
 */
public final class NumSpecs {

    private NumSpecs() {
    }

    // ---- back-propagation, every hidden activation × loss (MSE nets have an identity output) ----

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = RELU) @Dense(units = 8, activation = RELU) @Dense(units = 4, activation = IDENTITY)
    @Backprop
    public interface BpReluMse { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = RELU) @Dense(units = 8, activation = RELU) @Dense(units = 4, activation = IDENTITY)
    @Backprop
    public interface BpReluCe { }

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = HARD_TANH) @Dense(units = 8, activation = HARD_TANH)
    @Dense(units = 4, activation = IDENTITY)
    @Backprop
    public interface BpHardTanhMse { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = HARD_TANH) @Dense(units = 8, activation = HARD_TANH)
    @Dense(units = 4, activation = IDENTITY)
    @Backprop
    public interface BpHardTanhCe { }

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = HARD_SIGMOID) @Dense(units = 8, activation = HARD_SIGMOID)
    @Dense(units = 4, activation = IDENTITY)
    @Backprop
    public interface BpHardSigmoidMse { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = HARD_SIGMOID) @Dense(units = 8, activation = HARD_SIGMOID)
    @Dense(units = 4, activation = IDENTITY)
    @Backprop
    public interface BpHardSigmoidCe { }

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = SIGMOID) @Dense(units = 8, activation = SIGMOID)
    @Dense(units = 4, activation = IDENTITY)
    @Backprop
    public interface BpSigmoidMse { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = SIGMOID) @Dense(units = 8, activation = SIGMOID)
    @Dense(units = 4, activation = IDENTITY)
    @Backprop
    public interface BpSigmoidCe { }

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = TANH) @Dense(units = 8, activation = TANH) @Dense(units = 4, activation = IDENTITY)
    @Backprop
    public interface BpTanhMse { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = TANH) @Dense(units = 8, activation = TANH) @Dense(units = 4, activation = IDENTITY)
    @Backprop
    public interface BpTanhCe { }

    /** MSE with a squashed (sigmoid) output layer: the output's f' must enter the error. */
    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = TANH) @Dense(units = 8, activation = RELU) @Dense(units = 4, activation = SIGMOID)
    @Backprop
    public interface BpSigmoidOutMse { }

    // ---- Fenchel BP at β = 1e-4 (limit case, §10) ----

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = RELU) @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 1e-4f)
    public interface FenReluMse4 { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = RELU) @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 1e-4f)
    public interface FenReluCe4 { }

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = HARD_TANH) @Dense(units = 8, activation = HARD_TANH)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 1e-4f)
    public interface FenHardTanhMse4 { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = HARD_TANH) @Dense(units = 8, activation = HARD_TANH)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 1e-4f)
    public interface FenHardTanhCe4 { }

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = HARD_SIGMOID) @Dense(units = 8, activation = HARD_SIGMOID)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 1e-4f)
    public interface FenHardSigmoidMse4 { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = HARD_SIGMOID) @Dense(units = 8, activation = HARD_SIGMOID)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 1e-4f)
    public interface FenHardSigmoidCe4 { }

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = SIGMOID) @Dense(units = 8, activation = SIGMOID)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 1e-4f)
    public interface FenSigmoidMse4 { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = SIGMOID) @Dense(units = 8, activation = SIGMOID)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 1e-4f)
    public interface FenSigmoidCe4 { }

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = TANH) @Dense(units = 8, activation = TANH)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 1e-4f)
    public interface FenTanhMse4 { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = TANH) @Dense(units = 8, activation = TANH)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 1e-4f)
    public interface FenTanhCe4 { }

    // ---- Fenchel BP at large β: 0.5 and 2.0 ----

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = RELU) @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 0.5f)
    public interface FenReluMse05 { }

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = RELU) @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 2.0f)
    public interface FenReluMse2 { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = RELU) @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 0.5f)
    public interface FenReluCe05 { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = RELU) @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 2.0f)
    public interface FenReluCe2 { }

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = HARD_TANH) @Dense(units = 8, activation = HARD_TANH)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 0.5f)
    public interface FenHardTanhMse05 { }

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = HARD_TANH) @Dense(units = 8, activation = HARD_TANH)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 2.0f)
    public interface FenHardTanhMse2 { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = HARD_TANH) @Dense(units = 8, activation = HARD_TANH)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 0.5f)
    public interface FenHardTanhCe05 { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = HARD_TANH) @Dense(units = 8, activation = HARD_TANH)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 2.0f)
    public interface FenHardTanhCe2 { }

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = HARD_SIGMOID) @Dense(units = 8, activation = HARD_SIGMOID)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 0.5f)
    public interface FenHardSigmoidMse05 { }

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = HARD_SIGMOID) @Dense(units = 8, activation = HARD_SIGMOID)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 2.0f)
    public interface FenHardSigmoidMse2 { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = HARD_SIGMOID) @Dense(units = 8, activation = HARD_SIGMOID)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 0.5f)
    public interface FenHardSigmoidCe05 { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = HARD_SIGMOID) @Dense(units = 8, activation = HARD_SIGMOID)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 2.0f)
    public interface FenHardSigmoidCe2 { }

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = SIGMOID) @Dense(units = 8, activation = SIGMOID)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 0.5f)
    public interface FenSigmoidMse05 { }

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = SIGMOID) @Dense(units = 8, activation = SIGMOID)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 2.0f)
    public interface FenSigmoidMse2 { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = SIGMOID) @Dense(units = 8, activation = SIGMOID)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 0.5f)
    public interface FenSigmoidCe05 { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = SIGMOID) @Dense(units = 8, activation = SIGMOID)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 2.0f)
    public interface FenSigmoidCe2 { }

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = TANH) @Dense(units = 8, activation = TANH)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 0.5f)
    public interface FenTanhMse05 { }

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = TANH) @Dense(units = 8, activation = TANH)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 2.0f)
    public interface FenTanhMse2 { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = TANH) @Dense(units = 8, activation = TANH)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 0.5f)
    public interface FenTanhCe05 { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = TANH) @Dense(units = 8, activation = TANH)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 2.0f)
    public interface FenTanhCe2 { }

    // ---- Remark 2 (β = 0.1) ----

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = RELU) @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 0.1f)
    public interface FenReluMse01 { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = TANH) @Dense(units = 8, activation = TANH)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 0.1f)
    public interface FenTanhCe01 { }

    // ---- softmax-Fenchel output ----

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = RELU) @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 0.5f, fenchelOutput = true)
    public interface FenOutReluCe05 { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = RELU) @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 1e-3f, fenchelOutput = true)
    public interface FenOutReluCe3 { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = TANH) @Dense(units = 8, activation = TANH)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 1e-3f, fenchelOutput = true)
    public interface FenOutTanhCe3 { }

    // ---- stable targets in float32 (β = 1e-6) ----

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = TANH) @Dense(units = 8, activation = TANH)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 1e-6f)
    public interface FenTanhMse6 { }

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = SIGMOID) @Dense(units = 8, activation = SIGMOID)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 1e-6f)
    public interface FenSigmoidMse6 { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = RELU) @Dense(units = 8, activation = RELU)
    @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 1e-6f, fenchelOutput = true)
    public interface FenOutReluCe6 { }

    /** Fenchel BP with a squashed output under MSE: the output layer gets its own target. */
    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = TANH) @Dense(units = 8, activation = RELU) @Dense(units = 4, activation = SIGMOID)
    @FenchelBackprop(beta = 0.5f)
    public interface FenSigmoidOutMse05 { }

    // ---- optimizers and determinism ----

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = TANH) @Dense(units = 8, activation = RELU) @Dense(units = 4, activation = IDENTITY)
    @Adam(learningRate = 0.05f, beta1 = 0.8f, beta2 = 0.99f, epsilon = 1e-6f)
    public interface AdamTanhCe { }

    @Network(inputs = 12, maxBatch = 8, loss = MEAN_SQUARED_ERROR)
    @Dense(units = 10, activation = SIGMOID) @Dense(units = 8, activation = RELU) @Dense(units = 4, activation = IDENTITY)
    @FenchelBackprop(beta = 0.5f)
    @Sgd(learningRate = 0.5f, momentum = 0.9f)
    public interface SgdMomentumFenMse { }

    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = RELU) @Dense(units = 8, activation = RELU) @Dense(units = 4, activation = IDENTITY)
    @Sgd(learningRate = 0.5f)
    public interface SgdReluCe { }

    /** One layer per init. */
    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = RELU, init = NEGATIVE_GLOROT_UNIFORM)
    @Dense(units = 8, activation = RELU, init = HE_UNIFORM)
    @Dense(units = 4, activation = IDENTITY, init = GLOROT_UNIFORM)
    public interface MixedInit { }

    /** {@link MixedInit} with a gain on every layer's init. */
    @Network(inputs = 12, maxBatch = 8)
    @Dense(units = 10, activation = RELU, init = NEGATIVE_GLOROT_UNIFORM, initGain = 0.5f)
    @Dense(units = 8, activation = RELU, init = HE_UNIFORM, initGain = 3f)
    @Dense(units = 4, activation = IDENTITY, init = GLOROT_UNIFORM, initGain = 0.3f)
    public interface MixedInitGain { }

    /** A small CNN, and the same with a gain on the conv layer's init. */
    @Network(inputShape = {2, 6, 6}, maxBatch = 4)
    @Conv2d(filters = 3, kernel = 3, pool = Pool.AVERAGE)
    @Dense(units = 4, activation = IDENTITY)
    public interface ConvInit { }

    /** {@link ConvInit} with {@code initGain = 0.3f} on the conv layer. */
    @Network(inputShape = {2, 6, 6}, maxBatch = 4)
    @Conv2d(filters = 3, kernel = 3, pool = Pool.AVERAGE, initGain = 0.3f)
    @Dense(units = 4, activation = IDENTITY)
    public interface ConvInitGain { }

    // ---- the paper's experiment (docs/methods.md §9): 784-256-128-64-10, negative init on the first layer ----

    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU) @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU) @Dense(units = 10, activation = IDENTITY)
    @Backprop
    @Adam(learningRate = 1e-3f)
    public interface PaperBp { }

    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU) @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU) @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 1e-2f)
    @Adam(learningRate = 1e-3f)
    public interface PaperFen { }

    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU, init = NEGATIVE_GLOROT_UNIFORM) @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU) @Dense(units = 10, activation = IDENTITY)
    @Backprop
    @Adam(learningRate = 1e-3f)
    public interface PaperNegBp { }

    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU, init = NEGATIVE_GLOROT_UNIFORM) @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU) @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 5f)
    @Adam(learningRate = 1e-3f)
    public interface PaperNegFen5 { }

    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU, init = NEGATIVE_GLOROT_UNIFORM) @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU) @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 50f)
    @Adam(learningRate = 1e-3f)
    public interface PaperNegFen50 { }

    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU, init = NEGATIVE_GLOROT_UNIFORM) @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU) @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 500f)
    @Adam(learningRate = 1e-3f)
    public interface PaperNegFen500 { }

    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU, init = NEGATIVE_GLOROT_UNIFORM) @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU) @Dense(units = 10, activation = IDENTITY)
    @FenchelBackprop(beta = 5000f)
    @Adam(learningRate = 1e-3f)
    public interface PaperNegFen5000 { }
}
