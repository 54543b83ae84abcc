package io.dm4j.common.position;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MysqlGtidSetTest {
    static final String U1 = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    static final String U2 = "53ea0ed1-9bf8-11e6-8bea-64006a897c73";

    @Test
    void parsesAndPrintsCanonically() {
        MysqlGtidSet s = MysqlGtidSet.parse(U2.toUpperCase() + ":7-9:1-3:4 ,\n  " + U1 + ":23:1-5:6-9");
        assertEquals(U1 + ":1-9:23," + U2 + ":1-4:7-9", s.toString());
    }

    @Test
    void emptyTextIsEmptySet() {
        assertTrue(MysqlGtidSet.parse("").isEmpty());
        assertTrue(MysqlGtidSet.parse("  \n").isEmpty());
        assertTrue(MysqlGtidSet.parse(null).isEmpty());
        assertEquals("", MysqlGtidSet.empty().toString());
        assertSame(MysqlGtidSet.empty(), GtidSet.parse(Flavor.MYSQL, ""));
    }

    @Test
    void toleratesTrailingCommaAndRepeatedUuid() {
        MysqlGtidSet s = MysqlGtidSet.parse(U1 + ":1-3,\n" + U1 + ":4-6,");
        assertEquals(U1 + ":1-6", s.toString());
    }

    @Test
    void parsesTaggedGtids() {
        MysqlGtidSet s = MysqlGtidSet.parse(U1 + ":Tag_B:5:1-3:tag_a:1-2,\n" + U1 + ":10-11");
        assertEquals(U1 + ":10-11:tag_a:1-2:tag_b:1-3:5", s.toString());
        assertEquals(MysqlGtidSet.parse(U1 + ":tag:1-5"), MysqlGtidSet.parse(U1.toUpperCase() + ":TAG:1-2:3-5"));
        assertEquals(U1 + ":tag:1-5", MysqlGtidSet.parse(U1 + ":tag:1-5").toString());
        assertFalse(s.contains(U1, 1)); // tagged transactions are not untagged ones
        assertTrue(s.contains(MysqlGtidSet.parse(U1 + ":tag_b:2")));
        assertFalse(s.contains(MysqlGtidSet.parse(U1 + ":2")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "3e11fa47-71ca-11e1-9e33:1-5              | 3e11fa47-71ca-11e1-9e33",
        "3e11fa47-71ca-11e1-9e33-c80aa9429562     | has no transaction interval",
        "3e11fa47-71ca-11e1-9e33-c80aa9429562:5-3 | '5-3'",
        "3e11fa47-71ca-11e1-9e33-c80aa9429562:0   | '0'",
        "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-x | '1-x'",
        "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-  | '1-'",
        "3e11fa47-71ca-11e1-9e33-c80aa9429562::3  | ''",
        "3e11fa47-71ca-11e1-9e33-c80aa9429562:t   | tag 't'",
        "3e11fa47-71ca-11e1-9e33-c80aa9429562:a:b:1 | tag 'a'",
        "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-2:bad-tag:3 | 'bad-tag'",
        "3e11fa47-71ca-11e1-9e33-c80aa9429562:99999999999999999999 | '99999999999999999999'",
    })
    void rejectsMalformedTextNamingTheBadPart(String text, String expectedPart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MysqlGtidSet.parse(text));
        assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
        assertTrue(e.getMessage().startsWith("malformed MySQL GTID set"), e.getMessage());
    }

    @Test
    void addAdvancesLikeTheStream() {
        MysqlGtidSet s = MysqlGtidSet.empty().add(U1, 1).add(U1, 2).add(U1.toUpperCase(), 3);
        assertEquals(U1 + ":1-3", s.toString());
        assertSame(s, s.add(U1, 2));
        s = s.add(U1, 5).add(U2, 1);
        assertEquals(U1 + ":1-3:5," + U2 + ":1", s.toString());
        assertEquals(U1 + ":1-5," + U2 + ":1", s.add(U1, 4).toString());
        assertEquals(U1 + ":1-3:5:tg:7," + U2 + ":1", s.add(U1 + ":tg:7").toString());
        assertEquals(s.add(U1, 9), s.add(U1 + ":9"));
        assertEquals(5, s.lastGno(U1));
        assertEquals(0, s.lastGno("00000000-0000-0000-0000-000000000000"));
        assertEquals(List.of(U1, U2), s.uuids());
        assertThrows(IllegalArgumentException.class, () -> MysqlGtidSet.empty().add(U1, 0));
        assertThrows(IllegalArgumentException.class, () -> MysqlGtidSet.empty().add("nope", 1));
        assertThrows(IllegalArgumentException.class, () -> MysqlGtidSet.empty().add(U1 + ":1-3"));
    }

    @Test
    void setOperations() {
        MysqlGtidSet a = MysqlGtidSet.parse(U1 + ":1-10," + U2 + ":1-5");
        MysqlGtidSet b = MysqlGtidSet.parse(U1 + ":4-6:20");
        assertEquals(U1 + ":1-10:20," + U2 + ":1-5", a.union(b).toString());
        assertEquals(U1 + ":1-3:7-10," + U2 + ":1-5", a.subtract(b).toString());
        assertEquals(U1 + ":4-6", a.intersect(b).toString());
        assertFalse(a.contains(b));
        assertTrue(a.union(b).contains(b));
        assertTrue(a.contains(MysqlGtidSet.parse(U1 + ":2-3:5")));
        assertTrue(a.contains(MysqlGtidSet.empty()));
        assertTrue(b.subtract(a.union(b)).isEmpty());
    }

    @Test
    void equalityIsByContent() {
        MysqlGtidSet a = MysqlGtidSet.parse(U1 + ":1-5:6-9");
        MysqlGtidSet b = MysqlGtidSet.parse(U1.toUpperCase() + ":1-9");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, MysqlGtidSet.parse(U1 + ":1-8"));
        assertNotEquals(a, MariadbGtidList.parse("0-1-9"));
    }

    @Test
    void mixingFlavorsIsRejected() {
        MysqlGtidSet a = MysqlGtidSet.parse(U1 + ":1");
        MariadbGtidList m = MariadbGtidList.parse("0-1-1");
        assertThrows(IllegalArgumentException.class, () -> a.union(m));
        assertThrows(IllegalArgumentException.class, () -> a.contains(m));
        assertThrows(IllegalArgumentException.class, () -> a.subtract(m));
        assertThrows(IllegalArgumentException.class, () -> a.intersect(m));
    }

    @Test
    void largestTransactionNumbers() {
        long max = GnoIntervals.MAX_GNO;
        MysqlGtidSet s = MysqlGtidSet.parse(U1 + ":1-" + (max - 1)).add(U1, max);
        assertEquals(U1 + ":1-" + max, s.toString());
        assertThrows(IllegalArgumentException.class, () -> MysqlGtidSet.parse(U1 + ":" + Long.MAX_VALUE));
    }

    @org.junit.jupiter.api.Test
    void withNextTransactionsExtendsEachServerUuidPastItsHighestNumber() {
        String a = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
        String b = "4e11fa47-71ca-11e1-9e33-c80aa9429562";
        MysqlGtidSet s = MysqlGtidSet.parse(a + ":1-5:8-10," + b + ":1-3");
        GtidSet bound = s.withNextTransactions(5);
        assertEquals(a + ":1-5:8-15," + b + ":1-8", bound.toString());
        assertTrue(bound.contains(MysqlGtidSet.parse(a + ":1-5:8-12," + b + ":1-4")));
        assertFalse(bound.contains(MysqlGtidSet.parse(a + ":16")), "beyond the bound");
        assertFalse(bound.contains(MysqlGtidSet.parse("5e11fa47-71ca-11e1-9e33-c80aa9429562:1")),
                "a server uuid the set did not have is not covered");
    }
}
