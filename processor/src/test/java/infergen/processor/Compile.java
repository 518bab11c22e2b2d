package infergen.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** Compiles spec sources with the processor, with every lint on, and loads what it generated. */
final class Compile {

    private static final Pattern TYPE = Pattern.compile(
            "(?m)^(?:package\\s+([\\w.]+)\\s*;)?[\\s\\S]*?^(?:public\\s+)?(?:abstract\\s+)?"
                    + "(?:interface|class|enum|record|@interface)\\s+(\\w+)");

    private Compile() {
    }

    /** Compiles {@code sources} (each a whole compilation unit) with the processor and {@code -Xlint:all}. */
    static Compilation compile(String... sources) {
        JavaFileObject[] files = new JavaFileObject[sources.length];
        for (int i = 0; i < sources.length; i++) {
            files[i] = JavaFileObjects.forSourceString(qualifiedName(sources[i]), sources[i]);
        }
        return javac().withProcessors(new InfergenProcessor()).withOptions("-Xlint:all").compile(files);
    }

    /** The qualified name of the first top-level type in {@code source}, which names its file. */
    static String qualifiedName(String source) {
        Matcher m = TYPE.matcher(source);
        if (!m.find()) {
            throw new IllegalArgumentException("no type in " + source);
        }
        return m.group(1) == null ? m.group(2) : m.group(1) + "." + m.group(2);
    }

    /** Errors only, for exact matching. */
    static List<Diagnostic<? extends JavaFileObject>> errors(Compilation c) {
        return List.copyOf(c.errors());
    }

    /** A class loader over the class files of a successful compilation. */
    static ClassLoader classLoader(Compilation c) {
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject f : c.generatedFiles()) {
            if (f.getKind() == JavaFileObject.Kind.CLASS) {
                String name = f.toUri().getPath().replaceFirst("^/CLASS_OUTPUT/", "")
                        .replaceFirst("\\.class$", "").replace('/', '.');
                try (InputStream in = f.openInputStream()) {
                    classes.put(name, in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return new ClassLoader(Compile.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
    }
}
