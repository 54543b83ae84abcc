package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.RELAY_UNIT;
import static io.dm4j.common.errors.ErrorLevel.HIGH;
import static io.dm4j.common.errors.ErrorLevel.MEDIUM;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;
import static io.dm4j.common.errors.ErrorScope.UPSTREAM;

/** Errors of the relay unit: the worker's local copy of the upstream binlog (30700-30749). */
public final class RelayErrors {
    private RelayErrors() {
    }

    public static final ErrorCode DIR = new ErrorCode(30700, "ErrRelayDir", RELAY_UNIT, INTERNAL, HIGH,
            "relay directory %s cannot be used: %s",
            "Check that the worker may create and write `relay-dir` (dm-worker.toml, else source.yaml) and that the disk"
                    + " is not full; then `resume-relay -s <source>`.", true);
    public static final ErrorCode INDEX = new ErrorCode(30701, "ErrRelayParseUUIDIndex", RELAY_UNIT, INTERNAL, HIGH,
            "relay index %s is invalid: %s",
            "The relay directory was edited by hand or damaged: stop the relay (`stop-relay -s <source>`), move the"
                    + " relay directory away and start the relay again; it is rebuilt from the tasks' checkpoints.", false);
    public static final ErrorCode META = new ErrorCode(30702, "ErrRelayLoadMetaData", RELAY_UNIT, INTERNAL, HIGH,
            "relay meta %s is invalid: %s",
            "Fix or remove the relay.meta file named here (keys binlog-name, binlog-pos, binlog-gtid), then"
                    + " `resume-relay -s <source>`.", false);
    public static final ErrorCode GAP = new ErrorCode(30703, "ErrRelayFileGap", RELAY_UNIT, INTERNAL, HIGH,
            "relay files are not contiguous in %s: %s",
            "Events are missing between two relay files, so they cannot be read: the sync unit reads from the upstream"
                    + " instead while it still has that binlog; remove the relay files after the gap (`purge-relay`),"
                    + " or move the relay directory away and start the relay again.", false);
    public static final ErrorCode OVERLAP = new ErrorCode(30704, "ErrRelayFileOverlap", RELAY_UNIT, INTERNAL, HIGH,
            "relay files overlap in %s: %s",
            "The same upstream positions are in two places with different bytes: move the relay directory away and start"
                    + " the relay again (`stop-relay`, then `start-relay -s <source>`).", false);
    public static final ErrorCode CORRUPT = new ErrorCode(30705, "ErrRelayCorruptEvent", RELAY_UNIT, INTERNAL, HIGH,
            "relay file %s is damaged at offset %d: %s",
            "A complete event in the middle of a relay file fails its length or checksum check: move the relay directory"
                    + " away and start the relay again (`stop-relay`, then `start-relay -s <source>`).", false);
    public static final ErrorCode WRITE = new ErrorCode(30706, "ErrRelayWriteFile", RELAY_UNIT, INTERNAL, HIGH,
            "writing relay file %s failed: %s",
            "Check free space and permissions of `relay-dir`; the relay resumes from its last complete event after"
                    + " `resume-relay -s <source>`.", true);
    public static final ErrorCode UPSTREAM_READ = new ErrorCode(30707, "ErrRelayReadUpstream", RELAY_UNIT, UPSTREAM, MEDIUM,
            "the relay cannot read the binlog of %s: %s",
            "Check that the upstream is reachable and still has the binlog the relay continues from (SHOW BINARY LOGS);"
                    + " the relay retries by itself.", true);
    public static final ErrorCode NO_START = new ErrorCode(30708, "ErrRelayNoStartPosition", RELAY_UNIT, UPSTREAM, HIGH,
            "the relay of source %s has no position to start from: %s",
            "Set `relay-binlog-name` (and for GTID sources `relay-binlog-gtid`) in source.yaml, or start a task on the"
                    + " source first so that its checkpoint tells where to start.", false);
    public static final ErrorCode NOT_IN_RELAY = new ErrorCode(30709, "ErrRelayPositionNotInRelay", RELAY_UNIT, INTERNAL, MEDIUM,
            "position %s is not in the relay log of %s: %s",
            "Nothing to do: the sync unit reads this part from the upstream; the relay holds only what it pulled since"
                    + " it started.", true);
    public static final ErrorCode STOPPED = new ErrorCode(30710, "ErrRelayStopped", RELAY_UNIT, INTERNAL, MEDIUM,
            "the relay of source %s is not running (%s)",
            "Start it with `start-relay -s <source>` or `resume-relay -s <source>`.", true);
    // upstream switch (30820-30839)
    public static final ErrorCode SWITCH_NEEDS_GTID = new ErrorCode(30820, "ErrRelaySwitchNeedsGtid", RELAY_UNIT, UPSTREAM, HIGH,
            "the relay of source %s now reads server %s, but its last sub-directory %s holds the binlog of server %s: %s",
            "A relay follows another upstream server only by GTID set: set `enable-gtid: true` in source.yaml"
                    + " (`operate-source stop`, then `operate-source create`), or point `from` back at the old server;"
                    + " to start over, `stop-relay -s <source>`, move the relay directory away and `start-relay`.", false);
    public static final ErrorCode SWITCH_BEHIND = new ErrorCode(30821, "ErrRelaySwitchServerBehind", RELAY_UNIT, UPSTREAM, HIGH,
            "the relay of source %s cannot continue on server %s after sub-directory %s (server %s): %s",
            "The new server has not (yet) got every transaction the relay already holds: let it replicate up to the"
                    + " GTID set named here (SELECT @@gtid_binlog_pos / @@gtid_executed); the relay retries by itself."
                    + " A server that never had them cannot replace the old one: point `from` back at a server that has"
                    + " them (`operate-source stop`, `operate-source create`).", true);
    public static final ErrorCode SWITCH_PURGED = new ErrorCode(30822, "ErrRelaySwitchHistoryPurged", RELAY_UNIT, UPSTREAM, HIGH,
            "the relay of source %s cannot continue on server %s after sub-directory %s (server %s): %s",
            "The new server no longer has binlog from the GTID set the relay ends with: use a server that still has it,"
                    + " or `stop-relay -s <source>`, move the relay directory away and `start-relay`; tasks whose checkpoint"
                    + " is older need a new start (`start-task --remove-meta` with mysql-instances[].meta).", false);
    public static final ErrorCode SWITCH_IN_TRANSACTION = new ErrorCode(30823, "ErrRelaySwitchInTransaction", RELAY_UNIT, INTERNAL, MEDIUM,
            "the relay log in %s continues in sub-directory %s while a transaction of %s was being read: %s",
            "Nothing to do: the sync unit restarts from its checkpoint by GTID set and reads the whole transaction"
                    + " from the new server's sub-directory; if the task stays paused, `resume-task`.", true);
}
