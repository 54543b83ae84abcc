package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sync unit in its own JVM, killed with SIGKILL at 20 random moments while a workload runs upstream and restarted
 * each time: the downstream must end identical to the upstream, with no lost and no duplicate rows.
 */
@ExtendWith(DatabasesExtension.class)
class SyncCrashIT {
    private static final int KILLS = Integer.getInteger("dm4j.crash.kills", 20);

    @Test
    void killedTwentyTimesEndsIdentical(TestDatabases dbs) throws Exception {
        BinlogPosition start = SyncFixture.masterPosition(dbs.upstream());
        String db = dbs.freshSchema("sync_crash");
        RandomWorkload w = new RandomWorkload(dbs.upstream(), db, 10);
        w.createTables();
        // Safe mode must come from the stored exit mark, not from the wall-clock window: make the window tiny.
        SyncFixture f = new SyncFixture(dbs, db, start, "safe-mode-duration: 1s");
        Path dir = f.writeFiles(Files.createTempDirectory("dm4j-crash"));
        Path log = dir.resolve("sync.log");
        Thread load = new Thread(() -> {
            try {
                w.run(Integer.getInteger("dm4j.crash.ops", 40_000), 3, 7);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        load.start();
        Random rnd = new Random(20261122);
        for (int i = 0; i < KILLS; i++) {
            Process p = startProcess(dir, log);
            Thread.sleep(800 + rnd.nextInt(2200));
            assertTrue(p.isAlive(), "the sync process died by itself; see " + log + ":\n" + tail(log));
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no checkpoint flush
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        load.join();
        Process p = startProcess(dir, log);
        try {
            BinlogPosition target = SyncFixture.masterPosition(dbs.upstream());
            SyncFixture.await(() -> checkpointAt(dbs, f).compareTo(target) >= 0 || !p.isAlive(), Duration.ofMinutes(4),
                    "the checkpoint to reach " + target);
            assertTrue(p.isAlive(), "the sync process died; see " + log + ":\n" + tail(log));
            for (String t : w.tableNames()) {
                TableChecksum.assertSameContent(dbs, t);
            }
        } finally {
            p.destroy(); // SIGTERM: clean stop
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "clean stop within 30 s");
        }
        assertEquals(0, p.exitValue(), "clean stop exits 0; log:\n" + tail(log));
    }

    private static Process startProcess(Path dir, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                StandaloneSync.class.getName(), dir.resolve("task.yaml").toString(), dir.resolve("source.yaml").toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }

    private static BinlogPosition checkpointAt(TestDatabases dbs, SyncFixture f) {
        try {
            List<List<String>> rows = dbs.queryDown("SELECT binlog_name, binlog_pos FROM dm_meta.`" + f.taskName
                    + "_syncer_checkpoint` WHERE id = ? AND is_global = 1", f.sourceId);
            return rows.isEmpty() ? new BinlogPosition("", 0)
                    : new BinlogPosition(rows.get(0).get(0), Long.parseLong(rows.get(0).get(1)));
        } catch (Exception e) {
            return new BinlogPosition("", 0);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (Exception e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
