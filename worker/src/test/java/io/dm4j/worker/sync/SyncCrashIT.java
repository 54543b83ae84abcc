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
            Process p = SyncProcess.start(dir, log, "256m");
            Thread.sleep(800 + rnd.nextInt(2200));
            assertTrue(p.isAlive(), "the sync process died by itself; see " + log + ":\n" + SyncProcess.tail(log));
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no checkpoint flush
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        load.join();
        Process p = SyncProcess.start(dir, log, "256m");
        try {
            SyncProcess.awaitCheckpointAtMaster(dbs, f, p, Duration.ofMinutes(4));
            assertTrue(p.isAlive(), "the sync process died; see " + log + ":\n" + SyncProcess.tail(log));
            for (String t : w.tableNames()) {
                TableChecksum.assertSameContent(dbs, t);
            }
        } finally {
            p.destroy(); // SIGTERM: clean stop
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "clean stop within 30 s");
        }
        assertEquals(0, p.exitValue(), "clean stop exits 0; log:\n" + SyncProcess.tail(log));
    }
}
