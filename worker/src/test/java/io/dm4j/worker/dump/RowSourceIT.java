package io.dm4j.worker.dump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dump reads rows from Connector/J's row list instead of through {@code ResultSet.getBytes}: for every value
 * kind (NULL, integers, DECIMAL, FLOAT read as DOUBLE, DOUBLE, zero and fractional temporal values, UTF-8 text
 * with non-ASCII characters, latin1 text, JSON, binary with NUL and 0xff, BIT, geometry) both give the same bytes, in
 * a streamed result set as the dump reads it, and a connection aborted mid-stream still ends in an SQLException.
 */
@ExtendWith(DatabasesExtension.class)
class RowSourceIT {
    private static final String COLUMNS = "id, d, CAST(f AS DOUBLE), db, dt, t, z, u, l, j, b, bt, g";
    private TestDatabases dbs;

    private String table() throws SQLException {
        String s = dbs.freshSchema("dl_rows");
        dbs.execUp("CREATE TABLE `" + s + "`.t (id INT PRIMARY KEY, d DECIMAL(12,4), f FLOAT, db DOUBLE,"
                        + " dt DATETIME(6), t TIMESTAMP(3) NULL, z DATE, u VARCHAR(40) CHARACTER SET utf8mb4,"
                        + " l VARCHAR(40) CHARACTER SET latin1, j JSON, b VARBINARY(16), bt BIT(12), g POINT)",
                "SET SESSION sql_mode = ''",
                "INSERT INTO `" + s + "`.t VALUES"
                        + " (1, -12.5, 1.1, 2.5e-300, '2026-12-03 21:00:00.123456', '2026-01-01 00:00:00.5', '0000-00-00',"
                        + " 'caf\u00e9 \u4e2d \ud83d\ude00 it''s', 'caf\u00e9', '{\"a\": [1, \"\u00e9\"]}', 0x0001ff5c27,"
                        + " b'101010101010', ST_GeomFromText('POINT(1 2)')),"
                        + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                        + " (3, 0, -3.4e38, 1e0, '0000-00-00 00:00:00', '1970-01-01 00:00:01', '2000-02-29', '', '', '[]',"
                        + " '', b'0', ST_GeomFromText('POINT(0 0)'))");
        return s;
    }

    /** The rows of the table as a streamed dump reads them, through {@code source}. */
    private static List<List<String>> read(Connection c, String schema, Function<ResultSet, RowSource> source)
            throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET SESSION time_zone = '+00:00', character_set_results = NULL");
        }
        List<List<String>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM `" + schema + "`.t ORDER BY id",
                ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = ps.executeQuery()) {
                RowSource rows = source.apply(rs);
                byte[][] row = new byte[13][];
                while (rows.next(row)) {
                    List<String> r = new ArrayList<>();
                    for (byte[] v : row) {
                        r.add(v == null ? "NULL" : HexFormat.of().formatHex(v));
                    }
                    out.add(r);
                }
                assertFalse(rows.next(row), "the end stays the end");
            }
        }
        return out;
    }

    private static RowSource fast(ResultSet rs) {
        try {
            assertTrue(RowSource.readsDriverRows(rs), "Connector/J's rows are read directly");
            return RowSource.of(rs);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theDriversRowsGiveTheBytesJdbcGives(TestDatabases dbs) throws SQLException {
        this.dbs = dbs;
        String s = table();
        try (Connection c = dbs.connectUp()) {
            List<List<String>> jdbc = read(c, s, RowSource::jdbc);
            List<List<String>> direct = read(c, s, RowSourceIT::fast);
            assertEquals(3, jdbc.size());
            assertEquals(jdbc, direct);
            assertEquals("NULL", direct.get(1).get(1));
            assertEquals("0001ff5c27", direct.get(0).get(10));
            assertEquals("", direct.get(2).get(10)); // the empty binary string is not NULL
            // the connection is usable afterwards: the streamed result was read to its end
            assertEquals(jdbc, read(c, s, RowSourceIT::fast));
        }
    }

    @Test
    void anAbortedConnectionEndsTheRowsWithAnSqlException(TestDatabases dbs) throws SQLException {
        this.dbs = dbs;
        String s = table();
        for (int i = 0; i < 2000; i++) { // enough rows that the stream is still open when the connection goes
            dbs.execUp("INSERT INTO `" + s + "`.t (id, u) VALUES (" + (10 + i) + ", REPEAT('x', 40))");
        }
        try (Connection c = dbs.connectUp();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM `" + s + "`.t",
                     ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(Integer.MIN_VALUE);
            ResultSet rs = ps.executeQuery();
            RowSource rows = fast(rs);
            byte[][] row = new byte[13][];
            assertTrue(rows.next(row));
            c.abort(Runnable::run);
            assertThrows(SQLException.class, () -> {
                while (rows.next(row)) {
                    // read until the broken connection shows
                }
            });
        }
    }
}
