package io.dm4j.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.AnnotateRowsEventData;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TestDatabases;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reads a real upstream binlog with mysql-binlog-connector-java, from the position SHOW MASTER STATUS gave before
 * this test wrote, and checks the exact events of the test's own transactions: their GTIDs, table maps with column
 * names, and row images of an INSERT, an UPDATE and a DELETE. Other tests may write to the same server at the same
 * time, so transactions are picked by the fresh schema they touch, never by position alone.
 */
@ExtendWith(DatabasesExtension.class)
class BinlogReadIT {
    private static final long WAIT_MILLIS = 30_000;

    private static final String DDL = "CREATE TABLE t (id INT NOT NULL PRIMARY KEY, name VARCHAR(32) CHARACTER SET utf8mb4,"
            + " qty INT UNSIGNED NOT NULL, price DECIMAL(10,2), at DATETIME(6))";
    private static final String INSERT = "INSERT INTO t VALUES (1, 'alpha', 7, 1.50, '2024-02-29 13:14:15.123456'),"
            + " (2, 'b😀', 4294967295, 2.00, '1999-12-31 23:59:59.999999'), (3, NULL, 0, -0.01, NULL)";
    private static final String UPDATE = "UPDATE t SET name = 'beta', qty = 8 WHERE id = 2";
    private static final String DELETE = "DELETE FROM t WHERE id = 3";

    @Test
    void ownTransactionsArriveWithExactGtidsTableMapsAndRows(TestDatabases dbs) throws Exception {
        DbEndpoint up = dbs.upstream();
        boolean mariadb = up.isMariaDb();
        String schema = dbs.freshSchema("binlogread");
        String[] start = binlogStatus(up);
        long startPos = Long.parseLong(start[1]);

        List<String> ownGtids = new ArrayList<>(); // MariaDB tells a session the GTID of its last transaction
        String serverId;
        String serverUuid = null;
        try (Connection c = up.connect(schema); Statement st = c.createStatement()) {
            for (String sql : List.of(DDL, INSERT, UPDATE, DELETE)) {
                st.execute(sql);
                if (mariadb) {
                    ownGtids.add(single(st, "SELECT @@last_gtid"));
                }
            }
            serverId = single(st, "SELECT @@server_id");
            if (!mariadb) {
                serverUuid = single(st, "SELECT @@server_uuid");
            }
        }

        List<Event> events = readUntil(up, start[0], startPos, mariadb, schema, 4);
        assertFirstRotateIsTheStartPosition(events, start[0], startPos);
        List<List<Event>> txns = transactionsOn(schema, events);
        assertEquals(4, txns.size(), () -> "expected the 4 transactions on " + schema + ", got " + describe(txns));

        // Event sequence of each transaction: MariaDB marks a transaction's start with its GTID event and annotates
        // rows with the statement; MySQL sends an explicit BEGIN.
        List<String> dml = mariadb
                ? List.of("GTID", "ANNOTATE_ROWS", "TABLE_MAP", "%s", "XID")
                : List.of("GTID", "BEGIN", "TABLE_MAP", "%s", "XID");
        assertEquals(List.of("GTID", "QUERY"), kinds(txns.get(0)));
        assertEquals(fill(dml, "WRITE_ROWS"), kinds(txns.get(1)));
        assertEquals(fill(dml, "UPDATE_ROWS"), kinds(txns.get(2)));
        assertEquals(fill(dml, "DELETE_ROWS"), kinds(txns.get(3)));

        // GTIDs: exactly the ones the server gave our session (MariaDB), or ours by server UUID in order (MySQL).
        if (mariadb) {
            List<String> seen = new ArrayList<>();
            for (List<Event> txn : txns) {
                MariadbGtidEventData g = txn.get(0).getData();
                long origin = ((EventHeaderV4) txn.get(0).getHeader()).getServerId(); // the event data says 0 here
                seen.add(g.getDomainId() + "-" + origin + "-" + g.getSequence());
                assertEquals(Long.parseLong(serverId), origin);
            }
            assertEquals(ownGtids, seen);
        } else {
            long previous = 0;
            for (List<Event> txn : txns) {
                GtidEventData g = txn.get(0).getData();
                assertEquals(serverUuid, g.getMySqlGtid().getServerId().toString());
                assertTrue(g.getMySqlGtid().getTransactionId() > previous, "GTIDs must increase");
                previous = g.getMySqlGtid().getTransactionId();
            }
        }

        QueryEventData ddl = txns.get(0).get(1).getData();
        assertEquals(schema, ddl.getDatabase());
        assertEquals(DDL, ddl.getSql());
        if (mariadb) {
            AnnotateRowsEventData annotate = txns.get(1).get(1).getData();
            assertEquals(INSERT, annotate.getRowsQuery());
        }

        for (List<Event> txn : txns.subList(1, 4)) {
            TableMapEventData map = txn.get(2).getData();
            assertEquals(schema, map.getDatabase());
            assertEquals("t", map.getTable());
            assertEquals(List.of("id", "name", "qty", "price", "at"), map.getEventMetadata().getColumnNames());
            assertTrue(map.getEventMetadata().getSignedness().get(2), "qty is flagged unsigned by position");
            assertEquals(map.getTableId(), rowsTableId(txn.get(3)), "rows event refers to the preceding table map");
        }

        WriteRowsEventData insert = txns.get(1).get(3).getData();
        assertEquals(3, insert.getRows().size());
        assertRow(insert.getRows().get(0), 1, "alpha", 7, "1.50", micros("2024-02-29T13:14:15.123456"));
        // 4294967295 arrives as the signed 32-bit pattern; the decoder applies signedness from the table map.
        assertRow(insert.getRows().get(1), 2, "b😀", -1, "2.00", micros("1999-12-31T23:59:59.999999"));
        assertRow(insert.getRows().get(2), 3, null, 0, "-0.01", null);
        assertEquals(4294967295L, Integer.toUnsignedLong((Integer) insert.getRows().get(1)[2]));

        UpdateRowsEventData update = txns.get(2).get(3).getData();
        assertEquals(1, update.getRows().size());
        Map.Entry<Serializable[], Serializable[]> change = update.getRows().get(0);
        assertRow(change.getKey(), 2, "b😀", -1, "2.00", micros("1999-12-31T23:59:59.999999"));
        assertRow(change.getValue(), 2, "beta", 8, "2.00", micros("1999-12-31T23:59:59.999999"));

        DeleteRowsEventData delete = txns.get(3).get(3).getData();
        assertEquals(1, delete.getRows().size());
        assertRow(delete.getRows().get(0), 3, null, 0, "-0.01", null);
    }

    private static long rowsTableId(Event rows) {
        Object data = rows.getData();
        if (data instanceof WriteRowsEventData w) {
            return w.getTableId();
        }
        if (data instanceof UpdateRowsEventData u) {
            return u.getTableId();
        }
        return ((DeleteRowsEventData) data).getTableId();
    }

    /** SHOW MASTER STATUS (SHOW BINARY LOG STATUS on MySQL 8.4+): file and position. */
    private static String[] binlogStatus(DbEndpoint db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            ResultSet rs;
            try {
                rs = st.executeQuery("SHOW MASTER STATUS");
            } catch (SQLException e) {
                rs = st.executeQuery("SHOW BINARY LOG STATUS");
            }
            try (ResultSet r = rs) {
                assertTrue(r.next(), "binary logging must be on upstream");
                return new String[] {r.getString(1), r.getString(2)};
            }
        }
    }

    private static String single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Streams from file:pos until {@code expected} complete transactions on {@code schema} arrived (bounded). */
    private static List<Event> readUntil(DbEndpoint up, String file, long pos, boolean mariadb, String schema, int expected)
            throws Exception {
        List<Event> events = new CopyOnWriteArrayList<>();
        List<Exception> failures = new CopyOnWriteArrayList<>();
        BinaryLogClient client = new BinaryLogClient(up.host(), up.port(), up.user(), up.password());
        client.setServerId(ThreadLocalRandom.current().nextLong(100_000, 200_000));
        client.setBinlogFilename(file);
        client.setBinlogPosition(pos);
        client.setKeepAlive(false);
        client.setUseSendAnnotateRowsEvent(mariadb);
        EventDeserializer deserializer = new EventDeserializer();
        deserializer.setCompatibilityMode(EventDeserializer.CompatibilityMode.DATE_AND_TIME_AS_LONG_MICRO,
                EventDeserializer.CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
        client.setEventDeserializer(deserializer);
        client.registerEventListener(events::add);
        client.registerLifecycleListener(new BinaryLogClient.LifecycleListener() {
            @Override
            public void onConnect(BinaryLogClient c) {
            }

            @Override
            public void onCommunicationFailure(BinaryLogClient c, Exception e) {
                failures.add(e);
            }

            @Override
            public void onEventDeserializationFailure(BinaryLogClient c, Exception e) {
                failures.add(e);
            }

            @Override
            public void onDisconnect(BinaryLogClient c) {
            }
        });
        try {
            client.connect(10_000);
            long deadline = System.currentTimeMillis() + WAIT_MILLIS;
            while (!complete(transactionsOn(schema, events), expected)) {
                if (!failures.isEmpty()) {
                    fail("binlog client failed: " + failures.get(0), failures.get(0));
                }
                if (System.currentTimeMillis() > deadline) {
                    fail("only " + describe(transactionsOn(schema, events)) + " on " + schema + " after " + WAIT_MILLIS
                            + " ms; " + events.size() + " events read from " + file + ":" + pos);
                }
                Thread.sleep(50);
            }
            return List.copyOf(events);
        } finally {
            client.disconnect();
        }
    }

    private static boolean complete(List<List<Event>> txns, int expected) {
        if (txns.size() < expected) {
            return false;
        }
        List<Event> last = txns.get(expected - 1);
        return last.get(last.size() - 1).getHeader().getEventType() == EventType.XID;
    }

    private static void assertFirstRotateIsTheStartPosition(List<Event> events, String file, long pos) {
        Event first = events.get(0);
        assertEquals(EventType.ROTATE, first.getHeader().getEventType());
        RotateEventData rotate = first.getData();
        assertEquals(file, rotate.getBinlogFilename());
        assertEquals(pos, rotate.getBinlogPosition());
    }

    /**
     * Splits the stream into transactions (each starts at a GTID event) and keeps those that touch {@code schema}.
     * Stream-level events (rotate, format description, GTID lists, checkpoints, heartbeats) belong to none.
     */
    private static List<List<Event>> transactionsOn(String schema, List<Event> events) {
        List<List<Event>> all = new ArrayList<>();
        List<Event> current = null;
        for (Event e : events) {
            EventType type = e.getHeader().getEventType();
            if (type == EventType.GTID || type == EventType.MARIADB_GTID) {
                current = new ArrayList<>();
                all.add(current);
            }
            if (current != null && !streamLevel(type)) {
                current.add(e);
            }
        }
        return all.stream().filter(txn -> txn.stream().anyMatch(e -> touches(e, schema))).toList();
    }

    private static boolean streamLevel(EventType type) {
        return switch (type) {
            case ROTATE, FORMAT_DESCRIPTION, MARIADB_GTID_LIST, BINLOG_CHECKPOINT, PREVIOUS_GTIDS, HEARTBEAT, STOP -> true;
            default -> false;
        };
    }

    private static boolean touches(Event e, String schema) {
        if (e.getData() instanceof TableMapEventData map) {
            return schema.equals(map.getDatabase());
        }
        if (e.getData() instanceof QueryEventData q) {
            return schema.equals(q.getDatabase()) && !"BEGIN".equals(q.getSql());
        }
        return false;
    }

    private static List<String> kinds(List<Event> txn) {
        return txn.stream().map(BinlogReadIT::kind).toList();
    }

    private static String kind(Event e) {
        EventType type = e.getHeader().getEventType();
        if (type == EventType.GTID || type == EventType.MARIADB_GTID) {
            return "GTID";
        }
        if (type == EventType.QUERY) {
            return "BEGIN".equals(((QueryEventData) e.getData()).getSql()) ? "BEGIN" : "QUERY";
        }
        if (EventType.isWrite(type)) {
            return "WRITE_ROWS";
        }
        if (EventType.isUpdate(type)) {
            return "UPDATE_ROWS";
        }
        if (EventType.isDelete(type)) {
            return "DELETE_ROWS";
        }
        return type.name();
    }

    private static List<String> fill(List<String> pattern, String rows) {
        return pattern.stream().map(k -> k.equals("%s") ? rows : k).toList();
    }

    private static String describe(List<List<Event>> txns) {
        return txns.size() + " transaction(s) " + txns.stream().map(BinlogReadIT::kinds).toList();
    }

    private static Long micros(String localDateTime) {
        LocalDateTime t = LocalDateTime.parse(localDateTime);
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1_000;
    }

    /** Row image as the library hands it over in the compatibility modes the worker uses. */
    private static void assertRow(Serializable[] row, int id, String name, int qty, String price, Long at) {
        assertEquals(5, row.length, () -> Arrays.toString(row));
        assertEquals(id, row[0]);
        if (name == null) {
            assertEquals(null, row[1]);
        } else {
            assertArrayEquals(name.getBytes(StandardCharsets.UTF_8), assertInstanceOf(byte[].class, row[1]));
        }
        assertEquals(qty, row[2]);
        assertEquals(new BigDecimal(price), row[3]);
        assertEquals(at, row[4]);
    }
}
