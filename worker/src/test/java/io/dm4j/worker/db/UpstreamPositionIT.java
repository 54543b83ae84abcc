package io.dm4j.worker.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.position.Flavor;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start point of an incremental task without meta, read while the upstream commits all the time: the GTID set
 * must be the one of the position read, never a later one (a GTID start would skip what lies in between).
 */
@ExtendWith(DatabasesExtension.class)
class UpstreamPositionIT {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamPositionIT.class);

    @Test
    void positionAndGtidSetBelongTogetherUnderConcurrentWrites(TestDatabases dbs) throws Exception {
        String s = dbs.freshSchema("pos_gtid");
        dbs.execUp("CREATE TABLE `" + s + "`.t (id INT AUTO_INCREMENT PRIMARY KEY, v INT)");
        DbEndpoint up = dbs.upstream();
        Upstream upstream = new Upstream(up.host(), up.port(), up.user(), up.password());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong commits = new AtomicLong();
        Thread writer = new Thread(() -> {
            try (Connection c = dbs.connectUp(); Statement st = c.createStatement()) {
                while (!stop.get()) {
                    st.executeUpdate("INSERT INTO `" + s + "`.t (v) VALUES (1)");
                    commits.incrementAndGet();
                }
            } catch (Exception e) {
                LOG.warn("writer stopped: {}", e.getMessage());
            }
        });
        writer.start();
        int separateReadsAhead = 0;
        try (Connection c = dbs.connectUp()) {
            while (commits.get() < 20) {
                Thread.onSpinWait();
            }
            for (int i = 0; i < 40; i++) {
                BinlogStatusReader.PositionAndGtid read = upstream.positionAndGtid(Flavor.MARIADB).orElseThrow();
                assertEquals(gtidAt(c, read), read.gtid(), "GTID set of " + read.position());
                // the old way, for the record: position, then @@gtid_binlog_pos in a second query
                var pos = upstream.masterStatus().orElseThrow();
                String later = upstream.gtidExecuted(Flavor.MARIADB);
                if (!later.equals(gtidAt(c, new BinlogStatusReader.PositionAndGtid(pos, "")))) {
                    separateReadsAhead++;
                }
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        LOG.info("{} commits during the test; two separate queries paired a position with a later GTID set {} of 40"
                + " times", commits.get(), separateReadsAhead);
        assertTrue(commits.get() > 20, "the writer kept committing");
    }

    private static String gtidAt(Connection c, BinlogStatusReader.PositionAndGtid r) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT BINLOG_GTID_POS(?, ?)")) {
            ps.setString(1, r.position().file());
            ps.setLong(2, r.position().pos());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
