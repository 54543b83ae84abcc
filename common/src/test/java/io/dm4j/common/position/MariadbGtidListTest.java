package io.dm4j.common.position;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MariadbGtidListTest {

    @Test
    void parsesAndPrintsSortedByDomain() {
        MariadbGtidList l = MariadbGtidList.parse(" 2-3-7,\n0-1-100 , 1-2-5");
        assertEquals("0-1-100,1-2-5,2-3-7", l.toString());
        assertEquals(new MariadbGtidList.Gtid(1, 2, 5), l.get(1));
        assertNull(l.get(9));
        assertTrue(MariadbGtidList.parse("").isEmpty());
        assertTrue(MariadbGtidList.parse(null).isEmpty());
        assertSame(MariadbGtidList.empty(), GtidSet.parse(Flavor.MARIADB, " "));
    }

    @Test
    void unsignedRanges() {
        MariadbGtidList l = MariadbGtidList.parse("4294967295-4294967295-18446744073709551615");
        assertEquals("4294967295-4294967295-18446744073709551615", l.toString());
        assertTrue(l.contains(MariadbGtidList.parse("4294967295-1-9223372036854775808")));
        assertFalse(MariadbGtidList.parse("4294967295-1-9223372036854775807").contains(l));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "0-1               | '0-1'",
        "0-1-2-3           | '0-1-2-3'",
        "x-1-2             | domain id 'x'",
        "0--2              | server id ''",
        "0-1-2a            | sequence number '2a'",
        "4294967296-1-1    | domain id '4294967296'",
        "0-4294967296-1    | server id '4294967296'",
        "0-1-18446744073709551616 | sequence number '18446744073709551616'",
    })
    void rejectsMalformedTextNamingTheBadPart(String text, String expectedPart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MariadbGtidList.parse(text));
        assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
        assertTrue(e.getMessage().startsWith("malformed MariaDB GTID list"), e.getMessage());
    }

    @Test
    void duplicateDomainKeepsTheLaterPosition() {
        assertEquals("0-2-50", MariadbGtidList.parse("0-1-40,0-2-50,0-3-45").toString());
    }

    @Test
    void containsComparesSequencePerDomain() {
        MariadbGtidList a = MariadbGtidList.parse("0-1-100,1-2-5");
        assertTrue(a.contains(MariadbGtidList.parse("0-9-100")));
        assertTrue(a.contains(MariadbGtidList.parse("0-1-99,1-2-5")));
        assertFalse(a.contains(MariadbGtidList.parse("0-1-101")));
        assertFalse(a.contains(MariadbGtidList.parse("2-1-1")));
        assertTrue(a.contains(MariadbGtidList.empty()));
    }

    @Test
    void unionSubtractIntersect() {
        MariadbGtidList a = MariadbGtidList.parse("0-1-100,1-2-5,3-1-1");
        MariadbGtidList b = MariadbGtidList.parse("0-7-120,1-2-3,2-4-9");
        assertEquals("0-7-120,1-2-5,2-4-9,3-1-1", a.union(b).toString());
        assertEquals("1-2-5,3-1-1", a.subtract(b).toString());
        assertEquals("0-7-120,2-4-9", b.subtract(a).toString());
        assertEquals("0-1-100,1-2-3", a.intersect(b).toString());
        assertEquals(a.union(b), b.union(a));
    }

    @Test
    void advanceSetsTheDomainPosition() {
        MariadbGtidList l = MariadbGtidList.empty().advance(0, 1, 1).advance(0, 1, 2).advance(1, 5, 7);
        assertEquals("0-1-2,1-5-7", l.toString());
        assertEquals("0-2-3,1-5-7", l.advance(0, 2, 3).toString());
        assertSame(l, l.advance(1, 5, 7));
        assertThrows(IllegalArgumentException.class, () -> l.advance(-1, 1, 1));
    }

    @Test
    void mixingFlavorsIsRejected() {
        MariadbGtidList l = MariadbGtidList.parse("0-1-1");
        MysqlGtidSet m = MysqlGtidSet.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.union(m));
        assertTrue(e.getMessage().contains("mysql"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> l.contains(m));
        assertThrows(IllegalArgumentException.class, () -> l.subtract(m));
        assertThrows(IllegalArgumentException.class, () -> l.intersect(m));
    }

    @Test
    void withNextTransactionsMovesEveryDomainOnAndBoundsWhatFollowsFromAnyServer() {
        MariadbGtidList l = MariadbGtidList.parse("0-1-100,1-2-5");
        GtidSet bound = l.withNextTransactions(10);
        assertEquals("0-1-110,1-2-15", bound.toString());
        assertTrue(bound.contains(MariadbGtidList.parse("0-3-110,1-2-15")), "the same history re-logged by a replica");
        assertFalse(bound.contains(MariadbGtidList.parse("0-1-111")));
        assertSame(l, l.withNextTransactions(0));
        assertEquals("18446744073709551615", Long.toUnsignedString(
                MariadbGtidList.parse("0-1-18446744073709551610").withNextTransactions(10).get(0).sequence()));
        assertThrows(IllegalArgumentException.class, () -> l.withNextTransactions(-1));
    }
}
