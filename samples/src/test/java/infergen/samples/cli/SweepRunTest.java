package infergen.samples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SweepRun} away from the sweep's JVM (what infergen-spark's executors do): it survives Java serialization,
 * {@link SweepRun#remote} reads the data itself and returns the bytes {@link SweepRun#execute} writes locally, and a
 * run whose JVM sees other data than the sweep's comes back failed, saying so.
 */
class SweepRunTest {

    @TempDir
    Path dir;

    private static SweepRun run(SweepRun.Data data, SweepRun.Loaded driverData) {
        Catalogue.Entry entry = Catalogue.byName("paper-fenchel-1").orElseThrow();
        TrainCommand.Setting beta = new TrainCommand.Setting("beta", 3, "beta=3");
        SweepCommand.Config config = new SweepCommand.Config("beta=3", List.of(beta), Map.of("beta", 3f));
        SweepCommand.Run run = new SweepCommand.Run(config, 2, "beta=3_seed=2");
        return new SweepRun(entry, run, List.of(), data, driverData, "the data", 1, 50, false, TrainCommand.Schedule.CONSTANT, "test");
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void aSerializedRunTrainsToTheBytesOfALocalRun() throws Exception {
        SweepRun.Data data = new SweepRun.Data(null, true, 100, 300, 100);
        SweepRun.Loaded loaded = data.load();
        assertEquals(200, loaded.train().count());
        assertEquals(100, loaded.valid().count());
        SweepRun r = run(data, loaded);

        Path local = dir.resolve("local");
        String line = r.execute(local, loaded, null);
        assertTrue(line.startsWith("final test error "), line);
        SweepRun.Folder remote = roundTrip(roundTrip(r).remote());
        assertEquals(line, remote.line());
        assertEquals(List.of("checkpoint", "config.json", "metrics.csv", "model.safetensors", "done"),
                List.copyOf(remote.files().keySet()));
        remote.writeTo(dir.resolve("remote"));
        for (String f : List.of("config.json", "model.safetensors", "done")) {
            assertArrayEquals(Files.readAllBytes(local.resolve(f)), Files.readAllBytes(dir.resolve("remote/" + f)), f);
        }
        assertEquals(SweepReport.Status.OK, SweepReport.status(dir.resolve("remote")));
    }

    @Test
    void otherDataWhereTheRunRunsFailTheRun() throws Exception {
        SweepRun.Data data = new SweepRun.Data(null, true, 100, 300, 0);
        // the driver saw 250 training images; this JVM loads 300
        SweepRun.Loaded driver = SweepRun.Loaded.of(new infergen.runtime.data.Datasets.Split(
                data.load().train().slice(0, 250), data.load().test(), data.load().source()), 0);
        SweepRun.Folder f = run(data, driver).remote();
        assertTrue(f.line().startsWith("FAILED: IOException: the data on "), f.line());
        String done = new String(f.files().get("done"), StandardCharsets.UTF_8);
        assertTrue(done.startsWith("failed\nIOException: the data on ") && done.contains("300 training and 100 test "
                + "images here; the driver has") && done.contains("250 and 100"), done);

        SweepRun.Folder missing = run(new SweepRun.Data(dir.resolve("nowhere").toString(), false, null, 300, 0),
                driver).remote();
        assertTrue(missing.line().contains("could not read the data on ") && missing.line().contains("nowhere"),
                missing.line());
    }
}
