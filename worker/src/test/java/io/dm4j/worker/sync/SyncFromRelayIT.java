package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.db.Upstream;
import io.dm4j.worker.relay.RelayLayout;
import io.dm4j.worker.relay.RelayUnit;
import io.dm4j.worker.sync.operator.BinlogOperators;
import io.dm4j.worker.sync.operator.MemoryOperatorStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The sync unit reading the relay log instead of the upstream, also after the upstream purged what it needs. */
@ExtendWith(DatabasesExtension.class)
class SyncFromRelayIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /** PURGE BINARY LOGS up to the current file; MariaDB keeps a file while a replica or its checkpoint needs it. */
    static void purgeAllButCurrent(TestDatabases dbs, Upstream up) throws Exception {
        String current = up.masterStatus().orElseThrow().file();
        SyncFixture.await(() -> {
            try {
                dbs.execUp("PURGE BINARY LOGS TO '" + current + "'");
                return up.binaryLogs().get(0).equals(current);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }, WAIT, "the upstream to purge every binlog before " + current);
    }

    @Test
    void readsTheRelayAndSurvivesAnUpstreamPurgePastItsCheckpoint(TestDatabases dbs) throws Exception {
        dbs.execUp("FLUSH BINARY LOGS");
        BinlogPosition start = SyncFixture.masterPosition(dbs.upstream());
        String db = dbs.freshSchema("sync_relay");
        SyncFixture f = new SyncFixture(dbs, db, start, null);
        var source = io.dm4j.common.config.SourceConfig.parse(f.sourceYaml + "enable-relay: true\nrelay-binlog-name: \""
                + start.file() + "\"\n", "source.yaml");
        Upstream up = new Upstream(dbs.upstream().host(), dbs.upstream().port(), dbs.upstream().user(), dbs.upstream().password());
        try (RelayUnit relay = new RelayUnit(source, new RelayLayout(dir.resolve("relay")), Optional::empty)) {
            relay.start();
            java.util.function.Supplier<SyncUnit> unit = () -> new SyncUnit(f.subTask(), source, () -> SyncStart.NONE,
                    new BinlogOperators(f.taskName, f.sourceId, new MemoryOperatorStore()), relay);
            dbs.execUp("CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, v VARCHAR(64), n BIGINT)",
                    "INSERT INTO `" + db + "`.t VALUES (1, 'a', 1), (2, 'b', 2)");
            try (SyncFixture.Running r = new SyncFixture.Running(unit.get())) {
                SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
                assertEquals("local", r.unit.status().binlogType());
                TableChecksum.assertSameContent(dbs, db + ".t");
                r.stop();
            }
            // paused: the upstream writes, rotates and purges past the task's checkpoint
            for (int i = 3; i < 200; i++) {
                dbs.execUp("INSERT INTO `" + db + "`.t VALUES (" + i + ", 'v" + i + "', " + i * 7 + ")");
                if (i % 50 == 0) {
                    dbs.execUp("FLUSH BINARY LOGS");
                }
            }
            dbs.execUp("UPDATE `" + db + "`.t SET n = n + 1 WHERE id % 3 = 0", "DELETE FROM `" + db + "`.t WHERE id % 5 = 0",
                    "FLUSH BINARY LOGS");
            purgeAllButCurrent(dbs, up);
            try (SyncFixture.Running r = new SyncFixture.Running(unit.get())) {
                SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
                assertEquals("local", r.unit.status().binlogType());
                TableChecksum.assertSameContent(dbs, db + ".t");
            }
        }
    }

    @Test
    void aStartGivenOnlyAsAGtidSetIsFoundInTheRelayAndSkipsWhatTheSetHolds(TestDatabases dbs) throws Exception {
        dbs.execUp("FLUSH BINARY LOGS");
        BinlogPosition first = SyncFixture.masterPosition(dbs.upstream());
        String db = dbs.freshSchema("sync_relay_gtid");
        Upstream up = new Upstream(dbs.upstream().host(), dbs.upstream().port(), dbs.upstream().user(), dbs.upstream().password());
        // in the relay's first file, before the start set: the table and rows 1, 2
        dbs.execUp("CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, v VARCHAR(64), n BIGINT)",
                "INSERT INTO `" + db + "`.t VALUES (1, 'a', 1), (2, 'b', 2)");
        String startSet = up.gtidExecuted(io.dm4j.common.position.Flavor.MARIADB);
        // the downstream already has them (a dump would have); row 1 is marked: replaying the insert would overwrite it
        dbs.execDown("CREATE DATABASE IF NOT EXISTS `" + db + "`",
                "CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, v VARCHAR(64), n BIGINT)",
                "INSERT INTO `" + db + "`.t VALUES (1, 'kept', 1), (2, 'b', 2)");
        for (int i = 3; i < 60; i++) {
            dbs.execUp("INSERT INTO `" + db + "`.t VALUES (" + i + ", 'v" + i + "', " + i * 7 + ")");
            if (i % 20 == 0) {
                dbs.execUp("FLUSH BINARY LOGS");
            }
        }
        SyncFixture f = new SyncFixture(dbs, db, "binlog-gtid: \"" + startSet + "\"", true, null, "", "");
        var source = io.dm4j.common.config.SourceConfig.parse(f.sourceYaml + "enable-relay: true\nrelay-binlog-name: \""
                + first.file() + "\"\n", "source.yaml");
        try (RelayUnit relay = new RelayUnit(source, new RelayLayout(dir.resolve("relay")), Optional::empty)) {
            relay.start();
            BinlogPosition upstreamEnd = up.masterStatus().orElseThrow();
            SyncFixture.await(() -> relay.end().map(e -> e.compareTo(upstreamEnd) >= 0).orElse(false), WAIT,
                    "the relay to copy the upstream up to " + upstreamEnd);
            try (SyncFixture.Running r = new SyncFixture.Running(new SyncUnit(f.subTask(), source, () -> SyncStart.NONE,
                    new BinlogOperators(f.taskName, f.sourceId, new MemoryOperatorStore()), relay))) {
                SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
                assertEquals("local", r.unit.status().binlogType(), "read from the relay, found by GTID set");
                assertEquals(List.of(List.of("kept")), dbs.queryDown("SELECT v FROM `" + db + "`.t WHERE id = 1"),
                        "the transactions of the start set were skipped");
                dbs.execDown("UPDATE `" + db + "`.t SET v = 'a' WHERE id = 1");
                TableChecksum.assertSameContent(dbs, db + ".t");
            }
        }
    }
}
