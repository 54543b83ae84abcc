package io.dm4j.worker.sync.decode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Binds a value produced by {@link RowDecoder} to a prepared-statement parameter so that MySQL stores exactly
 * the upstream value. The statement's session must use the decoder's time zone (for TIMESTAMP text) and an
 * sql_mode that accepts what upstream accepted (zero dates, the ENUM error value '').
 */
public final class JdbcValues {
    private JdbcValues() {
    }

    /** Whether {@code value} is one of the types the row decoder hands over (null included). */
    public static boolean isRowValue(Object value) {
        return value == null || value instanceof Long || value instanceof BigInteger || value instanceof BigDecimal
                || value instanceof Float || value instanceof Double || value instanceof String || value instanceof byte[];
    }

    public static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else if (value instanceof Long l) {
            ps.setLong(index, l);
        } else if (value instanceof BigInteger b) {
            ps.setBigDecimal(index, new BigDecimal(b));
        } else if (value instanceof BigDecimal d) {
            ps.setBigDecimal(index, d);
        } else if (value instanceof Float f) {
            // widened exactly; a double's text form round-trips, a float's text form may exceed FLT_MAX as a double
            ps.setDouble(index, f.doubleValue());
        } else if (value instanceof Double d) {
            ps.setDouble(index, d);
        } else if (value instanceof String s) {
            ps.setString(index, s);
        } else if (value instanceof byte[] bytes) {
            ps.setBytes(index, bytes);
        } else {
            throw new IllegalArgumentException("not a decoded row value: " + value.getClass().getName());
        }
    }
}
