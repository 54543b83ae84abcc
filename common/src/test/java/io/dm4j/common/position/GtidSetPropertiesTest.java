package io.dm4j.common.position;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Algebraic properties of both GTID flavors on thousands of random sets (fixed seeds, so failures repeat). */
class GtidSetPropertiesTest {
    private static final int CASES = 3000;
    private static final int MAX_GNO = 40;
    private static final String[] UUIDS = {
        "3e11fa47-71ca-11e1-9e33-c80aa9429562", "53ea0ed1-9bf8-11e6-8bea-64006a897c73",
        "00000000-0000-0000-0000-000000000001", "ffffffff-ffff-ffff-ffff-fffffffffffe"};
    private static final String[] TAGS = {"", "", "", "alpha", "b_2"};

    /** A random MySQL set as a model (set of "uuid:tag:gno") plus a messy but equivalent text. */
    private record Sample(Set<String> model, String text) {
    }

    private static Sample randomMysql(Random r) {
        Set<String> model = new HashSet<>();
        List<String> elements = new ArrayList<>();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            String uuid = UUIDS[r.nextInt(UUIDS.length)];
            StringBuilder el = new StringBuilder(r.nextBoolean() ? uuid : uuid.toUpperCase(Locale.ROOT));
            int groups = 1 + r.nextInt(2);
            String tag = "";
            for (int g = 0; g < groups; g++) {
                // a tag applies to all intervals after it, so untagged intervals can only come first
                String next = TAGS[r.nextInt(TAGS.length)];
                if (!next.isEmpty()) {
                    tag = next;
                    el.append(':').append(r.nextBoolean() ? tag : tag.toUpperCase(Locale.ROOT));
                }
                int intervals = 1 + r.nextInt(3);
                for (int k = 0; k < intervals; k++) {
                    int a = 1 + r.nextInt(MAX_GNO);
                    int b = Math.min(MAX_GNO, a + r.nextInt(8));
                    el.append(r.nextBoolean() ? " : " : ":").append(a == b && r.nextBoolean() ? "" + a : a + "-" + b);
                    for (int gno = a; gno <= b; gno++) {
                        model.add(uuid + ":" + tag + ":" + gno);
                    }
                }
            }
            elements.add(el.toString());
        }
        Collections.shuffle(elements, r);
        String sep = r.nextBoolean() ? "," : ",\n  ";
        return new Sample(model, String.join(sep, elements));
    }

    private static MysqlGtidSet fromModel(Set<String> model) {
        MysqlGtidSet s = MysqlGtidSet.empty();
        for (String gtid : model) {
            s = s.add(gtid.replace("::", ":")); // untagged entries are "uuid::gno"
        }
        return s;
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.retainAll(b);
        return out;
    }

    @Test
    void mysqlSetsBehaveLikeSetsOfTransactions() {
        Random r = new Random(20240601L);
        for (int i = 0; i < CASES; i++) {
            Sample sa = randomMysql(r);
            Sample sb = randomMysql(r);
            Sample sc = randomMysql(r);
            MysqlGtidSet a = MysqlGtidSet.parse(sa.text());
            MysqlGtidSet b = MysqlGtidSet.parse(sb.text());
            MysqlGtidSet c = MysqlGtidSet.parse(sc.text());
            String ctx = "case " + i + ": a=" + a + " b=" + b;

            // parsing the messy text agrees with the model, printing round-trips
            assertEquals(fromModel(sa.model()), a, ctx);
            assertEquals(a, MysqlGtidSet.parse(a.toString()), ctx);
            assertEquals(a.toString(), MysqlGtidSet.parse(a.toString()).toString(), ctx);
            assertEquals(a.isEmpty(), sa.model().isEmpty(), ctx);

            // operations agree with the model
            Set<String> union = new HashSet<>(sa.model());
            union.addAll(sb.model());
            Set<String> diff = new HashSet<>(sa.model());
            diff.removeAll(sb.model());
            assertEquals(fromModel(union), a.union(b), ctx);
            assertEquals(fromModel(diff), a.subtract(b), ctx);
            assertEquals(fromModel(intersection(sa.model(), sb.model())), a.intersect(b), ctx);
            assertEquals(sa.model().containsAll(sb.model()), a.contains(b), ctx);

            // algebra
            assertEquals(a.union(b), b.union(a), ctx);
            assertEquals(a.union(b).union(c), a.union(b.union(c)), ctx);
            assertEquals(a, a.union(a), ctx);
            assertTrue(a.contains(a), ctx);
            assertTrue(a.union(b).contains(a) && a.union(b).contains(b), ctx);
            assertTrue(a.subtract(b).intersect(b).isEmpty(), ctx);
            assertEquals(a, a.subtract(b).union(a.intersect(b)), ctx);
            assertEquals(a.union(b), a.subtract(b).union(b), ctx);
            assertEquals(a.contains(b), b.subtract(a).isEmpty(), ctx);
            assertEquals(a.union(b).hashCode(), b.union(a).hashCode(), ctx);
        }
    }

    @Test
    void mysqlAddEqualsUnionWithOneTransaction() {
        Random r = new Random(7L);
        for (int i = 0; i < CASES; i++) {
            MysqlGtidSet a = MysqlGtidSet.parse(randomMysql(r).text());
            String uuid = UUIDS[r.nextInt(UUIDS.length)];
            long gno = 1 + r.nextInt(MAX_GNO + 2);
            MysqlGtidSet added = a.add(uuid, gno);
            assertEquals(a.union(MysqlGtidSet.parse(uuid + ":" + gno)), added, "case " + i);
            assertTrue(added.contains(uuid, gno));
        }
    }

    private static MariadbGtidList randomMariadb(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(r.nextBoolean() ? "," : ", ");
            }
            sb.append(r.nextInt(4)).append('-').append(1 + r.nextInt(3)).append('-').append(1 + r.nextInt(12));
        }
        return MariadbGtidList.parse(sb.toString());
    }

    @Test
    void mariadbListsBehaveLikePerDomainPositions() {
        Random r = new Random(424242L);
        for (int i = 0; i < CASES; i++) {
            MariadbGtidList a = randomMariadb(r);
            MariadbGtidList b = randomMariadb(r);
            MariadbGtidList c = randomMariadb(r);
            String ctx = "case " + i + ": a=" + a + " b=" + b + " c=" + c;

            assertEquals(a, MariadbGtidList.parse(a.toString()), ctx);
            assertEquals(a.union(b), b.union(a), ctx);
            assertEquals(a.union(b).union(c), a.union(b.union(c)), ctx);
            assertEquals(a, a.union(a), ctx);
            assertTrue(a.contains(a), ctx);
            assertTrue(a.union(b).contains(a) && a.union(b).contains(b), ctx);
            assertEquals(a, a.subtract(b).union(a.intersect(b)), ctx);
            assertEquals(a.contains(b), b.subtract(a).isEmpty(), ctx);
            assertTrue(a.union(b).contains(a.intersect(b)), ctx);
            assertTrue(a.contains(a.intersect(b)) && b.contains(a.intersect(b)), ctx);
            // every domain left after subtracting is one where a is ahead of b or b lacks it
            for (MariadbGtidList.Gtid g : a.subtract(b).positions().values()) {
                MariadbGtidList.Gtid other = b.get(g.domain());
                assertTrue(other == null || g.isAfter(other), ctx);
            }
        }
    }

    @Test
    void mariadbAdvanceMovesOneDomain() {
        Random r = new Random(99L);
        for (int i = 0; i < CASES; i++) {
            MariadbGtidList a = randomMariadb(r);
            long domain = r.nextInt(4);
            long server = 1 + r.nextInt(3);
            long seq = 1 + r.nextInt(20);
            MariadbGtidList next = a.advance(domain, server, seq);
            assertEquals(new MariadbGtidList.Gtid(domain, server, seq), next.get(domain));
            assertEquals(a.subtract(MariadbGtidList.parse(domain + "-1-18446744073709551615")),
                    next.subtract(MariadbGtidList.parse(domain + "-1-18446744073709551615")), "other domains unchanged");
        }
    }
}
