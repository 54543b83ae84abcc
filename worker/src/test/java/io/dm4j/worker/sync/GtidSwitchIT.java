package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TcpProxy;
import io.dm4j.testsupport.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GTID failover: a task with {@code enable-gtid: true} is switched from the upstream to its replica (the sandbox's
 * {@code replica}: same GTID history, other binlog file names and positions) while writes go on, and ends with every
 * table identical, keyed and keyless, nothing lost or doubled.
 *
 * <p>What the failover looks like: writes keep going to the old primary while the task moves to the replica (they
 * reach it through replication), then the writers stop, the replica catches up and is promoted (STOP SLAVE) and
 * the writers go on against it, the way a planned switchover or a failover with a virtual IP runs.
 */
@ExtendWith(DatabasesExtension.class)
class GtidSwitchIT {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void cleanSwitchToTheReplicaMidStreamKeepsKeyedAndKeylessRowsExactlyOnce(TestDatabases dbs) throws Exception {
        DbEndpoint up = dbs.upstream();
        DbEndpoint rep = dbs.replica();
        BinlogPosition start = SyncFixture.masterPosition(up); // before the schema: the task creates it downstream
        String db = dbs.freshSchema("gsw");
        SyncFixture f = new SyncFixture(dbs, db, "binlog-name: \"" + start.file() + "\"\nbinlog-pos: " + start.pos(),
                true, null, "", "");
        Writers writers = new Writers(db);
        writers.createTables(up);
        List<String> tables = writers.tables();
        try (SyncFixture.Running onUp = f.start()) {
            writers.start(up, 1);
            SyncFixture.await(() -> onUp.unit.status().totalRows() > 300, WAIT, "rows replicated from the upstream");
            onUp.stop(); // the switch: stop the task on the old server ...
        }
        try (SyncFixture.Running onRep = new SyncFixture.Running(unitOn(f, rep))) { // ... and start it on the replica
            long before = writers.statements();
            SyncFixture.await(() -> onRep.unit.status().totalRows() > 300 && writers.statements() > before + 300, WAIT,
                    "rows replicated from the replica while the upstream is written");
            writers.stop();
            promote(up, rep);
            writers.start(rep, 2);
            Thread.sleep(3000);
            writers.stop();
            SyncFixture.awaitSynced(onRep, rep, WAIT);
            for (String t : tables) {
                TableChecksum.assertSameContent(rep, t, dbs.downstream(), t);
            }
            assertTrue(writers.statements() > 100, "the writers wrote: " + writers.statements());
        }
        List<List<String>> cp = dbs.queryDown("SELECT binlog_name FROM dm_meta.`" + f.taskName
                + "_syncer_checkpoint` WHERE id = ? AND is_global = 1", f.sourceId);
        assertTrue(cp.get(0).get(0).startsWith("rep-bin."), "the checkpoint is on the replica's binlog now: " + cp);
    }

    @Test
    void anotherServerBehindTheSameAddressIsFollowedByGtidWithoutGapOrDuplicate(TestDatabases dbs) throws Exception {
        DbEndpoint up = dbs.upstream();
        DbEndpoint rep = dbs.replica();
        BinlogPosition start = SyncFixture.masterPosition(up);
        String db = dbs.freshSchema("gsw_vip");
        Writers writers = new Writers(db);
        writers.createTables(up);
        try (TcpProxy vip = new TcpProxy(up.host(), up.port(), PASS)) {
            SyncFixture f = new SyncFixture(dbs, db, "binlog-name: \"" + start.file() + "\"\nbinlog-pos: " + start.pos(),
                    true, null, "", "");
            DbEndpoint viaVip = new DbEndpoint("127.0.0.1", vip.port(), up.user(), up.password());
            try (SyncFixture.Running r = new SyncFixture.Running(unitOn(f, viaVip))) {
                writers.start(up, 3);
                SyncFixture.await(() -> r.unit.status().totalRows() > 300, WAIT, "rows replicated through the address");
                vip.retarget(rep.host(), rep.port()); // the address now leads to the replica, mid-transaction or not
                long before = writers.statements();
                SyncFixture.await(() -> writers.statements() > before + 300, WAIT, "more writes upstream");
                writers.stop();
                promote(up, rep);
                writers.start(rep, 4);
                SyncFixture.await(() -> writers.statements() > before + 600, WAIT, "writes on the promoted replica");
                writers.stop();
                SyncFixture.awaitSynced(r, rep, WAIT);
                for (String t : writers.tables()) {
                    TableChecksum.assertSameContent(rep, t, dbs.downstream(), t);
                }
                assertTrue(r.unit.status().reconnects() >= 0);
            }
            List<List<String>> cp = dbs.queryDown("SELECT binlog_name FROM dm_meta.`" + f.taskName
                    + "_syncer_checkpoint` WHERE id = ? AND is_global = 1", f.sourceId);
            assertTrue(cp.get(0).get(0).startsWith("rep-bin."), "the checkpoint is on the replica's binlog now: " + cp);
        }
    }

    private static final TcpProxy.Tap PASS = new TcpProxy.Tap() {
        @Override
        public boolean fromClient(TcpProxy.Link link, byte[] buf, int length) {
            return true;
        }

        @Override
        public boolean fromServer(TcpProxy.Link link, byte[] buf, int length) {
            return true;
        }
    };

    /** The same task's sync unit, reading from {@code server} (the source file's host and port changed). */
    static SyncUnit unitOn(SyncFixture f, DbEndpoint server) {
        String yaml = f.sourceYaml.replace("port: " + f.dbs.upstream().port(), "port: " + server.port())
                .replace("host: \"" + f.dbs.upstream().host() + "\"", "host: \"" + server.host() + "\"");
        SourceConfig s = SourceConfig.parse(yaml, "source.yaml");
        SubTaskConfig st = TaskConfig.parse(f.taskYaml, "task.yaml").subTask(f.sourceId).withSource(s);
        return new SyncUnit(st, s, SyncStart.NONE);
    }

    /** Waits until the replica has applied everything the upstream wrote, then stops replication: it is the primary. */
    static void promote(DbEndpoint up, DbEndpoint rep) throws Exception {
        String target = single(up, "SELECT @@gtid_binlog_pos");
        SyncFixture.await(() -> {
            try {
                return target.equals(single(rep, "SELECT @@gtid_slave_pos"));
            } catch (SQLException e) {
                return false;
            }
        }, WAIT, "the replica to reach " + target);
        TestDatabases.exec(rep, "STOP SLAVE");
    }

    static String single(DbEndpoint db, String sql) throws SQLException {
        return TestDatabases.query(db, sql).get(0).get(0);
    }

    /**
     * Writers on a keyed table, a table without any key and one with only a nullable unique key (no identity): single
     * statements and multi-statement transactions of inserts, updates and deletes.
     */
    static final class Writers {
        private final String db;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final java.util.concurrent.atomic.AtomicLong statements = new java.util.concurrent.atomic.AtomicLong();
        private ExecutorService pool;
        private final List<Future<?>> running = new ArrayList<>();

        Writers(String db) {
            this.db = db;
        }

        List<String> tables() {
            return List.of(db + ".keyed", db + ".nokey", db + ".nullable_uk");
        }

        void createTables(DbEndpoint server) throws SQLException {
            TestDatabases.exec(server,
                    "CREATE TABLE `" + db + "`.keyed (id INT PRIMARY KEY, n INT NOT NULL, s VARCHAR(20))",
                    "CREATE TABLE `" + db + "`.nokey (a INT, b VARCHAR(20), c INT NULL, KEY (a))",
                    "CREATE TABLE `" + db + "`.nullable_uk (a INT, b VARCHAR(20), uk INT NULL, UNIQUE KEY (uk), KEY (a))");
        }

        void start(DbEndpoint server, long seed) {
            stop.set(false);
            pool = Executors.newFixedThreadPool(2);
            for (int k = 0; k < 2; k++) {
                Random rnd = new Random(seed * 31 + k);
                running.add(pool.submit(() -> {
                    write(server, rnd);
                    return null;
                }));
            }
        }

        void stop() throws Exception {
            stop.set(true);
            for (Future<?> f : running) {
                f.get();
            }
            running.clear();
            pool.shutdownNow();
        }

        long statements() {
            return statements.get();
        }

        private void write(DbEndpoint server, Random rnd) throws SQLException, InterruptedException {
            try (Connection c = server.connect(); Statement st = c.createStatement()) {
                while (!stop.get()) {
                    Thread.sleep(2);
                    boolean tx = rnd.nextInt(4) == 0;
                    int n = tx ? 2 + rnd.nextInt(4) : 1;
                    try {
                        c.setAutoCommit(!tx);
                        for (int i = 0; i < n; i++) {
                            st.execute(statement(rnd));
                        }
                        if (tx) {
                            c.commit();
                        }
                        statements.addAndGet(n);
                    } catch (SQLException e) {
                        if (tx) {
                            c.rollback(); // a unique-key clash: nothing of it is in the binlog
                        }
                    } finally {
                        c.setAutoCommit(true);
                    }
                }
            }
        }

        private String statement(Random rnd) {
            int table = rnd.nextInt(3);
            int a = rnd.nextInt(50);
            int kind = rnd.nextInt(100);
            if (table == 0) {
                int id = rnd.nextInt(400);
                if (kind < 60) {
                    return "INSERT INTO `" + db + "`.keyed VALUES (" + id + ", 1, 'k') ON DUPLICATE KEY UPDATE n = n + 1";
                }
                if (kind < 85) {
                    return "UPDATE `" + db + "`.keyed SET n = n + 1, s = CONCAT(LEFT(s, 10), 'u') WHERE id = " + id;
                }
                return "DELETE FROM `" + db + "`.keyed WHERE id = " + id;
            }
            String t = "`" + db + "`." + (table == 1 ? "nokey" : "nullable_uk");
            if (kind < 55) {
                StringBuilder sql = new StringBuilder("INSERT INTO " + t + " VALUES ");
                int rows = 1 + rnd.nextInt(3);
                for (int r = 0; r < rows; r++) {
                    String third = table == 1 ? String.valueOf(rnd.nextInt(5))
                            : rnd.nextInt(3) == 0 ? "NULL" : String.valueOf(rnd.nextInt(100_000));
                    sql.append(r == 0 ? "" : ", ").append("(").append(a).append(", 'v").append(rnd.nextInt(3))
                            .append("', ").append(third).append(")");
                }
                return sql.toString();
            }
            if (kind < 80) {
                return "UPDATE " + t + " SET b = CONCAT(LEFT(b, 10), 'u') WHERE a = " + a + " LIMIT " + (1 + rnd.nextInt(2));
            }
            return "DELETE FROM " + t + " WHERE a = " + a + " LIMIT 1";
        }
    }
}
