package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** The project's expression_filter case: prepare + increment SQL; downstream = upstream WHERE should_skip = 0. */
    @Test
    void theCorpusRulesDropEveryShouldSkipRow(TestDatabases dbs) throws Exception {
        assertSuiteReplicates(dbs, ExpressionFilterSuite.corpus(), "exprf");
    }

    /** Replays a case's SQL into a fresh schema standing in for the case's and checks what the sync unit kept. */
    static void assertSuiteReplicates(TestDatabases dbs, ExpressionFilterSuite suite, String schemaPrefix) throws Exception {
        BinlogPosition start = SyncFixture.masterPosition(dbs.upstream());
        String db = dbs.freshSchema(schemaPrefix);
        String rules = suite.expressionFilterSection().replace("\"" + suite.schema() + "\"", "\"" + db + "\"");
        List<String> ruleNames = suite.ruleNames();
        SyncFixture f = fixture(dbs, db, start, rules, ruleNames, "+04:00");
        List<String> sql = new ArrayList<>();
        sql.add("USE `" + db + "`");
        for (String file : List.of(suite.prepareFile(), suite.incrementFile())) {
            for (String s : suite.statements(file)) {
                String lower = s.toLowerCase();
                if (lower.contains("database") || lower.startsWith("use ")) {
                    continue; // the fresh schema stands in for the case's
                }
                sql.add(s.replace(suite.schema(), db));
            }
        }
        dbs.execUp(sql.toArray(new String[0]));
        try (SyncFixture.Running r = f.start()) {
            SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
            List<List<String>> expected = dbs.queryUp("SELECT * FROM `" + db + "`.t1 WHERE should_skip = 0 ORDER BY id");
            List<List<String>> actual = dbs.queryDown("SELECT * FROM `" + db + "`.t1 ORDER BY id");
            assertTrue(expected.size() >= ruleNames.size(), "at least one kept row per rule: " + expected.size());
            assertEquals(expected, actual);
            assertEquals(List.of(List.of(String.valueOf(ruleNames.size()))),
                    dbs.queryUp("SELECT COUNT(*) FROM `" + db + "`.t1 WHERE should_skip = 1"),
                    "upstream has the dropped row of every pair");
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
