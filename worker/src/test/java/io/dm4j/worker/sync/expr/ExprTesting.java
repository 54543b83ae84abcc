package io.dm4j.worker.sync.expr;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.schema.CreateTableParser;
import io.dm4j.worker.schema.ServerDefaults;
import io.dm4j.worker.schema.TableSchema;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;

/** Binds and evaluates expressions in tests, and prints results in one comparable text form. */
final class ExprTesting {
    static final ZoneId UTC = ZoneOffset.UTC;

    /** A MySQL 8 table with one column of most types (native JSON), for operator and type tests. */
    static final TableSchema ALL_TYPES = mysql8("""
            CREATE TABLE t (
              id INT NOT NULL PRIMARY KEY, i INT, u BIGINT UNSIGNED, ti TINYINT UNSIGNED, d DECIMAL(10,2), f FLOAT,
              db DOUBLE, s VARCHAR(20) COLLATE utf8mb4_general_ci, sb VARCHAR(20) COLLATE utf8mb4_bin,
              s9 VARCHAR(20) COLLATE utf8mb4_0900_ai_ci, l1 VARCHAR(20) CHARACTER SET latin1, c CHAR(4),
              bin BINARY(2), vb VARBINARY(10), bl BLOB, tx TEXT, bt BIT(8), bt64 BIT(64), y YEAR, dt DATE,
              dtm DATETIME(3), ts TIMESTAMP(4) NULL, tm TIME(5), e ENUM('a','b','c'), st SET('a','b','c'), j JSON,
              n INT)""");

    private ExprTesting() {
    }

    static TableSchema mysql8(String createTable) {
        return new CreateTableParser(ServerDefaults.mysql8()).parse(new TableId("db", "t"), createTable);
    }

    static TableSchema mariadb(String createTable) {
        return new CreateTableParser(ServerDefaults.mariadb()).parse(new TableId("db", "t"), createTable);
    }

    /** A row of {@code table} with the given column values (decoded form), others NULL. */
    static Object[] row(TableSchema table, Map<String, Object> values) {
        Object[] row = new Object[table.columns().size()];
        values.forEach((k, v) -> {
            int i = table.indexOf(k);
            if (i < 0) {
                throw new IllegalArgumentException("no column " + k);
            }
            row[i] = v;
        });
        return row;
    }

    static Expr bind(TableSchema table, String expr, ZoneId zone) {
        return new ExprBinder(table, zone).bind(ExprParser.parse(expr));
    }

    /** The value of {@code expr} over {@code row} of {@link #ALL_TYPES}, as {@link #show} prints it. */
    static String eval(String expr, Map<String, Object> row) {
        return eval(ALL_TYPES, expr, row, UTC);
    }

    static String eval(String expr) {
        return eval(expr, Map.of());
    }

    static String eval(TableSchema table, String expr, Map<String, Object> row, ZoneId zone) {
        return show(bind(table, expr, zone).eval(row(table, row)));
    }

    /** NULL, numbers in MySQL text, binary strings as 0x.., temporal and JSON values as MySQL prints them. */
    static String show(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof byte[] b) {
            return "0x" + HexFormat.of().formatHex(b);
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof JsonNode j) {
            return "json:" + JsonValues.format(j);
        }
        return Values.toText(v);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
