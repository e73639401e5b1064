package io.earlywarning.replay;

import java.io.PrintStream;

/** A one-line progress bar on a terminal's error stream, redrawn when the percentage changes; null prints nothing. */
public final class ProgressBar {

    private static final int WIDTH = 40;

    private final PrintStream out;
    private final String label;
    private final int total;
    private int done;
    private int shown = -1;

    public ProgressBar(PrintStream out, String label, int total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    public void step() {
        done++;
        int percent = total == 0 ? 100 : (int) (100L * done / total);
        if (out != null && (percent != shown || done == total)) {
            shown = percent;
            out.print("\r" + label + " " + line(done, total));
        }
    }

    public void done() {
        if (out != null) {
            out.println();
        }
    }

    static String line(int done, int total) {
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        return String.format("[%s%s] %d/%d", "#".repeat(filled), ".".repeat(WIDTH - filled), done, total);
    }
}
