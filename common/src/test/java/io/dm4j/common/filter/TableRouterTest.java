package io.dm4j.common.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.FilterErrors;
import io.dm4j.common.model.TableId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableRouterTest {

    private static final RouteRule SHARD_TABLES = new RouteRule("test_*", "t_*", "test", "t");
    private static final RouteRule SHARD_SCHEMAS = new RouteRule("test_*", null, "test", null);

    private static TableRouter router(boolean caseSensitive, Object... nameRulePairs) {
        Map<String, RouteRule> rules = new LinkedHashMap<>();
        for (int i = 0; i < nameRulePairs.length; i += 2) {
            rules.put((String) nameRulePairs[i], (RouteRule) nameRulePairs[i + 1]);
        }
        return TableRouter.create(rules, caseSensitive);
    }

    private static TableId t(String schema, String table) {
        return new TableId(schema, table);
    }

    /** Documented "merge sharded schemas and tables": test_{1..4}.t_{1..4} into test.t, with a schema rule. */
    @Test
    void mergeShardedSchemasAndTables() {
        TableRouter r = router(false, "rule-1", SHARD_TABLES, "rule-2", SHARD_SCHEMAS);
        for (int s = 1; s <= 4; s++) {
            for (int tb = 1; tb <= 4; tb++) {
                assertEquals(t("test", "t"), r.route(t("test_" + s, "t_" + tb)));
            }
            assertEquals(TableId.schemaOnly("test"), r.route(TableId.schemaOnly("test_" + s)));
            // a table of the schema that matches no table rule follows the schema rule, keeping its name
            assertEquals(t("test", "other"), r.route(t("test_" + s, "other")));
        }
        assertEquals(t("prod", "t_1"), r.route(t("prod", "t_1")), "no rule: unchanged");
        assertEquals(TableId.schemaOnly("prod"), r.route(TableId.schemaOnly("prod")));
    }

    /** Documented "merge sharded schemas": only a schema rule, tables keep their names. */
    @Test
    void mergeShardedSchemas() {
        TableRouter r = router(false, "rule-1", SHARD_SCHEMAS);
        assertEquals(t("test", "t_1"), r.route(t("test_1", "t_1")));
        assertEquals(t("test", "t_3"), r.route(t("test_2", "t_3")));
    }

    /** Documented "extract table, schema and source information" example and its result rows. */
    @Test
    void extractTableSchemaAndSource() {
        RouteRule withExtract = new RouteRule("test_*", "t_*", "test", "t",
                new ExtractRule("t_(.*)", "c_table"), new ExtractRule("test_(.*)", "c_schema"),
                new ExtractRule("(.*)", "c_source"));
        TableRouter r = router(false, "rule-1", withExtract, "rule-2", SHARD_SCHEMAS);
        List<String> columns = List.of("c_table", "c_schema", "c_source");
        assertEquals(new ExtractedColumns(columns, List.of("1", "11", "mysql-01")), r.extract(t("test_11", "t_1"), "mysql-01"));
        assertEquals(new ExtractedColumns(columns, List.of("2", "11", "mysql-01")), r.extract(t("test_11", "t_2"), "mysql-01"));
        assertEquals(new ExtractedColumns(columns, List.of("1", "12", "mysql-01")), r.extract(t("test_12", "t_1"), "mysql-01"));
        assertEquals(new ExtractedColumns(columns, List.of("3", "13", "mysql-02")), r.extract(t("test_13", "t_3"), "mysql-02"));
        assertEquals(t("test", "t"), r.route(t("test_13", "t_3")));
        assertTrue(r.extract(t("test_13", "other"), "mysql-02").isEmpty(), "schema rule has no extractors");
        assertTrue(r.extract(t("prod", "x"), "mysql-02").isEmpty(), "no rule");
    }

    @Test
    void extractOrderSkipsAbsentExtractorsAndJoinsGroups() {
        RouteRule rule = new RouteRule("db_*", "tb_*", "db", "tb",
                null, new ExtractRule("db_(\\d+)_(\\w+)", "shard"), new ExtractRule("^src-(x)$", "src"));
        TableRouter r = router(true, "r", rule);
        assertEquals(new ExtractedColumns(List.of("shard", "src"), List.of("7eu", "")),
                r.extract(t("db_7_eu", "tb_1"), "mysql-01"));
        assertEquals(new ExtractedColumns(List.of("shard", "src"), List.of("1a", "x")),
                r.extract(t("db_1_a", "tb_1"), "src-x"));
    }

    /** Documented "incorrect table routing": a table matching two table-level rules is an error. */
    @Test
    void tableMatchingTwoTableRulesIsAnError() {
        TableRouter r = router(false, "rule-1", SHARD_TABLES,
                "rule-2", new RouteRule("test_1_bak", "t_1_bak", "test", "t_bak"));
        DmException e = assertThrows(DmException.class, () -> r.route(t("test_1_bak", "t_1_bak")));
        assertEquals(FilterErrors.ROUTE_AMBIGUOUS, e.code());
        assertTrue(e.detail().contains("'rule-1'") && e.detail().contains("'rule-2'"), e.detail());
        assertTrue(e.detail().contains("`test_1_bak`.`t_1_bak`"), e.detail());
        assertEquals(t("test", "t"), r.route(t("test_1", "t_1")));
        assertThrows(DmException.class, () -> r.extract(t("test_1_bak", "t_1_bak"), "s"));
    }

    @Test
    void schemaMatchingTwoSchemaRulesIsAnError() {
        TableRouter r = router(false, "a", new RouteRule("db*", "", "x", ""), "b", new RouteRule("db1", "", "y", ""));
        DmException e = assertThrows(DmException.class, () -> r.route(TableId.schemaOnly("db1")));
        assertTrue(e.detail().contains("schema-level"), e.detail());
        assertEquals(TableId.schemaOnly("x"), r.route(TableId.schemaOnly("db2")));
    }

    @Test
    void tableRulesWinOverSchemaRulesAndEmptyTargetTableKeepsName() {
        TableRouter r = router(true,
                "tables", new RouteRule("app", "orders_*", "dw", ""),
                "schema", new RouteRule("app", null, "app_copy", null));
        assertEquals(t("dw", "orders_2020"), r.route(t("app", "orders_2020")));
        assertEquals(t("app_copy", "users"), r.route(t("app", "users")));
        assertEquals(TableId.schemaOnly("app_copy"), r.route(TableId.schemaOnly("app")));
    }

    @Test
    void regexPatterns() {
        TableRouter r = router(true, "re", new RouteRule("~^shard_\\d+$", "~^t_\\d+$", "merged", "t"));
        assertEquals(t("merged", "t"), r.route(t("shard_12", "t_3")));
        assertEquals(t("shard_x", "t_3"), r.route(t("shard_x", "t_3")));
    }

    @Test
    void caseInsensitiveMatchingKeepsSpelling() {
        TableRouter r = router(false, "rule-1", SHARD_TABLES, "rule-2", new RouteRule("Test_*", null, "Merged", null));
        assertEquals(t("test", "t"), r.route(t("TEST_1", "T_1")));
        assertEquals(t("Merged", "Other"), r.route(t("Test_2", "Other")), "target as written, table as spelled");
    }

    @Test
    void caseSensitiveMatching() {
        TableRouter r = router(true, "rule-1", SHARD_TABLES);
        assertEquals(t("TEST_1", "T_1"), r.route(t("TEST_1", "T_1")));
        assertEquals(t("test", "t"), r.route(t("test_1", "t_1")));
    }

    @Test
    void invalidRulesAreRejected() {
        DmException noSchema = assertThrows(DmException.class, () -> router(true, "r", new RouteRule("", "t", "x", "")));
        assertEquals(FilterErrors.INVALID_ROUTE_RULE, noSchema.code());
        assertTrue(noSchema.detail().contains("'r'"), noSchema.detail());
        assertThrows(DmException.class, () -> router(true, "r", new RouteRule("db", "t", "", "")));
        DmException badPattern = assertThrows(DmException.class, () -> router(true, "r", new RouteRule("d*b", "t", "x", "")));
        assertEquals(FilterErrors.INVALID_PATTERN, badPattern.code());
        assertTrue(badPattern.detail().startsWith("route rule 'r'"), badPattern.detail());
        DmException badRegex = assertThrows(DmException.class, () -> router(true, "r",
                new RouteRule("db", "t", "x", "", new ExtractRule("(", "c"), null, null)));
        assertEquals(FilterErrors.INVALID_ROUTE_RULE, badRegex.code());
        assertThrows(DmException.class, () -> router(true, "r",
                new RouteRule("db", "t", "x", "", null, new ExtractRule("(.*)", ""), null)));
    }

    @Test
    void routesAreCached() {
        TableRouter r = TableRouter.create(List.of(SHARD_TABLES, SHARD_SCHEMAS), false);
        TableId first = r.route(t("test_1", "t_1"));
        assertSame(first, r.route(t("test_1", "t_1")));
        assertSame(first, r.route(new TableId("test_1", "t_1")));
        assertEquals(1, r.computations());
        r.route(t("test_2", "t_1"));
        assertEquals(2, r.computations());
        assertTrue(TableRouter.create(List.of(), false).isEmpty());
    }

    /** Go's (?U) makes quantifiers ungreedy (Java would read it as Unicode classes and take every digit). */
    @Test
    void extractRegexIsGoSyntax() {
        RouteRule rule = new RouteRule("test_*", "t_*", "test", "t", new ExtractRule("(?U)t_(\\d+)", "c_table"), null, null);
        TableRouter r = router(false, "rule-1", rule, "rule-2", SHARD_SCHEMAS);
        assertEquals(new ExtractedColumns(List.of("c_table"), List.of("1")), r.extract(t("test_11", "t_123"), "mysql-01"));
    }
}
