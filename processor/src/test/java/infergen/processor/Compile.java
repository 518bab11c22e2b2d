package infergen.processor;

import static com.google.testing.compile.Compiler.javac;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import infergen.runtime.TrainableNet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * The one compile harness of the processor tests: compiles spec sources with the processor and every lint on
 * ({@link #OPTIONS}), in memory or to real directories, and loads what it generated.
 */
public final class Compile {

    /** The javac options of every test compilation: every lint, as a user's strict build would have it. */
    public static final List<String> OPTIONS = List.of("-Xlint:all");

    private static final Pattern TYPE = Pattern.compile(
            "(?m)^(?:package\\s+([\\w.]+)\\s*;)?[\\s\\S]*?^(?:public\\s+)?(?:abstract\\s+)?"
                    + "(?:interface|class|enum|record|@interface)\\s+(\\w+)");

    private Compile() {
    }

    /** Compiles {@code sources} (each a whole compilation unit) in memory with the processor. */
    public static Compilation compile(String... sources) {
        JavaFileObject[] files = new JavaFileObject[sources.length];
        for (int i = 0; i < sources.length; i++) {
            files[i] = JavaFileObjects.forSourceString(qualifiedName(sources[i]), sources[i]);
        }
        return compile(files);
    }

    /** Compiles {@code files} in memory with the processor. */
    public static Compilation compile(JavaFileObject... files) {
        return javac().withProcessors(new InfergenProcessor()).withOptions(OPTIONS).compile(files);
    }

    /**
     * Compiles {@code sources} with the system compiler into {@code out} (sources and classes), for what
     * compile-testing hides: the files generated in a compilation that fails.
     *
     * @return every diagnostic
     */
    public static List<Diagnostic<? extends JavaFileObject>> toDirectory(Path out, String... sources)
            throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, UTF_8)) {
            files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(out));
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
            List<JavaFileObject> units = java.util.Arrays.stream(sources)
                    .map(s -> JavaFileObjects.forSourceString(qualifiedName(s), s)).toList();
            JavaCompiler.CompilationTask task = compiler.getTask(null, files, diagnostics, OPTIONS, null, units);
            task.setProcessors(List.of(new InfergenProcessor()));
            task.call();
        }
        return diagnostics.getDiagnostics();
    }

    /** The qualified name of the first top-level type in {@code source}, which names its file. */
    public static String qualifiedName(String source) {
        Matcher m = TYPE.matcher(source);
        if (!m.find()) {
            throw new IllegalArgumentException("no type in " + source);
        }
        return m.group(1) == null ? m.group(2) : m.group(1) + "." + m.group(2);
    }

    /** Errors only, for exact matching. */
    public static List<Diagnostic<? extends JavaFileObject>> errors(Compilation c) {
        return List.copyOf(c.errors());
    }

    /** The generated source {@code qualifiedName} of a compilation. */
    public static String generatedSource(Compilation c, String qualifiedName) {
        try {
            return c.generatedSourceFile(qualifiedName).orElseThrow(() -> new AssertionError("no " + qualifiedName))
                    .getCharContent(false).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The generated network {@code qualifiedName} of a successful compilation, constructed with {@code seed}. */
    public static TrainableNet newNet(Compilation c, String qualifiedName, long seed) {
        try {
            return (TrainableNet) classLoader(c).loadClass(qualifiedName).getConstructor(long.class)
                    .newInstance(seed);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** A class loader over the class files of a successful compilation. */
    public static ClassLoader classLoader(Compilation c) {
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
