package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.LoadErrors;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.db.Downstream;
import io.dm4j.worker.dump.DumpIndex;
import io.dm4j.worker.unit.UnitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * (c) A load is killed at random points five times (a failure injected just before a commit, or the unit closed
 * abruptly from another thread while a transaction is in flight) and restarted each time; at the end the downstream is identical to the
 * upstream and no row is duplicated (a table without primary key would show duplicates; keyed tables load with
 * on-duplicate-logical: error, so a statement applied twice fails).
 */
@ExtendWith(DatabasesExtension.class)
class LoadRestartIT {

    @Test
    void killedLoadsResumeWithoutLossOrDuplicates(TestDatabases dbs, @TempDir Path dir) throws Exception {
        String s = dbs.freshSchema("dl_restart");
        dbs.execUp("USE `" + s + "`",
                "CREATE TABLE k (id INT PRIMARY KEY, v VARCHAR(64), b VARBINARY(32))",
                "INSERT INTO k SELECT seq, CONCAT('value-', seq, REPEAT('z', seq % 30)), UNHEX(SHA1(seq)) FROM seq_1_to_40000",
                "CREATE TABLE nopk (a INT, note VARCHAR(40))",
                "INSERT INTO nopk SELECT seq % 100, CONCAT('dup-', seq % 7) FROM seq_1_to_20000",
                "CREATE TABLE small (id INT PRIMARY KEY, t TEXT)",
                "INSERT INTO small VALUES (1, 'a'), (2, 'b')",
                "ANALYZE TABLE k");
        SubTaskConfig cfg = DumpLoadFixture.subTask(dbs, "restart", "full", dir, s,
                "threads: 2\nrows: 10000\nstatement-size: 4000", "pool-size: 3\non-duplicate-logical: error", "", "");
        DumpLoadFixture.dump(dbs, cfg);
        long totalFiles = DumpIndex.read(Path.of(cfg.dumpDir())).baseTables().stream().mapToLong(t -> t.files().size()).sum();
        assertTrue(totalFiles >= 4, "several files: " + totalFiles);

        Random random = new Random(20261122);
        long lastFinished = -1;
        for (int kill = 1; kill <= 5; kill++) {
            LoadUnit unit = new LoadUnit(cfg, DumpLoadFixture.downstream(dbs));
            UnitResult r;
            if (kill % 2 == 1) {
                int failAt = 20 + random.nextInt(120);
                AtomicInteger commits = new AtomicInteger();
                unit.setCommitHook((file, offset) -> {
                    if (commits.incrementAndGet() == failAt) {
                        throw new SQLException("injected crash before commit " + failAt + " (" + file + " @" + offset + ")");
                    }
                });
                r = unit.process();
                assertFalse(r.ok(), "the injected failure stops the load");
                assertTrue(r.errors().get(0).getMessage().contains("injected crash"), r.errors().toString());
            } else {
                // an abrupt stop while a transaction is in flight: the pool is closed from another thread, which
                // aborts the connections; the commit that follows fails and nothing of that transaction remains
                int closeAt = 20 + random.nextInt(120);
                AtomicInteger commits = new AtomicInteger();
                unit.setCommitHook((file, offset) -> {
                    if (commits.incrementAndGet() == closeAt) {
                        new Thread(unit::close).start();
                        sleep(300);
                    }
                });
                r = unit.process();
                assertFalse(r.finished(), "closed before commit " + closeAt);
            }
            unit.close();
            long finished = unit.status().finishedBytes();
            var perTable = unit.status().tableProgress();
            assertEquals(3, perTable.totalTables(), perTable.toString());
            assertEquals(3, perTable.finishedTables() + perTable.tables().size() + perTable.unlisted(), perTable.toString());
            assertTrue(perTable.tables().stream().anyMatch(t -> !t.done() && t.finishedParts() < t.totalParts()),
                    "the interrupted table is listed unfinished: " + perTable);
            assertTrue(finished > lastFinished, "every run makes progress: " + finished + " after " + lastFinished);
            lastFinished = finished;
        }
        LoadUnit last = DumpLoadFixture.load(dbs, cfg);
        assertEquals("100.00 %", last.status().progress());
        for (String t : List.of("k", "nopk", "small")) {
            TableChecksum.assertSameContent(dbs, s + "." + t);
        }
        assertEquals(List.of(List.of("20000")), dbs.queryDown("SELECT COUNT(*) FROM `" + s + "`.nopk"));
        // every file is complete in the checkpoint; a further run has nothing left to do
        assertEquals(List.of(List.of(String.valueOf(totalFiles))), dbs.queryDown("SELECT COUNT(*) FROM `restart_meta`."
                + "`restart_loader_checkpoint` WHERE id = 's1' AND `offset` = end_pos"));
        assertEquals(3, last.status().tableProgress().finishedTables(), last.status().tableProgress().toString());
        assertTrue(last.status().tableProgress().tables().isEmpty(), last.status().tableProgress().toString());
        LoadUnit again = DumpLoadFixture.load(dbs, cfg);
        assertEquals(last.status().totalBytes(), again.status().finishedBytes());
        // tables complete in the checkpoint count as finished without loading anything
        assertEquals(3, again.status().tableProgress().finishedTables(), again.status().tableProgress().toString());
        TableChecksum.assertSameContent(dbs, s + ".nopk");
    }

    /** A resume runs process() again on the same unit: its status counts each file and table once. */
    @Test
    void aLoadResumedOnTheSameUnitCountsFilesAndTablesOnce(TestDatabases dbs, @TempDir Path dir) throws Exception {
        String s = dbs.freshSchema("dl_again");
        dbs.execUp("USE `" + s + "`", "CREATE TABLE k (id INT PRIMARY KEY, v VARCHAR(64))",
                "INSERT INTO k SELECT seq, CONCAT('value-', seq) FROM seq_1_to_3000",
                "CREATE TABLE small (id INT PRIMARY KEY)", "INSERT INTO small VALUES (1), (2)", "ANALYZE TABLE k");
        SubTaskConfig cfg = DumpLoadFixture.subTask(dbs, "again", "full", dir, s, "threads: 1\nrows: 1000\nstatement-size: 4000",
                "pool-size: 1", "", "");
        DumpLoadFixture.dump(dbs, cfg);
        LoadUnit unit = new LoadUnit(cfg, DumpLoadFixture.downstream(dbs));
        AtomicInteger commits = new AtomicInteger();
        unit.setCommitHook((file, offset) -> {
            if (commits.incrementAndGet() == 12) {
                throw new SQLException("injected failure before commit 12");
            }
        });
        try (unit) {
            assertFalse(unit.process().ok(), "the injected failure stops the load");
            unit.setCommitHook(null);
            assertTrue(unit.process().ok(), "the same unit resumes");
        }
        LoadStatus st = unit.status();
        assertEquals(st.totalFiles(), st.finishedFiles(), st.toString());
        assertEquals(st.totalBytes(), st.finishedBytes(), st.toString());
        assertEquals(2, st.tableProgress().totalTables(), st.tableProgress().toString());
        assertEquals(2, st.tableProgress().finishedTables(), st.tableProgress().toString());
        TableChecksum.assertSameContent(dbs, s + ".k");
    }

    @Test
    void aDumpRunAgainOnTheSameUnitCountsTablesRowsAndChunksOnce(TestDatabases dbs, @TempDir Path dir) throws Exception {
        String s = dbs.freshSchema("dump_again");
        dbs.execUp("USE `" + s + "`", "CREATE TABLE k (id INT PRIMARY KEY, v VARCHAR(64))",
                "INSERT INTO k SELECT seq, CONCAT('value-', seq) FROM seq_1_to_3000",
                "CREATE TABLE small (id INT PRIMARY KEY)", "INSERT INTO small VALUES (1), (2)", "ANALYZE TABLE k");
        SubTaskConfig cfg = DumpLoadFixture.subTask(dbs, "dumpagain", "full", dir, s, "threads: 1\nrows: 1000",
                "pool-size: 1", "", "");
        io.dm4j.worker.dump.DumpUnit unit = new io.dm4j.worker.dump.DumpUnit(cfg, DumpLoadFixture.upstream(dbs));
        try (unit) {
            assertTrue(unit.process().ok(), "the first dump");
            // a paused dump that starts again finds no complete dump and writes it again from the start
            try (var files = Files.walk(Path.of(cfg.dumpDir()))) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
            assertTrue(unit.process().ok(), "the same unit dumps again");
        }
        io.dm4j.worker.dump.DumpStatus st = unit.status();
        assertEquals(2, st.totalTables(), st.toString());
        assertEquals(2, st.completedTables(), st.toString());
        assertEquals(3002, st.finishedRows(), st.toString());
        assertEquals(st.totalChunks(), st.completedChunks(), st.toString());
        assertEquals("100.00 %", st.progress(), st.toString());
    }

    @Test
    void removeMetaForgetsTheLoadAndTheDump(TestDatabases dbs, @TempDir Path dir) throws Exception {
        String s = dbs.freshSchema("dl_remove");
        dbs.execUp("CREATE TABLE `" + s + "`.t (id INT PRIMARY KEY)", "INSERT INTO `" + s + "`.t VALUES (1), (2)");
        SubTaskConfig cfg = DumpLoadFixture.subTask(dbs, "rmmeta", "all", dir, s, "threads: 1", "pool-size: 1", "", "");
        DumpLoadFixture.dump(dbs, cfg);
        DumpLoadFixture.load(dbs, cfg);
        assertEquals(List.of(List.of("1")), dbs.queryDown("SELECT COUNT(*) FROM rmmeta_meta.rmmeta_loader_checkpoint"));
        try (Downstream d = Downstream.open(DumpLoadFixture.downstream(dbs), "rm")) {
            LoadUnit.removeMeta(d.dataSource(), cfg);
        }
        assertFalse(Files.exists(Path.of(cfg.dumpDir())));
        assertTrue(dbs.queryDown("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'rmmeta_meta'"
                + " AND TABLE_NAME = 'rmmeta_loader_checkpoint'").isEmpty(), "the emptied table is dropped");
        LoadUnit unit = new LoadUnit(cfg, DumpLoadFixture.downstream(dbs));
        UnitResult r = unit.process();
        unit.close();
        assertEquals(LoadErrors.DUMP_DIR_NOT_FOUND, r.errors().get(0).code());
        DmException e = r.errors().get(0);
        assertTrue(e.getMessage().contains("--remove-meta"), e.getMessage());
        dbs.execDown("DROP DATABASE IF EXISTS rmmeta_meta");
        assertThrows(DmException.class, () -> { throw e; });
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
