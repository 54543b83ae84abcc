package io.dm4j.common.position;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A MariaDB GTID position list such as {@code 0-1-100,1-2-5}: for each replication domain the last transaction
 * ({@code domain-server-sequence}), like {@code gtid_binlog_pos} / {@code gtid_slave_pos}. Immutable value.
 *
 * <p>Set semantics per domain: a position stands for every transaction of its domain up to its sequence number,
 * whatever server wrote it. So {@code contains} compares sequence numbers per domain, {@code union} keeps the
 * higher position per domain (with its server id), {@code subtract} keeps the domains where this list is ahead
 * of (or absent from) the other, and {@code intersect} keeps the lower position of domains present in both.
 * Equal sequence numbers from different servers: {@code union} keeps the higher server id (so it does not depend
 * on operand order), {@code intersect} keeps this list's entry. Domain and server ids are unsigned 32-bit,
 * sequence numbers unsigned 64-bit. A text that names a domain twice (a {@code gtid_binlog_state}) keeps the
 * higher position, as {@code union} does.
 */
public final class MariadbGtidList implements GtidSet {

    private static final MariadbGtidList EMPTY = new MariadbGtidList(new TreeMap<>());
    private static final long MAX_UINT32 = 0xFFFF_FFFFL;

    /** One MariaDB GTID: domain, server id, sequence number (unsigned). */
    public record Gtid(long domain, long serverId, long sequence) {
        public Gtid {
            checkUint32(domain, "domain id");
            checkUint32(serverId, "server id");
        }

        /** The later of two positions of one domain: higher sequence number, on a tie the higher server id. */
        static Gtid later(Gtid a, Gtid b) {
            int c = Long.compareUnsigned(a.sequence, b.sequence);
            if (c == 0) {
                c = Long.compare(a.serverId, b.serverId);
            }
            return c >= 0 ? a : b;
        }

        /** Whether this GTID is at a higher sequence number than {@code o} (unsigned comparison). */
        public boolean isAfter(Gtid o) {
            return Long.compareUnsigned(sequence, o.sequence) > 0;
        }

        @Override
        public String toString() {
            return domain + "-" + serverId + "-" + Long.toUnsignedString(sequence);
        }
    }

    private final SortedMap<Long, Gtid> byDomain;
    private String text;

    private MariadbGtidList(SortedMap<Long, Gtid> byDomain) {
        this.byDomain = Collections.unmodifiableSortedMap(byDomain);
    }

    public static MariadbGtidList empty() {
        return EMPTY;
    }

    /**
     * Parses {@code domain-server-seq[,domain-server-seq...]}; whitespace around elements is allowed; null, empty
     * or blank text gives the empty list.
     *
     * @throws IllegalArgumentException naming the malformed element
     */
    public static MariadbGtidList parse(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        TreeMap<Long, Gtid> out = new TreeMap<>();
        for (String raw : text.split(",", -1)) {
            String element = raw.strip();
            if (element.isEmpty()) {
                continue;
            }
            Gtid gtid = parseGtid(text, element);
            out.merge(gtid.domain(), gtid, Gtid::later);
        }
        return out.isEmpty() ? EMPTY : new MariadbGtidList(out);
    }

    private static Gtid parseGtid(String text, String element) {
        String[] parts = element.split("-", -1);
        if (parts.length != 3) {
            throw malformed(text, "'" + element + "' is not domain-server-sequence");
        }
        long domain = parseUnsigned(text, element, parts[0].strip(), "domain id", true);
        long server = parseUnsigned(text, element, parts[1].strip(), "server id", true);
        long seq = parseUnsigned(text, element, parts[2].strip(), "sequence number", false);
        return new Gtid(domain, server, seq);
    }

    private static long parseUnsigned(String text, String element, String number, String what, boolean uint32) {
        if (number.isEmpty() || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformed(text, what + " '" + number + "' in '" + element + "' is not a number");
        }
        try {
            long v = Long.parseUnsignedLong(number);
            if (uint32 && Long.compareUnsigned(v, MAX_UINT32) > 0) {
                throw malformed(text, what + " '" + number + "' in '" + element + "' exceeds " + MAX_UINT32);
            }
            return v;
        } catch (NumberFormatException e) {
            throw malformed(text, what + " '" + number + "' in '" + element + "' exceeds 18446744073709551615");
        }
    }

    private static IllegalArgumentException malformed(String text, String what) {
        return new IllegalArgumentException("malformed MariaDB GTID list '" + text + "': " + what);
    }

    private static void checkUint32(long v, String what) {
        if (v < 0 || v > MAX_UINT32) {
            throw new IllegalArgumentException(what + " " + v + " is outside 0.." + MAX_UINT32);
        }
    }

    /**
     * The list after the stream passed GTID {@code domain-server-seq}: the domain's position becomes that GTID
     * (the last one seen, as gtid_slave_pos records it, even if its sequence number is lower).
     */
    public MariadbGtidList advance(long domain, long serverId, long sequence) {
        Gtid gtid = new Gtid(domain, serverId, sequence);
        if (gtid.equals(byDomain.get(domain))) {
            return this;
        }
        TreeMap<Long, Gtid> copy = new TreeMap<>(byDomain);
        copy.put(domain, gtid);
        return new MariadbGtidList(copy);
    }

    @Override
    public MariadbGtidList withNextTransactions(long transactions) {
        if (transactions < 0) {
            throw new IllegalArgumentException("transactions must not be negative: " + transactions);
        }
        if (transactions == 0 || byDomain.isEmpty()) {
            return this;
        }
        TreeMap<Long, Gtid> copy = new TreeMap<>();
        byDomain.forEach((domain, g) -> {
            long seq = Long.compareUnsigned(g.sequence(), -1L - transactions) >= 0 ? -1L : g.sequence() + transactions;
            copy.put(domain, new Gtid(domain, g.serverId(), seq));
        });
        return new MariadbGtidList(copy);
    }

    /** The position of one domain, or null when the list has none. */
    public Gtid get(long domain) {
        return byDomain.get(domain);
    }

    /** All positions, ordered by domain. */
    public SortedMap<Long, Gtid> positions() {
        return byDomain;
    }

    @Override
    public Flavor flavor() {
        return Flavor.MARIADB;
    }

    @Override
    public boolean contains(GtidSet other) {
        MariadbGtidList o = sameFlavor(other);
        for (Gtid theirs : o.byDomain.values()) {
            Gtid mine = byDomain.get(theirs.domain());
            if (mine == null || theirs.isAfter(mine)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public MariadbGtidList union(GtidSet other) {
        MariadbGtidList o = sameFlavor(other);
        TreeMap<Long, Gtid> out = new TreeMap<>(byDomain);
        o.byDomain.forEach((domain, theirs) -> out.merge(domain, theirs, Gtid::later));
        return of(out);
    }

    @Override
    public MariadbGtidList subtract(GtidSet other) {
        MariadbGtidList o = sameFlavor(other);
        TreeMap<Long, Gtid> out = new TreeMap<>();
        byDomain.forEach((domain, mine) -> {
            Gtid theirs = o.byDomain.get(domain);
            if (theirs == null || mine.isAfter(theirs)) {
                out.put(domain, mine);
            }
        });
        return of(out);
    }

    @Override
    public MariadbGtidList intersect(GtidSet other) {
        MariadbGtidList o = sameFlavor(other);
        TreeMap<Long, Gtid> out = new TreeMap<>();
        byDomain.forEach((domain, mine) -> {
            Gtid theirs = o.byDomain.get(domain);
            if (theirs != null) {
                out.put(domain, mine.isAfter(theirs) ? theirs : mine);
            }
        });
        return of(out);
    }

    private MariadbGtidList of(TreeMap<Long, Gtid> map) {
        if (map.isEmpty()) {
            return EMPTY;
        }
        return map.equals(byDomain) ? this : new MariadbGtidList(map);
    }

    private static MariadbGtidList sameFlavor(GtidSet other) {
        Objects.requireNonNull(other, "other");
        if (other instanceof MariadbGtidList m) {
            return m;
        }
        throw new IllegalArgumentException("cannot combine a MariaDB GTID list with a " + other.flavor().label()
                + " GTID set '" + other + "'");
    }

    @Override
    public boolean isEmpty() {
        return byDomain.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MariadbGtidList other && byDomain.equals(other.byDomain);
    }

    @Override
    public int hashCode() {
        return byDomain.hashCode();
    }

    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<Long, Gtid> e : byDomain.entrySet()) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(e.getValue());
            }
            t = sb.toString();
            text = t;
        }
        return t;
    }
}
