package io.dm4j.common.config;

import static io.dm4j.common.config.ValueTypes.STRING;
import static io.dm4j.common.config.ValueTypes.UINT32;

import io.dm4j.common.position.BinlogPosition;
import java.util.Optional;

/**
 * {@code mysql-instances[].meta}: where an {@code incremental} task starts when it has no checkpoint yet.
 * At least one of binlog-name and binlog-gtid is given; binlog-gtid is needed when the source uses GTIDs.
 */
public record BinlogMeta(String binlogName, long binlogPos, String binlogGtid) {

    static final Option<String> BINLOG_NAME = Option.of("binlog-name", STRING, "", "Binlog file to start from, e.g. `mysql-bin.000001`.");
    static final Option<Long> BINLOG_POS = Option.of("binlog-pos", UINT32, BinlogPosition.FIRST_EVENT_POS,
            "Offset in that file to start from.");
    static final Option<String> BINLOG_GTID = Option.of("binlog-gtid", STRING, "",
            "GTID set already replicated; required when the source has enable-gtid: true.");

    static final Schema SCHEMA = Schema.of("mysql-instances[].meta", "Start point of an incremental task without checkpoint.",
            BINLOG_NAME, BINLOG_POS, BINLOG_GTID);

    static BinlogMeta from(Values v) {
        return new BinlogMeta(v.get(BINLOG_NAME), v.get(BINLOG_POS), v.get(BINLOG_GTID));
    }

    /** The file/offset start point, when a file name is given. */
    public Optional<BinlogPosition> position() {
        return binlogName.isEmpty() ? Optional.empty() : Optional.of(new BinlogPosition(binlogName, binlogPos));
    }

    public boolean hasGtid() {
        return !binlogGtid.isEmpty();
    }
}
