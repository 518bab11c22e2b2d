package infergen.runtime;

import java.util.Collection;

/**
 * Conversions for {@link TrainableNet#setHyperparameter(String, double)}: a tool passes every value as a
 * {@code double}; the generated class converts it to the field's type with these, then calls its typed setter,
 * which checks the range.
 */
public final class Hyperparameters {

    private Hyperparameters() {
    }

    /** {@code value} as a {@code float}; a finite value beyond float's range is an error, not infinity. */
    public static float toFloat(String name, double value) {
        float f = (float) value;
        if (Double.isFinite(value) && Float.isInfinite(f)) {
            throw new IllegalArgumentException(name + " = " + value + " is outside float's range");
        }
        return f;
    }

    /** {@code value} as an {@code int}; it must be a whole number in int's range. */
    public static int toInt(String name, double value) {
        if (!(value == Math.rint(value) && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE)) {
            throw new IllegalArgumentException(name + " takes a whole number, got " + value);
        }
        return (int) value;
    }

    /** {@code name}, which the generated {@code setHyperparameter} switches on; null is an error, not a crash. */
    public static String name(String name) {
        if (name == null) {
            throw new IllegalArgumentException("the hyperparameter name is null");
        }
        return name;
    }

    /** The error for a name the network does not have. */
    public static IllegalArgumentException unknown(String name, Collection<String> names) {
        return new IllegalArgumentException("unknown hyperparameter \"" + name + "\"; this network has "
                + (names.isEmpty() ? "none" : String.join(", ", names)));
    }
}
