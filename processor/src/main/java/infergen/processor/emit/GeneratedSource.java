package infergen.processor.emit;

import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.JavaFileObject;

/**
 * A generated class's source, laid out for reading: JavaPoet's file with each field that has a one-line Javadoc
 * written as one line with a trailing comment, and consecutive fields of one kind (constants, hyperparameters,
 * buffers) as a table without blank lines between them.
 */
public final class GeneratedSource {

    private static final Pattern ONE_LINE_DOC_FIELD = Pattern.compile(
            "(?m)^( +)/\\*\\*\\n\\1 \\* ([^\\n]*)\\n\\1 \\*/\\n\\1(private [^\\n]*;)$");

    private final String qualifiedName;
    private final String code;
    private final Element origin;

    GeneratedSource(JavaFile file, Element origin) {
        this.qualifiedName = file.packageName().isEmpty() ? file.typeSpec().name()
                : file.packageName() + "." + file.typeSpec().name();
        this.code = layout(file.toString());
        this.origin = origin;
    }

    /** The source text. */
    public String code() {
        return code;
    }

    /** Writes the source through the annotation processing {@code filer}. */
    public void writeTo(Filer filer) throws IOException {
        JavaFileObject file = origin == null ? filer.createSourceFile(qualifiedName)
                : filer.createSourceFile(qualifiedName, origin);
        try (Writer writer = file.openWriter()) {
            writer.write(code);
        }
    }

    static String layout(String source) {
        String collapsed = ONE_LINE_DOC_FIELD.matcher(source).replaceAll("$1$3 // $2");
        List<String> lines = collapsed.lines().toList();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() && i > 0 && i + 1 < lines.size()) {
                String kind = fieldKind(lines.get(i - 1));
                if (kind != null && kind.equals(fieldKind(lines.get(i + 1)))) {
                    continue;
                }
            }
            out.add(line);
        }
        return String.join("\n", out) + "\n";
    }

    /** {@code "constant"}, {@code "buffer"}, {@code "scalar"} for a one-line field declaration, else null. */
    private static String fieldKind(String line) {
        String t = line.strip();
        int comment = t.indexOf("; // ");
        t = comment >= 0 ? t.substring(0, comment + 1) : t;
        if (!t.startsWith("private ") || !t.endsWith(";")) {
            return null;
        }
        if (t.startsWith("private static final ")) {
            return "constant";
        }
        return t.startsWith("private final float[] ") || t.startsWith("private final int[] ") ? "buffer" : "scalar";
    }
}
