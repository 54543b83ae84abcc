package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tables without a primary key or NOT NULL unique key, written to concurrently while the sync unit (its own JVM) is
 * killed with SIGKILL again and again: replayed INSERTs into such tables cannot be made idempotent by safe mode, so
 * the downstream must still end with exactly the upstream's rows (same multiset: no duplicate, no loss).
 */
@ExtendWith(DatabasesExtension.class)
class KeylessCrashIT {
    private static final int KILLS = Integer.getInteger("dm4j.crash.kills", 10);

    @Test
    void killedRepeatedlyKeepsKeylessRowsExactlyOnce(TestDatabases dbs) throws Exception {
        BinlogPosition start = SyncFixture.masterPosition(dbs.upstream());
        String db = dbs.freshSchema("keyless_crash");
        KeylessWorkload w = new KeylessWorkload(dbs.upstream(), db);
        w.createTables();
        SyncFixture f = new SyncFixture(dbs, db, start, "safe-mode-duration: 1s\nbatch: 20");
        Path dir = f.writeFiles(Files.createTempDirectory("dm4j-keyless-crash"));
        Path log = dir.resolve("sync.log");
        AtomicBoolean stop = new AtomicBoolean();
        Thread load = new Thread(() -> {
            try {
                w.runUntil(stop::get, 4, 2, 11);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        load.start();
        SyncProcess.killRepeatedly(dir, log, KILLS, new Random(20261203), 1000, 2500);
        assertTrue(load.isAlive(), "the workload failed");
        stop.set(true);
        load.join();
        SyncProcess.finishAndCompare(dbs, f, dir, log, w.tableNames());
    }
}
