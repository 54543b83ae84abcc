package io.dm4j.worker.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.db.DownstreamConfig;
import io.dm4j.worker.db.Upstream;
import io.dm4j.worker.load.LoadUnit;
import io.dm4j.worker.sync.SyncStart;
import io.dm4j.worker.sync.SyncUnit;
import io.dm4j.worker.unit.UnitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * DDL and CREATE TABLE upstream at each step of the dump's start: the dumped structures must be those of the dumped
 * data, and after load and sync the downstream must equal the upstream (the sync unit replaying whatever DDL came
 * after the snapshot).
 */
@ExtendWith(DatabasesExtension.class)
class DumpCatalogIT {

    @Test
    void ddlAfterTheFirstCatalogReadingIsInTheDumpedStructures(TestDatabases dbs, @TempDir Path dir) throws Exception {
        String s = prepare(dbs, "cat_before");
        Path dumpDir = copyAndSync(dbs, dir, s, new DumpHook() {
            @Override
            public void beforeSnapshot(int attempt) throws SQLException {
                if (attempt == 1) {
                    dbs.execUp("ALTER TABLE `" + s + "`.t ADD COLUMN w INT NOT NULL DEFAULT 7",
                            "CREATE TABLE `" + s + "`.t2 (id INT PRIMARY KEY, c VARCHAR(10))",
                            "INSERT INTO `" + s + "`.t2 VALUES (1, 'new')");
                }
            }
        }, List.of("t", "t2"));
        assertTrue(Files.readString(dumpDir.resolve(s + ".t-schema.sql")).contains("`w`"));
        assertTrue(Files.exists(dumpDir.resolve(s + ".t2-schema.sql")), "the table created meanwhile is dumped");
    }

    @Test
    void ddlBetweenSnapshotAndPinMakesTheDumpStartAgain(TestDatabases dbs, @TempDir Path dir) throws Exception {
        String s = prepare(dbs, "cat_gap");
        Path dumpDir = copyAndSync(dbs, dir, s, new DumpHook() {
            @Override
            public void afterSnapshot(int attempt) throws SQLException {
                if (attempt == 1) {
                    dbs.execUp("ALTER TABLE `" + s + "`.t ADD COLUMN x VARCHAR(10) DEFAULT 'x'",
                            "UPDATE `" + s + "`.t SET x = 'y' WHERE id < 10",
                            "CREATE TABLE `" + s + "`.t3 (id INT PRIMARY KEY)", "INSERT INTO `" + s + "`.t3 VALUES (3)");
                }
            }
        }, List.of("t", "t3"));
        assertTrue(Files.readString(dumpDir.resolve(s + ".t-schema.sql")).contains("`x`"));
        assertTrue(Files.readString(dumpDir.resolve(s + ".t.00000.sql")).contains("'y'"), "the data has the column");
    }

    @Test
    void ddlAfterThePinWaitsForTheDumpAndIsReplayedBySync(TestDatabases dbs, @TempDir Path dir) throws Exception {
        String s = prepare(dbs, "cat_pinned");
        ExecutorService ddl = Executors.newSingleThreadExecutor();
        Future<?>[] alter = new Future<?>[1];
        boolean[] blocked = new boolean[1];
        try {
            Path dumpDir = copyAndSync(dbs, dir, s, new DumpHook() {
                @Override
                public void afterPin(int attempt) {
                    alter[0] = ddl.submit(() -> {
                        dbs.execUp("ALTER TABLE `" + s + "`.t ADD COLUMN z INT DEFAULT 5");
                        return null;
                    });
                    try {
                        alter[0].get(1500, TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.TimeoutException e) {
                        blocked[0] = true; // waits for the dump's metadata lock
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }, List.of("t"), () -> {
                alter[0].get(60, TimeUnit.SECONDS);
                dbs.execUp("UPDATE `" + s + "`.t SET z = id WHERE id < 50");
                return null;
            });
            assertTrue(blocked[0], "the ALTER waited for the dump");
            assertFalse(Files.readString(dumpDir.resolve(s + ".t-schema.sql")).contains("`z`"),
                    "the dump has the snapshot's structure");
        } finally {
            ddl.shutdownNow();
        }
    }

    private static String prepare(TestDatabases dbs, String prefix) throws SQLException {
        String s = dbs.freshSchema(prefix);
        dbs.execUp("USE `" + s + "`", "CREATE TABLE t (id INT PRIMARY KEY, v INT)",
                "INSERT INTO t SELECT seq, seq * 2 FROM seq_1_to_500");
        return s;
    }

    private Path copyAndSync(TestDatabases dbs, Path dir, String s, DumpHook hook, List<String> tables)
            throws Exception {
        return copyAndSync(dbs, dir, s, hook, tables, () -> null);
    }

    /** dump (with the hook), then {@code afterDump}, load, sync until caught up; then compares {@code tables}. */
    private Path copyAndSync(TestDatabases dbs, Path dir, String s, DumpHook hook, List<String> tables,
                             java.util.concurrent.Callable<Void> afterDump) throws Exception {
        DbEndpoint up = dbs.upstream();
        DbEndpoint down = dbs.downstream();
        dbs.execDown("DROP DATABASE IF EXISTS `" + s + "_meta`");
        SourceConfig source = SourceConfig.parse("source-id: s1\nenable-gtid: false\nfrom:\n  host: " + up.host()
                + "\n  port: " + up.port() + "\n  user: " + up.user() + "\n  password: \"" + up.password() + "\"\n",
                "source.yaml");
        SubTaskConfig cfg = TaskConfig.parse("name: " + s + "\ntask-mode: all\nmeta-schema: " + s + "_meta\n"
                + "clean-dump-file: false\n"
                + "target-database:\n  host: " + down.host() + "\n  port: " + down.port() + "\n  user: " + down.user()
                + "\n  password: \"" + down.password() + "\"\n"
                + "mysql-instances:\n  - source-id: s1\n    block-allow-list: bal\n    mydumper-config-name: d\n"
                + "    loader-config-name: l\n"
                + "block-allow-list:\n  bal:\n    do-dbs: [" + s + "]\n"
                + "mydumpers:\n  d:\n    threads: 2\n"
                + "loaders:\n  l:\n    dir: \"" + dir.resolve("dump") + "\"\n", "task.yaml").subTask("s1")
                .withSource(source);
        Upstream upstream = new Upstream(up.host(), up.port(), up.user(), up.password());
        DumpUnit dump = new DumpUnit(cfg, upstream);
        dump.setHook(hook);
        try (dump) {
            UnitResult r = dump.process();
            assertTrue(r.ok() && r.finished(), "dump: " + r.errors());
        }
        afterDump.call();
        try (LoadUnit load = new LoadUnit(cfg, DownstreamConfig.of(down.host(), down.port(), down.user(),
                down.password(), 4))) {
            UnitResult r = load.process();
            assertTrue(r.ok() && r.finished(), "load: " + r.errors());
        }
        Path dumpDir = Path.of(cfg.dumpDir());
        DumpMetadata meta = DumpMetadata.read(dumpDir, io.dm4j.common.position.Flavor.MARIADB);
        SyncUnit sync = new SyncUnit(cfg, source, SyncStart.afterDump(meta.location(), meta.exitSafe(),
                DumpIndex.read(dumpDir).createTableStatements(dumpDir)));
        CompletableFuture<UnitResult> run = CompletableFuture.supplyAsync(sync::process);
        try {
            BinlogPosition target = upstream.masterStatus().orElseThrow();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!(sync.processedLocation() != null && sync.processedLocation().position().compareTo(target) >= 0
                    && sync.appliedAll())) {
                assertFalse(run.isDone(), () -> "sync stopped: " + run.join().errors());
                assertTrue(System.nanoTime() < deadline, "sync did not reach " + target);
                Thread.sleep(200);
            }
        } finally {
            sync.pause();
            UnitResult r = run.get(60, TimeUnit.SECONDS);
            sync.close();
            assertTrue(r.ok(), "sync: " + r.errors());
        }
        for (String t : tables) {
            TableChecksum.assertSameContent(dbs, s + "." + t);
        }
        assertEquals(dbs.queryUp("SHOW CREATE TABLE `" + s + "`.t").get(0).get(1).replaceAll(" AUTO_INCREMENT=\\d+", ""),
                dbs.queryDown("SHOW CREATE TABLE `" + s + "`.t").get(0).get(1).replaceAll(" AUTO_INCREMENT=\\d+", ""));
        return dumpDir;
    }
}
