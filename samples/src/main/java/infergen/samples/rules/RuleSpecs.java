package infergen.samples.rules;

import static infergen.annotations.Activation.IDENTITY;
import static infergen.annotations.Activation.RELU;
import static infergen.annotations.Activation.SIGMOID;

import infergen.annotations.Adam;
import infergen.annotations.AuxiliaryCoordinates;
import infergen.annotations.Backprop;
import infergen.annotations.ContrastiveHebbian;
import infergen.annotations.ConvexContrastiveHebbian;
import infergen.annotations.Dense;
import infergen.annotations.EquilibriumPropagation;
import infergen.annotations.LiftedProximal;
import infergen.annotations.Network;
import infergen.annotations.PredictiveCoding;

/**
 * One spec per learning rule for the README's "Inference-learning rules" table, the training tests and
 * {@code RuleStepBench}: the paper's 784-256-128-64-10 ReLU MLP, softmax cross-entropy, Adam 1e-3, maxBatch 50, at
 * settings that train well (not at the BP-like limit settings of the limit tests). EqProp uses 784-256-10 with a
 * sigmoid hidden layer, as Scellier &amp; Bengio and Laborieux et al. do: its relaxation needs a bounded activation.
 */
public final class RuleSpecs {

    private RuleSpecs() {
    }

    /** Back-propagation, the reference. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @Backprop
    @Adam(learningRate = 1e-3f)
    public interface RulesBp {
    }

    /**
     * Predictive coding: β = 0.1, 20 inference steps of rate 0.05. At rate 0.1 training blows up in the third or
     * fourth epoch on full Fashion-MNIST: the simultaneous gradient steps on s_k are stable only while
     * rate·(1 + ‖W_k‖²·f'²) &lt; 2, and ‖W_k‖ grows during training (to about 4.4 for the 128×256 layer by then).
     */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @PredictiveCoding(beta = 0.1f, steps = 20, rate = 0.05f)
    @Adam(learningRate = 1e-3f)
    public interface RulesPcn {
    }

    /** Method of auxiliary coordinates: μ = 10, 20 Z-steps of rate 0.05/μ (0.1 blows up like PCN's, see there). */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @AuxiliaryCoordinates(mu = 10f, steps = 20, rate = 0.05f)
    @Adam(learningRate = 1e-3f)
    public interface RulesMac {
    }

    /** LPOM / Fenchel lifted network: β = 0.1, 5 top-down sweeps of 5 FISTA steps. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @LiftedProximal(beta = 0.1f, sweeps = 5, innerSteps = 5)
    @Adam(learningRate = 1e-3f)
    public interface RulesLpom {
    }

    /** Layered CHL: γ = β = 1e-2, 5 sweeps per phase. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @ContrastiveHebbian(gamma = 1e-2f, beta = 1e-2f, steps = 5)
    @Adam(learningRate = 1e-3f)
    public interface RulesChl {
    }

    /** Convex CHL: γ = β = 1e-2, 5 sweeps per phase. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = RELU)
    @Dense(units = 128, activation = RELU)
    @Dense(units = 64, activation = RELU)
    @Dense(units = 10, activation = IDENTITY)
    @ConvexContrastiveHebbian(gamma = 1e-2f, beta = 1e-2f, steps = 5)
    @Adam(learningRate = 1e-3f)
    public interface RulesConvexChl {
    }

    /** Equilibrium propagation on 784-256-10 (sigmoid hidden): centred, β = 0.2, 15 free and 6 nudged sweeps. */
    @Network(inputs = 784, maxBatch = 50)
    @Dense(units = 256, activation = SIGMOID)
    @Dense(units = 10, activation = IDENTITY)
    @EquilibriumPropagation(beta = 0.2f, freeSteps = 15, nudgedSteps = 6, centered = true)
    @Adam(learningRate = 1e-3f)
    public interface RulesEqProp {
    }
}
