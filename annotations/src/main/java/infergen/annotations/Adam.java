package infergen.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Adam optimizer (Kingma and Ba 2015) with bias correction, as in PyTorch:
 * {@code m ← β₁m + (1−β₁)g}, {@code v ← β₂v + (1−β₂)g²},
 * {@code θ ← θ − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)}. The default optimizer when a spec names none.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Adam {
    /** The step size; positive and finite. */
    float learningRate() default 1e-3f;

    /** Decay of the first-moment estimate; in [0, 1). */
    float beta1() default 0.9f;

    /** Decay of the second-moment estimate; in [0, 1). */
    float beta2() default 0.999f;

    /** Added to the denominator for stability; positive and finite. */
    float epsilon() default 1e-8f;
}
