package io.dm4j.worker.sync.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.StreamErrors;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.Location;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.db.Upstream;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DatabasesExtension.class)
class BinlogStreamIT {

    private static StreamSettings settings(DbEndpoint db, long serverId) {
        return new StreamSettings(db.host(), db.port(), db.user(), db.password(), serverId, Flavor.MARIADB, false,
                Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    private static BinlogStream stream(DbEndpoint db, long serverId) {
        Upstream up = new Upstream(db.host(), db.port(), db.user(), db.password());
        return new BinlogStream(settings(db, serverId), EventDeserializer::new, s -> {
            try {
                List<String> logs = up.binaryLogs();
                return logs.isEmpty() ? "none" : logs.get(0);
            } catch (Exception e) {
                return "unknown (" + e.getMessage() + ")";
            }
        });
    }

    private static long serverId() {
        return 500_000 + ThreadLocalRandom.current().nextInt(100_000);
    }

    private static Location masterStatus(DbEndpoint db) throws Exception {
        BinlogPosition p = new Upstream(db.host(), db.port(), db.user(), db.password()).masterStatus().orElseThrow();
        return new Location(p, null);
    }

    /** Collects the first column of every inserted row of the table until {@code expected} ids arrived. */
    private static List<Long> collectIds(BinlogStream s, int expected, Duration timeout) throws Exception {
        List<Long> ids = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ids.size() < expected && System.nanoTime() < deadline) {
            StreamEvent e = s.poll(200, TimeUnit.MILLISECONDS);
            if (e != null && e.event().getHeader().getEventType() == EventType.EXT_WRITE_ROWS
                    || e != null && e.event().getHeader().getEventType() == EventType.WRITE_ROWS) {
                WriteRowsEventData d = e.event().getData();
                for (Serializable[] row : d.getRows()) {
                    ids.add(((Number) row[0]).longValue());
                }
            }
        }
        return ids;
    }

    @Test
    void reconnectsAfterDumpThreadIsKilledAndDeliversEveryRowOnce(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("stream_kill");
        TestDatabases.exec(dbs.upstream(), "CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, v VARCHAR(20))");
        Location start = masterStatus(dbs.upstream());
        try (BinlogStream s = stream(dbs.upstream(), serverId())) {
            s.start(start);
            for (int i = 1; i <= 50; i++) {
                TestDatabases.exec(dbs.upstream(), "INSERT INTO `" + db + "`.t VALUES (" + i + ", 'a')");
            }
            List<Long> ids = collectIds(s, 50, Duration.ofSeconds(20));
            long connId = s.connectionId();
            TestDatabases.exec(dbs.upstream(), "KILL " + connId);
            // A multi-row transaction straddles nothing here; the reconnect must not re-deliver rows 1..50.
            TestDatabases.exec(dbs.upstream(), "INSERT INTO `" + db + "`.t VALUES (51,'b'),(52,'b'),(53,'b')");
            for (int i = 54; i <= 100; i++) {
                TestDatabases.exec(dbs.upstream(), "INSERT INTO `" + db + "`.t VALUES (" + i + ", 'c')");
            }
            ids.addAll(collectIds(s, 50, Duration.ofSeconds(30)));
            List<Long> expected = new ArrayList<>();
            for (long i = 1; i <= 100; i++) {
                expected.add(i);
            }
            assertEquals(expected, ids, "every row exactly once, in order, across the reconnect");
            assertTrue(s.reconnects() >= 1, "the stream must have reconnected");
        }
    }

    @Test
    void purgedBinlogIsAClearFatalError(TestDatabases dbs) throws Exception {
        try (BinlogStream s = stream(dbs.upstream(), serverId())) {
            s.start(Location.of("up-bin.000000", 4));
            DmException e = assertThrows(DmException.class, () -> {
                for (int i = 0; i < 100; i++) {
                    s.poll(200, TimeUnit.MILLISECONDS);
                }
            });
            assertEquals(StreamErrors.BINLOG_PURGED, e.code());
            String oldest = new Upstream(dbs.upstream().host(), dbs.upstream().port(), dbs.upstream().user(),
                    dbs.upstream().password()).binaryLogs().get(0);
            assertTrue(e.getMessage().contains("up-bin.000000"), e.getMessage());
            assertTrue(e.getMessage().contains(oldest), e.getMessage());
            assertTrue(e.getMessage().contains("--remove-meta"), e.getMessage());
            assertTrue(e.getMessage().contains("code=36150"), e.getMessage());
        }
    }

    @Test
    void serverIdConflictIsAClearFatalError(TestDatabases dbs) throws Exception {
        long id = serverId();
        try (BinlogStream s = stream(dbs.upstream(), id)) {
            s.start(masterStatus(dbs.upstream()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!s.isConnected() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(s.isConnected());
            BinaryLogClient other = new BinaryLogClient(dbs.upstream().host(), dbs.upstream().port(),
                    dbs.upstream().user(), dbs.upstream().password());
            other.setServerId(id);
            other.setKeepAlive(false);
            other.connect(5000);
            try {
                DmException e = assertThrows(DmException.class, () -> {
                    for (int i = 0; i < 100; i++) {
                        s.poll(200, TimeUnit.MILLISECONDS);
                    }
                });
                assertEquals(StreamErrors.SERVER_ID_CONFLICT, e.code());
                assertTrue(e.getMessage().contains(String.valueOf(id)), e.getMessage());
                assertNotNull(e.workaround());
            } finally {
                other.disconnect();
            }
        }
    }

    @Test
    void silentNetworkLossIsDetectedByMissingHeartbeatsAndHealsByItself(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("stream_netloss");
        TestDatabases.exec(dbs.upstream(), "CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY)");
        Location start = masterStatus(dbs.upstream());
        DbEndpoint up = dbs.upstream();
        try (BlackholeProxy proxy = new BlackholeProxy(up.host(), up.port());
             BinlogStream s = stream(new DbEndpoint("127.0.0.1", proxy.port(), up.user(), up.password()), serverId())) {
            s.start(start);
            for (int i = 1; i <= 20; i++) {
                TestDatabases.exec(up, "INSERT INTO `" + db + "`.t VALUES (" + i + ")");
            }
            List<Long> ids = collectIds(s, 20, Duration.ofSeconds(20));
            proxy.blackhole(true); // packets vanish; neither side sees the connection close
            for (int i = 21; i <= 40; i++) {
                TestDatabases.exec(up, "INSERT INTO `" + db + "`.t VALUES (" + i + ")");
            }
            Thread.sleep(4500); // past three heartbeat intervals (1 s each, at least 3 s)
            proxy.blackhole(false);
            ids.addAll(collectIds(s, 20, Duration.ofSeconds(40)));
            List<Long> expected = new ArrayList<>();
            for (long i = 1; i <= 40; i++) {
                expected.add(i);
            }
            assertEquals(expected, ids, "every row exactly once across the silent network loss");
            assertTrue(s.reconnects() >= 1, "the watchdog must have dropped the dead connection");
        }
    }
}
