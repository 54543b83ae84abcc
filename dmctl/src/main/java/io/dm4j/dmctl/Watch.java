package io.dm4j.dmctl;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/**
 * {@code query-status --watch}: prints a fresh snapshot every interval. On a terminal each snapshot replaces the
 * previous one (ANSI clear screen and cursor home); otherwise (a pipe or file) snapshots are appended, each after
 * a line with its time, so the output stays a readable log.
 */
final class Watch {
    static final String CLEAR = "\033[H\033[2J";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** Waits between snapshots; tests pass one that does not sleep. */
    interface Pause {
        void sleep(Duration d) throws InterruptedException;
    }

    private final PrintStream out;
    private final boolean terminal;
    private final Clock clock;
    private final Pause pause;

    Watch(PrintStream out, boolean terminal, Clock clock, Pause pause) {
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
        this.pause = pause;
    }

    /** Runs until interrupted, or {@code count} snapshots when count > 0. */
    void run(Supplier<String> snapshot, Duration interval, int count) {
        for (int i = 0; count <= 0 || i < count; i++) {
            String text = snapshot.get();
            String header = "Every " + interval.toMillis() / 1000.0 + "s: query-status    "
                    + TIME.format(clock.instant().atZone(ZoneId.systemDefault()));
            if (terminal) {
                out.print(CLEAR);
                out.println(header);
                out.println();
            } else {
                out.println("--- " + header);
            }
            out.print(text.endsWith("\n") ? text : text + "\n");
            out.flush();
            if (count > 0 && i == count - 1) {
                return;
            }
            try {
                pause.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
