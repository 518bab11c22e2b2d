package infergen.runtime.data;

import java.io.IOException;

/**
 * An IDX file (or a pair of them) that cannot be used: wrong magic number, unsupported data type, bad dimensions,
 * truncated or oversized content, corrupt gzip data, a label outside the class range, or image and label files
 * that disagree on the number of samples. The message names the file and the problem.
 */
public final class IdxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String file;

    /** A problem with {@code file}; {@code message} is the whole message and should start with the file's name. */
    public IdxFormatException(String file, String message) {
        super(message);
        this.file = file;
    }

    /** Like {@link #IdxFormatException(String, String)}, keeping the low-level cause. */
    public IdxFormatException(String file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The file (path or classpath resource name) the problem was found in. */
    public String file() {
        return file;
    }
}
