package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
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
        killRepeatedlyAndCompare(dbs, "sync_crash", "");
    }

    /**
     * With split-transactions the rows of one upstream transaction commit in several queues, so a kill leaves
     * transactions half applied downstream; the replay in safe mode from the checkpoint must complete them.
     */
    @Test
    void killedTwentyTimesWithSplitTransactionsEndsIdentical(TestDatabases dbs) throws Exception {
        Path log = killRepeatedlyAndCompare(dbs, "sync_crash_split", "\nsplit-transactions: true\nworker-count: 4\nbatch: 50");
        assertTrue(Files.readString(log).contains("split-transactions true"), "the unit ran with split transactions");
    }

    private static Path killRepeatedlyAndCompare(TestDatabases dbs, String schema, String syncerExtra) throws Exception {
        BinlogPosition start = SyncFixture.masterPosition(dbs.upstream());
        String db = dbs.freshSchema(schema);
        RandomWorkload w = new RandomWorkload(dbs.upstream(), db, 10);
        w.createTables();
        // Safe mode must come from the stored exit mark, not from the wall-clock window: make the window tiny.
        SyncFixture f = new SyncFixture(dbs, db, start, "safe-mode-duration: 1s" + syncerExtra);
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
        SyncProcess.killRepeatedly(dir, log, KILLS, new Random(20261122), 800, 2200);
        load.join();
        SyncProcess.finishAndCompare(dbs, f, dir, log, w.tableNames());
        return log;
    }
}
