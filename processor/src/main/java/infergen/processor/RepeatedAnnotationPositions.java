package infergen.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;

/**
 * Puts a diagnostic on an annotation that javac folded into a synthesized container ({@code @Dense} repeated
 * becomes one {@code @Dense.List}), or on one of its values. javac's {@code Messager} cannot: it matches the mirror
 * against the element's annotation trees by type, finds only {@code @Dense} trees for the {@code @Dense.List}
 * mirror and falls back to the element. Here the k-th nested mirror is matched with the k-th {@code @Dense} tree
 * (javac builds the container in source order) through the compiler tree API. Not javac (or no tree): returns
 * {@code false} and the caller reports on the element.
 */
final class RepeatedAnnotationPositions {

    private RepeatedAnnotationPositions() {
    }

    /** javac's tree API, or null under another compiler. */
    private static Trees trees(ProcessingEnvironment env) {
        try {
            return Trees.instance(env);
        } catch (IllegalArgumentException | LinkageError notJavac) {
            return null;
        }
    }

    /** Whether {@code mirror} is not one of the annotations written directly on {@code element}. */
    static boolean isNested(Element element, AnnotationMirror mirror) {
        return !element.getAnnotationMirrors().contains(mirror);
    }

    /** Prints {@code message} on the tree of {@code nested} (or of its {@code value}); false if it cannot. */
    static boolean printMessage(ProcessingEnvironment env, Diagnostic.Kind kind, String message, Element element,
            AnnotationMirror nested, AnnotationValue value) {
        Trees trees = trees(env);
        TreePath path = trees == null ? null : trees.getPath(element);
        if (path == null || !(path.getLeaf() instanceof ClassTree type)) {
            return false;
        }
        int index = indexInContainer(element, nested);
        if (index < 0) {
            return false;
        }
        TreePath modifiers = new TreePath(path, type.getModifiers());
        int seen = 0;
        for (AnnotationTree annotation : type.getModifiers().getAnnotations()) {
            TypeMirror annotationType = trees.getTypeMirror(new TreePath(modifiers, annotation));
            if (annotationType == null
                    || !env.getTypeUtils().isSameType(annotationType, nested.getAnnotationType())) {
                continue;
            }
            if (seen++ == index) {
                Tree target = value == null ? annotation : valueTree(annotation, nested, value);
                trees.printMessage(kind, message, target == null ? annotation : target, path.getCompilationUnit());
                return true;
            }
        }
        return false;
    }

    /** The position of {@code nested} among the values of a container on {@code element}, or -1. */
    private static int indexInContainer(Element element, AnnotationMirror nested) {
        for (AnnotationMirror container : element.getAnnotationMirrors()) {
            for (AnnotationValue v : container.getElementValues().values()) {
                if (v.getValue() instanceof List<?> items) {
                    for (int i = 0; i < items.size(); i++) {
                        if (items.get(i) instanceof AnnotationValue item && item.getValue() == nested) {
                            return i;
                        }
                    }
                }
            }
        }
        return -1;
    }

    /** The expression written for {@code value} in {@code annotation}, or null. */
    private static ExpressionTree valueTree(AnnotationTree annotation, AnnotationMirror nested,
            AnnotationValue value) {
        String name = null;
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
                : nested.getElementValues().entrySet()) {
            if (e.getValue() == value) {
                name = e.getKey().getSimpleName().toString();
            }
        }
        for (ExpressionTree argument : annotation.getArguments()) {
            if (argument instanceof AssignmentTree assignment
                    && assignment.getVariable() instanceof IdentifierTree id
                    && id.getName().contentEquals(String.valueOf(name))) {
                return assignment.getExpression();
            }
        }
        return null;
    }

    /**
     * The positions, counted among the {@code later} annotations in source order, of those written after some
     * {@code earlier} annotation ({@code @Conv2d} after a {@code @Dense}): javac's containers hide that order from
     * the mirrors. Null when there is no tree (not javac), and the caller falls back on the mirrors' order.
     */
    static List<Integer> writtenAfter(ProcessingEnvironment env, Element element, String earlier, String later) {
        Trees trees = trees(env);
        TreePath path = trees == null ? null : trees.getPath(element);
        if (path == null || !(path.getLeaf() instanceof ClassTree type)) {
            return null;
        }
        TreePath modifiers = new TreePath(path, type.getModifiers());
        List<Integer> after = new java.util.ArrayList<>();
        boolean seenEarlier = false;
        int index = 0;
        for (AnnotationTree annotation : type.getModifiers().getAnnotations()) {
            TypeMirror annotationType = trees.getTypeMirror(new TreePath(modifiers, annotation));
            String name = annotationType == null ? "" : annotationType.toString();
            if (name.equals(earlier)) {
                seenEarlier = true;
            } else if (name.equals(later)) {
                if (seenEarlier) {
                    after.add(index);
                }
                index++;
            }
        }
        return after;
    }
}
