package io.dm4j.worker.dump;

import com.mysql.cj.exceptions.CJException;
import com.mysql.cj.jdbc.exceptions.SQLExceptionsMapping;
import com.mysql.cj.protocol.ResultsetRows;
import com.mysql.cj.protocol.a.result.NativeResultset;
import com.mysql.cj.result.Row;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The raw column bytes of a streamed result set, row by row. Through JDBC every {@code next()} and every
 * {@code getBytes(i)} takes and releases the connection's lock and re-checks the result set's state: a third of the
 * dump's samples for a few short columns per row (the C1 compiler the worker runs with does not elide the lock). With
 * Connector/J the rows are taken from the driver's row list instead (the same bytes the same {@code getBytes} returns,
 * read by the one thread that owns the connection); any other driver goes through JDBC.
 */
abstract class RowSource {
    /** Reads the next row into {@code into} (null = SQL NULL); false after the last row. */
    abstract boolean next(byte[][] into) throws SQLException;

    /** The rows of {@code rs}, whose rows were not read yet. */
    static RowSource of(ResultSet rs) throws SQLException {
        if (rs.isWrapperFor(NativeResultset.class)) {
            return new DriverRows(rs.unwrap(NativeResultset.class).getRows());
        }
        return new JdbcRows(rs);
    }

    /** Plain JDBC (also what the fast path must equal; tests compare the two). */
    static RowSource jdbc(ResultSet rs) {
        return new JdbcRows(rs);
    }

    private static final class JdbcRows extends RowSource {
        private final ResultSet rs;

        JdbcRows(ResultSet rs) {
            this.rs = rs;
        }

        @Override
        boolean next(byte[][] into) throws SQLException {
            if (!rs.next()) {
                return false;
            }
            for (int i = 0; i < into.length; i++) {
                into[i] = rs.getBytes(i + 1);
            }
            return true;
        }
    }

    private static final class DriverRows extends RowSource {
        private final ResultsetRows rows;

        DriverRows(ResultsetRows rows) {
            this.rows = rows;
        }

        @Override
        boolean next(byte[][] into) throws SQLException {
            try {
                Row row = rows.next();
                if (row == null) {
                    return false;
                }
                for (int i = 0; i < into.length; i++) {
                    into[i] = row.getBytes(i);
                }
                return true;
            } catch (CJException e) {
                throw SQLExceptionsMapping.translateException(e); // as JDBC would have reported it
            }
        }
    }
}
