package infergen.runtime.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint file that cannot be used: truncated, corrupt, saved by another spec, or missing a tensor the caller
 * expects. The message names the file and the problem, e.g. {@code "/ckpt/net.safetensors: tensor layer0.weight has
 * shape [128, 784], expected [256, 784]"}.
 */
public final class CheckpointException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The file the problem was found in. */
    private final transient Path file;

    CheckpointException(Path file, String message) {
        super(message);
        this.file = file;
    }

    CheckpointException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The checkpoint file this problem is about. */
    public Path file() {
        return file;
    }
}
