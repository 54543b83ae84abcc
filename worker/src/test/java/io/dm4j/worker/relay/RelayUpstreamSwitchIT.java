package io.dm4j.worker.relay;

import static io.dm4j.worker.relay.RelayUnitIT.awaitCaughtUp;
import static io.dm4j.worker.relay.RelayUnitIT.source;
import static io.dm4j.worker.relay.RelayUnitIT.sourceWith;
import static io.dm4j.worker.relay.RelayUnitIT.upstream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.errors.ErrorCode;
import io.dm4j.common.errors.RelayErrors;
import io.dm4j.common.errors.StreamErrors;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TcpProxy;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.sync.decode.BinlogDeserializers;
import io.dm4j.worker.sync.stream.EventSource;
import io.dm4j.worker.sync.stream.StreamEvent;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay when the upstream server changes (failover to the sandbox's GTID replica): a new server
 * ({@code <gtid_domain_id>-<server_id>} on MariaDB) starts a new sub-directory, listed after the old one in
 * {@code server-uuid.index}, at a file of the new server found by the GTID set the old sub-directory ends with; read
 * across the switch the relay holds every transaction exactly once. Without GTIDs, or when the new server lacks
 * part of the history, the relay refuses with a coded error; the old server's files are never appended to by another.
 */
@ExtendWith(DatabasesExtension.class)
class RelayUpstreamSwitchIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static SourceConfig gtidSource(DbEndpoint server) {
        return sourceWith(server, "enable-gtid: true\n");
    }

    private static SourceConfig gtidSourceFrom(DbEndpoint server, String file) {
        return sourceWith(server, "enable-gtid: true\nrelay-binlog-name: \"" + file + "\"\n");
    }

    private static String currentFile(DbEndpoint server) throws Exception {
        return upstream(server).masterStatus().orElseThrow().file();
    }

    /** The start of {@code file} with the GTID set before it, as the relay tracks it. */
    private static Location startOf(DbEndpoint server, String file) throws Exception {
        return new Location(new BinlogPosition(file, 4), GtidSet.parse(Flavor.MARIADB,
                upstream(server).mariadbGtidAt(new BinlogPosition(file, 4)).orElse("")));
    }

    @Test
    void aNewUpstreamServerStartsANewSubDirectoryWhereTheOldOneEndsByGtidSet(TestDatabases dbs) throws Exception {
        DbEndpoint up = dbs.upstream();
        DbEndpoint rep = dbs.replica();
        String db = dbs.freshSchema("relay_sw");
        RelayLayout layout = new RelayLayout(dir.resolve("relay"));
        String upFile = currentFile(up);
        Location from = startOf(up, upFile);
        dbs.execUp("CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY)");
        try (RelayUnit relay = new RelayUnit(gtidSourceFrom(up, upFile), layout, Optional::empty)) {
            relay.start();
            insert(dbs, db, 1, 20);
            awaitCaughtUp(relay, up);
        }
        insert(dbs, db, 21, 40); // not in the old server's relay: must come from the replica
        awaitReplicated(up, rep);
        try (RelayUnit relay = new RelayUnit(gtidSource(rep), layout, Optional::empty)) {
            relay.start();
            awaitCaughtUp(relay, rep);
            insert(dbs, db, 41, 60); // reaches the replica by replication while the relay reads it
            awaitReplicated(up, rep);
            awaitCaughtUp(relay, rep);
            assertEquals(List.of("0-1.000001", "0-3.000002"), layout.subDirs());
            assertEquals("0-3.000002", relay.status().relaySubDir());
            assertTrue(layout.binlogFiles("0-3.000002").stream().allMatch(f -> f.startsWith("rep-bin.")),
                    "the new sub-directory holds the replica's files: " + layout.binlogFiles("0-3.000002"));
            assertTrue(layout.binlogFiles("0-1.000001").stream().allMatch(f -> f.startsWith("up-bin.")),
                    "the old one only the upstream's: " + layout.binlogFiles("0-1.000001"));
        }
        assertEquals(IntStream.rangeClosed(1, 60).boxed().toList(), rowsOf(layout, "0-1.000001", from, db),
                "read across the switch, every row once and in order");
    }

    @Test
    void withoutGtidsANewServerIsRefused(TestDatabases dbs) throws Exception {
        DbEndpoint up = dbs.upstream();
        DbEndpoint rep = dbs.replica();
        String db = dbs.freshSchema("relay_nogtid");
        RelayLayout layout = new RelayLayout(dir.resolve("relay"));
        String upFile = currentFile(up);
        try (RelayUnit relay = new RelayUnit(source(up, upFile), layout, Optional::empty)) {
            relay.start();
            dbs.execUp("CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY)", "INSERT INTO `" + db + "`.t VALUES (1)");
            awaitCaughtUp(relay, up);
        }
        try (RelayUnit relay = new RelayUnit(source(rep, currentFile(rep)), layout,
                Optional::empty)) {
            relay.start();
            assertPausedWith(relay, RelayErrors.SWITCH_NEEDS_GTID);
            assertTrue(relay.error().orElseThrow().getMessage().contains("0-1.000001"), relay.error().toString());
            assertEquals(List.of("0-1.000001"), layout.subDirs());
        }
    }

    @Test
    void aNewServerWithoutTheRelaysTransactionsIsRefusedUntilItHasThem(TestDatabases dbs) throws Exception {
        DbEndpoint up = dbs.upstream();
        DbEndpoint rep = dbs.replica();
        String db = dbs.freshSchema("relay_behind");
        RelayLayout layout = new RelayLayout(dir.resolve("relay"));
        dbs.execUp("CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY)");
        awaitReplicated(up, rep);
        TestDatabases.exec(rep, "STOP SLAVE");
        try {
            String upFile = currentFile(up);
            try (RelayUnit relay = new RelayUnit(gtidSourceFrom(up, upFile), layout, Optional::empty)) {
                relay.start();
                insert(dbs, db, 1, 5); // the replica does not get these yet
                awaitCaughtUp(relay, up);
            }
            try (RelayUnit relay = new RelayUnit(gtidSource(rep), layout, Optional::empty)) {
                relay.start();
                assertPausedWith(relay, RelayErrors.SWITCH_BEHIND);
                assertTrue(RelayErrors.SWITCH_BEHIND.retryable(), "the relay's master resumes it when it is retryable");
                TestDatabases.exec(rep, "START SLAVE");
                awaitReplicated(up, rep);
                relay.resume();
                awaitCaughtUp(relay, rep);
                assertEquals(RelayUnit.RUNNING, relay.status().stage(), relay.status().toString());
                assertEquals("0-3.000002", relay.status().relaySubDir());
            }
        } finally {
            TestDatabases.exec(rep, "START SLAVE");
        }
    }

    @Test
    void anotherServerBehindTheSameAddressPausesTheRelayInsteadOfMixingItsEventsIn(TestDatabases dbs) throws Exception {
        DbEndpoint up = dbs.upstream();
        DbEndpoint rep = dbs.replica();
        String db = dbs.freshSchema("relay_vip");
        RelayLayout layout = new RelayLayout(dir.resolve("relay"));
        try (TcpProxy vip = new TcpProxy(up.host(), up.port(), TcpProxy.PASS)) {
            DbEndpoint viaVip = new DbEndpoint("127.0.0.1", vip.port(), up.user(), up.password());
            String upFile = currentFile(up);
            try (RelayUnit relay = new RelayUnit(source(viaVip, upFile), layout, Optional::empty)) {
                relay.start();
                dbs.execUp("CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY)", "INSERT INTO `" + db + "`.t VALUES (1)");
                awaitCaughtUp(relay, up);
                vip.retarget(rep.host(), rep.port());
                assertPausedWith(relay, StreamErrors.UPSTREAM_SWITCHED_NO_GTID);
                assertEquals(List.of("0-1.000001"), layout.subDirs());
                assertTrue(layout.binlogFiles("0-1.000001").stream().allMatch(f -> f.startsWith("up-bin.")),
                        "only the upstream's files: " + layout.binlogFiles("0-1.000001"));
            }
        }
    }

    @Test
    void withGtidsTheRelayFollowsAnotherServerBehindTheSameAddress(TestDatabases dbs) throws Exception {
        DbEndpoint up = dbs.upstream();
        DbEndpoint rep = dbs.replica();
        String db = dbs.freshSchema("relay_vipg");
        RelayLayout layout = new RelayLayout(dir.resolve("relay"));
        dbs.execUp("CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY)");
        try (TcpProxy vip = new TcpProxy(up.host(), up.port(), TcpProxy.PASS)) {
            DbEndpoint viaVip = new DbEndpoint("127.0.0.1", vip.port(), up.user(), up.password());
            String upFile = currentFile(up);
            Location from = startOf(up, upFile);
            try (RelayUnit relay = new RelayUnit(gtidSourceFrom(viaVip, upFile), layout, Optional::empty)) {
                relay.start();
                insert(dbs, db, 1, 10);
                awaitCaughtUp(relay, up);
                awaitReplicated(up, rep);
                vip.retarget(rep.host(), rep.port());
                insert(dbs, db, 11, 20);
                awaitReplicated(up, rep);
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (!"0-3.000002".equals(relay.status().relaySubDir()) && System.nanoTime() < deadline) {
                    assertTrue(relay.error().isEmpty(), () -> relay.error().get().getMessage());
                    Thread.sleep(50);
                }
                awaitCaughtUp(relay, rep);
                assertEquals(List.of("0-1.000001", "0-3.000002"), layout.subDirs());
                assertEquals(RelayUnit.RUNNING, relay.status().stage());
            }
            assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(),
                    rowsOf(layout, "0-1.000001", from, db));
        }
    }

    private static void insert(TestDatabases dbs, String db, int from, int to) throws Exception {
        for (int i = from; i <= to; i++) {
            dbs.execUp("INSERT INTO `" + db + "`.t VALUES (" + i + ")");
        }
    }

    private static void assertPausedWith(RelayUnit relay, ErrorCode code) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (relay.error().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(code, relay.error().orElseThrow().code(), relay.error().toString());
        assertEquals(RelayUnit.PAUSED, relay.status().stage());
    }

    /** Waits until the replica has applied everything the upstream wrote. */
    static void awaitReplicated(DbEndpoint up, DbEndpoint rep) throws Exception {
        String target = TestDatabases.query(up, "SELECT @@gtid_binlog_pos").get(0).get(0);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!target.equals(TestDatabases.query(rep, "SELECT @@gtid_slave_pos").get(0).get(0))) {
            assertTrue(System.nanoTime() < deadline, "the replica did not reach " + target);
            Thread.sleep(50);
        }
    }

    /** The ids of the rows written to {@code db} that a sync unit reads from the relay from {@code from} on. */
    static List<Integer> rowsOf(RelayLayout layout, String subDir, Location from, String db) throws Exception {
        List<Integer> ids = new ArrayList<>();
        Map<Long, String> tables = new HashMap<>();
        try (EventSource s = new RelayEventSource(layout, subDir, new RelayNotifier(), BinlogDeserializers::create,
                () -> { })) {
            s.start(from);
            for (StreamEvent e = s.poll(50, TimeUnit.MILLISECONDS); e != null; e = s.poll(50, TimeUnit.MILLISECONDS)) {
                EventType type = e.event().getHeader().getEventType();
                if (type == EventType.TABLE_MAP) {
                    TableMapEventData t = e.event().getData();
                    tables.put(t.getTableId(), t.getDatabase());
                } else if (EventType.isWrite(type)) {
                    WriteRowsEventData w = e.event().getData();
                    if (db.equals(tables.get(w.getTableId()))) {
                        for (Serializable[] row : w.getRows()) {
                            ids.add((Integer) row[0]);
                        }
                    }
                }
            }
        }
        return ids;
    }
}
