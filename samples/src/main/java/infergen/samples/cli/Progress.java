package infergen.samples.cli;

import java.io.Console;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars on the terminal (standard error), and nothing when the output is not a terminal. */
final class Progress {

    private Progress() {
    }

    /** Whether standard input/output are a terminal, so that a redrawn bar makes sense. */
    static boolean terminal() {
        Console c = System.console();
        return c != null && c.isTerminal();
    }

    /** A bar counting samples, with their rate per second. */
    static ProgressBar bar(String task, long samples) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(samples).setUnit(" samples", 1)
                .showSpeed(new java.text.DecimalFormat("#,##0")).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis(250).build();
    }

    /**
     * Prints a line to {@code out}; with a bar on the same terminal, clears the bar's line first so the bar redraws
     * below the text.
     */
    static void println(PrintWriter out, boolean barShown, String line) {
        synchronized (out) {
            out.println(barShown ? "\r\033[K" + line : line);
            out.flush();
        }
    }
}
