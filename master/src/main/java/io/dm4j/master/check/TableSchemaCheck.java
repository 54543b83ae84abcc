package io.dm4j.master.check;

import io.dm4j.common.model.TableId;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code table_schema}: every selected table has a key that identifies a row (a warning otherwise: updates and
 * deletes then match on all columns, and safe mode cannot make replays idempotent), and every collation the tables
 * use exists downstream (a failure otherwise: their CREATE TABLE would be refused).
 */
final class TableSchemaCheck extends PerSourceItem {
    TableSchemaCheck() {
        super("table_schema", ALWAYS);
    }

    @Override
    void check(SourceUnderCheck s, CheckContext ctx, Findings out) throws SQLException {
        List<String> collations = ctx.target().query("SELECT COLLATION_NAME FROM information_schema.COLLATIONS").stream()
                .map(r -> r.get(0)).toList();
        judge(s.tables(), collations, s.db.label(), ctx.target().label(), out);
    }

    /** The findings for the selected {@code tables} of a source, given the collations the downstream has. */
    void judge(List<TableInfo> tables, List<String> downstreamCollations, String label, String targetLabel, Findings out) {
        List<TableId> keyless = tables.stream().filter(t -> t.identity().isEmpty()).map(TableInfo::id).toList();
        Set<String> downstream = downstreamCollations.stream().map(TableSchemaCheck::normalized).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>();
        for (TableInfo t : tables) {
            if (!t.collation().isEmpty() && !downstream.contains(normalized(t.collation()))) {
                missing.add(t.collation());
            }
            t.columns().stream().map(TableInfo.Column::collation)
                    .filter(c -> !c.isEmpty() && !downstream.contains(normalized(c))).forEach(missing::add);
        }
        if (!keyless.isEmpty()) {
            out.warn(name(), label, keyless.size() + " table(s) without primary key or NOT NULL unique key: " + Items.some(keyless),
                    "Add a primary key to each; without one, updates and deletes match on all columns and replays after a"
                            + " restart may duplicate rows.");
        }
        if (!missing.isEmpty()) {
            out.fail(name(), label, "collation(s) " + Items.some(missing) + " used upstream do not exist in "
                            + targetLabel,
                    "Use a downstream server that has these collations, or convert the tables upstream (ALTER TABLE ..."
                            + " CONVERT TO CHARACTER SET ...).");
        }
        if (keyless.isEmpty() && missing.isEmpty()) {
            out.success(name(), label, tables.size() + " table(s) with keys and collations the downstream has");
        }
    }

    /** MySQL 8 and MariaDB 10.6+ say utf8mb3 where older servers say utf8. */
    private static String normalized(String collation) {
        String c = collation.toLowerCase(Locale.ROOT);
        return c.startsWith("utf8mb3_") ? "utf8_" + c.substring("utf8mb3_".length()) : c;
    }
}
