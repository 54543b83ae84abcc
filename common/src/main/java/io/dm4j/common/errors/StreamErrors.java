package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.SYNC_UNIT;
import static io.dm4j.common.errors.ErrorLevel.HIGH;
import static io.dm4j.common.errors.ErrorLevel.MEDIUM;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;
import static io.dm4j.common.errors.ErrorScope.UPSTREAM;

/** Errors of reading the upstream binlog (36150-36199). */
public final class StreamErrors {
    private StreamErrors() {
    }

    public static final ErrorCode BINLOG_PURGED = new ErrorCode(36150, "ErrSyncerBinlogPurged", SYNC_UNIT, UPSTREAM, HIGH,
            "the upstream no longer has the binlog the task must continue from: %s (upstream error: %s); the oldest binlog it still has is %s",
            "Either start again with a fresh full copy (`start-task --remove-meta` with task-mode all), or give a new start"
                    + " position (mysql-instances[].meta binlog-name/binlog-pos or binlog-gtid, or `start-task --start-time`)"
                    + " and accept that the changes in between are not replicated.", false);
    public static final ErrorCode SERVER_ID_CONFLICT = new ErrorCode(36151, "ErrSyncerServerIDConflict", SYNC_UNIT, UPSTREAM, HIGH,
            "another replica connected to the upstream with the same server-id %d: %s",
            "Give this source a server-id that no other replica of the upstream uses (`server-id` in source.yaml), or"
                    + " stop the other replica; check with SHOW SLAVE HOSTS / SHOW PROCESSLIST on the upstream.", false);
    public static final ErrorCode PACKET_TOO_LARGE = new ErrorCode(36152, "ErrSyncerEventTooLarge", SYNC_UNIT, UPSTREAM, HIGH,
            "a binlog event is larger than the upstream's max_allowed_packet: %s",
            "Raise max_allowed_packet on the upstream (SET GLOBAL max_allowed_packet = 1073741824) and resume the task.", false);
    public static final ErrorCode BINLOG_FORMAT = new ErrorCode(36153, "ErrSyncerBinlogFormat", SYNC_UNIT, UPSTREAM, HIGH,
            "upstream %s is %s, but dm4j needs %s",
            "Set it on the upstream (SET GLOBAL %s; and in my.cnf so it survives a restart) and rotate the binlog with FLUSH"
                    + " BINARY LOGS; events written before the change cannot be replicated row by row.", false);
    public static final ErrorCode CONNECT = new ErrorCode(36154, "ErrSyncerGetEvent", SYNC_UNIT, UPSTREAM, MEDIUM,
            "reading the binlog from %s failed: %s",
            "Check that the upstream is reachable and the user has REPLICATION SLAVE and REPLICATION CLIENT; dm4j retries by itself.",
            true);
    public static final ErrorCode ACCESS_DENIED = new ErrorCode(36155, "ErrSyncerAccessDenied", SYNC_UNIT, UPSTREAM, HIGH,
            "the upstream refused the binlog connection of %s: %s",
            "Check from.user/from.password in source.yaml and grant REPLICATION SLAVE, REPLICATION CLIENT on *.* to that user.",
            false);
    public static final ErrorCode DECODE_EVENT = new ErrorCode(36156, "ErrSyncerDecodeEvent", SYNC_UNIT, INTERNAL, HIGH,
            "a binlog event at %s could not be decoded: %s",
            "Report this with the upstream version and the table definition; `binlog skip` cannot skip row events.", false);
    public static final ErrorCode READ_POSITION = new ErrorCode(36158, "ErrSyncerReadBinlog", SYNC_UNIT, UPSTREAM, HIGH,
            "the upstream cannot send the binlog from %s: %s",
            "Check the upstream's error log and the start position (mysql-instances[].meta or the checkpoint in dm_meta).", false);
    /** Handled by the sync unit itself: it restarts from its checkpoint by GTID (not a pause). */
    public static final ErrorCode UPSTREAM_SWITCHED = new ErrorCode(36800, "ErrSyncerUpstreamSwitched", SYNC_UNIT, UPSTREAM, MEDIUM,
            "the binlog connection to %s reached another server (server_id %d, before %d)",
            "Nothing to do with enable-gtid: true: the sync unit restarts from its checkpoint by GTID set on the new"
                    + " server; if it stays paused, check that the new server has the old one's GTID history"
                    + " (SELECT @@gtid_binlog_pos / @@gtid_executed) and run `resume-task`.", true);
    public static final ErrorCode UPSTREAM_SWITCHED_NO_GTID = new ErrorCode(36801, "ErrSyncerUpstreamSwitchedNoGtid", SYNC_UNIT, UPSTREAM, HIGH,
            "the binlog connection to %s reached another server (server_id %d, before %d) and the source has enable-gtid:"
                    + " false: the old server's binlog file and position mean nothing there",
            "Set enable-gtid: true in source.yaml (operate-source stop, then create with the new file) so the task can"
                    + " continue by GTID set, or start the task again from a position of the new server"
                    + " (`start-task --remove-meta` with mysql-instances[].meta).", false);
    public static final ErrorCode STREAM_CLOSED = new ErrorCode(36157, "ErrSyncerStreamClosed", SYNC_UNIT, INTERNAL, MEDIUM,
            "the binlog stream was closed", "Nothing to do: the unit was stopped; it reconnects when resumed.", true);
}
