package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.unit.UnitResult;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load creates its tables without their plain secondary indexes and builds them after the rows
 * ({@code defer-secondary-indexes}, on by default): while rows go in, the table lacks them; at the end it has
 * exactly the upstream's definition, also when the load stopped in between, and tables it did not create keep
 * what they have.
 */
@ExtendWith(DatabasesExtension.class)
class DeferredIndexIT {

    private static String create(TestDatabases dbs, String s) throws SQLException {
        dbs.execUp("USE `" + s + "`",
                "CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT, k INT NOT NULL, u VARCHAR(20), c VARCHAR(40),"
                        + " PRIMARY KEY (id), UNIQUE KEY uu (u), KEY k_1 (k), KEY kc (k, c(10)) COMMENT 'two, columns')",
                "INSERT INTO t (k, u, c) SELECT seq % 977, CONCAT('u', seq), CONCAT('c', seq * 7) FROM seq_1_to_30000",
                "CREATE TABLE plain (id INT PRIMARY KEY, v INT)",
                "INSERT INTO plain SELECT seq, seq FROM seq_1_to_100",
                "ANALYZE TABLE t");
        return s;
    }

    private static List<String> indexes(TestDatabases dbs, String schema, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        for (List<String> row : dbs.queryDown("SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY BINARY INDEX_NAME", schema, table)) {
            out.add(row.get(0));
        }
        return out;
    }

    /** SHOW CREATE TABLE without the AUTO_INCREMENT counter (which depends on how rows were inserted). */
    private static String definition(List<List<String>> showCreate) {
        return showCreate.get(0).get(1).replaceAll(" AUTO_INCREMENT=\\d+", "");
    }

    private static void assertSameDefinition(TestDatabases dbs, String s, String table) throws SQLException {
        String q = "SHOW CREATE TABLE `" + s + "`.`" + table + "`";
        assertEquals(definition(dbs.queryUp(q)), definition(dbs.queryDown(q)));
    }

    @Test
    void rowsGoInBeforeThePlainKeysWhichEndAsUpstream(TestDatabases dbs, @TempDir Path dir) throws Exception {
        for (String mode : List.of("logical", "physical")) {
            String s = create(dbs, dbs.freshSchema("dl_defer_" + mode));
            SubTaskConfig cfg = DumpLoadFixture.subTask(dbs, "defer", "full", dir.resolve(mode), s,
                    "threads: 2\nrows: 10000", "pool-size: 2\ndefer-secondary-indexes-min-size: 0\nimport-mode: " + mode, "", "");
            DumpLoadFixture.dump(dbs, cfg);
            LoadUnit unit = new LoadUnit(cfg, DumpLoadFixture.downstream(dbs));
            List<List<String>> seenWhileLoading = new ArrayList<>();
            unit.setCommitHook((file, offset) -> {
                synchronized (seenWhileLoading) { // two load connections commit
                    if (file.contains(".t.") && seenWhileLoading.isEmpty()) {
                        seenWhileLoading.add(indexes(dbs, s, "t"));
                        seenWhileLoading.add(dbs.queryDown("SELECT COUNT(*) FROM `defer_meta`.`defer_deferred_index`"
                                + " WHERE id = 's1' AND cp_table = 't'").get(0));
                    }
                }
            });
            DumpLoadFixture.ok(unit);
            assertEquals(List.of(List.of("PRIMARY", "uu"), List.of("2")), seenWhileLoading,
                    mode + ": while its rows load, t has its primary and unique keys only, and the two others are recorded");
            assertEquals(List.of("PRIMARY", "k_1", "kc", "uu"), indexes(dbs, s, "t"), mode);
            assertSameDefinition(dbs, s, "t");
            assertSameDefinition(dbs, s, "plain");
            TableChecksum.assertSameContent(dbs, s + ".t");
            assertEquals(List.of(List.of("0")), dbs.queryDown("SELECT COUNT(*) FROM `defer_meta`.`defer_deferred_index`"),
                    mode + ": built indexes are forgotten");
        }
    }

    @Test
    void aTableSmallerThanTheMinimumSizeIsCreatedWithItsIndexes(TestDatabases dbs, @TempDir Path dir) throws Exception {
        String s = dbs.freshSchema("dl_defer_min");
        dbs.execUp("USE `" + s + "`",
                "CREATE TABLE big (id INT PRIMARY KEY, k INT, c VARCHAR(60), KEY bk (k))",
                "INSERT INTO big SELECT seq, seq % 101, REPEAT('x', 50) FROM seq_1_to_30000",
                "CREATE TABLE small (id INT PRIMARY KEY, k INT, KEY sk (k))",
                "INSERT INTO small SELECT seq, seq % 7 FROM seq_1_to_100",
                "ANALYZE TABLE big, small");
        long bigBytes = Long.parseLong(dbs.queryUp("SELECT DATA_LENGTH FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'big'", s).get(0).get(0));
        assertTrue(bigBytes >= 1 << 20, "big's estimate is at least 1 MiB: " + bigBytes);
        // (a load that follows the dump decides on the upstream's estimate, DumpIndexTest; this one on the files)
        SubTaskConfig cfg = DumpLoadFixture.subTask(dbs, "defmin", "full", dir, s, "threads: 1\nrows: 5000",
                "pool-size: 1\ndefer-secondary-indexes-min-size: 512KiB", "", "");
        DumpLoadFixture.dump(dbs, cfg);
        LoadUnit unit = new LoadUnit(cfg, DumpLoadFixture.downstream(dbs));
        List<List<String>> seen = new ArrayList<>();
        unit.setCommitHook((file, offset) -> {
            if (file.contains(".big.") && seen.isEmpty()) {
                seen.add(indexes(dbs, s, "big"));
                seen.add(indexes(dbs, s, "small"));
            }
        });
        DumpLoadFixture.ok(unit);
        assertEquals(List.of(List.of("PRIMARY"), List.of("PRIMARY", "sk")), seen,
                "big (over 512 KiB) waits for its index, small has it from its CREATE");
        assertSameDefinition(dbs, s, "big");
        assertSameDefinition(dbs, s, "small");
        TableChecksum.assertSameContent(dbs, s + ".big");
        TableChecksum.assertSameContent(dbs, s + ".small");
    }

    @Test
    void manyTablesCreatedSideBySideEndAsUpstreamWithOrWithoutDeferredIndexes(TestDatabases dbs, @TempDir Path dir)
            throws Exception {
        String s = dbs.freshSchema("dl_defer_many");
        List<String> statements = new ArrayList<>(List.of("USE `" + s + "`"));
        for (int i = 0; i < 24; i++) {
            statements.add("CREATE TABLE t" + i + " (id INT PRIMARY KEY, k INT, u INT, UNIQUE KEY uu (u), KEY k_" + i
                    + " (k))");
            statements.add("INSERT INTO t" + i + " SELECT seq, seq % 13, seq FROM seq_1_to_" + (50 + i * (i % 3 == 0 ? 400 : 1)));
        }
        dbs.execUp(statements.toArray(new String[0]));
        // 4 connections create the 24 tables; the larger ones of every third table (data files over 100 KiB) have
        // their index deferred, the others keep it in the CREATE
        SubTaskConfig cfg = DumpLoadFixture.subTask(dbs, "defmany", "full", dir, s, "threads: 2",
                "pool-size: 4\ndefer-secondary-indexes-min-size: 100KiB", "", "");
        DumpLoadFixture.dump(dbs, cfg);
        DumpLoadFixture.load(dbs, cfg);
        for (int i = 0; i < 24; i++) {
            assertSameDefinition(dbs, s, "t" + i);
            TableChecksum.assertSameContent(dbs, s + ".t" + i);
        }
        assertEquals(List.of(List.of("0")), dbs.queryDown("SELECT COUNT(*) FROM `defmany_meta`.`defmany_deferred_index`"),
                "every deferred index was built and forgotten");
    }

    @Test
    void aTableGetsItsIndexesAsSoonAsItsRowsAreInWhileOthersStillLoad(TestDatabases dbs, @TempDir Path dir)
            throws Exception {
        String s = dbs.freshSchema("dl_defer_early");
        dbs.execUp("USE `" + s + "`",
                "CREATE TABLE big (id INT PRIMARY KEY, k INT, KEY bk (k))",
                "INSERT INTO big SELECT seq, seq % 101 FROM seq_1_to_30000",
                "CREATE TABLE small (id INT PRIMARY KEY, k INT, KEY sk (k))",
                "INSERT INTO small SELECT seq, seq % 7 FROM seq_1_to_3000",
                "ANALYZE TABLE big, small");
        // one load connection, the largest table first: small loads after big is complete
        SubTaskConfig cfg = DumpLoadFixture.subTask(dbs, "defearly", "full", dir, s, "threads: 1\nrows: 5000",
                "pool-size: 1\nload-during-dump: false\ndefer-secondary-indexes-min-size: 0", "", "");
        DumpLoadFixture.dump(dbs, cfg);
        LoadUnit unit = new LoadUnit(cfg, DumpLoadFixture.downstream(dbs));
        List<List<String>> seen = new ArrayList<>();
        unit.setCommitHook((file, offset) -> {
            if (file.contains(".small.") && seen.isEmpty()) {
                // the old way built every index after the last table: wait (bounded) for big's to appear
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (!indexes(dbs, s, "big").contains("bk") && System.nanoTime() < deadline) {
                    sleep(50);
                }
                seen.add(indexes(dbs, s, "big"));
                seen.add(indexes(dbs, s, "small"));
            }
        });
        DumpLoadFixture.ok(unit);
        assertEquals(List.of(List.of("PRIMARY", "bk"), List.of("PRIMARY")), seen,
                "big has its index while small is loading; small gets its own at the end");
        assertSameDefinition(dbs, s, "big");
        assertSameDefinition(dbs, s, "small");
        TableChecksum.assertSameContent(dbs, s + ".big");
        TableChecksum.assertSameContent(dbs, s + ".small");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aLoadStoppedBeforeTheBuildBuildsTheIndexesOnItsNextRun(TestDatabases dbs, @TempDir Path dir) throws Exception {
        String s = create(dbs, dbs.freshSchema("dl_defer_stop"));
        SubTaskConfig cfg = DumpLoadFixture.subTask(dbs, "deferstop", "full", dir, s, "threads: 1\nrows: 5000",
                "pool-size: 1\non-duplicate-logical: error\ndefer-secondary-indexes-min-size: 0", "", "");
        DumpLoadFixture.dump(dbs, cfg);
        LoadUnit unit = new LoadUnit(cfg, DumpLoadFixture.downstream(dbs));
        AtomicInteger commits = new AtomicInteger();
        unit.setCommitHook((file, offset) -> {
            if (commits.incrementAndGet() == 3) {
                throw new SQLException("injected crash before commit 3");
            }
        });
        try (unit) {
            UnitResult r = unit.process();
            assertFalse(r.ok(), "the injected failure stops the load");
        }
        assertEquals(List.of("PRIMARY", "uu"), indexes(dbs, s, "t"), "stopped while the rows load");
        // a new unit (a restarted worker): the table exists now and is used as it is, the recorded indexes are built
        DumpLoadFixture.load(dbs, cfg);
        assertSameDefinition(dbs, s, "t");
        TableChecksum.assertSameContent(dbs, s + ".t");

        // a build that crashed after its ALTER but before forgetting the row: the next run finds the index, adds
        // nothing and forgets it
        dbs.execDown("INSERT INTO `deferstop_meta`.`deferstop_deferred_index` (id, cp_schema, cp_table, index_name,"
                + " position, definition) VALUES ('s1', '" + s + "', 't', 'K_1', 0, 'KEY `k_1` (`k`)')");
        DumpLoadFixture.load(dbs, cfg);
        assertSameDefinition(dbs, s, "t");
        assertEquals(List.of(List.of("0")), dbs.queryDown("SELECT COUNT(*) FROM `deferstop_meta`.`deferstop_deferred_index`"));
    }

    @Test
    void tablesTheLoadDidNotCreateAndTheSwitchedOffOptionKeepEveryIndex(TestDatabases dbs, @TempDir Path dir)
            throws Exception {
        String s = create(dbs, dbs.freshSchema("dl_defer_keep"));
        // the operator created t downstream with an index of their own and without k_1, kc: it stays so
        dbs.execDown("CREATE DATABASE `" + s + "`", "CREATE TABLE `" + s + "`.t (id INT NOT NULL AUTO_INCREMENT,"
                + " k INT NOT NULL, u VARCHAR(20), c VARCHAR(40), PRIMARY KEY (id), KEY mine (c))");
        SubTaskConfig cfg = DumpLoadFixture.subTask(dbs, "deferkeep", "full", dir.resolve("a"), s, "threads: 1",
                "pool-size: 1\ndefer-secondary-indexes-min-size: 0", "", "");
        DumpLoadFixture.dump(dbs, cfg);
        DumpLoadFixture.load(dbs, cfg);
        assertEquals(List.of("PRIMARY", "mine"), indexes(dbs, s, "t"));
        TableChecksum.assertSameContent(dbs, s + ".t");

        String s2 = create(dbs, dbs.freshSchema("dl_defer_off"));
        SubTaskConfig off = DumpLoadFixture.subTask(dbs, "deferoff", "full", dir.resolve("b"), s2, "threads: 1\nrows: 10000",
                "pool-size: 1\ndefer-secondary-indexes: false", "", "");
        DumpLoadFixture.dump(dbs, off);
        LoadUnit unit = new LoadUnit(off, DumpLoadFixture.downstream(dbs));
        List<List<String>> seen = new ArrayList<>();
        unit.setCommitHook((file, offset) -> {
            if (file.contains(".t.") && seen.isEmpty()) {
                seen.add(indexes(dbs, s2, "t"));
            }
        });
        DumpLoadFixture.ok(unit);
        assertEquals(List.of(List.of("PRIMARY", "k_1", "kc", "uu")), seen, "switched off: every index from the start");
        assertSameDefinition(dbs, s2, "t");
    }

    @Test
    void aDumpWithAForeignKeyLoadsEveryTableWithItsIndexes(TestDatabases dbs, @TempDir Path dir) throws Exception {
        String s = dbs.freshSchema("dl_defer_fk");
        dbs.execUp("USE `" + s + "`",
                "CREATE TABLE parent (id INT PRIMARY KEY, k INT, KEY pk_k (k))",
                "CREATE TABLE child (id INT PRIMARY KEY, p INT, KEY p (p), CONSTRAINT fk FOREIGN KEY (p) REFERENCES parent (id))",
                "INSERT INTO parent SELECT seq, seq FROM seq_1_to_50", "INSERT INTO child SELECT seq, seq FROM seq_1_to_50");
        SubTaskConfig cfg = DumpLoadFixture.subTask(dbs, "deferfk", "full", dir, s, "threads: 1", "pool-size: 1\ndefer-secondary-indexes-min-size: 0", "", "");
        DumpLoadFixture.dump(dbs, cfg);
        LoadUnit unit = new LoadUnit(cfg, DumpLoadFixture.downstream(dbs));
        List<List<String>> seen = new ArrayList<>();
        unit.setCommitHook((file, offset) -> {
            if (file.contains(".parent.") && seen.isEmpty()) {
                seen.add(indexes(dbs, s, "parent"));
            }
        });
        DumpLoadFixture.ok(unit);
        assertEquals(List.of(List.of("PRIMARY", "pk_k")), seen);
        assertSameDefinition(dbs, s, "parent");
        assertSameDefinition(dbs, s, "child");
        assertTrue(indexes(dbs, s, "child").contains("p"));
    }
}
