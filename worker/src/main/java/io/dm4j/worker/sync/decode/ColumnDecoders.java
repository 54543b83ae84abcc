package io.dm4j.worker.sync.decode;

import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.BIT;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.BLOB;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.DATE;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.DATETIME;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.DATETIME_V2;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.DOUBLE;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.ENUM;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.FLOAT;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.GEOMETRY;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.INT24;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.JSON;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.LONG;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.LONGLONG;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.NEWDECIMAL;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.SET;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.SHORT;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.STRING;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.TIME;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.TIMESTAMP;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.TIMESTAMP_V2;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.TIME_V2;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.TINY;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.VARCHAR;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.VAR_STRING;
import static com.github.shyiko.mysql.binlog.event.deserialization.ColumnType.YEAR;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import io.dm4j.common.errors.DecodeErrors;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.schema.ColumnDef;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Chooses the {@link ColumnDecoder} of one column from its tracked definition (authoritative for meaning:
 * unsigned, charset, ENUM/SET members) and its binlog type (authoritative for how the cell was read), and
 * refuses combinations that mean the tracked structure is out of date.
 */
final class ColumnDecoders {
    private static final Set<String> GEOMETRY_TYPES = Set.of("geometry", "point", "linestring", "polygon",
            "multipoint", "multilinestring", "multipolygon", "geometrycollection", "geomcollection");
    private static final Set<String> TEXT_TYPES = Set.of("char", "varchar", "tinytext", "text", "mediumtext",
            "longtext");
    private static final Set<String> BINARY_TYPES = Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob",
            "longblob");

    private final TableId table;
    private final ColumnDef column;
    private final BinlogColumn binlog;
    private final List<String> binlogMembers;

    private ColumnDecoders(TableId table, ColumnDef column, BinlogColumn binlog, List<String> binlogMembers) {
        this.table = table;
        this.column = column;
        this.binlog = binlog;
        this.binlogMembers = binlogMembers;
    }

    /**
     * @param binlogMembers ENUM/SET members from the TABLE_MAP (binlog_row_metadata=FULL), used only when the
     *                      tracked definition has none; may be empty
     */
    static ColumnDecoder create(TableId table, ColumnDef column, BinlogColumn binlog, List<String> binlogMembers,
                                ZoneId zone) {
        return new ColumnDecoders(table, column, binlog, binlogMembers).choose(zone);
    }

    private ColumnDecoder choose(ZoneId zone) {
        String type = column.dataType();
        int real = binlog.realType();
        switch (type) {
            case "tinyint", "bool", "boolean" -> {
                return integer(real, TINY, 8);
            }
            case "smallint" -> {
                return integer(real, SHORT, 16);
            }
            case "mediumint" -> {
                return integer(real, INT24, 24);
            }
            case "int", "integer" -> {
                return integer(real, LONG, 32);
            }
            case "bigint" -> {
                return integer(real, LONGLONG, 64);
            }
            case "year" -> {
                expect(real, YEAR);
                return raw -> Long.valueOf(as(raw, Integer.class, "Integer"));
            }
            case "decimal", "numeric", "fixed", "dec" -> {
                expect(real, NEWDECIMAL);
                return raw -> as(raw, BigDecimal.class, "BigDecimal");
            }
            case "float" -> {
                expect(real, FLOAT);
                return raw -> as(raw, Float.class, "Float");
            }
            case "double", "real", "double precision" -> {
                expect(real, DOUBLE);
                return raw -> as(raw, Double.class, "Double");
            }
            case "bit" -> {
                expect(real, BIT);
                return bit();
            }
            case "enum" -> {
                expect(real, ENUM);
                return enumLabel(members());
            }
            case "set" -> {
                expect(real, SET);
                return setLabels(members());
            }
            case "date" -> {
                expect(real, DATE);
                return raw -> as(raw, String.class, "String");
            }
            case "time" -> {
                expect(real, TIME_V2, TIME);
                return raw -> as(raw, String.class, "String");
            }
            case "datetime" -> {
                expect(real, DATETIME_V2, DATETIME);
                return raw -> as(raw, String.class, "String");
            }
            case "timestamp" -> {
                expect(real, TIMESTAMP_V2, TIMESTAMP);
                int fsp = real == TIMESTAMP_V2.getCode() ? binlog.meta() : 0;
                return raw -> as(raw, TimestampValue.class, "TimestampValue").format(zone, fsp);
            }
            case "json" -> {
                expect(real, JSON, BLOB);
                return real == JSON.getCode() ? binaryJson() : text(column.charset() == null ? "utf8mb4" : null);
            }
            default -> {
                // the character and geometry families follow
            }
        }
        if (GEOMETRY_TYPES.contains(type)) {
            expect(real, GEOMETRY);
            return raw -> as(raw, byte[].class, "byte[]");
        }
        if (TEXT_TYPES.contains(type) || BINARY_TYPES.contains(type)) {
            if (type.endsWith("text") || type.endsWith("blob")) {
                expect(real, BLOB);
            } else {
                expect(real, STRING, VARCHAR, VAR_STRING);
            }
            boolean binary = BINARY_TYPES.contains(type) || column.isBinaryCharset();
            if (!binary) {
                return text(null);
            }
            if (real == STRING.getCode()) {
                return paddedBinary(column.length() > 0 ? column.length() : binlog.stringLength());
            }
            return raw -> as(raw, byte[].class, "byte[]");
        }
        throw DecodeErrors.UNSUPPORTED_TYPE.error(column.name(), table, column.columnType(),
                "no exact binlog decoding is known for data type '" + type + "' (binlog type "
                        + binlog.typeName() + ")");
    }

    private ColumnDecoder integer(int real, ColumnType expected, int bits) {
        expect(real, expected);
        boolean unsigned = column.unsigned();
        return raw -> {
            long v = as(raw, Number.class, "Integer or Long").longValue();
            if (!unsigned) {
                return v;
            }
            if (bits < 64) {
                return v & ((1L << bits) - 1);
            }
            return v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
        };
    }

    private ColumnDecoder bit() {
        int bytes = (binlog.bitLength() + 7) / 8;
        return raw -> {
            if (raw instanceof BitSet bits) { // a stock library deserializer: rebuild the stored bytes
                byte[] out = new byte[bytes];
                for (int i = bits.nextSetBit(0); i >= 0 && i < bytes * 8; i = bits.nextSetBit(i + 1)) {
                    out[bytes - 1 - i / 8] |= (byte) (1 << (i % 8));
                }
                return out;
            }
            return as(raw, byte[].class, "byte[]");
        };
    }

    /** BINARY(n): the binlog drops trailing 0x00 bytes, which are part of the value; put them back. */
    private ColumnDecoder paddedBinary(int length) {
        return raw -> {
            byte[] b = as(raw, byte[].class, "byte[]");
            return b.length >= length ? b : Arrays.copyOf(b, length);
        };
    }

    private ColumnDecoder text(String charsetOverride) {
        String charset = charsetOverride != null ? charsetOverride : column.charset();
        if (charset == null || !MysqlCharsets.isSupported(charset)) {
            throw DecodeErrors.UNSUPPORTED_CHARSET.error(column.name(), table, charset == null ? "(unknown)" : charset,
                    MysqlCharsets.supportedNames());
        }
        MysqlCharsets.TextDecoder decoder = MysqlCharsets.decoder(charset);
        return raw -> {
            byte[] b = as(raw, byte[].class, "byte[]");
            try {
                return decoder.decode(b);
            } catch (CharacterCodingException e) {
                throw DecodeErrors.INVALID_TEXT.wrap(e, column.name(), table, charset, hexPrefix(b));
            }
        };
    }

    private ColumnDecoder binaryJson() {
        return raw -> {
            byte[] b = as(raw, byte[].class, "byte[]");
            try {
                return MysqlJsonText.fromBinary(b);
            } catch (IOException | RuntimeException e) {
                throw DecodeErrors.INVALID_JSON.wrap(e, column.name(), table, e.getMessage());
            }
        };
    }

    private List<String> members() {
        return column.elements().isEmpty() ? binlogMembers : column.elements();
    }

    private ColumnDecoder enumLabel(List<String> labels) {
        return raw -> {
            int index = as(raw, Integer.class, "Integer");
            if (index == 0) {
                return ""; // the error value MySQL stores for an invalid member in non-strict mode
            }
            if (index < 0 || index > labels.size()) {
                throw DecodeErrors.ENUM_SET_OUT_OF_RANGE.error(column.name(), table, index, column.columnType());
            }
            return labels.get(index - 1);
        };
    }

    private ColumnDecoder setLabels(List<String> labels) {
        return raw -> {
            long bits = as(raw, Long.class, "Long");
            if (labels.size() < 64 && (bits >>> labels.size()) != 0) {
                throw DecodeErrors.ENUM_SET_OUT_OF_RANGE.error(column.name(), table,
                        "0x" + Long.toHexString(bits), column.columnType());
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < labels.size(); i++) {
                if ((bits & (1L << i)) != 0) {
                    if (sb.length() > 0) {
                        sb.append(',');
                    }
                    sb.append(labels.get(i));
                }
            }
            return sb.toString();
        };
    }

    private void expect(int real, ColumnType... allowed) {
        for (ColumnType t : allowed) {
            if (t.getCode() == real) {
                return;
            }
        }
        throw DecodeErrors.TYPE_MISMATCH.error(column.name(), table, column.columnType(), binlog.typeName());
    }

    private <T> T as(Serializable raw, Class<T> type, String expected) {
        if (type.isInstance(raw)) {
            return type.cast(raw);
        }
        throw unexpected(raw, expected);
    }

    private RuntimeException unexpected(Serializable raw, String expected) {
        return DecodeErrors.UNEXPECTED_VALUE.error(column.name(), table, raw.getClass().getSimpleName(), expected);
    }

    private static String hexPrefix(byte[] b) {
        return HexFormat.of().formatHex(b, 0, Math.min(b.length, 16)) + (b.length > 16 ? "..." : "");
    }
}
