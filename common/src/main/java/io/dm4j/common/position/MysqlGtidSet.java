package io.dm4j.common.position;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.regex.Pattern;

/**
 * A MySQL GTID set such as {@code 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7-9,uuid2:1-3}. Immutable value:
 * equal when the same transactions are in it, whatever the original spelling.
 *
 * <p>Text form: comma-separated elements, whitespace (also newlines) allowed around elements and separators;
 * each element is a server uuid (any case, printed lower-case) followed by {@code :}-separated single numbers
 * ({@code 23}) or inclusive intervals ({@code 1-5}). MySQL 8.4 tagged GTIDs are accepted too: a tag
 * ({@code [a-z_][a-z0-9_]{0,31}}, any case, printed lower-case) inside the list applies to the intervals
 * after it, as in {@code uuid:1-5:tag1:1-3:tag2:7}. The canonical print sorts uuids, puts untagged intervals
 * first and tags in alphabetical order, and merges overlapping and adjacent intervals ({@code 1-5:6-9} prints
 * {@code 1-9}).
 */
public final class MysqlGtidSet implements GtidSet {

    private static final MysqlGtidSet EMPTY = new MysqlGtidSet(new TreeMap<>());
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,31}");

    /** Never holds an empty interval list. */
    private final SortedMap<Sid, GnoIntervals> sets;
    private String text;

    private MysqlGtidSet(SortedMap<Sid, GnoIntervals> sets) {
        this.sets = Collections.unmodifiableSortedMap(sets);
    }

    public static MysqlGtidSet empty() {
        return EMPTY;
    }

    /**
     * Parses the text form; null, empty or blank text gives the empty set.
     *
     * @throws IllegalArgumentException naming the malformed part
     */
    public static MysqlGtidSet parse(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        Map<Sid, List<long[]>> pairs = new TreeMap<>();
        for (String rawElement : text.split(",", -1)) {
            String element = rawElement.strip();
            if (element.isEmpty()) {
                continue; // tolerate "a,\n" and trailing commas as MySQL output may carry them
            }
            parseElement(text, element, pairs);
        }
        TreeMap<Sid, GnoIntervals> sets = new TreeMap<>();
        pairs.forEach((sid, list) -> {
            long[] flat = new long[list.size() * 2];
            for (int i = 0; i < list.size(); i++) {
                flat[2 * i] = list.get(i)[0];
                flat[2 * i + 1] = list.get(i)[1];
            }
            sets.put(sid, GnoIntervals.normalize(flat, list.size()));
        });
        return sets.isEmpty() ? EMPTY : new MysqlGtidSet(sets);
    }

    private static void parseElement(String text, String element, Map<Sid, List<long[]>> pairs) {
        String[] parts = element.split(":", -1);
        String uuid = parts[0].strip();
        if (!UUID.matcher(uuid).matches()) {
            throw malformed(text, "'" + uuid + "' in '" + element + "' is not a server uuid (8-4-4-4-12 hex digits)");
        }
        uuid = uuid.toLowerCase(Locale.ROOT);
        if (parts.length == 1) {
            throw malformed(text, "'" + element + "' has no transaction interval after the uuid");
        }
        String tag = "";
        boolean tagHasInterval = true;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].strip();
            if (!part.isEmpty() && !Character.isDigit(part.charAt(0)) && part.charAt(0) != '-') {
                if (!tagHasInterval) {
                    throw malformed(text, "tag '" + tag + "' in '" + element + "' has no transaction interval");
                }
                if (!TAG.matcher(part).matches()) {
                    throw malformed(text, "'" + part + "' in '" + element
                            + "' is neither an interval (N or N-M) nor a tag ([a-z_][a-z0-9_]{0,31})");
                }
                tag = part.toLowerCase(Locale.ROOT);
                tagHasInterval = false;
                continue;
            }
            pairs.computeIfAbsent(new Sid(uuid, tag), k -> new ArrayList<>()).add(parseInterval(text, element, part));
            tagHasInterval = true;
        }
        if (!tagHasInterval) {
            throw malformed(text, "tag '" + tag + "' in '" + element + "' has no transaction interval");
        }
    }

    private static long[] parseInterval(String text, String element, String part) {
        int dash = part.indexOf('-');
        String startText = dash < 0 ? part : part.substring(0, dash).strip();
        String endText = dash < 0 ? part : part.substring(dash + 1).strip();
        long start = parseGno(text, element, part, startText);
        long end = parseGno(text, element, part, endText);
        if (end < start) {
            throw malformed(text, "interval '" + part + "' in '" + element + "' ends before it starts");
        }
        return new long[] {start, end};
    }

    private static long parseGno(String text, String element, String part, String number) {
        if (number.isEmpty() || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformed(text, "bad interval '" + part + "' in '" + element + "' (expected N or N-M)");
        }
        long value;
        try {
            value = Long.parseLong(number);
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 1 || value > GnoIntervals.MAX_GNO) {
            throw malformed(text, "transaction number '" + number + "' in '" + element + "' is outside 1.."
                    + GnoIntervals.MAX_GNO);
        }
        return value;
    }

    private static IllegalArgumentException malformed(String text, String what) {
        return new IllegalArgumentException("malformed MySQL GTID set '" + text + "': " + what);
    }

    /**
     * This set plus one transaction, as the binlog stream advances by a GTID event.
     *
     * @param uuid server uuid, any case
     * @param gno transaction number, 1 or more
     */
    public MysqlGtidSet add(String uuid, long gno) {
        return add(uuid, "", gno);
    }

    /** Like {@link #add(String, long)} for a MySQL 8.4 tagged GTID; an empty tag means untagged. */
    public MysqlGtidSet add(String uuid, String tag, long gno) {
        Sid sid = Sid.of(uuid, tag);
        if (gno < 1 || gno > GnoIntervals.MAX_GNO) {
            throw new IllegalArgumentException("transaction number " + gno + " is outside 1.." + GnoIntervals.MAX_GNO);
        }
        GnoIntervals current = sets.getOrDefault(sid, GnoIntervals.EMPTY);
        GnoIntervals next = current.add(gno);
        if (next == current) {
            return this;
        }
        TreeMap<Sid, GnoIntervals> copy = new TreeMap<>(sets);
        copy.put(sid, next);
        return new MysqlGtidSet(copy);
    }

    /**
     * This set plus one transaction given as text: {@code uuid:gno} or {@code uuid:tag:gno} (the form a GTID
     * event carries).
     */
    public MysqlGtidSet add(String gtid) {
        MysqlGtidSet single = parse(gtid);
        if (single.sets.size() != 1) {
            throw new IllegalArgumentException("'" + gtid + "' is not a single GTID (uuid:gno or uuid:tag:gno)");
        }
        Map.Entry<Sid, GnoIntervals> e = single.sets.entrySet().iterator().next();
        GnoIntervals iv = e.getValue();
        if (iv.size() != 1 || iv.start(0) != iv.end(0)) {
            throw new IllegalArgumentException("'" + gtid + "' is not a single GTID (uuid:gno or uuid:tag:gno)");
        }
        return add(e.getKey().uuid(), e.getKey().tag(), iv.start(0));
    }

    /** Whether the single transaction {@code uuid:gno} is in this set. */
    public boolean contains(String uuid, long gno) {
        GnoIntervals iv = sets.get(Sid.of(uuid, ""));
        return iv != null && iv.contains(gno);
    }

    /** The server uuids present (lower-case, sorted), tagged or not. */
    public List<String> uuids() {
        List<String> out = new ArrayList<>();
        for (Sid sid : sets.keySet()) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(sid.uuid())) {
                out.add(sid.uuid());
            }
        }
        return out;
    }

    /** The highest untagged transaction number of {@code uuid}, or 0 when it has none. */
    public long lastGno(String uuid) {
        GnoIntervals iv = sets.get(Sid.of(uuid, ""));
        return iv == null ? 0 : iv.end(iv.size() - 1);
    }

    @Override
    public Flavor flavor() {
        return Flavor.MYSQL;
    }

    @Override
    public boolean contains(GtidSet other) {
        MysqlGtidSet o = sameFlavor(other);
        for (Map.Entry<Sid, GnoIntervals> e : o.sets.entrySet()) {
            GnoIntervals mine = sets.get(e.getKey());
            if (mine == null || !mine.containsAll(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public MysqlGtidSet withNextTransactions(long transactions) {
        if (transactions < 0) {
            throw new IllegalArgumentException("transactions must not be negative: " + transactions);
        }
        if (transactions == 0 || sets.isEmpty()) {
            return this;
        }
        TreeMap<Sid, GnoIntervals> out = new TreeMap<>();
        sets.forEach((sid, iv) -> {
            long last = iv.end(iv.size() - 1);
            long end = last >= GnoIntervals.MAX_GNO - transactions ? GnoIntervals.MAX_GNO : last + transactions;
            out.put(sid, last >= GnoIntervals.MAX_GNO ? iv : iv.union(GnoIntervals.of(last + 1, end)));
        });
        return new MysqlGtidSet(out);
    }

    @Override
    public MysqlGtidSet union(GtidSet other) {
        MysqlGtidSet o = sameFlavor(other);
        if (o.sets.isEmpty()) {
            return this;
        }
        if (sets.isEmpty()) {
            return o;
        }
        TreeMap<Sid, GnoIntervals> out = new TreeMap<>(sets);
        o.sets.forEach((sid, iv) -> out.merge(sid, iv, GnoIntervals::union));
        return new MysqlGtidSet(out);
    }

    @Override
    public MysqlGtidSet subtract(GtidSet other) {
        MysqlGtidSet o = sameFlavor(other);
        return combine(o, true, GnoIntervals::subtract);
    }

    @Override
    public MysqlGtidSet intersect(GtidSet other) {
        MysqlGtidSet o = sameFlavor(other);
        return combine(o, false, GnoIntervals::intersect);
    }

    /** Applies {@code op} per sid of this set; sids missing in {@code o} are kept or dropped. */
    private MysqlGtidSet combine(MysqlGtidSet o, boolean keepMissing, BinaryOperator<GnoIntervals> op) {
        TreeMap<Sid, GnoIntervals> out = new TreeMap<>();
        sets.forEach((sid, iv) -> {
            GnoIntervals theirs = o.sets.get(sid);
            GnoIntervals result = theirs == null ? (keepMissing ? iv : GnoIntervals.EMPTY) : op.apply(iv, theirs);
            if (!result.isEmpty()) {
                out.put(sid, result);
            }
        });
        return out.isEmpty() ? EMPTY : new MysqlGtidSet(out);
    }

    private static MysqlGtidSet sameFlavor(GtidSet other) {
        Objects.requireNonNull(other, "other");
        if (other instanceof MysqlGtidSet m) {
            return m;
        }
        throw new IllegalArgumentException("cannot combine a MySQL GTID set with a " + other.flavor().label()
                + " GTID set '" + other + "'");
    }

    @Override
    public boolean isEmpty() {
        return sets.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MysqlGtidSet other && sets.equals(other.sets);
    }

    @Override
    public int hashCode() {
        return sets.hashCode();
    }

    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = render();
            text = t;
        }
        return t;
    }

    private String render() {
        StringBuilder sb = new StringBuilder();
        String lastUuid = null;
        for (Map.Entry<Sid, GnoIntervals> e : sets.entrySet()) {
            Sid sid = e.getKey();
            if (!sid.uuid().equals(lastUuid)) {
                if (lastUuid != null) {
                    sb.append(',');
                }
                sb.append(sid.uuid());
                lastUuid = sid.uuid();
            }
            sb.append(':');
            if (!sid.tag().isEmpty()) {
                sb.append(sid.tag()).append(':');
            }
            e.getValue().appendTo(sb);
        }
        return sb.toString();
    }

    /** A source id: server uuid plus MySQL 8.4 tag ("" when untagged, which sorts first). */
    private record Sid(String uuid, String tag) implements Comparable<Sid> {
        static Sid of(String uuid, String tag) {
            Objects.requireNonNull(uuid, "uuid");
            String u = uuid.strip();
            if (!UUID.matcher(u).matches()) {
                throw new IllegalArgumentException("'" + uuid + "' is not a server uuid (8-4-4-4-12 hex digits)");
            }
            String t = tag == null ? "" : tag.strip();
            if (!t.isEmpty() && !TAG.matcher(t).matches()) {
                throw new IllegalArgumentException("'" + tag + "' is not a GTID tag ([a-z_][a-z0-9_]{0,31})");
            }
            return new Sid(u.toLowerCase(Locale.ROOT), t.toLowerCase(Locale.ROOT));
        }

        @Override
        public int compareTo(Sid o) {
            int c = uuid.compareTo(o.uuid);
            return c != 0 ? c : tag.compareTo(o.tag);
        }
    }
}
