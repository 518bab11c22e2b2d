package infergen.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code @LiftedProximal}: box activations × loss compile warning-free; bad values, and sigmoid/tanh (no closed-form
 * prox), are errors on the value.
 */
class LpomCompileTest {

    @ParameterizedTest
    @CsvSource({
        "RELU, IDENTITY, SOFTMAX_CROSS_ENTROPY",
        "RELU, IDENTITY, MEAN_SQUARED_ERROR",
        "HARD_TANH, HARD_SIGMOID, MEAN_SQUARED_ERROR",
        "HARD_SIGMOID, RELU, MEAN_SQUARED_ERROR",
        "IDENTITY, IDENTITY, SOFTMAX_CROSS_ENTROPY",
    })
    void compilesWithoutWarnings(String hidden, String output, String loss) {
        Compilation c = TopDownSpecs.compile(TopDownSpecs.spec(hidden, output, loss,
                "@LiftedProximal(beta = 0.5f, sweeps = 2, innerSteps = 3)"));
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("test.SpecNet").contentsAsUtf8String()
                .contains("public void setInferenceListener(InferenceListener listener)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "beta = 0f|rule-beta",
        "beta = Float.NaN|rule-beta",
        "sweeps = 0|inference-steps",
        "innerSteps = 0|inference-steps",
    })
    void rejectsBadValues(String value, String tag) {
        JavaFileObject spec = TopDownSpecs.spec("RELU", "IDENTITY", "SOFTMAX_CROSS_ENTROPY",
                "@LiftedProximal(" + value + ")");
        Compilation c = TopDownSpecs.compile(spec);
        assertThat(c).failed();
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[infergen:" + tag + "]").inFile(spec).onLineContaining("@LiftedProximal");
    }

    @ParameterizedTest
    @CsvSource({"SIGMOID", "TANH"})
    void rejectsActivationsWithoutClosedFormProx(String activation) {
        JavaFileObject spec = TopDownSpecs.spec(activation, "IDENTITY", "SOFTMAX_CROSS_ENTROPY", "@LiftedProximal");
        Compilation c = TopDownSpecs.compile(spec);
        assertThat(c).failed();
        assertThat(c).hadErrorCount(2);
        assertThat(c).hadErrorContaining("[infergen:no-closed-form-prox] @LiftedProximal needs activations with a "
                + "closed-form prox, layer 0 uses " + activation).inFile(spec);
        // TODO: javac places errors on repeated @Dense (inside the implicit container) on the type, not the value.
    }

    @Test
    void reportsEveryProblem() {
        JavaFileObject spec = TopDownSpecs.spec("TANH", "IDENTITY", "SOFTMAX_CROSS_ENTROPY",
                "@LiftedProximal(beta = -1f, sweeps = 0)");
        assertThat(TopDownSpecs.compile(spec)).hadErrorCount(4);
    }
}
