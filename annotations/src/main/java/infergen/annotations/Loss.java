package infergen.annotations;

/** The training loss, per sample; the generated {@code trainStep} returns its batch mean. */
public enum Loss {
    /**
     * Softmax over the last layer's pre-activation followed by cross-entropy with an integer label:
     * {@code ℓ = logsumexp(a) − a_y}. The last {@link Dense} must use {@link Activation#IDENTITY}.
     */
    SOFTMAX_CROSS_ENTROPY,
    /**
     * Half the squared error against a target vector, {@code ℓ = ½‖s_L − y‖²}; integer labels are one-hot encoded.
     */
    MEAN_SQUARED_ERROR
}
