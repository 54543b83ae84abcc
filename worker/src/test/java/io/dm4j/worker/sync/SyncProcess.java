package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** {@link StandaloneSync} in its own JVM, for tests that kill it or limit its heap. */
final class SyncProcess {
    private SyncProcess() {
    }

    /**
     * Starts the sync unit of the files in {@code dir} with heap {@code xmx} (e.g. {@code 256m}; null: the JVM's
     * default), output to log. An OutOfMemoryError ends the process, so a test sees it die.
     */
    static Process start(Path dir, Path log, String xmx) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+ExitOnOutOfMemoryError"));
        if (xmx != null) {
            cmd.add("-Xmx" + xmx);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), StandaloneSync.class.getName(),
                dir.resolve("task.yaml").toString(), dir.resolve("source.yaml").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }

    /** The stored global checkpoint of the fixture's task, or an empty position. */
    static BinlogPosition checkpointAt(TestDatabases dbs, SyncFixture f) {
        try {
            List<List<String>> rows = dbs.queryDown("SELECT binlog_name, binlog_pos FROM dm_meta.`" + f.taskName
                    + "_syncer_checkpoint` WHERE id = ? AND is_global = 1", f.sourceId);
            return rows.isEmpty() ? new BinlogPosition("", 0)
                    : new BinlogPosition(rows.get(0).get(0), Long.parseLong(rows.get(0).get(1)));
        } catch (Exception e) {
            return new BinlogPosition("", 0);
        }
    }

    /**
     * Waits until the stored checkpoint reaches the upstream's current position (or the process died). A marker
     * transaction is written first (table {@code _sync_marker} of the fixture's schema): checkpoints stand at
     * transaction ends, and after a binlog rotation the upstream's position is past the new file's header events.
     */
    static void awaitCheckpointAtMaster(TestDatabases dbs, SyncFixture f, Process p, Duration timeout) throws Exception {
        String marker = "`" + f.schema + "`.`_sync_marker`";
        dbs.execUp("CREATE TABLE IF NOT EXISTS " + marker + " (id INT PRIMARY KEY, n INT)",
                "INSERT INTO " + marker + " VALUES (1, 1) ON DUPLICATE KEY UPDATE n = n + 1");
        BinlogPosition target = SyncFixture.masterPosition(dbs.upstream());
        SyncFixture.await(() -> checkpointAt(dbs, f).compareTo(target) >= 0 || !p.isAlive(), timeout,
                "the checkpoint to reach " + target);
    }

    /** The last 40 lines of the log. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (Exception e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Starts the unit and kills it with SIGKILL (no shutdown hook, no checkpoint flush) {@code kills} times. */
    static void killRepeatedly(Path dir, Path log, int kills, Random rnd, int minMillis, int spreadMillis)
            throws Exception {
        for (int i = 0; i < kills; i++) {
            Process p = start(dir, log, "256m");
            Thread.sleep(minMillis + rnd.nextInt(spreadMillis));
            assertTrue(p.isAlive(), "the sync process died by itself; see " + log + ":\n" + tail(log));
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
    }

    /**
     * Starts the unit once more, waits until its checkpoint reaches the upstream, checks every table's content,
     * then stops it with SIGTERM, which must end it cleanly (exit 0).
     */
    static void finishAndCompare(TestDatabases dbs, SyncFixture f, Path dir, Path log, List<String> tables)
            throws Exception {
        Process p = start(dir, log, "256m");
        try {
            awaitCheckpointAtMaster(dbs, f, p, Duration.ofMinutes(4));
            assertTrue(p.isAlive(), "the sync process died; see " + log + ":\n" + tail(log));
            for (String t : tables) {
                TableChecksum.assertSameContent(dbs, t);
            }
        } finally {
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "clean stop within 30 s");
        }
        assertEquals(0, p.exitValue(), "clean stop exits 0; log:\n" + tail(log));
    }
}
