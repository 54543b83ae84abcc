package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.sync.expr.ExpressionFilterSuite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sync unit drops the rows expression-filter rules match, over the real upstream binlog. */
@ExtendWith(DatabasesExtension.class)
class ExpressionFilterIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static SyncFixture fixture(TestDatabases dbs, String db, BinlogPosition start, String rulesYaml,
                                       List<String> ruleNames, String timezone) {
        String refs = ruleNames.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", ", "[", "]"));
        return new SyncFixture(dbs, db, "binlog-name: \"" + start.file() + "\"\nbinlog-pos: " + start.pos(), false, null,
                "timezone: \"" + timezone + "\"\n" + rulesYaml, "expression-filters: " + refs);
    }

    /** DM's expression_filter case: prepare + increment SQL; downstream must equal upstream WHERE should_skip = 0. */
    @Test
    void theSuitesRulesDropEveryShouldSkipRow(TestDatabases dbs) throws Exception {
        BinlogPosition start = SyncFixture.masterPosition(dbs.upstream());
        String db = dbs.freshSchema("exprf");
        String rules = ExpressionFilterSuite.expressionFilterSection()
                .replace("\"" + ExpressionFilterSuite.SCHEMA + "\"", "\"" + db + "\"");
        SyncFixture f = fixture(dbs, db, start, rules, ExpressionFilterSuite.ruleNames(), "+04:00");
        List<String> sql = new ArrayList<>();
        sql.add("USE `" + db + "`");
        for (String file : List.of("db1.prepare.sql", "db1.increment.sql")) {
            for (String s : ExpressionFilterSuite.statements(file)) {
                String lower = s.toLowerCase();
                if (lower.contains("database") || lower.startsWith("use ")) {
                    continue; // the fresh schema stands in for expr_filter
                }
                sql.add(s.replace(ExpressionFilterSuite.SCHEMA, db));
            }
        }
        dbs.execUp(sql.toArray(new String[0]));
        try (SyncFixture.Running r = f.start()) {
            SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
            List<List<String>> expected = dbs.queryUp("SELECT * FROM `" + db + "`.t1 WHERE should_skip = 0 ORDER BY id");
            List<List<String>> actual = dbs.queryDown("SELECT * FROM `" + db + "`.t1 ORDER BY id");
            assertEquals(30, expected.size(), "one kept row per rule");
            assertEquals(expected, actual);
            assertEquals(List.of(List.of("60")), dbs.queryUp("SELECT COUNT(*) FROM `" + db + "`.t1"),
                    "upstream has both rows of every pair");
        }
    }

    /** UPDATE rules (old AND new image, a missing side is TRUE) and DELETE rules. */
    @Test
    void updateAndDeleteRules(TestDatabases dbs) throws Exception {
        BinlogPosition start = SyncFixture.masterPosition(dbs.upstream());
        String db = dbs.freshSchema("exprf_ud");
        String rules = """
                expression-filter:
                  keep_big_prices:
                    schema: "%1$s"
                    table: "t"
                    update-old-value-expr: "price < 100"
                    update-new-value-expr: "price >= 100"
                  frozen_names:
                    schema: "%1$s"
                    table: "t"
                    update-new-value-expr: "name LIKE 'frozen%%'"
                  no_vip_delete:
                    schema: "%1$s"
                    table: "T"
                    delete-value-expr: "json_extract(attrs, '$.vip') = true OR attrs->>'$.tier' = 'gold'"
                """.formatted(db);
        SyncFixture f = fixture(dbs, db, start, rules, List.of("keep_big_prices", "frozen_names", "no_vip_delete"), "UTC");
        dbs.execUp("CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(8,2), attrs JSON)",
                "INSERT INTO `" + db + "`.t VALUES (1, 'a', 10, '{\"tier\": \"gold\"}'), (2, 'b', 20, '{}'),"
                        + " (3, 'c', 30, '{\"tier\": \"silver\"}'), (4, 'd', 40, NULL)",
                "UPDATE `" + db + "`.t SET price = 150 WHERE id = 1",    // dropped: 10 -> 150
                "UPDATE `" + db + "`.t SET price = 50 WHERE id = 2",     // kept
                "UPDATE `" + db + "`.t SET name = 'frozen c' WHERE id = 3", // dropped by frozen_names
                "DELETE FROM `" + db + "`.t WHERE id IN (1, 4)");        // 1 is gold: kept; 4 deleted
        try (SyncFixture.Running r = f.start()) {
            SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
            assertEquals(List.of(List.of("1", "a", "10.00"), List.of("2", "b", "50.00"), List.of("3", "c", "30.00")),
                    dbs.queryDown("SELECT id, name, price FROM `" + db + "`.t ORDER BY id"));
        }
    }
}
