package infergen.processor.model;

/** The optimizer of a spec. */
public sealed interface OptimizerSpec {

    /** The annotation's simple name, for messages. */
    String annotationName();

    /** Where the annotation is. */
    ValueRef annotation();

    /** {@code @Adam}. */
    record Adam(float learningRate, float beta1, float beta2, float epsilon, ValueRef annotation,
            ValueRef learningRateRef, ValueRef beta1Ref, ValueRef beta2Ref, ValueRef epsilonRef)
            implements OptimizerSpec {

        /** Adam with the annotation's defaults, used when a spec names no optimizer. */
        public static final Adam DEFAULTS = new Adam(1e-3f, 0.9f, 0.999f, 1e-8f, ValueRef.NONE, ValueRef.NONE,
                ValueRef.NONE, ValueRef.NONE, ValueRef.NONE);

        @Override
        public String annotationName() {
            return "@" + infergen.annotations.Adam.class.getSimpleName();
        }
    }

    /** {@code @Sgd}. */
    record Sgd(float learningRate, float momentum, ValueRef annotation, ValueRef learningRateRef, ValueRef momentumRef)
            implements OptimizerSpec {
        @Override
        public String annotationName() {
            return "@" + infergen.annotations.Sgd.class.getSimpleName();
        }
    }
}
