package io.dm4j.worker.sync.decode;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import io.dm4j.common.errors.DecodeErrors;
import io.dm4j.worker.schema.ColumnDef;
import io.dm4j.worker.schema.TableSchema;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * Turns binlog rows (read by an EventDeserializer from {@link BinlogDeserializers}) into JDBC parameter values
 * in {@link TableSchema} column order, as the javadoc of {@link io.dm4j.worker.sync.model.RowChange} lays down:
 * <ul>
 *   <li>TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT, signed or unsigned: Long; BIGINT UNSIGNED above
 *       Long.MAX_VALUE: BigInteger; YEAR: Long (0 means 0000);</li>
 *   <li>DECIMAL: BigDecimal at the column's scale; FLOAT: Float; DOUBLE: Double (bit patterns kept);</li>
 *   <li>CHAR, VARCHAR, TEXT (any charset of {@link MysqlCharsets}, binary collations too), ENUM (label, '' for
 *       index 0), SET (labels in definition order joined by ','), JSON (MySQL binary JSON as text by
 *       {@link MysqlJsonText}; MariaDB's JSON is LONGTEXT and stays as written): String;</li>
 *   <li>BINARY(n) (right-padded with 0x00 to n bytes again), VARBINARY, BLOB, BIT(n) (ceil(n/8) bytes,
 *       big-endian), GEOMETRY (MySQL's internal form: 4-byte little-endian SRID + WKB): byte[]. The SQL side
 *       binds GEOMETRY bytes as they are (no ST_GeomFromWKB, which would drop the SRID): MySQL and MariaDB accept
 *       the internal form for geometry columns;</li>
 *   <li>DATE {@code YYYY-MM-DD}, DATETIME(fsp) {@code YYYY-MM-DD hh:mm:ss[.f]}, TIME(fsp) {@code [-]hh:mm:ss[.f]},
 *       TIMESTAMP(fsp) in the task time zone: String with exactly fsp fraction digits; zero and invalid dates
 *       as stored ({@code 0000-00-00 00:00:00}); the SQL side sets the downstream session time_zone to
 *       {@link #timeZone()} so TIMESTAMP keeps its instant (in a DST fold the later instant may be chosen).</li>
 * </ul>
 * Generated columns are decoded too (their values are not written downstream). A VIRTUAL column missing from
 * the binlog (MySQL with a minimal image) decodes as null.
 */
public final class RowDecoder {
    private final ZoneId timeZone;

    public RowDecoder(ZoneId timeZone) {
        this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
    }

    /** The zone TIMESTAMP values are written in. */
    public ZoneId timeZone() {
        return timeZone;
    }

    /**
     * Checks that a TABLE_MAP fits the tracked structure and prepares the decoding of its rows; build it once per
     * TABLE_MAP event and reuse it for the rows events that follow.
     *
     * @throws io.dm4j.common.errors.DmException 36001 when the column counts differ, 36002 when the binlog names
     *         columns differently, 36003 when types disagree, 36004/36005 for unsupported types or charsets
     */
    public RowLayout layout(TableMapEventData tableMap, TableSchema schema) {
        byte[] types = tableMap.getColumnTypes();
        int[] meta = tableMap.getColumnMetadata();
        List<ColumnDef> columns = schema.columns();
        int[] binlogIndex = mapColumns(types.length, schema);
        TableMapEventMetadata metadata = tableMap.getEventMetadata();
        checkNames(metadata, binlogIndex, schema);
        MemberLists members = new MemberLists(types, meta, metadata);
        ColumnDecoder[] decoders = new ColumnDecoder[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            int bi = binlogIndex[i];
            if (bi >= 0) {
                BinlogColumn binlog = new BinlogColumn(bi, types[bi] & 0xFF, meta[bi]);
                decoders[i] = ColumnDecoders.create(schema.id(), columns.get(i), binlog, members.of(binlog),
                        timeZone);
            }
        }
        return new RowLayout(schema, types.length, binlogIndex, decoders);
    }

    /** {@link #layout} and {@link RowLayout#decode} in one call. */
    public Object[] decode(TableMapEventData tableMap, TableSchema schema, BitSet includedColumns,
                           Serializable[] row) {
        return layout(tableMap, schema).decode(includedColumns, row);
    }

    /**
     * Binlog position of each tracked column, -1 for a VIRTUAL column the binlog leaves out. MySQL and MariaDB
     * both log every column, virtual ones included, in the TABLE_MAP; the second case covers writers that skip
     * virtual columns altogether.
     */
    private static int[] mapColumns(int binlogCount, TableSchema schema) {
        List<ColumnDef> columns = schema.columns();
        int[] map = new int[columns.size()];
        if (binlogCount == columns.size()) {
            for (int i = 0; i < map.length; i++) {
                map[i] = i;
            }
            return map;
        }
        long stored = columns.stream().filter(c -> c.generated() != ColumnDef.Generated.VIRTUAL).count();
        if (binlogCount != stored) {
            throw DecodeErrors.COLUMN_COUNT_MISMATCH.error(schema.id(), binlogCount, columns.size());
        }
        int next = 0;
        for (int i = 0; i < map.length; i++) {
            map[i] = columns.get(i).generated() == ColumnDef.Generated.VIRTUAL ? -1 : next++;
        }
        return map;
    }

    private static void checkNames(TableMapEventMetadata metadata, int[] binlogIndex, TableSchema schema) {
        List<String> names = metadata == null ? null : metadata.getColumnNames();
        if (names == null || names.isEmpty()) {
            return; // binlog_row_metadata=MINIMAL or NO_LOG: nothing to compare
        }
        for (int i = 0; i < binlogIndex.length; i++) {
            int bi = binlogIndex[i];
            if (bi >= 0 && bi < names.size() && !names.get(bi).equalsIgnoreCase(schema.columns().get(i).name())) {
                throw DecodeErrors.COLUMN_NAME_MISMATCH.error(bi + 1, schema.id(), names.get(bi),
                        schema.columns().get(i).name());
            }
        }
    }

    /** ENUM and SET members from a FULL-metadata TABLE_MAP, listed per ENUM (resp. SET) column in order. */
    private record MemberLists(byte[] types, int[] meta, TableMapEventMetadata metadata) {
        List<String> of(BinlogColumn column) {
            if (metadata == null) {
                return List.of();
            }
            int real = column.realType();
            List<String[]> lists = real == 247 ? metadata.getEnumStrValues()
                    : real == 248 ? metadata.getSetStrValues() : null;
            if (lists == null) {
                return List.of();
            }
            int ordinal = 0;
            for (int i = 0; i < column.index(); i++) {
                if (new BinlogColumn(i, types[i] & 0xFF, meta[i]).realType() == real) {
                    ordinal++;
                }
            }
            return ordinal < lists.size() ? List.of(lists.get(ordinal)) : List.of();
        }
    }
}
