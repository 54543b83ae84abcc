package io.dm4j.common.position;

/**
 * A set of executed transactions: MySQL's {@code uuid:1-5:7-9,uuid2:1-3} ({@link MysqlGtidSet}) or
 * MariaDB's {@code domain-server-seq} list ({@link MariadbGtidList}). Immutable; operations return new sets.
 * Combining sets of different flavors is an {@link IllegalArgumentException}.
 */
public sealed interface GtidSet permits MysqlGtidSet, MariadbGtidList {

    Flavor flavor();

    /** Whether every transaction in {@code other} is in this set. */
    boolean contains(GtidSet other);

    GtidSet union(GtidSet other);

    /** The transactions in this set that are not in {@code other}. */
    GtidSet subtract(GtidSet other);

    /** The transactions in both sets. */
    GtidSet intersect(GtidSet other);

    boolean isEmpty();

    /**
     * This set plus the next {@code transactions} transactions of each of its sources (MySQL: the numbers after each
     * server uuid's highest; MariaDB: each domain's sequence moved on by that much). In a linear history it bounds
     * what follows from above whatever server the history is read from, unlike a binlog position.
     */
    GtidSet withNextTransactions(long transactions);

    /** Canonical text: sorted, merged intervals; what SHOW MASTER STATUS / gtid_binlog_pos would print. */
    @Override
    String toString();

    /** Parses a set of the given flavor; an empty or blank text gives the empty set. */
    static GtidSet parse(Flavor flavor, String text) {
        return flavor == Flavor.MYSQL ? MysqlGtidSet.parse(text) : MariadbGtidList.parse(text);
    }

    /** The empty set of the given flavor. */
    static GtidSet empty(Flavor flavor) {
        return flavor == Flavor.MYSQL ? MysqlGtidSet.empty() : MariadbGtidList.empty();
    }
}
