package io.dm4j.worker.progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TEST-ONLY: lets an end-to-end test catch a dump in the middle deterministically. When the worker runs with
 * {@code -Ddm4j.test.dump-hold-file=PATH}, the dump waits before each chunk after its first one while PATH exists;
 * the test deletes the file to let it go on. Without the property (every real deployment) {@link #await} returns at
 * once. Not a configuration option: nothing documents it for operators.
 */
public final class TestHold {
    private static final Logger LOG = LoggerFactory.getLogger(TestHold.class);
    /** The system property naming the hold file. */
    public static final String DUMP_HOLD_PROPERTY = "dm4j.test.dump-hold-file";
    private static final Path DUMP_HOLD = path(System.getProperty(DUMP_HOLD_PROPERTY));
    private static final long POLL_MS = 50;

    private TestHold() {
    }

    private static Path path(String p) {
        return p == null || p.isBlank() ? null : Path.of(p);
    }

    /** Whether the dump hold is configured at all. */
    public static boolean dumpHoldConfigured() {
        return DUMP_HOLD != null;
    }

    /** Waits while the dump hold file exists, or until {@code stop} says so. */
    public static void awaitDump(BooleanSupplier stop) {
        if (DUMP_HOLD != null && Files.exists(DUMP_HOLD)) {
            LOG.info("test hold: the dump waits while {} exists", DUMP_HOLD); // tests wait for this line
        }
        await(DUMP_HOLD, stop);
    }

    static void await(Path file, BooleanSupplier stop) {
        while (file != null && Files.exists(file) && !stop.getAsBoolean()) {
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
