package infergen.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code @AuxiliaryCoordinates}: activation × loss compiles warning-free; bad values are errors on them. */
class MacCompileTest {

    @ParameterizedTest
    @CsvSource({
        "RELU, IDENTITY, SOFTMAX_CROSS_ENTROPY",
        "RELU, IDENTITY, MEAN_SQUARED_ERROR",
        "TANH, SIGMOID, MEAN_SQUARED_ERROR",
        "HARD_SIGMOID, IDENTITY, SOFTMAX_CROSS_ENTROPY",
    })
    void compilesWithoutWarnings(String hidden, String output, String loss) {
        Compilation c = TopDownSpecs.compile(TopDownSpecs.spec(hidden, output, loss,
                "@AuxiliaryCoordinates(mu = 100f, steps = 3, rate = 0.5f)"));
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("test.SpecNet").contentsAsUtf8String()
                .contains("public void setInferenceListener(InferenceListener listener)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mu = 0f|mu",
        "mu = Float.NaN|mu",
        "mu = Float.NEGATIVE_INFINITY|mu",
        "steps = -2|inference-steps",
        "rate = -0.1f|inference-rate",
        "rate = 2f|inference-rate",
    })
    void rejectsBadValues(String value, String tag) {
        JavaFileObject spec = TopDownSpecs.spec("RELU", "IDENTITY", "SOFTMAX_CROSS_ENTROPY",
                "@AuxiliaryCoordinates(" + value + ")");
        Compilation c = TopDownSpecs.compile(spec);
        assertThat(c).failed();
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[infergen:" + tag + "]").inFile(spec)
                .onLineContaining("@AuxiliaryCoordinates");
    }
}
