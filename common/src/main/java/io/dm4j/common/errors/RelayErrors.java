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
}
