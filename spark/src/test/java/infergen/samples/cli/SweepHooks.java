package infergen.samples.cli;

import java.util.function.Consumer;

/** Sets the sweep's package-private test hook {@code SweepCommand.beforeRun} from the Spark module's tests. */
public final class SweepHooks {

    private SweepHooks() {
    }

    /** Called with a run's name when the run starts, in whichever thread (and JVM) trains it. */
    public static void beforeRun(Consumer<String> hook) {
        SweepCommand.beforeRun = hook;
    }

    /** Back to the default: nothing. */
    public static void reset() {
        SweepCommand.beforeRun = name -> {
        };
    }
}
