package io.dm4j.common.position;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PositionOrderingTest {

    @Test
    void binlogFilesOrderByNumericSuffixAcrossRotations() {
        BinlogPosition p9 = new BinlogPosition("mysql-bin.000009", 99999);
        BinlogPosition p10 = new BinlogPosition("mysql-bin.000010", 4);
        BinlogPosition pMillion = new BinlogPosition("mysql-bin.1000000", 4);
        assertTrue(p9.compareTo(p10) < 0);
        assertTrue(p10.compareTo(pMillion) < 0);
        assertTrue(p9.compareTo(pMillion) < 0);
        assertTrue(pMillion.compareTo(p9) > 0);
        assertTrue(new BinlogPosition("mysql-bin.000010", 5).compareTo(p10) > 0);
        assertEquals(0, p10.compareTo(new BinlogPosition("mysql-bin.000010", 4)));
        assertEquals("(mysql-bin.000010, 4)", p10.toString());
    }

    @Test
    void compareIsConsistentWithEquals() {
        BinlogPosition padded = new BinlogPosition("mysql-bin.09", 4);
        BinlogPosition plain = new BinlogPosition("mysql-bin.9", 4);
        assertNotEquals(0, padded.compareTo(plain));
        assertEquals(-Integer.signum(padded.compareTo(plain)), Integer.signum(plain.compareTo(padded)));
    }

    @Test
    void randomPositionsSortByIndexThenOffset() {
        Random r = new Random(11L);
        for (int round = 0; round < 200; round++) {
            List<long[]> raw = new ArrayList<>();
            List<BinlogPosition> positions = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                long index = 1 + r.nextInt(1_500_000);
                long pos = 4 + r.nextInt(1 << 20);
                raw.add(new long[] {index, pos});
                positions.add(new BinlogPosition(String.format("up-bin.%06d", index), pos));
            }
            Collections.sort(positions);
            raw.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
            for (int i = 0; i < raw.size(); i++) {
                assertEquals(raw.get(i)[0], positions.get(i).fileIndex());
                assertEquals(raw.get(i)[1], positions.get(i).pos());
            }
        }
    }

    @Test
    void locationsOrderByGtidContainmentThenPosition() {
        String u = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
        Location early = Location.of("mysql-bin.000010", 500).withGtid(MysqlGtidSet.parse(u + ":1-5"));
        // after a primary switch the file position can be lower while the GTID set is larger
        Location later = Location.of("mysql-bin.000002", 200).withGtid(MysqlGtidSet.parse(u + ":1-6"));
        assertTrue(early.compareTo(later) < 0);
        assertTrue(later.compareTo(early) > 0);

        Location sameGtid = Location.of("mysql-bin.000011", 4).withGtid(MysqlGtidSet.parse(u + ":1-5"));
        assertTrue(early.compareTo(sameGtid) < 0, "equal GTID sets fall back to the position");

        Location plainA = Location.of("mysql-bin.000009", 4);
        Location plainB = Location.of("mysql-bin.000010", 4);
        assertTrue(plainA.compareTo(plainB) < 0);
        assertEquals("(mysql-bin.000009, 4)", plainA.toString());
        assertEquals("", plainA.gtidText());
        assertEquals(u + ":1-5", early.gtidText());

        Location m1 = Location.of("up-bin.000001", 100).withGtid(MariadbGtidList.parse("0-1-10"));
        Location m2 = Location.of("up-bin.000001", 50).withGtid(MariadbGtidList.parse("0-1-11"));
        assertTrue(m1.compareTo(m2) < 0);
    }
}
