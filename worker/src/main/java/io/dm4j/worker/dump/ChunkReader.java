package io.dm4j.worker.dump;

import io.dm4j.common.model.TableId;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Streams the rows of one chunk from a snapshot connection into a {@link DataFileWriter}: one SELECT of the stored
 * columns over the chunk's key range, read row by row (Connector/J streaming, fetch size Integer.MIN_VALUE), so a
 * table never sits in memory. Values are the exact bytes the server sent ({@link RowSource}).
 */
final class ChunkReader {
    private final boolean castFloatToDouble;
    private final String where;

    /**
     * @param castFloatToDouble whether the server knows {@code CAST(x AS DOUBLE)} (MariaDB 10.4+, MySQL 8.0.17+);
     *                          otherwise FLOAT columns are read as {@code x + 0e0}
     * @param where             the task's {@code mydumpers.where} condition, or ""
     */
    ChunkReader(boolean castFloatToDouble, String where) {
        this.castFloatToDouble = castFloatToDouble;
        this.where = where == null ? "" : where.trim();
    }

    /** The SELECT for a chunk, with {@code ?} for its bounds. */
    String selectSql(Chunk chunk) {
        TableMeta t = chunk.table();
        StringBuilder sb = new StringBuilder("SELECT ");
        List<ColumnMeta> cols = t.storedColumns();
        for (int i = 0; i < cols.size(); i++) {
            ColumnMeta c = cols.get(i);
            sb.append(i == 0 ? "" : ",");
            if (c.kind() == ValueKind.FLOAT) {
                sb.append(castFloatToDouble ? "CAST(" + c.quotedName() + " AS DOUBLE)" : "(" + c.quotedName() + " + 0e0)");
            } else {
                sb.append(c.quotedName());
            }
        }
        sb.append(" FROM ").append(t.id().quoted());
        List<String> conditions = new ArrayList<>();
        String key = t.chunkColumn() == null ? null : TableId.quote(t.chunkColumn());
        if (chunk.lower() != null) {
            conditions.add(key + " >= ?");
        }
        if (chunk.upper() != null) {
            conditions.add(key + " < ?");
        }
        if (!where.isEmpty()) {
            conditions.add("(" + where + ")");
        }
        if (!conditions.isEmpty()) {
            sb.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        return sb.toString();
    }

    /** Reads the chunk into the writer; stops early (returning false) once {@code stop} says so. */
    boolean read(Connection c, Chunk chunk, DataFileWriter writer, BooleanSupplier stop) throws SQLException, IOException {
        int columns = chunk.table().storedColumns().size();
        try (PreparedStatement ps = c.prepareStatement(selectSql(chunk), ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(Integer.MIN_VALUE);
            int p = 1;
            if (chunk.lower() != null) {
                ps.setBigDecimal(p++, new BigDecimal(chunk.lower()));
            }
            if (chunk.upper() != null) {
                ps.setBigDecimal(p, new BigDecimal(chunk.upper()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                RowSource rows = RowSource.of(rs);
                byte[][] row = new byte[columns][];
                long n = 0;
                while (rows.next(row)) {
                    writer.writeRow(row);
                    if ((++n & 1023) == 0 && stop.getAsBoolean()) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** MIN and MAX of the chunk key inside the snapshot; nulls for an empty table. */
    static BigInteger[] keyRange(Connection c, TableMeta t) throws SQLException {
        String k = TableId.quote(t.chunkColumn());
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(" + k + "), MAX(" + k + ") FROM " + t.id().quoted());
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            BigDecimal min = rs.getBigDecimal(1);
            BigDecimal max = rs.getBigDecimal(2);
            return new BigInteger[] {min == null ? null : min.toBigInteger(), max == null ? null : max.toBigInteger()};
        }
    }
}
