package io.dm4j.worker.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.dm4j.common.errors.RelayErrors;
import io.dm4j.common.position.BinlogPosition;
import java.io.IOException;
import java.util.Objects;

/**
 * A sub-directory's {@code relay.meta}, as DM writes it (TOML: {@code binlog-name}, {@code binlog-pos},
 * {@code binlog-gtid}): the end of the last complete event written and the GTID set of the transactions complete at
 * that point ("" in file/position mode). It is never ahead of the bytes on disk: the writer syncs the relay file
 * before it replaces this file.
 */
public record RelayMeta(String binlogName, long binlogPos, String gtidSet) {
    private static final TomlMapper TOML = new TomlMapper();

    public RelayMeta {
        Objects.requireNonNull(binlogName, "binlogName");
        gtidSet = gtidSet == null ? "" : gtidSet;
    }

    public BinlogPosition position() {
        return new BinlogPosition(binlogName, binlogPos);
    }

    /** The file's text. */
    public String toToml() {
        return "binlog-name = " + quote(binlogName) + "\nbinlog-pos = " + binlogPos + "\nbinlog-gtid = "
                + quote(gtidSet) + "\n";
    }

    /** Parses a relay.meta text; {@code where} names the file in errors. */
    public static RelayMeta parse(String text, String where) {
        JsonNode n;
        try {
            n = TOML.readTree(text);
        } catch (IOException e) {
            throw RelayErrors.META.wrap(e, where, "not TOML: " + e.getMessage());
        }
        JsonNode name = n.get("binlog-name");
        JsonNode pos = n.get("binlog-pos");
        if (name == null || !name.isTextual() || pos == null || !pos.canConvertToLong() || pos.asLong() < 0) {
            throw RelayErrors.META.error(where, "needs binlog-name (string) and binlog-pos (integer >= 0), found "
                    + n);
        }
        JsonNode gtid = n.get("binlog-gtid");
        return new RelayMeta(name.asText(), pos.asLong(), gtid == null ? "" : gtid.asText());
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
