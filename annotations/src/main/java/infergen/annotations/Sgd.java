package infergen.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stochastic gradient descent with optional heavy-ball momentum, as in PyTorch:
 * {@code v ← momentum · v + g}, {@code θ ← θ − lr · v} (with {@code momentum = 0}, plain {@code θ ← θ − lr · g}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Sgd {
    /** The step size; positive and finite. */
    float learningRate();

    /** Heavy-ball momentum; in [0, 1). */
    float momentum() default 0f;
}
