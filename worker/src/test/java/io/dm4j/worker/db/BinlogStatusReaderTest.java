package io.dm4j.worker.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Flavor;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pairing of a binlog position with its GTID set, over scripted server answers. */
class BinlogStatusReaderTest {

    /** Answers from a script; records every query so the tests can see what was asked. */
    private static final class Script implements BinlogStatusReader.Queries {
        final Deque<Optional<BinlogStatusReader.StatusRow>> statuses = new ArrayDeque<>();
        final Deque<String> gtidBinlogPos = new ArrayDeque<>();
        Map<BinlogPosition, String> gtidAt = Map.of();
        final List<String> asked = new ArrayList<>();

        @Override
        public Optional<BinlogStatusReader.StatusRow> masterStatus() {
            asked.add("status");
            return statuses.size() > 1 ? statuses.poll() : statuses.peek();
        }

        @Override
        public Optional<String> gtidAt(BinlogPosition position) {
            asked.add("gtidAt " + position);
            return Optional.ofNullable(gtidAt.get(position));
        }

        @Override
        public String gtidBinlogPos() {
            asked.add("gtid_binlog_pos");
            return gtidBinlogPos.size() > 1 ? gtidBinlogPos.poll() : gtidBinlogPos.peek();
        }
    }

    private static Optional<BinlogStatusReader.StatusRow> row(String file, long pos, String gtid) {
        return Optional.of(new BinlogStatusReader.StatusRow(new BinlogPosition(file, pos), gtid));
    }

    @Test
    void mysqlTakesTheGtidSetFromTheSameRow() throws SQLException {
        Script s = new Script();
        s.statuses.add(row("bin.000002", 900, "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-23"));
        s.gtidBinlogPos.add("must not be read");
        var r = BinlogStatusReader.read(Flavor.MYSQL, s).orElseThrow();
        assertEquals(new BinlogPosition("bin.000002", 900), r.position());
        assertEquals("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-23", r.gtid());
        assertEquals(List.of("status"), s.asked, "one statement, nothing read separately");
    }

    @Test
    void mysqlWithoutGtidColumnGivesAnEmptySet() throws SQLException {
        Script s = new Script();
        s.statuses.add(row("bin.000002", 900, null));
        assertEquals("", BinlogStatusReader.read(Flavor.MYSQL, s).orElseThrow().gtid());
    }

    @Test
    void mariadbDerivesTheSetFromThePositionNotFromGtidBinlogPos() throws SQLException {
        Script s = new Script();
        BinlogPosition at = new BinlogPosition("up-bin.000001", 4711);
        s.statuses.add(row(at.file(), at.pos(), null));
        s.gtidAt = Map.of(at, "0-1-20");
        s.gtidBinlogPos.add("0-1-25"); // what the server has logged by now: ahead of the position read
        var r = BinlogStatusReader.read(Flavor.MARIADB, s).orElseThrow();
        assertEquals(at, r.position());
        assertEquals("0-1-20", r.gtid());
        assertEquals(List.of("status", "gtidAt " + at), s.asked);
    }

    @Test
    void mariadbFallbackAcceptsGtidBinlogPosOnlyWhenThePositionStoodStill() throws SQLException {
        Script s = new Script();
        s.statuses.add(row("up-bin.000001", 100, null));
        s.statuses.add(row("up-bin.000001", 200, null)); // moved while the first gtid_binlog_pos was read
        s.statuses.add(row("up-bin.000001", 200, null));
        s.gtidBinlogPos.add("0-1-7");
        s.gtidBinlogPos.add("0-1-8");
        var r = BinlogStatusReader.read(Flavor.MARIADB, s).orElseThrow();
        assertEquals(new BinlogPosition("up-bin.000001", 200), r.position());
        assertEquals("0-1-8", r.gtid());
    }

    @Test
    void mariadbFallbackFailsRatherThanPairAMovingPosition() {
        Script s = new Script();
        for (int i = 0; i <= BinlogStatusReader.STABLE_ATTEMPTS + 1; i++) {
            s.statuses.add(row("up-bin.000001", 100 + i, null));
        }
        s.gtidBinlogPos.add("0-1-9");
        SQLException e = assertThrows(SQLException.class, () -> BinlogStatusReader.read(Flavor.MARIADB, s));
        assertTrue(e.getMessage().contains("BINLOG_GTID_POS(up-bin.000001, 100) is NULL"), e.getMessage());
    }

    @Test
    void binlogOffGivesNothing() throws SQLException {
        Script s = new Script();
        s.statuses.add(Optional.empty());
        assertTrue(BinlogStatusReader.read(Flavor.MARIADB, s).isEmpty());
        assertTrue(BinlogStatusReader.read(Flavor.MYSQL, s).isEmpty());
    }
}
