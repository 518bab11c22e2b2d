package infergen.processor.plan;

import infergen.processor.model.Bound;

/**
 * A numeric element of the rule or optimizer annotation, which the generated class holds in an instance field whose
 * default is the spec's value, with a typed getter and a checked setter.
 *
 * @param name the annotation element's name, which is also the field's, the getter's and the checkpoint key's
 * @param integer whether it is an {@code int} (a count) rather than a {@code float}
 * @param value the spec's value, the default
 * @param bound its range, checked at compile time and by the setter
 * @param message the words of a value out of range, with the value as a slot
 * @param doc one line on what it is
 */
public record Hyperparameter(String name, boolean integer, double value, Bound bound, MessageTemplate message,
        String doc) {

    /** {@code Beta} for {@code beta}: the suffix of {@code setBeta} and {@code checkBeta}. */
    public String capitalized() {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
