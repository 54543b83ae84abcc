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
@FunctionalInterface
interface RowSource {
    /** Reads the next row into {@code into} (null = SQL NULL); false after the last row. */
    boolean next(byte[][] into) throws SQLException;

    /** The rows of {@code rs}, whose rows were not read yet. */
    static RowSource of(ResultSet rs) throws SQLException {
        if (readsDriverRows(rs)) {
            ResultsetRows rows = rs.unwrap(NativeResultset.class).getRows();
            return into -> fromDriver(rows, into);
        }
        return jdbc(rs);
    }

    /** Whether {@link #of} takes the rows of {@code rs} from Connector/J's row list. */
    static boolean readsDriverRows(ResultSet rs) throws SQLException {
        return rs.isWrapperFor(NativeResultset.class);
    }

    /** Plain JDBC (also what the driver's rows must equal; tests compare the two). */
    static RowSource jdbc(ResultSet rs) {
        return into -> {
            if (!rs.next()) {
                return false;
            }
            for (int i = 0; i < into.length; i++) {
                into[i] = rs.getBytes(i + 1);
            }
            return true;
        };
    }

    private static boolean fromDriver(ResultsetRows rows, byte[][] into) throws SQLException {
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
