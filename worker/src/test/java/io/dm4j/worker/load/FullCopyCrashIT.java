package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.dump.DumpFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full copy ({@code task-mode: all}) in a worker process killed with SIGKILL at the two moments where the dump can
 * run again while the load checkpoint still describes the earlier dump, with writes upstream before the restart:
 * (a) after the load finished (data files cleaned), before the sync unit stored any checkpoint; (b) in the middle of
 * the load, after which the dump directory is gone (as on another worker). Both times the restarted process must
 * end with the downstream identical to the upstream, also for a table without a key.
 */
@ExtendWith(DatabasesExtension.class)
class FullCopyCrashIT {

    @Test
    void killedAfterLoadBeforeFirstSyncCheckpoint(TestDatabases dbs, @TempDir Path dir) throws Exception {
        String s = prepare(dbs, "fc_after");
        FullCopyRun run = new FullCopyRun(dir, s);
        run.writeConfig(dbs, s, "all", 2, 1, "");
        Process p = run.start("stop-after-load");
        run.awaitLog("LOADED", p);
        FullCopyRun.kill(p); // SIGKILL: the sync unit never ran
        writeMore(dbs, s, 1);

        Process again = run.start("run");
        try {
            writeMore(dbs, s, 2);
            awaitIdentical(dbs, s, again, run);
            assertTrue(run.read().contains("UNITS [Sync]"),
                    "the finished load is not redone, the sync unit starts at its dump:\n" + run.tail());
        } finally {
            FullCopyRun.stop(again);
        }
    }

    @Test
    void killedDuringLoadThenDumpDirectoryLost(TestDatabases dbs, @TempDir Path dir) throws Exception {
        String s = prepare(dbs, "fc_during");
        FullCopyRun run = new FullCopyRun(dir, s);
        run.writeConfig(dbs, s, "all", 2, 1, "");
        Process p = run.start("hang-in-load:40");
        run.awaitLog("HANGING", p);
        FullCopyRun.kill(p);
        List<List<String>> progress = dbs.queryDown("SELECT COUNT(*), SUM(`offset` > 0) FROM `" + run.meta + "`.`"
                + run.task + "_loader_checkpoint`");
        assertTrue(Long.parseLong(progress.get(0).get(1)) > 0, "part of the first dump is loaded: " + progress);
        DumpFiles.deleteTree(run.dumpDir()); // the data files are gone (another worker)
        writeMore(dbs, s, 1);

        Process again = run.start("run");
        try {
            writeMore(dbs, s, 2);
            awaitIdentical(dbs, s, again, run);
            assertTrue(run.read().contains("are truncated and the new dump is loaded from the start"), run.tail());
        } finally {
            FullCopyRun.stop(again);
        }
    }

    static String prepare(TestDatabases dbs, String prefix) throws Exception {
        String s = dbs.freshSchema(prefix);
        dbs.execUp("USE `" + s + "`",
                "CREATE TABLE k (id INT PRIMARY KEY, v VARCHAR(64))",
                "INSERT INTO k SELECT seq, CONCAT('v-', seq) FROM seq_1_to_20000",
                "CREATE TABLE nokey (a INT, b VARCHAR(40))",
                "INSERT INTO nokey SELECT seq % 50, CONCAT('n-', seq % 9) FROM seq_1_to_6000");
        return s;
    }

    /** Changes of every kind on both tables; {@code round} keeps the values of each call apart. */
    static void writeMore(TestDatabases dbs, String s, int round) throws Exception {
        dbs.execUp("USE `" + s + "`",
                "UPDATE k SET v = CONCAT('u', " + round + ", '-', id) WHERE id % 7 = " + round,
                "DELETE FROM k WHERE id % 13 = " + round,
                "INSERT INTO k SELECT 100000 * " + round + " + seq, 'new' FROM seq_1_to_300",
                "UPDATE nokey SET b = CONCAT('u', " + round + ") WHERE a = " + round,
                "DELETE FROM nokey WHERE a = " + (round + 10) + " LIMIT 20",
                "INSERT INTO nokey VALUES (" + round + ", 'dup'), (" + round + ", 'dup')");
    }

    /**
     * Marks the end of the upstream's writes, waits until the sync unit applied it, compares both tables. On a slow
     * machine the restarted dump can start after the marker was written: then the marker table comes with the load,
     * possibly before the other tables' last files, so its row counts only once the process's load has finished.
     */
    static void awaitIdentical(TestDatabases dbs, String s, Process p, FullCopyRun run) throws Exception {
        dbs.execUp("CREATE TABLE `" + s + "`.done (id INT PRIMARY KEY)", "INSERT INTO `" + s + "`.done VALUES (1)");
        FullCopyRun.await(() -> !p.isAlive() || (loadFinished(run) && hasDoneRow(dbs, s)), Duration.ofMinutes(3));
        assertTrue(p.isAlive(), "the worker process stopped:\n" + run.tail());
        assertFalse(run.read().contains("FAILED"), run.tail());
        TableChecksum.assertSameContent(dbs, s + ".k");
        TableChecksum.assertSameContent(dbs, s + ".nokey");
        assertEquals(dbs.queryUp("SELECT COUNT(*) FROM `" + s + "`.nokey"),
                dbs.queryDown("SELECT COUNT(*) FROM `" + s + "`.nokey"), "no duplicate rows in the keyless table");
    }

    /** Whether the last started process runs no load, or has finished it (its load unit named the sync start). */
    private static boolean loadFinished(FullCopyRun run) {
        String log = run.read();
        int last = log.lastIndexOf("UNITS [");
        int end = log.indexOf(']', last);
        return last >= 0 && end > last && (!log.substring(last, end).contains("Load")
                || log.indexOf("the sync unit starts at", end) >= 0);
    }

    private static boolean hasDoneRow(TestDatabases dbs, String s) {
        try {
            return !dbs.queryDown("SELECT id FROM `" + s + "`.done").isEmpty();
        } catch (Exception e) {
            return false;
        }
    }
}
