package io.dm4j.worker.dump;

/** One way of opening the dump's snapshot connections (see {@link SnapshotOpener}). */
enum SnapshotMethod {
    /** MariaDB: all connections start together and agree on binlog_snapshot_position; no lock. */
    ALIGNED_SNAPSHOT(null),
    /** FLUSH TABLES WITH READ LOCK while the snapshots start. */
    FLUSH("RELOAD"),
    /** LOCK TABLES ... READ on the dumped tables while the snapshots start. */
    LOCK("LOCK TABLES"),
    /** One snapshot per connection, positions around them, the difference replayed in safe mode. */
    PER_CONNECTION(null);

    private final String privilege;

    SnapshotMethod(String privilege) {
        this.privilege = privilege;
    }

    /** The privilege the method needs beyond SELECT and REPLICATION CLIENT, or null. */
    String privilege() {
        return privilege;
    }
}
