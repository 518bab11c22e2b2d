package infergen.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code @PredictiveCoding}: every activation × loss × variant compiles warning-free; bad values are errors on them. */
class PcnCompileTest {

    @ParameterizedTest
    @CsvSource({
        "RELU, IDENTITY, SOFTMAX_CROSS_ENTROPY, false",
        "RELU, IDENTITY, MEAN_SQUARED_ERROR, false",
        "TANH, SIGMOID, MEAN_SQUARED_ERROR, false",
        "SIGMOID, IDENTITY, SOFTMAX_CROSS_ENTROPY, false",
        "HARD_TANH, HARD_SIGMOID, MEAN_SQUARED_ERROR, false",
        "RELU, IDENTITY, SOFTMAX_CROSS_ENTROPY, true",
        "RELU, IDENTITY, MEAN_SQUARED_ERROR, true",
        "TANH, SIGMOID, MEAN_SQUARED_ERROR, true",
    })
    void compilesWithoutWarnings(String hidden, String output, String loss, boolean fixed) {
        Compilation c = TopDownSpecs.compile(TopDownSpecs.spec(hidden, output, loss,
                "@PredictiveCoding(beta = 0.5f, steps = 3, rate = 0.2f, fixedPrediction = " + fixed + ")"));
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("test.SpecNet").contentsAsUtf8String()
                .contains("public void setInferenceListener(InferenceListener listener)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "beta = 0f|rule-beta",
        "beta = -1f|rule-beta",
        "beta = Float.NaN|rule-beta",
        "beta = Float.POSITIVE_INFINITY|rule-beta",
        "steps = 0|inference-steps",
        "rate = 0f|inference-rate",
        "rate = 1.5f|inference-rate",
    })
    void rejectsBadValues(String value, String tag) {
        JavaFileObject spec = TopDownSpecs.spec("RELU", "IDENTITY", "SOFTMAX_CROSS_ENTROPY",
                "@PredictiveCoding(" + value + ")");
        Compilation c = TopDownSpecs.compile(spec);
        assertThat(c).failed();
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[infergen:" + tag + "]").inFile(spec).onLineContaining("@PredictiveCoding");
    }
}
