package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dm4j.common.position.Location;
import org.junit.jupiter.api.Test;

class ExitPointTest {
    private static Location at(long pos) {
        return Location.of("mysql-bin.000002", pos);
    }

    @Test
    void cleanStopAtATransactionEndNeedsNoReplay() {
        assertEquals(at(500), ExitPoint.of(at(500), at(480), null));
    }

    @Test
    void stopInsideATransactionCoversItsDispatchedPart() {
        // checkpoint at the last transaction end (500); rows up to 900 of the open transaction were dispatched
        assertEquals(at(900), ExitPoint.of(at(500), at(900), null));
    }

    @Test
    void aReplayWindowStillOpenIsNeverShortened() {
        // resumed after a crash whose pushed mark is 16 MiB ahead, stopped again before reaching it
        Location crashMark = at(16L << 20);
        assertEquals(crashMark, ExitPoint.of(at(500), at(900), crashMark));
        // passed already: the dispatched point decides
        assertEquals(at(900), ExitPoint.of(at(500), at(900), at(700)));
    }

    @Test
    void laterBinlogFileWins() {
        assertEquals(Location.of("mysql-bin.000003", 4),
                ExitPoint.of(at(500), Location.of("mysql-bin.000003", 4), null));
    }

    private static Location gtid(String file, long pos, String mariadbGtid) {
        return new Location(new io.dm4j.common.position.BinlogPosition(file, pos),
                io.dm4j.common.position.GtidSet.parse(io.dm4j.common.position.Flavor.MARIADB, mariadbGtid));
    }

    @Test
    void withGtidsAStopInsideATransactionCoversTheWholeTransactionBySet() {
        // checkpoint after 0-1-10; rows of the open transaction 0-1-11 (its changes stand at the set before it)
        Location exit = ExitPoint.of(gtid("up-bin.000001", 500, "0-1-10"), gtid("up-bin.000001", 900, "0-1-10"), null);
        assertEquals("0-1-11", exit.gtidText());
        // on another server every change of 0-1-11 is inside the exit point by its set alone
        SafeModeWindow w = SafeModeWindow.until(exit, java.time.Clock.systemUTC());
        org.junit.jupiter.api.Assertions.assertTrue(w.activeAt(gtid("rep-bin.000001", 90_000, "0-1-10")));
        org.junit.jupiter.api.Assertions.assertFalse(w.activeAt(gtid("rep-bin.000001", 100, "0-1-12")));
    }

    @Test
    void withGtidsACleanStopAtATransactionEndNeedsNoReplay() {
        Location checkpoint = gtid("up-bin.000001", 500, "0-1-11");
        assertEquals(checkpoint, ExitPoint.of(checkpoint, gtid("up-bin.000001", 480, "0-1-10"), null));
    }
}
