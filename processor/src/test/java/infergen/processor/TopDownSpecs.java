package infergen.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/** Small spec sources for the PCN / MAC / LPOM processor tests. */
final class TopDownSpecs {

    private TopDownSpecs() {
    }

    /** A spec {@code test.Spec} with the given hidden activation, output activation, loss and rule annotation. */
    static JavaFileObject spec(String hidden, String output, String loss, String rule) {
        return JavaFileObjects.forSourceString("test.Spec", """
                package test;

                import infergen.annotations.*;

                @Network(inputs = 6, maxBatch = 3, loss = Loss.%s)
                @Dense(units = 5, activation = Activation.%s)
                @Dense(units = 4, activation = Activation.%s)
                @Dense(units = 3, activation = Activation.%s)
                %s
                public interface Spec {
                }
                """.formatted(loss, hidden, hidden, output, rule));
    }

    static Compilation compile(JavaFileObject source) {
        return Compile.compile(source);
    }
}
