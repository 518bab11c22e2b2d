package infergen.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed write leaves the previous checkpoint byte for byte and no temporary file behind. */
class CheckpointAtomicWriteTest {

    @TempDir
    Path dir;

    private List<Path> listing(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }

    private Path previous() throws IOException {
        Path file = dir.resolve("net.safetensors");
        new Checkpoint("a.B").add("w", new int[] {3}, new float[] {1, 2, 3}).put("t", 1).write(file);
        return file;
    }

    @Test
    void failureHalfWayThroughTheDataKeepsThePreviousFile() throws IOException {
        Path file = previous();
        byte[] before = Files.readAllBytes(file);
        // the header promises 100000 floats, the data runs out after the first tensor's bytes are written
        Checkpoint broken = new Checkpoint("a.B")
                .add("a", new int[] {70000}, new float[70000])
                .addUnchecked("w", new int[] {100000}, new float[10]);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> broken.write(file));
        assertEquals("tensor w: data has length 10, shape [100000] needs 100000", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), listing(dir));
        assertEquals(1, Checkpoint.read(file).getLong("t"));
    }

    @Test
    void failedRenameLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("taken");
        Files.createDirectory(target);
        Files.writeString(target.resolve("inside"), "x");
        Checkpoint cp = new Checkpoint("a.B").add("w", new int[] {1}, new float[] {1});
        assertThrows(IOException.class, () -> cp.write(target));
        assertEquals(List.of(target), listing(dir));
        assertEquals(List.of(target.resolve("inside")), listing(target));
    }

    @Test
    void missingDirectoryFailsWithoutCreatingAnything() throws IOException {
        Path file = dir.resolve("no/such/dir/net.safetensors");
        Checkpoint cp = new Checkpoint("a.B");
        assertThrows(NoSuchFileException.class, () -> cp.write(file));
        assertEquals(List.of(), listing(dir));
    }

    @Test
    void readOnlyDirectoryKeepsThePreviousFile() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path file = previous();
        byte[] before = Files.readAllBytes(file);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        try {
            assumeFalse(Files.isWritable(dir), "the directory is still writable (running as root?)");
            Checkpoint cp = new Checkpoint("a.B").add("w", new int[] {3}, new float[] {4, 5, 6});
            assertThrows(IOException.class, () -> cp.write(file));
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), listing(dir));
    }

    @Test
    void successfulWriteLeavesOnlyTheTarget() throws IOException {
        Path file = previous();
        new Checkpoint("a.B").add("w", new int[] {3}, new float[] {4, 5, 6}).write(file);
        assertEquals(List.of(file), listing(dir));
        assertArrayEquals(new float[] {4, 5, 6}, Checkpoint.read(file).toArray("w", 3));
    }
}
