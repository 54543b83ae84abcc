package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.dump.DumpMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load overlapping the dump, in worker processes of their own ({@link FullCopyProcess} with the production unit
 * factory). The test-only dump hold ({@code -Ddm4j.test.dump-hold-file}) stops the dump after its first chunk, so
 * what the load did meanwhile is observed without timing: it has loaded the finished file (and its checkpoint names
 * only that file); killed there and restarted, the dump runs again at a new snapshot and no row of the old one
 * survives; tables merged into one target wait for the end of the dump.
 */
@ExtendWith(DatabasesExtension.class)
class OverlapCopyIT {
    private static final String HOLDING = "test hold: the dump waits";

    @Test
    void loadAppliesTheFirstFinishedFileWhileTheDumpStillRuns(TestDatabases dbs, @TempDir Path dir) throws Exception {
        String s = prepare(dbs, "ov_full");
        FullCopyRun run = new FullCopyRun(dir, s);
        run.writeConfig(dbs, s, "full", 1, 2, "");
        Path hold = Files.createFile(dir.resolve("dump-hold"));
        Process p = run.start("run", "-Ddm4j.test.dump-hold-file=" + hold);
        try {
            awaitLoadedWhileHeld(dbs, run, p);
            List<List<String>> files = dbs.queryDown("SELECT filename, end_pos FROM `" + run.meta + "`.`" + run.task
                    + "_loader_checkpoint`");
            assertEquals(1, files.size(), "the checkpoint names only the one file the dump finished: " + files);
            Path first = run.dumpDir().resolve(files.get(0).get(0));
            assertEquals(Files.size(first), Long.parseLong(files.get(0).get(1)), "recorded with its final size");
            long rows = count(dbs, "SELECT COUNT(*) FROM `" + s + "`.k");
            assertTrue(rows > 0 && rows < 20000, "k's first key range is loaded, the rest is not dumped yet: " + rows);

            Files.delete(hold);
            assertTrue(p.waitFor(3, TimeUnit.MINUTES), run.tail());
            assertEquals(0, p.exitValue(), run.tail());
            TableChecksum.assertSameContent(dbs, s + ".k");
            TableChecksum.assertSameContent(dbs, s + ".nokey");
            assertEquals(dbs.queryUp("SELECT COUNT(*) FROM `" + s + "`.nokey"),
                    dbs.queryDown("SELECT COUNT(*) FROM `" + s + "`.nokey"), "no duplicate rows in the keyless table");
            assertTrue(run.read().contains("UNITS [Dump+Load]"), run.tail());
        } finally {
            FullCopyRun.stop(p);
        }
    }

    @Test
    void killedWhileTheLoadFollowsTheDumpTheRestartDropsRowsDeletedMeanwhile(TestDatabases dbs, @TempDir Path dir)
            throws Exception {
        String s = prepare(dbs, "ov_kill");
        FullCopyRun run = new FullCopyRun(dir, s);
        run.writeConfig(dbs, s, "all", 1, 2, "");
        Path hold = Files.createFile(dir.resolve("dump-hold"));
        Process p = run.start("run", "-Ddm4j.test.dump-hold-file=" + hold);
        awaitLoadedWhileHeld(dbs, run, p);
        FullCopyRun.kill(p);
        // rows the killed load copied from the first snapshot, deleted upstream before the dump runs again: their
        // DELETEs lie before the new snapshot's position, so only emptying the table removes them downstream
        List<String> copied = dbs.queryDown("SELECT id FROM `" + s + "`.k ORDER BY id LIMIT 200").stream()
                .map(r -> r.get(0)).toList();
        assertFalse(copied.isEmpty());
        dbs.execUp("DELETE FROM `" + s + "`.k WHERE id IN (" + String.join(",", copied) + ")");
        FullCopyCrashIT.writeMore(dbs, s, 1);
        Files.delete(hold);

        Process again = run.start("run");
        try {
            FullCopyCrashIT.writeMore(dbs, s, 2);
            FullCopyCrashIT.awaitIdentical(dbs, s, again, run);
            assertEquals(0, count(dbs, "SELECT COUNT(*) FROM `" + s + "`.k WHERE id IN (" + String.join(",", copied)
                    + ")"), "rows deleted between the two snapshots are gone downstream");
            assertTrue(run.read().contains("are truncated and the new dump is loaded from the start"), run.tail());
        } finally {
            FullCopyRun.stop(again);
        }
    }

    @Test
    void tablesMergedIntoOneTargetAreLoadedAfterTheDump(TestDatabases dbs, @TempDir Path dir) throws Exception {
        String s = dbs.freshSchema("ov_merge");
        dbs.execUp("USE `" + s + "`",
                "CREATE TABLE a (id INT PRIMARY KEY, v VARCHAR(64))",
                "INSERT INTO a SELECT seq, CONCAT('a-', seq) FROM seq_1_to_8000",
                "CREATE TABLE b (id INT PRIMARY KEY, v VARCHAR(64))",
                "INSERT INTO b SELECT 100000 + seq, CONCAT('b-', seq) FROM seq_1_to_3000");
        FullCopyRun run = new FullCopyRun(dir, s);
        run.writeConfig(dbs, s, "full", 1, 2, """
                merge:
                  schema-pattern: "%s"
                  table-pattern: "*"
                  target-schema: "%s"
                  target-table: "ab"
                """.formatted(s, s));
        Path hold = Files.createFile(dir.resolve("dump-hold"));
        Process p = run.start("run", "-Ddm4j.test.dump-hold-file=" + hold);
        try {
            run.awaitLog("the load starts after the dump, since these targets are fed by several tables", p);
            run.awaitLog(HOLDING, p); // a chunk is finished, the dump waits
            assertEquals(0, count(dbs, "SELECT COUNT(*) FROM `" + run.meta + "`.`" + run.task + "_loader_checkpoint`"),
                    "no file is taken before the dump is complete");
            assertEquals(0, count(dbs, "SELECT COUNT(*) FROM `" + s + "`.ab"));

            Files.delete(hold);
            assertTrue(p.waitFor(3, TimeUnit.MINUTES), run.tail());
            assertEquals(0, p.exitValue(), run.tail());
            assertEquals(11000, count(dbs, "SELECT COUNT(*) FROM `" + s + "`.ab"));
            assertEquals(count(dbs, "SELECT SUM(CRC32(CONCAT(id, v))) FROM `" + s + "`.ab"),
                    countUp(dbs, "SELECT SUM(c) FROM (SELECT CRC32(CONCAT(id, v)) c FROM `" + s + "`.a UNION ALL"
                            + " SELECT CRC32(CONCAT(id, v)) FROM `" + s + "`.b) u"));
        } finally {
            FullCopyRun.stop(p);
        }
    }

    /** FullCopyCrashIT's tables, with statistics, so that k (the larger) is dumped first. */
    private static String prepare(TestDatabases dbs, String prefix) throws Exception {
        String s = FullCopyCrashIT.prepare(dbs, prefix);
        dbs.execUp("ANALYZE NO_WRITE_TO_BINLOG TABLE `" + s + "`.k, `" + s + "`.nokey");
        return s;
    }

    /** Waits until the load committed rows of a file while the dump waits in its hold, unfinished. */
    private static void awaitLoadedWhileHeld(TestDatabases dbs, FullCopyRun run, Process p) throws Exception {
        String loaded = "SELECT COALESCE(SUM(`offset` > 0), 0) FROM `" + run.meta + "`.`" + run.task + "_loader_checkpoint`";
        run.awaitLog(HOLDING, p);
        FullCopyRun.await(() -> !p.isAlive() || countQuietly(dbs, loaded) > 0, Duration.ofMinutes(2));
        assertTrue(countQuietly(dbs, loaded) > 0, "the load took no finished file while the dump ran:\n" + run.tail());
        assertFalse(Files.exists(run.dumpDir().resolve(DumpMetadata.FILE_NAME)), "the dump is still running");
    }

    private static long count(TestDatabases dbs, String sql) throws Exception {
        String v = dbs.queryDown(sql).get(0).get(0);
        return v == null ? 0 : Long.parseLong(v);
    }

    private static long countUp(TestDatabases dbs, String sql) throws Exception {
        return Long.parseLong(dbs.queryUp(sql).get(0).get(0));
    }

    private static long countQuietly(TestDatabases dbs, String sql) {
        try {
            return count(dbs, sql);
        } catch (Exception e) {
            return 0; // the checkpoint table is not there yet
        }
    }
}
