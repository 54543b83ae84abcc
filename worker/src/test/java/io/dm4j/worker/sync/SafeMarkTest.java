package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class SafeMarkTest {
    private static final String UUID = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

    private static Location at(String file, long pos, Flavor flavor, String gtid) {
        return new Location(new BinlogPosition(file, pos), gtid == null ? null : GtidSet.parse(flavor, gtid));
    }

    @Test
    void withoutGtidTheMarkIsAPositionAheadInTheSameFile() {
        Location mark = SafeMark.ahead(at("bin.000001", 100, Flavor.MYSQL, null), 1000);
        assertEquals(new BinlogPosition("bin.000001", 1100), mark.position());
        assertNull(mark.gtidSet());
        assertTrue(SafeMark.covers(mark, at("bin.000001", 1099, Flavor.MYSQL, null)));
        assertFalse(SafeMark.covers(mark, at("bin.000001", 1100, Flavor.MYSQL, null)));
        assertFalse(SafeMark.covers(mark, at("bin.000002", 4, Flavor.MYSQL, null)));
    }

    @Test
    void aMysqlGtidMarkCoversTheNextTransactionsOnAnyServer() {
        Location mark = SafeMark.ahead(at("mysql-bin.000001", 100, Flavor.MYSQL, UUID + ":1-10"), 1000);
        assertEquals(UUID + ":1-" + (10 + SafeMark.TRANSACTIONS), mark.gtidText());
        // a replica's binlog: other file, any position; the set decides
        assertTrue(SafeMark.covers(mark, at("binlog.000042", 5, Flavor.MYSQL, UUID + ":1-500")));
        assertFalse(SafeMark.covers(mark, at("mysql-bin.000001", 200, Flavor.MYSQL, UUID + ":1-" + (10 + SafeMark.TRANSACTIONS))),
                "a change whose set equals the mark's is not strictly inside: a new mark is stored first");
        // and the replay after a crash agrees with what was dispatched under the mark
        SafeModeWindow replay = SafeModeWindow.until(mark, Clock.systemUTC());
        assertTrue(replay.activeAt(at("binlog.000042", 5, Flavor.MYSQL, UUID + ":1-500")));
        assertFalse(replay.activeAt(at("binlog.000001", 5, Flavor.MYSQL, UUID + ":1-2000")));
    }

    @Test
    void aMariadbGtidMarkCoversTheNextTransactionsOfEachDomain() {
        Location mark = SafeMark.ahead(at("up-bin.000001", 100, Flavor.MARIADB, "0-1-10"), 1000);
        assertEquals("0-1-" + (10 + SafeMark.TRANSACTIONS), mark.gtidText());
        assertTrue(SafeMark.covers(mark, at("rep-bin.000001", 5, Flavor.MARIADB, "0-1-11")));
        assertFalse(SafeMark.covers(mark, at("rep-bin.000001", 5, Flavor.MARIADB, "0-1-" + (11 + SafeMark.TRANSACTIONS))));
        assertFalse(SafeMark.covers(mark, at("up-bin.000001", 5, Flavor.MARIADB, "0-1-11,1-5-1")),
                "a new domain is not covered");
    }
}
