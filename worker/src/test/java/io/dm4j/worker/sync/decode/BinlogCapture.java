package io.dm4j.worker.sync.decode;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import io.dm4j.testsupport.DbEndpoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Reads the upstream binlog between two SHOW MASTER STATUS positions with a configured deserializer (tests). */
final class BinlogCapture {
    record Position(String file, long position) {
    }

    private BinlogCapture() {
    }

    static Position masterStatus(DbEndpoint db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW MASTER STATUS")) {
            if (!rs.next()) {
                throw new IllegalStateException("binary log is off on " + db);
            }
            return new Position(rs.getString(1), rs.getLong(2));
        }
    }

    /** Every event from {@code from} until one that ends at or after {@code to} (same file). */
    static List<Event> read(DbEndpoint db, Position from, Position to) throws Exception {
        BinaryLogClient client = new BinaryLogClient(db.host(), db.port(), db.user(), db.password());
        client.setServerId(60_000 + ThreadLocalRandom.current().nextInt(1_000_000));
        client.setBinlogFilename(from.file());
        client.setBinlogPosition(from.position());
        client.setKeepAlive(false);
        client.setEventDeserializer(BinlogDeserializers.create());
        List<Event> events = new ArrayList<>();
        Object done = new Object();
        boolean[] finished = {false};
        client.registerEventListener(e -> {
            synchronized (done) {
                events.add(e);
                if (e.getHeader() instanceof EventHeaderV4 h && h.getNextPosition() >= to.position()
                        && client.getBinlogFilename().equals(to.file())) {
                    finished[0] = true;
                    done.notifyAll();
                }
            }
        });
        client.connect(TimeUnit.SECONDS.toMillis(10));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            synchronized (done) {
                while (!finished[0] && System.nanoTime() < deadline) {
                    done.wait(500);
                }
                if (!finished[0]) {
                    throw new IllegalStateException("binlog did not reach " + to + " within 30 s");
                }
                return new ArrayList<>(events);
            }
        } finally {
            client.disconnect();
        }
    }
}
