package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.MixedWorkload;
import io.dm4j.testsupport.Replicas;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TcpProxy;
import io.dm4j.testsupport.TestDatabases;
import java.time.Duration;
import java.util.List;
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
        MixedWorkload writers = new MixedWorkload(db);
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
            Replicas.promote(up, rep, WAIT);
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
        MixedWorkload writers = new MixedWorkload(db);
        writers.createTables(up);
        try (TcpProxy vip = new TcpProxy(up.host(), up.port(), TcpProxy.PASS)) {
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
                Replicas.promote(up, rep, WAIT);
                writers.start(rep, 4);
                SyncFixture.await(() -> writers.statements() > before + 600, WAIT, "writes on the promoted replica");
                writers.stop();
                SyncFixture.awaitSynced(r, rep, WAIT);
                for (String t : writers.tables()) {
                    TableChecksum.assertSameContent(rep, t, dbs.downstream(), t);
                }
            }
            List<List<String>> cp = dbs.queryDown("SELECT binlog_name FROM dm_meta.`" + f.taskName
                    + "_syncer_checkpoint` WHERE id = ? AND is_global = 1", f.sourceId);
            assertTrue(cp.get(0).get(0).startsWith("rep-bin."), "the checkpoint is on the replica's binlog now: " + cp);
        }
    }

    /** The same task's sync unit, reading from {@code server} (the source file's host and port changed). */
    static SyncUnit unitOn(SyncFixture f, DbEndpoint server) {
        String yaml = f.sourceYaml.replace("port: " + f.dbs.upstream().port(), "port: " + server.port())
                .replace("host: \"" + f.dbs.upstream().host() + "\"", "host: \"" + server.host() + "\"");
        SourceConfig s = SourceConfig.parse(yaml, "source.yaml");
        SubTaskConfig st = TaskConfig.parse(f.taskYaml, "task.yaml").subTask(f.sourceId).withSource(s);
        return new SyncUnit(st, s, SyncStart.NONE);
    }
}
