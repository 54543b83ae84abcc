package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.dump.DumpFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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
        Path files = writeConfig(dbs, dir, s);
        Path log = dir.resolve("worker.log");
        Process p = start(files, log, "stop-after-load");
        awaitLog(log, "LOADED", p);
        p.destroyForcibly(); // SIGKILL: the sync unit never ran
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        writeMore(dbs, s, 1);

        Process again = start(files, log, "run");
        try {
            writeMore(dbs, s, 2);
            awaitIdentical(dbs, s, again, log);
            assertTrue(Files.readString(log).contains("UNITS [Sync]"),
                    "the finished load is not redone, the sync unit starts at its dump:\n" + tail(log));
        } finally {
            stop(again);
        }
    }

    @Test
    void killedDuringLoadThenDumpDirectoryLost(TestDatabases dbs, @TempDir Path dir) throws Exception {
        String s = prepare(dbs, "fc_during");
        Path files = writeConfig(dbs, dir, s);
        Path log = dir.resolve("worker.log");
        Process p = start(files, log, "hang-in-load:40");
        awaitLog(log, "HANGING", p);
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        List<List<String>> progress = dbs.queryDown("SELECT COUNT(*), SUM(`offset` > 0) FROM `" + meta(s) + "`.`"
                + task(s) + "_loader_checkpoint`");
        assertTrue(Long.parseLong(progress.get(0).get(1)) > 0, "part of the first dump is loaded: " + progress);
        DumpFiles.deleteTree(dir.resolve("dump." + task(s))); // the data files are gone (another worker)
        writeMore(dbs, s, 1);

        Process again = start(files, log, "run");
        try {
            writeMore(dbs, s, 2);
            awaitIdentical(dbs, s, again, log);
            assertTrue(Files.readString(log).contains("are truncated and the new dump is loaded from the start"),
                    tail(log));
        } finally {
            stop(again);
        }
    }

    private static String task(String s) {
        return "fc_" + Math.abs(s.hashCode() % 100000);
    }

    private static String meta(String s) {
        return task(s) + "_meta";
    }

    private static String prepare(TestDatabases dbs, String prefix) throws Exception {
        String s = dbs.freshSchema(prefix);
        dbs.execUp("USE `" + s + "`",
                "CREATE TABLE k (id INT PRIMARY KEY, v VARCHAR(64))",
                "INSERT INTO k SELECT seq, CONCAT('v-', seq) FROM seq_1_to_20000",
                "CREATE TABLE nokey (a INT, b VARCHAR(40))",
                "INSERT INTO nokey SELECT seq % 50, CONCAT('n-', seq % 9) FROM seq_1_to_6000");
        return s;
    }

    /** Changes of every kind on both tables; {@code round} keeps the values of each call apart. */
    private static void writeMore(TestDatabases dbs, String s, int round) throws Exception {
        dbs.execUp("USE `" + s + "`",
                "UPDATE k SET v = CONCAT('u', " + round + ", '-', id) WHERE id % 7 = " + round,
                "DELETE FROM k WHERE id % 13 = " + round,
                "INSERT INTO k SELECT 100000 * " + round + " + seq, 'new' FROM seq_1_to_300",
                "UPDATE nokey SET b = CONCAT('u', " + round + ") WHERE a = " + round,
                "DELETE FROM nokey WHERE a = " + (round + 10) + " LIMIT 20",
                "INSERT INTO nokey VALUES (" + round + ", 'dup'), (" + round + ", 'dup')");
    }

    private static Path writeConfig(TestDatabases dbs, Path dir, String s) throws Exception {
        DbEndpoint up = dbs.upstream();
        DbEndpoint down = dbs.downstream();
        dbs.execDown("DROP DATABASE IF EXISTS `" + meta(s) + "`");
        Files.writeString(dir.resolve("source.yaml"), """
                source-id: "s1"
                enable-gtid: false
                from:
                  host: "%s"
                  port: %d
                  user: "%s"
                  password: "%s"
                """.formatted(up.host(), up.port(), up.user(), up.password()));
        Files.writeString(dir.resolve("task.yaml"), """
                name: "%s"
                task-mode: all
                meta-schema: "%s"
                target-database:
                  host: "%s"
                  port: %d
                  user: "%s"
                  password: "%s"
                mysql-instances:
                  - source-id: "s1"
                    block-allow-list: "only"
                    mydumper-config-name: "d"
                    loader-config-name: "l"
                    syncer-config-name: "g"
                block-allow-list:
                  only:
                    do-dbs: ["%s"]
                mydumpers:
                  d:
                    threads: 2
                    rows: 2000
                    statement-size: 4000
                loaders:
                  l:
                    pool-size: 1
                    dir: "%s"
                syncers:
                  g:
                    checkpoint-flush-interval: 1
                """.formatted(task(s), meta(s), down.host(), down.port(), down.user(), down.password(), s,
                dir.resolve("dump")));
        return dir;
    }

    private static Process start(Path files, Path log, String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                FullCopyProcess.class.getName(), files.resolve("task.yaml").toString(),
                files.resolve("source.yaml").toString(), mode);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }

    private static void stop(Process p) throws Exception {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    private static void awaitLog(Path log, String marker, Process p) throws Exception {
        await(() -> read(log).contains(marker) || !p.isAlive(), Duration.ofMinutes(3));
        assertTrue(read(log).contains(marker), "no " + marker + " in the log:\n" + tail(log));
    }

    private static void awaitIdentical(TestDatabases dbs, String s, Process p, Path log) throws Exception {
        dbs.execUp("CREATE TABLE `" + s + "`.done (id INT PRIMARY KEY)", "INSERT INTO `" + s + "`.done VALUES (1)");
        await(() -> !p.isAlive() || hasDoneRow(dbs, s), Duration.ofMinutes(3));
        assertTrue(p.isAlive(), "the worker process stopped:\n" + tail(log));
        assertFalse(read(log).contains("FAILED"), tail(log));
        TableChecksum.assertSameContent(dbs, s + ".k");
        TableChecksum.assertSameContent(dbs, s + ".nokey");
        assertEquals(dbs.queryUp("SELECT COUNT(*) FROM `" + s + "`.nokey"),
                dbs.queryDown("SELECT COUNT(*) FROM `" + s + "`.nokey"), "no duplicate rows in the keyless table");
    }

    private static boolean hasDoneRow(TestDatabases dbs, String s) {
        try {
            return !dbs.queryDown("SELECT id FROM `" + s + "`.done").isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static void await(BooleanSupplier condition, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (Exception e) {
            return "";
        }
    }

    private static String tail(Path log) {
        List<String> lines = read(log).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
