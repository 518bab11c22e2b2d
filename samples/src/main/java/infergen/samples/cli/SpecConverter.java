package infergen.samples.cli;

import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Turns a catalogue name into its entry; an unknown name lists the valid ones. */
final class SpecConverter implements ITypeConverter<Catalogue.Entry> {

    @Override
    public Catalogue.Entry convert(String value) {
        return Catalogue.byName(value).orElseThrow(() -> new TypeConversionException("unknown spec '" + value
                + "'; valid specs: " + String.join(", ", Catalogue.names())));
    }

    /** The catalogue's names, for completion and help. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Catalogue.names().iterator();
        }
    }
}
