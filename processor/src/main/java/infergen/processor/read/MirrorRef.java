package infergen.processor.read;

import infergen.processor.model.ValueRef;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * A {@link ValueRef} into javac's model: the spec element, the annotation and, when written explicitly, the value.
 * A defaulted value points at its annotation.
 */
public record MirrorRef(Element element, AnnotationMirror mirror, AnnotationValue value) implements ValueRef {
}
