package infergen.processor;

import com.google.auto.service.AutoService;
import infergen.processor.emit.NetEmitter;
import infergen.processor.model.NetworkSpec;
import infergen.processor.model.ValueRef;
import infergen.processor.plan.NetPlan;
import infergen.processor.read.MirrorRef;
import infergen.processor.read.SpecReader;
import infergen.processor.validate.Message;
import infergen.processor.validate.Problem;
import infergen.processor.validate.SpecValidator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Generated;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Generates {@code <Spec>Net} for every type annotated with {@code @Network}: read the annotations into a
 * {@link NetworkSpec}, validate it (every problem becomes a diagnostic, of its message's severity, on the offending
 * annotation value; an error stops the spec from being generated), plan the buffers, emit the class with JavaPoet.
 * A bad spec never stops the others, and no exception reaches javac.
 */
@AutoService(Processor.class)
public final class InfergenProcessor extends AbstractProcessor {

    private static final String GENERATED = Generated.class.getCanonicalName();

    /** Generated qualified name → the spec that claimed it, across rounds. */
    private final Map<String, String> generated = new HashMap<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        Set<String> names = new LinkedHashSet<>();
        names.add(SpecReader.NETWORK);
        names.addAll(SpecReader.memberAnnotations());
        // Claimed so that javac -Xlint:processing does not warn about the @Generated of our own output.
        names.add(GENERATED);
        return names;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement network = processingEnv.getElementUtils().getTypeElement(SpecReader.NETWORK);
        if (network == null) {
            return false;
        }
        annotations = annotations.stream()
                .filter(a -> !a.getQualifiedName().contentEquals(GENERATED))
                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
        reportMembersWithoutNetwork(annotations, round, network);
        List<TypeElement> specs = new ArrayList<>();
        for (Element e : round.getElementsAnnotatedWith(network)) {
            if (e instanceof TypeElement type) {
                specs.add(type);
            }
        }
        specs.sort((a, b) -> a.getQualifiedName().toString().compareTo(b.getQualifiedName().toString()));
        for (TypeElement spec : specs) {
            try {
                process(spec);
            } catch (RuntimeException | IOException e) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                processingEnv.getMessager().printMessage(kind(Message.INTERNAL),
                        Message.INTERNAL.format(spec.getQualifiedName(), trace), spec);
            }
        }
        // The annotations are ours: claim them, so that javac -Xlint:processing does not report them unclaimed.
        return true;
    }

    /**
     * Reads, checks and generates one spec. A spec with an erroneous value (a name javac could not resolve, a value
     * of the wrong type) is left alone: javac reports the value, and javac does not run another round in which it
     * could resolve.
     */
    private void process(TypeElement type) throws IOException {
        Optional<NetworkSpec> read = new SpecReader(processingEnv.getElementUtils()).read(type);
        if (read.isEmpty()) {
            return;
        }
        NetworkSpec spec = withSourceOrder(type, read.get());
        List<Problem> problems = new ArrayList<>(SpecValidator.validate(spec));
        String qualified = spec.packageName().isEmpty() ? spec.className()
                : spec.packageName() + "." + spec.className();
        String claimant = generated.get(qualified);
        if (claimant != null && !claimant.equals(spec.specName())) {
            problems.add(Problem.of(spec.refs().name(), Message.NETWORK_NAME_CLASHES_GENERATED, qualified, claimant));
        } else if (claimant == null && processingEnv.getElementUtils().getTypeElement(qualified) != null) {
            problems.add(Problem.of(spec.refs().name(), Message.NETWORK_NAME_CLASHES_EXISTING, qualified));
        }
        for (Problem problem : problems) {
            report(type, problem);
        }
        if (problems.stream().anyMatch(p -> p.message().severity() == Message.Severity.ERROR) || claimant != null) {
            return;
        }
        generated.put(qualified, spec.specName());
        new NetEmitter(NetPlan.of(spec)).emit(type).writeTo(processingEnv.getFiler());
    }

    /**
     * The spec with the {@code @Conv2d} annotations written after a {@code @Dense} found in the source itself, which
     * sees through javac's containers (the reader can only compare the containers' positions).
     */
    private NetworkSpec withSourceOrder(TypeElement type, NetworkSpec spec) {
        if (!spec.hasConv()) {
            return spec;
        }
        List<Integer> late = RepeatedAnnotationPositions.writtenAfter(processingEnv, type,
                infergen.annotations.Dense.class.getCanonicalName(),
                infergen.annotations.Conv2d.class.getCanonicalName());
        if (late == null) {
            return spec;
        }
        List<ValueRef> refs = new ArrayList<>();
        List<infergen.processor.model.LayerSpec> convs = spec.layers().stream()
                .filter(infergen.processor.model.LayerSpec::isConv).toList();
        for (int index : late) {
            if (index < convs.size()) {
                refs.add(convs.get(index).annotation());
            }
        }
        return spec.withConvsAfterDense(List.copyOf(refs));
    }

    /**
     * One error per type that carries our annotations but not {@code @Network}, on the first of them in source
     * order (a repeated {@code @Dense} is named {@code @Dense}, not its container, and the error goes on the first).
     */
    private void reportMembersWithoutNetwork(Set<? extends TypeElement> annotations, RoundEnvironment round,
            TypeElement network) {
        Set<Element> elements = new LinkedHashSet<>();
        for (TypeElement annotation : annotations) {
            if (!annotation.equals(network)) {
                elements.addAll(round.getElementsAnnotatedWith(annotation));
            }
        }
        for (Element e : elements) {
            if (e.getAnnotationMirrors().stream()
                    .anyMatch(m -> m.getAnnotationType().asElement().equals(network))) {
                continue;
            }
            for (AnnotationMirror m : e.getAnnotationMirrors()) {
                TypeElement annotation = (TypeElement) m.getAnnotationType().asElement();
                if (!annotations.contains(annotation)) {
                    continue;
                }
                AnnotationMirror first = m;
                String simple = "@" + annotation.getSimpleName();
                if (annotation.getQualifiedName().contentEquals(SpecReader.DENSE_LIST)
                        || annotation.getQualifiedName().contentEquals(SpecReader.CONV_LIST)) {
                    simple = "@" + annotation.getEnclosingElement().getSimpleName();
                    List<AnnotationMirror> nested = SpecReader.nested(m);
                    first = nested.isEmpty() ? m : nested.getFirst();
                }
                report(e, Problem.of(new MirrorRef(e, first, null), Message.SPEC_WITHOUT_NETWORK, simple,
                        e.getSimpleName(), e.getSimpleName()));
                break;
            }
        }
    }

    /** Prints {@code problem} with its message's severity, on the annotation value it is about. */
    private void report(Element type, Problem problem) {
        Diagnostic.Kind kind = kind(problem.message());
        ValueRef where = problem.where();
        if (where instanceof MirrorRef ref) {
            if (RepeatedAnnotationPositions.isNested(ref.element(), ref.mirror())
                    && RepeatedAnnotationPositions.printMessage(processingEnv, kind, problem.text(), ref.element(),
                            ref.mirror(), ref.value())) {
                return;
            }
            if (ref.value() != null) {
                processingEnv.getMessager().printMessage(kind, problem.text(), ref.element(), ref.mirror(),
                        ref.value());
            } else {
                processingEnv.getMessager().printMessage(kind, problem.text(), ref.element(), ref.mirror());
            }
        } else {
            processingEnv.getMessager().printMessage(kind, problem.text(), type);
        }
    }

    private static Diagnostic.Kind kind(Message message) {
        return switch (message.severity()) {
            case ERROR -> Diagnostic.Kind.ERROR;
            case WARNING -> Diagnostic.Kind.WARNING;
        };
    }
}
