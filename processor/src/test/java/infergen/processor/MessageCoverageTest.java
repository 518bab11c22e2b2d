package infergen.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import infergen.processor.validate.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every diagnostic of the {@link Message} catalogue (but the internal one) has a negative compile test: some test
 * source asserts a message starting with its tag, {@code "[infergen:tag] ..."}. The negative tests themselves
 * ({@link DiagnosticsTest} and the rules' processor tests) assert the exact text, the line and the column.
 */
class MessageCoverageTest {

    private static final Pattern ASSERTED = Pattern.compile("\"\\[infergen:([a-z-]+)] ");

    @Test
    void everyMessageHasANegativeTest() throws IOException {
        Set<String> expected = new TreeSet<>();
        for (Message m : Message.values()) {
            if (m != Message.INTERNAL) {
                expected.add(m.tag());
            }
        }
        Set<String> tested = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                try {
                    Matcher m = ASSERTED.matcher(Files.readString(f));
                    while (m.find()) {
                        tested.add(m.group(1));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        tested.retainAll(expected);
        assertEquals(expected, tested, "message tags with a negative test");
    }
}
