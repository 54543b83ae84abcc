package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.model.TableId;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.db.Downstream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * While files load, deferred index builds run on the early connection only; a load connection that has no file left
 * lets one more build run beside it, so a table loaded while another's build is still running does not wait for it.
 * A build is held at its start by a transaction that has read the table (ALTER TABLE waits for its metadata lock).
 */
@ExtendWith(DatabasesExtension.class)
class DeferredIndexBuildIT {

    @Test
    void aFreedLoadConnectionStartsTheNextTablesBuildBesideARunningOne(TestDatabases dbs) throws Exception {
        Setup t = withAHeldAndBQueued(dbs, "idx_turn", 2, (build, holder, s) -> {
            Thread.sleep(1_000);
            assertFalse(hasIndex(dbs, s.b, "k_b"), "one early connection: b's build waits behind a's");

            build.loadConnectionFreed();
            awaitTrue(() -> hasIndex(dbs, s.b, "k_b"), "b's index is built once a load connection is free");
            assertFalse(hasIndex(dbs, s.a, "k_a"), "a's build is still held");

            holder.commit(); // releases a
            assertEquals(2, build.finish(2));
        });
        assertTrue(hasIndex(dbs, t.a, "k_a"));
        assertTrue(hasIndex(dbs, t.b, "k_b"));
        assertEquals(List.of(), dbs.queryDown("SELECT cp_table FROM " + DeferredIndexStore.tableName(t.meta, "t")));
    }

    @Test
    void noMoreBuildsRunBesideEachOtherThanTheLoadHadConnections(TestDatabases dbs) throws Exception {
        Setup t = withAHeldAndBQueued(dbs, "idx_cap", 0, (build, holder, s) -> {
            build.loadConnectionFreed(); // a load without connections of its own has none to hand over
            Thread.sleep(1_500);
            assertFalse(hasIndex(dbs, s.b, "k_b"), "still one connection for the builds: b waits behind a");
            holder.commit();
            assertEquals(2, build.finish(2));
        });
        assertTrue(hasIndex(dbs, t.b, "k_b"));
    }

    private interface HeldBuild {
        void run(DeferredIndexBuild build, Connection holder, Setup tables) throws Exception;
    }

    /**
     * Tables a and b with one deferred index each, one early build connection: a's build is held by an open
     * transaction on {@code holder}, b's is queued behind it; then {@code body} runs.
     */
    private static Setup withAHeldAndBQueued(TestDatabases dbs, String prefix, int loadConnections, HeldBuild body)
            throws Exception {
        Setup t = setUp(dbs, prefix);
        try (Downstream down = Downstream.open(DumpLoadFixture.downstream(dbs), prefix);
             Connection holder = dbs.connectDown()) {
            DeferredIndexStore store = t.store(down);
            holdMetadataLock(holder, t.a);
            try (DeferredIndexBuild build = new DeferredIndexBuild(down.dataSource(), store, 1, loadConnections)) {
                build.tableLoaded(t.a);
                awaitTrue(() -> alterWaitsForLock(dbs, t.a), "the build of a waits for the metadata lock");
                build.tableLoaded(t.b);
                body.run(build, holder, t);
            }
        }
        return t;
    }

    private record Setup(String meta, TableId a, TableId b) {
        DeferredIndexStore store(Downstream down) {
            DeferredIndexStore store = new DeferredIndexStore(down.dataSource(), meta, "t", "s1");
            store.record(a, List.of(new DeferredIndexes.Index("k_a", "KEY `k_a` (`k`)")));
            store.record(b, List.of(new DeferredIndexes.Index("k_b", "KEY `k_b` (`k`)")));
            return store;
        }
    }

    private static Setup setUp(TestDatabases dbs, String prefix) throws SQLException {
        String s = dbs.freshSchema(prefix);
        String meta = dbs.freshSchema(prefix + "_meta");
        dbs.execDown("CREATE DATABASE `" + s + "`");
        for (String table : List.of("a", "b")) {
            dbs.execDown("CREATE TABLE `" + s + "`.`" + table + "` (id INT PRIMARY KEY, k INT NOT NULL)",
                    "INSERT INTO `" + s + "`.`" + table + "` SELECT seq, seq % 97 FROM `" + s + "`.seq_1_to_2000");
        }
        return new Setup(meta, new TableId(s, "a"), new TableId(s, "b"));
    }

    /** An open transaction that has read the table keeps a shared metadata lock on it: ALTER TABLE waits. */
    private static void holdMetadataLock(Connection c, TableId table) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.executeQuery("SELECT * FROM " + table.quoted() + " LIMIT 1").close();
        }
    }

    private static boolean alterWaitsForLock(TestDatabases dbs, TableId table) {
        try {
            return !dbs.queryDown("SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE ?"
                    + " AND STATE LIKE 'Waiting for table metadata lock'", "ALTER TABLE " + table.quoted() + "%").isEmpty();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean hasIndex(TestDatabases dbs, TableId table, String index) {
        try {
            return !dbs.queryDown("SELECT 1 FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                    + " AND INDEX_NAME = ?", table.schema(), table.table(), index).isEmpty();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
