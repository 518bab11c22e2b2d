package infergen.processor.read;

import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/** Typed access to one annotation mirror's values, defaults included, with references for diagnostics. */
final class AnnotationValues {

    private final Element element;
    private final AnnotationMirror mirror;
    private final Map<? extends ExecutableElement, ? extends AnnotationValue> explicit;
    private final Map<? extends ExecutableElement, ? extends AnnotationValue> withDefaults;

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

    int getInt(String name) {
        return ((Number) value(name)).intValue();
    }

    float getFloat(String name) {
        return ((Number) value(name)).floatValue();
    }

    boolean getBoolean(String name) {
        return (Boolean) value(name);
    }

    String getString(String name) {
        return (String) value(name);
    }

    <E extends Enum<E>> E getEnum(String name, Class<E> type) {
        VariableElement constant = (VariableElement) value(name);
        return Enum.valueOf(type, constant.getSimpleName().toString());
    }

    private Object value(String name) {
        AnnotationValue v = find(withDefaults, name);
        if (v == null) {
            throw new IllegalStateException("no value for " + name + " in " + mirror);
        }
        return v.getValue();
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
