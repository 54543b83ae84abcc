package io.dm4j.common.position;

import java.util.Objects;

/**
 * Where a stream stands: the binlog position and, when GTIDs are on, the GTID set executed up to it
 * ({@code null} in file/position mode).
 */
public record Location(BinlogPosition position, GtidSet gtidSet) implements Comparable<Location> {

    public Location {
        Objects.requireNonNull(position, "position");
    }

    public static Location of(String file, long pos) {
        return new Location(new BinlogPosition(file, pos), null);
    }

    public Location withGtid(GtidSet gtid) {
        return new Location(position, gtid);
    }

    /** The GTID text, or "" when there is none (the way dm_meta stores it). */
    public String gtidText() {
        return gtidSet == null ? "" : gtidSet.toString();
    }

    /** Orders by GTID set containment when both sides carry sets, else by file and offset. */
    @Override
    public int compareTo(Location o) {
        if (gtidSet != null && o.gtidSet != null && gtidSet.flavor() == o.gtidSet.flavor()) {
            boolean a = gtidSet.contains(o.gtidSet);
            boolean b = o.gtidSet.contains(gtidSet);
            if (a && !b) {
                return 1;
            }
            if (b && !a) {
                return -1;
            }
        }
        return position.compareTo(o.position);
    }

    @Override
    public String toString() {
        return gtidSet == null || gtidSet.isEmpty() ? position.toString() : position + " " + gtidSet;
    }
}
