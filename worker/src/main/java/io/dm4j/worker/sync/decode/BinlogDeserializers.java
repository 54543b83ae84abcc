package io.dm4j.worker.sync.decode;

import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer.CompatibilityMode;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Configures mysql-binlog-connector-java's {@link EventDeserializer} so that rows events carry exact raw
 * values for {@link RowDecoder}.
 *
 * <p>Cells arrive as follows (anything else is the library's own, unchanged):
 * <ul>
 *   <li>TINYINT..INT: Integer, BIGINT: Long, both as signed two's complement (unsigned applied by RowDecoder);</li>
 *   <li>DECIMAL: BigDecimal; FLOAT: Float; DOUBLE: Double;</li>
 *   <li>CHAR, VARCHAR, BINARY, VARBINARY, TEXT, BLOB, MariaDB JSON, GEOMETRY, MySQL binary JSON: byte[]
 *       (CHAR_AND_BINARY_AS_BYTE_ARRAY; BINARY values lose their trailing 0x00 in the binlog);</li>
 *   <li>ENUM: Integer index (0 = error value); SET: Long bitmask;</li>
 *   <li>DATE: String {@code YYYY-MM-DD}; DATETIME(fsp): String {@code YYYY-MM-DD hh:mm:ss[.f]}; TIME(fsp):
 *       String {@code [-]hh:mm:ss[.f]} (hours up to 838); all with exactly fsp fraction digits and with zero
 *       or invalid parts kept as stored;</li>
 *   <li>TIMESTAMP(fsp): {@link TimestampValue} (epoch seconds + microseconds; (0,0) is the zero timestamp);</li>
 *   <li>YEAR: Integer (0 for 0000); BIT(n): byte[] of ceil(n/8) bytes, big-endian.</li>
 * </ul>
 *
 * <p>Compatibility modes: DATE_AND_TIME_AS_LONG_MICRO and CHAR_AND_BINARY_AS_BYTE_ARRAY. No
 * INVALID_DATE_AND_TIME_AS_* mode is set because none is lossless (by default zero dates become null; _ZERO and
 * _NEGATIVE_ONE collide with real instants; _MIN_VALUE merges every invalid date into one value; all of them
 * treat year 0 as invalid and normalise 2020-02-31), so temporal cells are read by {@link ExactCells} instead.
 *
 * <p>MariaDB compressed events (log_bin_compress=ON) are inflated into their ordinary form
 * ({@link MariadbCompressedEvents}); the event header ({@link BinlogEventHeader}) keeps the type code as written.
 *
 * <p>Not supported: MySQL 8 PARTIAL_UPDATE_ROWS_EVENT (binlog_row_value_options=PARTIAL_JSON) — the library
 * does not decode it, so the sync unit refuses it ({@code io.dm4j.worker.sync.EventPolicy}); MariaDB compressed
 * columns; pre-5.6 high-resolution temporal columns of MariaDB (mysql56_temporal_format=OFF).
 */
public final class BinlogDeserializers {
    private BinlogDeserializers() {
    }

    /** A new EventDeserializer configured as described in the class comment. */
    public static EventDeserializer create() {
        BinlogEventHeaderDeserializer headers = new BinlogEventHeaderDeserializer();
        EventDeserializer deserializer = new EventDeserializer(headers);
        configure(deserializer, headers::lastWasCompressed);
        return deserializer;
    }

    /**
     * Configures a deserializer built with the library's own header reader: as {@link #create()}, except that
     * MariaDB compressed events stay UNKNOWN (the library's header drops their type code).
     */
    public static void configure(EventDeserializer deserializer) {
        configure(deserializer, () -> false);
    }

    /**
     * Configures {@code deserializer} in place: replaces its QUERY, TABLE_MAP, rows (v1 as written by MariaDB and
     * MySQL 5.5, v2 as written by MySQL 5.6+) and TRANSACTION_PAYLOAD deserializers and sets the compatibility
     * modes. Call it once, before the first event.
     *
     * @param compressed whether the event being read is a MariaDB compressed event (its header was read by a
     *                   {@link BinlogEventHeaderDeserializer}); such bodies are inflated before reading
     */
    static void configure(EventDeserializer deserializer, BooleanSupplier compressed) {
        Map<Long, TableMapEventData> tableMaps = new ConcurrentHashMap<>();
        deserializer.setEventDataDeserializer(EventType.QUERY, new InflatingQueryDeserializer(compressed));
        deserializer.setEventDataDeserializer(EventType.TABLE_MAP, new RecordingTableMapDeserializer(tableMaps));
        deserializer.setEventDataDeserializer(EventType.WRITE_ROWS, new ExactRowsDeserializers.Write(tableMaps, compressed, false));
        deserializer.setEventDataDeserializer(EventType.UPDATE_ROWS, new ExactRowsDeserializers.Update(tableMaps, compressed, false));
        deserializer.setEventDataDeserializer(EventType.DELETE_ROWS, new ExactRowsDeserializers.Delete(tableMaps, compressed, false));
        deserializer.setEventDataDeserializer(EventType.EXT_WRITE_ROWS, new ExactRowsDeserializers.Write(tableMaps, compressed, true));
        deserializer.setEventDataDeserializer(EventType.EXT_UPDATE_ROWS, new ExactRowsDeserializers.Update(tableMaps, compressed, true));
        deserializer.setEventDataDeserializer(EventType.EXT_DELETE_ROWS, new ExactRowsDeserializers.Delete(tableMaps, compressed, true));
        deserializer.setEventDataDeserializer(EventType.TRANSACTION_PAYLOAD, new CompressedTransactionDeserializer());
        // after the deserializers, so that the modes reach the new ones too
        deserializer.setCompatibilityMode(CompatibilityMode.DATE_AND_TIME_AS_LONG_MICRO,
                CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
        TableMapWrapperBypass.apply(deserializer); // last: each setEventDataDeserializer puts the second parse back
    }
}
