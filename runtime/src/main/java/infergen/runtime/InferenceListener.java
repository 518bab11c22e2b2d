package infergen.runtime;

/**
 * Receives the energy of each inference step of the iterative learning rules (predictive coding, auxiliary
 * coordinates, lifted proximal, contrastive Hebbian, equilibrium propagation). Set one with the generated
 * {@code setInferenceListener}; when none is set the energies are not computed, so diagnostics cost nothing when off.
 */
@FunctionalInterface
public interface InferenceListener {

    /**
     * Called after each inference step.
     *
     * @param phase the phase's name as the rule calls it, e.g. {@code "free"}, {@code "clamped"}, {@code "nudged"},
     *     {@code "inference"}
     * @param step the step within the phase, from 0
     * @param energy the batch-mean energy the rule minimizes in that phase, after the step
     */
    void step(String phase, int step, double energy);
}
