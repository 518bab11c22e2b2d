package infergen.processor.model;

/**
 * The learning rule of a spec: one record per rule annotation, holding its hyper-parameters and the references to
 * their values. Each rule's checks live in the validator and its code in one emitter (see
 * {@code infergen.processor.emit.RuleEmitters}).
 */
public sealed interface RuleSpec {

    /** The annotation's simple name, for messages. */
    String annotationName();

    /** Where the annotation is. */
    ValueRef annotation();

    /** {@code @Backprop}: docs/methods.md §1. */
    record Backprop(ValueRef annotation) implements RuleSpec {
        /** Back-propagation by default, when a spec names no rule. */
        public Backprop() {
            this(ValueRef.NONE);
        }

        @Override
        public String annotationName() {
            return "@" + infergen.annotations.Backprop.class.getSimpleName();
        }
    }

    /** {@code @ContrastiveHebbian(gamma, beta, steps, hardClamp)}: docs/methods.md §6. */
    record ContrastiveHebbian(float gamma, float beta, int steps, boolean hardClamp, ValueRef annotation,
            ValueRef gammaRef, ValueRef betaRef, ValueRef stepsRef, ValueRef hardClampRef) implements RuleSpec {
        @Override
        public String annotationName() {
            return "@" + infergen.annotations.ContrastiveHebbian.class.getSimpleName();
        }
    }

    /** {@code @ConvexContrastiveHebbian(gamma, beta, steps)}: docs/methods.md §7. */
    record ConvexContrastiveHebbian(float gamma, float beta, int steps, ValueRef annotation, ValueRef gammaRef,
            ValueRef betaRef, ValueRef stepsRef) implements RuleSpec {
        @Override
        public String annotationName() {
            return "@" + infergen.annotations.ConvexContrastiveHebbian.class.getSimpleName();
        }
    }

    /** {@code @EquilibriumPropagation(beta, freeSteps, nudgedSteps, centered)}: docs/methods.md §8. */
    record EquilibriumPropagation(float beta, int freeSteps, int nudgedSteps, boolean centered, ValueRef annotation,
            ValueRef betaRef, ValueRef freeStepsRef, ValueRef nudgedStepsRef) implements RuleSpec {
        @Override
        public String annotationName() {
            return "@" + infergen.annotations.EquilibriumPropagation.class.getSimpleName();
        }
    }

    /** {@code @FenchelBackprop(beta, fenchelOutput)}: docs/methods.md §2. */
    record FenchelBackprop(float beta, boolean fenchelOutput, ValueRef annotation, ValueRef betaRef,
            ValueRef fenchelOutputRef) implements RuleSpec {
        @Override
        public String annotationName() {
            return "@" + infergen.annotations.FenchelBackprop.class.getSimpleName();
        }
    }

    /** {@code @PredictiveCoding(beta, steps, rate, fixedPrediction)}: docs/methods.md §3. */
    record PredictiveCoding(float beta, int steps, float rate, boolean fixedPrediction, ValueRef annotation,
            ValueRef betaRef, ValueRef stepsRef, ValueRef rateRef) implements RuleSpec {
        @Override
        public String annotationName() {
            return "@" + infergen.annotations.PredictiveCoding.class.getSimpleName();
        }
    }

    /** {@code @AuxiliaryCoordinates(mu, steps, rate)}: docs/methods.md §4. */
    record AuxiliaryCoordinates(float mu, int steps, float rate, ValueRef annotation, ValueRef muRef,
            ValueRef stepsRef, ValueRef rateRef) implements RuleSpec {
        @Override
        public String annotationName() {
            return "@" + infergen.annotations.AuxiliaryCoordinates.class.getSimpleName();
        }
    }

    /** {@code @LiftedProximal(beta, sweeps, innerSteps)}: docs/methods.md §5. */
    record LiftedProximal(float beta, int sweeps, int innerSteps, ValueRef annotation, ValueRef betaRef,
            ValueRef sweepsRef, ValueRef innerStepsRef) implements RuleSpec {
        @Override
        public String annotationName() {
            return "@" + infergen.annotations.LiftedProximal.class.getSimpleName();
        }
    }
}
