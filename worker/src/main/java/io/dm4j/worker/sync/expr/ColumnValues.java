package io.dm4j.worker.sync.expr;

import io.dm4j.worker.schema.ColumnDef;
import io.dm4j.worker.sync.expr.ExprType.Kind;
import java.math.BigInteger;
import java.time.ZoneId;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The expression type of a table column and how its decoded value (see
 * {@link io.dm4j.worker.sync.model.RowChange}) becomes an expression value: BIT bytes become an unsigned integer,
 * temporal text a {@link SqlTemporal}, MySQL JSON text a JSON value. MariaDB's JSON columns are LONGTEXT and stay
 * text, as the server treats them.
 */
final class ColumnValues {
    private static final Set<String> INTEGER_TYPES = Set.of("tinyint", "smallint", "mediumint", "int", "integer",
            "bigint", "bool", "boolean", "year");
    private static final Set<String> TEXT_TYPES = Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext",
            "nchar", "nvarchar");
    private static final Set<String> BINARY_TYPES = Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob",
            "longblob");

    private ColumnValues() {
    }

    static ExprType typeOf(ColumnDef c) {
        String t = c.dataType();
        if (INTEGER_TYPES.contains(t)) {
            return c.unsigned() ? ExprType.UNSIGNED_INT : ExprType.INT;
        }
        switch (t) {
            case "bit" -> {
                return ExprType.UNSIGNED_INT;
            }
            case "decimal", "numeric", "fixed", "dec" -> {
                return ExprType.DECIMAL;
            }
            case "float", "double", "real", "double precision" -> {
                return ExprType.DOUBLE;
            }
            case "date" -> {
                return ExprType.temporal(Kind.DATE, 0);
            }
            case "datetime", "timestamp" -> {
                return ExprType.temporal(Kind.DATETIME, Math.max(0, c.fsp()));
            }
            case "time" -> {
                return ExprType.temporal(Kind.TIME, Math.max(0, c.fsp()));
            }
            case "json" -> {
                return isMysqlJson(c) ? ExprType.JSON
                        : ExprType.string(Collation.of(c.collation() == null ? "utf8mb4_bin" : c.collation(),
                        Collation.IMPLICIT));
            }
            case "enum", "set" -> {
                return ExprType.members(collation(c), c.elements(), t.equals("set"));
            }
            default -> {
                // strings and everything stored as bytes follow
            }
        }
        if (TEXT_TYPES.contains(t) && !c.isBinaryCharset()) {
            return ExprType.string(collation(c));
        }
        if (BINARY_TYPES.contains(t) || TEXT_TYPES.contains(t)) {
            return ExprType.string(Collation.of("binary", Collation.IMPLICIT));
        }
        return ExprType.string(Collation.of("binary", Collation.IMPLICIT)); // geometry and unknown types: bytes
    }

    /** How one decoded cell of the column becomes an expression value (null stays null). */
    static UnaryOperator<Object> reader(ColumnDef c, ExprType type, ZoneId zone) {
        return switch (type.kind()) {
            case INT -> v -> v instanceof byte[] b ? Values.integer(new BigInteger(1, b))
                    : v instanceof Integer i ? (Object) i.longValue() : v;
            case DATE, DATETIME -> v -> v instanceof String s ? temporal(SqlTemporal.parseDateTime(s, zone, true), c, s, type, zone)
                    : v;
            case TIME -> v -> v instanceof String s ? temporal(SqlTemporal.parseTime(s, zone), c, s, type, zone) : v;
            case JSON -> v -> v instanceof String s ? JsonValues.parse(s) : v;
            default -> v -> v;
        };
    }

    private static Object temporal(SqlTemporal parsed, ColumnDef c, String text, ExprType type, ZoneId zone) {
        if (parsed == null) {
            throw ExprException.evaluate("column " + c.name() + " holds '" + text + "', which is not a "
                    + c.dataType().toUpperCase(java.util.Locale.ROOT) + " value");
        }
        SqlTemporal t = parsed.kind() == type.kind() ? parsed : parsed.to(type.kind(), zone);
        return new SqlTemporal(t.kind(), t.negative(), t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second(),
                t.micros(), type.fsp());
    }

    /** MySQL's native JSON type; MariaDB declares JSON columns as LONGTEXT with a json_valid check. */
    private static boolean isMysqlJson(ColumnDef c) {
        return c.columnType().toLowerCase(java.util.Locale.ROOT).startsWith("json");
    }

    private static Collation collation(ColumnDef c) {
        if (c.collation() != null) {
            return Collation.of(c.collation(), Collation.IMPLICIT);
        }
        return Collation.of(c.isBinaryCharset() ? "binary" : "utf8mb4_general_ci", Collation.IMPLICIT);
    }
}
