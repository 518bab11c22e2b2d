package infergen.processor.emit;

import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.TypeName;
import javax.lang.model.element.Modifier;

/** Named hyper-parameter constants of the inference rules. */
final class RuleConstants {

    private RuleConstants() {
    }

    static FieldSpec floatConstant(String name, float value, String doc) {
        return FieldSpec.builder(float.class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(doc + "\n")
                .initializer("$L", Literals.f(value))
                .build();
    }

    static FieldSpec intConstant(String name, int value, String doc) {
        return FieldSpec.builder(TypeName.INT, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(doc + "\n")
                .initializer("$L", value)
                .build();
    }
}
