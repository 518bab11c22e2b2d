package infergen.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import javax.annotation.processing.Processor;
import org.junit.jupiter.api.Test;

/**
 * The built processor classes are found by javac (AutoService's META-INF/services entry) and declared isolating for
 * Gradle's incremental compilation (META-INF/gradle/incremental.annotation.processors), exactly once each.
 */
class RegistrationTest {

    /** Where the processor's classes were built (target/classes, or the jar). */
    private static final String HOME =
            InfergenProcessor.class.getProtectionDomain().getCodeSource().getLocation().toString();

    /** The non-comment lines of {@code resource} in the processor's own classes. */
    private static List<String> lines(String resource) throws IOException {
        List<URL> urls = Collections.list(RegistrationTest.class.getClassLoader().getResources(resource));
        List<String> lines = new ArrayList<>();
        for (URL url : urls) {
            if (!url.toString().startsWith(HOME)) {
                continue; // other jars on the test classpath may register their own processors
            }
            try (InputStream in = url.openStream()) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(lines::add);
            }
        }
        return lines;
    }

    @Test
    void registeredWithAutoService() throws IOException {
        assertEquals(List.of(InfergenProcessor.class.getName()),
                lines("META-INF/services/" + Processor.class.getName()));
        assertTrue(ServiceLoader.load(Processor.class, getClass().getClassLoader()).stream()
                .anyMatch(p -> p.type() == InfergenProcessor.class), "ServiceLoader finds the processor");
    }

    @Test
    void declaredIsolatingForGradle() throws IOException {
        assertEquals(List.of(InfergenProcessor.class.getName() + ",isolating"),
                lines("META-INF/gradle/incremental.annotation.processors"));
    }
}
