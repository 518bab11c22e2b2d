package infergen.processor.read;

import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/** Typed access to one annotation mirror's values, defaults included, with references for diagnostics. */
final class AnnotationValues {

    private final Element element;
    private final AnnotationMirror mirror;
    private final Map<? extends ExecutableElement, ? extends AnnotationValue> explicit;
    private final Map<? extends ExecutableElement, ? extends AnnotationValue> withDefaults;
    private boolean erroneous;

    AnnotationValues(Element element, AnnotationMirror mirror, Elements elements) {
        this.element = element;
        this.mirror = mirror;
        this.explicit = mirror.getElementValues();
        this.withDefaults = elements.getElementValuesWithDefaults(mirror);
    }

    /** A reference to the annotation itself. */
    MirrorRef annotation() {
        return new MirrorRef(element, mirror, null);
    }

    /** A reference to the named value if written explicitly, else to the annotation. */
    MirrorRef ref(String name) {
        return new MirrorRef(element, mirror, find(explicit, name));
    }

    /**
     * Whether some value read so far is erroneous: not of its element's type, because javac could not attribute
     * what was written ({@code units = HIDEN}, a wrong type, a missing required value). javac reports those itself;
     * the getters then return a placeholder and the spec must be dropped without further diagnostics.
     */
    boolean erroneous() {
        return erroneous;
    }

    int getInt(String name) {
        return value(name) instanceof Integer i ? i : erroneous(0);
    }

    /** An {@code int[]} element's values in order. */
    java.util.List<Integer> getIntArray(String name) {
        Object value = value(name);
        java.util.List<Integer> ints = new java.util.ArrayList<>();
        if (!(value instanceof java.util.List<?> items)) {
            return erroneous(java.util.List.of());
        }
        for (Object item : items) {
            if (item instanceof AnnotationValue v && v.getValue() instanceof Integer i) {
                ints.add(i);
            } else {
                return erroneous(java.util.List.of());
            }
        }
        return java.util.List.copyOf(ints);
    }

    float getFloat(String name) {
        return value(name) instanceof Float f ? f : erroneous(0f);
    }

    boolean getBoolean(String name) {
        return value(name) instanceof Boolean b ? b : erroneous(false);
    }

    /**
     * javac's error value is the string {@code <error>} too; a real string constant prints as a quoted literal
     * ({@link AnnotationValue#toString()} is the value as written in source), javac's error value does not.
     */
    String getString(String name) {
        AnnotationValue v = find(withDefaults, name);
        return v != null && v.getValue() instanceof String s && v.toString().startsWith("\"") ? s : erroneous("");
    }

    /** The constant, or null (and {@link #erroneous()}) when the value is not a constant of {@code type}. */
    <E extends Enum<E>> E getEnum(String name, Class<E> type) {
        if (value(name) instanceof VariableElement constant && constant.getKind() == ElementKind.ENUM_CONSTANT
                && constant.getEnclosingElement() instanceof TypeElement enumType
                && enumType.getQualifiedName().contentEquals(type.getCanonicalName())) {
            return Enum.valueOf(type, constant.getSimpleName().toString());
        }
        return erroneous(null);
    }

    /** The value, or null when there is none (a required value not written: javac reports it). */
    private Object value(String name) {
        AnnotationValue v = find(withDefaults, name);
        return v == null ? null : v.getValue();
    }

    private <T> T erroneous(T placeholder) {
        erroneous = true;
        return placeholder;
    }

    private static AnnotationValue find(Map<? extends ExecutableElement, ? extends AnnotationValue> values,
            String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : values.entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
