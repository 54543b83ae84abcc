package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Big transactions through a sync unit in its own JVM: the in-flight changes must be bounded in bytes, not only in
 * counts, so rows of several megabytes fit in a small heap, and a huge transaction never has to be held whole.
 */
@ExtendWith(DatabasesExtension.class)
class SyncMemoryIT {
    private static final int BLOB_BYTES = 8 << 20;

    @Test
    void twentyBlobsOfEightMegabytesInOneTransactionReplicateIn256Megabytes(TestDatabases dbs) throws Exception {
        BinlogPosition start = SyncFixture.masterPosition(dbs.upstream());
        String db = dbs.freshSchema("sync_blobs");
        // An 8 MiB binary value travels as 16 MiB of hex in the test's INSERT and the unit's statements: 64 MiB on
        // both servers (new connections see it).
        raiseMaxAllowedPacket(dbs);
        dbs.execUp("CREATE TABLE `" + db + "`.b (id INT PRIMARY KEY, data LONGBLOB)");
        SyncFixture f = new SyncFixture(dbs, db, start, "");
        Path dir = f.writeFiles(Files.createTempDirectory("dm4j-blobs"));
        Path log = dir.resolve("sync.log");
        Process p = SyncProcess.start(dir, log, "256m");
        try {
            Random rnd = new Random(8);
            try (Connection c = dbs.upstream().connect();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO `" + db + "`.b VALUES (?, ?)")) {
                c.setAutoCommit(false);
                byte[] blob = new byte[BLOB_BYTES];
                for (int i = 0; i < 20; i++) {
                    rnd.nextBytes(blob);
                    ps.setInt(1, i);
                    ps.setBytes(2, blob);
                    ps.executeUpdate();
                }
                c.commit();
            }
            SyncProcess.awaitCheckpointAtMaster(dbs, f, p, Duration.ofMinutes(5));
            assertTrue(p.isAlive(), "the sync process died; see " + log + ":\n" + SyncProcess.tail(log));
            TableChecksum.assertSameContent(dbs, db + ".b");
            stopCleanly(p, log);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aMillionRowTransactionReplicatesWithTheDefaultHeap(TestDatabases dbs) throws Exception {
        BinlogPosition start = SyncFixture.masterPosition(dbs.upstream());
        String db = dbs.freshSchema("sync_million");
        dbs.execUp("CREATE TABLE `" + db + "`.m (id INT PRIMARY KEY, name VARCHAR(40), v BIGINT)");
        SyncFixture f = new SyncFixture(dbs, db, start, "");
        Path dir = f.writeFiles(Files.createTempDirectory("dm4j-million"));
        Path log = dir.resolve("sync.log");
        Process p = SyncProcess.start(dir, log, System.getProperty("dm4j.memory.millionHeap"));
        try {
            try (Connection c = dbs.upstream().connect(); Statement st = c.createStatement()) {
                // one statement, one transaction, one million rows events' rows
                st.execute("INSERT INTO `" + db + "`.m SELECT seq, CONCAT('row-', seq), seq * 7 FROM `" + db + "`.seq_1_to_1000000");
            }
            SyncProcess.awaitCheckpointAtMaster(dbs, f, p, Duration.ofMinutes(10));
            assertTrue(p.isAlive(), "the sync process died; see " + log + ":\n" + SyncProcess.tail(log));
            TableChecksum.assertSameContent(dbs, db + ".m");
            stopCleanly(p, log);
        } finally {
            p.destroyForcibly();
        }
    }

    private static void raiseMaxAllowedPacket(TestDatabases dbs) throws Exception {
        String sql = "SET GLOBAL max_allowed_packet = GREATEST(@@global.max_allowed_packet, 64 * 1024 * 1024)";
        dbs.execUp(sql);
        dbs.execDown(sql);
    }

    private static void stopCleanly(Process p, Path log) throws Exception {
        p.destroy();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "clean stop within 60 s");
        assertEquals(0, p.exitValue(), "clean stop exits 0; log:\n" + SyncProcess.tail(log));
    }
}
