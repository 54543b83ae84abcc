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
}
