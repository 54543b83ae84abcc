package io.dm4j.worker.sync.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.filter.ExpressionFilterRule;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.schema.ColumnDef;
import io.dm4j.worker.schema.CreateTableParser;
import io.dm4j.worker.schema.ServerDefaults;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.ddl.SqlLexer;
import io.dm4j.worker.sync.ddl.SqlToken;
import io.dm4j.worker.sync.model.RowChange;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An expression-filter conformance case without a database: the task's rules over the rows of its increment SQL,
 * decoded as the row decoder would decode them from a MariaDB binlog. For every inserted pair the should_skip = 1
 * row must be dropped and the should_skip = 0 row kept. Run on the project's case ({@link ExpressionFilterCorpusTest})
 * and on DM's ({@link ExpressionFilterDmPeerTest}).
 */
abstract class ExpressionFilterSuiteChecks {
    /** The case these checks run on. */
    abstract ExpressionFilterSuite suite();

    private TableId t1Id() {
        return new TableId(suite().schema(), "t1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Asia/Shanghai", "America/New_York", "+04:00"})
    void everyShouldSkipRowIsDroppedAndEveryOtherRowKept(String taskZone) {
        ZoneId zone = ZoneId.of(taskZone);
        TableSchema t1 = t1();
        TableId id = t1Id();
        List<ExpressionFilterRule> rules = rules();
        ExpressionFilter filter = ExpressionFilter.of(rules, false, zone);
        int pairs = 0;
        int dropped = 0;
        ZoneId session = ZoneId.of("UTC");
        for (String sql : suite().statements(suite().incrementFile())) {
            String lower = sql.toLowerCase();
            if (lower.startsWith("set time_zone")) {
                session = ZoneId.of(sql.substring(sql.indexOf('\'') + 1, sql.lastIndexOf('\'')));
                continue;
            }
            if (!lower.startsWith("insert")) {
                continue;
            }
            for (Map<String, String> literal : insertedRows(sql)) {
                Object[] row = decodedRow(t1, literal, session, zone);
                boolean skip = filter.skip(RowChange.insert(id, id, t1, row));
                boolean shouldSkip = literal.get("should_skip").equals("1");
                assertEquals(shouldSkip, skip, "row " + literal + " in task zone " + taskZone);
                dropped += skip ? 1 : 0;
            }
            pairs++;
        }
        assertEquals(rules.size(), pairs, "one pair of rows per rule");
        assertEquals(rules.size(), dropped);
    }

    /** The rules the task's instance references, read by the task config reader from dm-task.yaml. */
    List<ExpressionFilterRule> rules() {
        TaskConfig task = TaskConfig.parse(suite().read(suite().taskFile()), suite().taskFile());
        List<ExpressionFilterRule> out = new ArrayList<>();
        for (String name : suite().ruleNames()) {
            ExpressionFilterRule r = task.expressionFilters().get(name);
            assertEquals(name, r.name(), "the rule keeps its name for error messages");
            out.add(r);
        }
        assertTrue(out.size() >= 10, "the case has rules: " + out);
        return out;
    }

    /** t1 as the tracker reads the prepare SQL's CREATE TABLE on MariaDB. */
    TableSchema t1() {
        String create = suite().statements(suite().prepareFile()).stream()
                .filter(s -> s.toLowerCase().startsWith("create table")).findFirst().orElseThrow();
        TableSchema s = new CreateTableParser(ServerDefaults.mariadb()).parse(t1Id(), create);
        assertTrue(s.indexOf("should_skip") > 0 && s.columns().size() > 5, "t1 of " + suite().dir());
        return s;
    }

    /** Column name to SQL literal text (strings unquoted, bit literals as b'..', NULL as null) per inserted row. */
    private static List<Map<String, String>> insertedRows(String insert) {
        List<SqlToken> tokens = SqlLexer.tokenize(insert);
        int i = 0;
        while (!tokens.get(i).isSymbol("(")) {
            i++;
        }
        List<String> columns = new ArrayList<>();
        for (i++; !tokens.get(i).isSymbol(")"); i++) {
            if (tokens.get(i).isName()) {
                columns.add(tokens.get(i).value());
            }
        }
        List<Map<String, String>> rows = new ArrayList<>();
        java.util.LinkedHashMap<String, String> row = null;
        for (i++; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.isSymbol("(")) {
                row = new java.util.LinkedHashMap<>();
            } else if (t.isSymbol(")")) {
                rows.add(row);
            } else if (row != null && t.isSymbol("-")) {
                row.put(columns.get(row.size()), "-" + tokens.get(++i).value()); // a negative number
            } else if (row != null && !t.isSymbol(",")) {
                String value = t.is("NULL") ? null : t.kind() == SqlToken.Kind.HEX_BIT ? t.text() : t.value();
                row.put(columns.get(row.size()), value);
            }
        }
        return rows;
    }

    /** The row as the decoder hands it over: typed values in column order, TIMESTAMP text in the task zone. */
    private static Object[] decodedRow(TableSchema t, Map<String, String> literal, ZoneId session, ZoneId task) {
        Object[] row = new Object[t.columns().size()];
        literal.forEach((name, text) -> {
            int i = t.indexOf(name);
            row[i] = text == null ? null : decoded(t.columns().get(i), text, session, task);
        });
        row[0] = 1L; // AUTO_INCREMENT id
        return row;
    }

    private static Object decoded(ColumnDef c, String text, ZoneId session, ZoneId task) {
        return switch (c.dataType()) {
            case "tinyint", "smallint", "mediumint", "int", "bigint", "year" -> Long.parseLong(text);
            case "bit" -> bits(text, c.length());
            case "decimal" -> new BigDecimal(text).setScale(c.scale());
            case "float" -> Float.parseFloat(text);
            case "double" -> Double.parseDouble(text);
            case "timestamp" -> LocalDateTime.parse(text.replace(' ', 'T')).atZone(session).withZoneSameInstant(task)
                    .toLocalDateTime().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss."
                            + "S".repeat(c.fsp())));
            case "binary" -> Arrays.copyOf(text.getBytes(StandardCharsets.UTF_8), c.length());
            case "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> text.getBytes(StandardCharsets.UTF_8);
            default -> text; // text types, ENUM/SET labels, DATE/DATETIME/TIME already in literal form, JSON text
        };
    }

    private static byte[] bits(String literal, int bitLength) {
        long v = Long.parseLong(literal.substring(2, literal.length() - 1), 2);
        byte[] out = new byte[(bitLength + 7) / 8];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = (byte) v;
            v >>>= 8;
        }
        return out;
    }
}
