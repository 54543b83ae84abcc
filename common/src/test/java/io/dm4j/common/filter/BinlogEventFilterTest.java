package io.dm4j.common.filter;

import static io.dm4j.common.filter.FilterAction.DO;
import static io.dm4j.common.filter.FilterAction.ERROR;
import static io.dm4j.common.filter.FilterAction.IGNORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.FilterErrors;
import io.dm4j.common.model.TableId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinlogEventFilterTest {

    private static BinlogEventRule rule(String schema, String table, List<String> events, List<String> sql,
                                        FilterAction action) {
        return new BinlogEventRule(schema, table, events, sql, action);
    }

    private static BinlogEventFilter filter(boolean caseSensitive, Object... nameRulePairs) {
        Map<String, BinlogEventRule> rules = new LinkedHashMap<>();
        for (int i = 0; i < nameRulePairs.length; i += 2) {
            rules.put((String) nameRulePairs[i], (BinlogEventRule) nameRulePairs[i + 1]);
        }
        return BinlogEventFilter.create(rules, caseSensitive);
    }

    private static TableId t(String schema, String table) {
        return new TableId(schema, table);
    }

    /** Documented "filter all sharding deletion operations". */
    @Test
    void filterAllShardingDeletions() {
        BinlogEventFilter f = filter(false,
                "filter-table-rule", rule("test_*", "t_*", List.of("truncate table", "drop table", "delete"), null, IGNORE),
                "filter-schema-rule", rule("test_*", "", List.of("drop database"), null, IGNORE));
        TableId table = t("test_1", "t_1");
        assertEquals(IGNORE, f.decide(table, EventType.DELETE, null));
        assertEquals(IGNORE, f.decide(table, EventType.TRUNCATE_TABLE, "TRUNCATE TABLE t_1"));
        assertEquals(IGNORE, f.decide(table, EventType.DROP_TABLE, "DROP TABLE t_1"));
        assertEquals(DO, f.decide(table, EventType.INSERT, null));
        assertEquals(DO, f.decide(table, EventType.UPDATE, ""));
        assertEquals(DO, f.decide(table, EventType.CREATE_TABLE, "CREATE TABLE t_1 (id INT)"));
        assertEquals(IGNORE, f.decide(TableId.schemaOnly("test_1"), EventType.DROP_DATABASE, "DROP DATABASE test_1"));
        assertEquals(DO, f.decide(TableId.schemaOnly("test_1"), EventType.CREATE_DATABASE, "CREATE DATABASE test_1"));
        assertEquals(DO, f.decide(t("prod", "t_1"), EventType.DELETE, null), "no rule applies");
    }

    /**
     * Documented "only migrate sharding DML statements". DM evaluates the schema-level rule for tables of the
     * schema too, and as a Do rule without the table's event it ignores it: with DM's code (which we follow) the
     * DML of test_*.t_* is ignored, contrary to what the documentation's prose promises.
     */
    @Test
    void onlyMigrateShardingDmlFollowsDmCode() {
        BinlogEventFilter f = filter(false,
                "do-table-rule", rule("test_*", "t_*", List.of("create table", "all dml"), null, DO),
                "do-schema-rule", rule("test_*", "", List.of("create database"), null, DO));
        assertEquals(DO, f.decide(TableId.schemaOnly("test_1"), EventType.CREATE_DATABASE, "CREATE DATABASE test_1"));
        assertEquals(IGNORE, f.decide(TableId.schemaOnly("test_1"), EventType.DROP_DATABASE, "DROP DATABASE test_1"));
        assertEquals(IGNORE, f.decide(t("test_1", "t_1"), EventType.INSERT, null));
        assertEquals(IGNORE, f.decide(t("test_1", "t_1"), EventType.DROP_TABLE, null));

        // the table rule alone does what the documentation describes
        BinlogEventFilter tableOnly = filter(false,
                "do-table-rule", rule("test_*", "t_*", List.of("create table", "all dml"), null, DO));
        assertEquals(DO, tableOnly.decide(t("test_1", "t_1"), EventType.INSERT, null));
        assertEquals(DO, tableOnly.decide(t("test_1", "t_1"), EventType.CREATE_TABLE, "CREATE TABLE t_1 (a INT)"));
        assertEquals(IGNORE, tableOnly.decide(t("test_1", "t_1"), EventType.DROP_TABLE, "DROP TABLE t_1"));
        assertEquals(IGNORE, tableOnly.decide(t("test_1", "t_1"), EventType.ALTER_TABLE, "ALTER TABLE t_1 ADD c INT"));
    }

    /** Documented "filter out the SQL statements that TiDB does not support" (PROCEDURE statements). */
    @Test
    void filterProcedureStatements() {
        BinlogEventFilter f = filter(false, "filter-procedure-rule",
                rule("test_*", "t_*", null, List.of("^DROP\\s+PROCEDURE", "^CREATE\\s+PROCEDURE"), IGNORE));
        TableId table = t("test_1", "t_1");
        assertEquals(IGNORE, f.decide(table, null, "DROP PROCEDURE p1"));
        assertEquals(IGNORE, f.decide(table, null, "create   procedure p1() BEGIN END"));
        assertEquals(DO, f.decide(table, null, "CREATE FUNCTION f1() RETURNS INT RETURN 1"));
        assertEquals(DO, f.decide(table, EventType.INSERT, null));
    }

    /** Documented "filter out statements the parser does not support": a global rule with schema-pattern "*". */
    @Test
    void globalRuleForUnparsableStatements() {
        BinlogEventFilter f = filter(false, "filter-partition-rule", rule("*", "",
                null, List.of("ALTER\\s+TABLE[\\s\\S]*ADD\\s+PARTITION", "ALTER\\s+TABLE[\\s\\S]*DROP\\s+PARTITION"),
                IGNORE));
        assertEquals(IGNORE, f.decideStatement("ALTER TABLE t1 ADD PARTITION (PARTITION p3 VALUES LESS THAN (30))"));
        assertEquals(IGNORE, f.decideStatement("alter table t1\n drop partition p0"));
        assertEquals(DO, f.decideStatement("ALTER TABLE t1 ADD COLUMN c INT"));
        assertEquals(IGNORE, f.decide(t("db", "tbl"), null, "ALTER TABLE tbl DROP PARTITION p1"));
        // a table-level global rule applies to every name, also schema-level and empty ones
        BinlogEventFilter tableLevel = filter(false, "g", rule("*", "*", null, List.of("^FLUSH"), IGNORE));
        assertEquals(IGNORE, tableLevel.decide(t("db", "tbl"), null, "FLUSH ENGINE LOGS"));
        assertEquals(IGNORE, tableLevel.decide(TableId.schemaOnly("db"), null, "FLUSH ENGINE LOGS"));
        assertEquals(IGNORE, tableLevel.decide(t("", "tbl"), null, "FLUSH ENGINE LOGS"));
        assertEquals(IGNORE, tableLevel.decideStatement("flush engine logs"));
    }

    /** Documented "report errors on some DDL statements". */
    @Test
    void errorAction() {
        BinlogEventFilter f = filter(false, "filter-procedure-rule",
                rule("test_*", "t_*", List.of("truncate table", "truncate table partition"), null, ERROR));
        assertEquals(ERROR, f.decide(t("test_1", "t_1"), EventType.TRUNCATE_TABLE, "TRUNCATE TABLE t_1"));
        assertEquals(ERROR, f.decide(t("test_1", "t_1"), EventType.TRUNCATE_TABLE_PARTITION, "ALTER TABLE t_1 TRUNCATE PARTITION p0"));
        assertEquals(DO, f.decide(t("test_1", "t_1"), EventType.DROP_TABLE, "DROP TABLE t_1"));
    }

    @Test
    void ignoreWinsOverErrorWhichWinsOverDo() {
        BinlogEventFilter f = filter(false,
                "err", rule("db", "*", List.of("all ddl"), null, ERROR),
                "ign", rule("db", "t*", List.of("drop table"), null, IGNORE),
                "do", rule("db", "", List.of("all"), null, DO));
        assertEquals(IGNORE, f.decide(t("db", "t1"), EventType.DROP_TABLE, "DROP TABLE t1"));
        assertEquals(ERROR, f.decide(t("db", "t1"), EventType.CREATE_TABLE, "CREATE TABLE t1 (a INT)"));
        assertEquals(DO, f.decide(t("db", "t1"), EventType.INSERT, null));
    }

    /** Cases modelled on DM's own filter tests (case-insensitive, several rules per table). */
    @Test
    void dmFilterCases() {
        BinlogEventFilter f = filter(false,
                "r1", rule("Test_1_*", "abc*", List.of("delete", "insert", "create index", "drop index", "drop view"),
                        List.of("^DROP\\s+PROCEDURE", "^CREATE\\s+PROCEDURE"), IGNORE),
                "r2", rule("xxx_*", "abc_*", List.of("all dml", "none ddl"), null, IGNORE),
                "r3", rule("yyy_*", "abc_*", List.of("ALL DML"), null, DO));
        assertEquals(IGNORE, f.decide(t("test_1_a", "abc1"), EventType.DELETE, null));
        assertEquals(IGNORE, f.decide(t("test_1_a", "abc1"), EventType.INSERT, null));
        assertEquals(DO, f.decide(t("test_1_a", "abc1"), EventType.UPDATE, null));
        assertEquals(IGNORE, f.decide(t("test_1_a", "abc1"), EventType.CREATE_INDEX, null));
        assertEquals(DO, f.decide(t("test_1_a", "abc1"), EventType.RENAME_TABLE, null));
        assertEquals(IGNORE, f.decide(t("test_1_a", "abc1"), null, "drop procedure abc"));
        assertEquals(IGNORE, f.decide(t("test_1_a", "abc1"), null, "create procedure abc"));
        assertEquals(DO, f.decide(t("test_1_a", "abc1"), null, "create function abc"));
        assertEquals(DO, f.decide(t("xxx_1", "abc_1"), null, "create function abc"));
        assertEquals(IGNORE, f.decide(t("xxx_1", "abc_1"), EventType.INSERT, null));
        assertEquals(DO, f.decide(t("xxx_1", "abc_1"), EventType.CREATE_INDEX, null));
        assertEquals(DO, f.decide(t("yyy_1", "abc_1"), EventType.INSERT, null));
        assertEquals(IGNORE, f.decide(t("yyy_1", "abc_1"), EventType.CREATE_INDEX, null));
        assertEquals(IGNORE, f.decide(t("test_1_a", "abc1"), EventType.DROP_VIEW, null));
        assertEquals(DO, f.decide(TableId.schemaOnly("xxx_a"), EventType.INSERT, null), "table rule, empty table");

        // adding a Do rule for the same tables: events it does not list become Ignore
        BinlogEventFilter more = filter(false,
                "r1", rule("Test_1_*", "abc*", null, List.of("^DROP\\s+PROCEDURE", "^CREATE\\s+PROCEDURE"), IGNORE),
                "r4", rule("test_*", "ab*", List.of("insert", "all ddl"), List.of("^DROP\\s+PROCEDURE"), DO));
        assertEquals(IGNORE, more.decide(t("test_1_a", "abc1"), EventType.DELETE, null));
        assertEquals(IGNORE, more.decide(t("test_1_a", "abc1"), EventType.UPDATE, null));
        assertEquals(DO, more.decide(t("test_1_a", "abc1"), EventType.INSERT, null));
        assertEquals(DO, more.decide(t("test_1_a", "abc1"), EventType.RENAME_TABLE, null));
        // with its text the same DDL also meets r4's sql-pattern, which it does not match: a Do rule ignores it
        assertEquals(IGNORE, more.decide(t("test_1_a", "abc1"), EventType.RENAME_TABLE, "RENAME TABLE abc1 TO abc2"));
        assertEquals(IGNORE, more.decide(t("test_1_a", "abc1"), null, "create function abc"));
        assertEquals(IGNORE, more.decide(t("test_1_a", "abc1"), null, "drop procedure abc"));
    }

    @Test
    void eventGroupsAreScannedInOrder() {
        TableId table = t("db", "t");
        assertEquals(DO, filter(true, "r", rule("db", "t", List.of("none", "insert"), null, IGNORE))
                .decide(table, EventType.INSERT, null), "none comes first: nothing listed");
        assertEquals(IGNORE, filter(true, "r", rule("db", "t", List.of("insert", "none"), null, IGNORE))
                .decide(table, EventType.INSERT, null));
        assertEquals(IGNORE, filter(true, "r", rule("db", "t", List.of("none dml", "all ddl"), null, IGNORE))
                .decide(table, EventType.DROP_COLUMN, null));
        assertEquals(DO, filter(true, "r", rule("db", "t", List.of("none dml", "all ddl"), null, IGNORE))
                .decide(table, EventType.DELETE, null));
        BinlogEventFilter incompatible = filter(true, "r",
                rule("db", "t", List.of("incompatible ddl changes"), null, IGNORE));
        assertEquals(IGNORE, incompatible.decide(table, EventType.DROP_COLUMN, null));
        assertEquals(IGNORE, incompatible.decide(table, EventType.TRUNCATE_TABLE, null));
        assertEquals(IGNORE, incompatible.decide(table, EventType.ADD_COLUMN, null));
        assertEquals(DO, incompatible.decide(table, EventType.CREATE_TABLE, null));
        assertEquals(DO, incompatible.decide(table, EventType.ALTER_TABLE, null));
        assertEquals(DO, incompatible.decide(table, EventType.INSERT, null));
        BinlogEventFilter alter = filter(true, "r", rule("db", "t", List.of("alter table"), null, IGNORE));
        assertEquals(DO, alter.decide(table, EventType.DROP_COLUMN, null), "finer ALTER types are not 'alter table'");
    }

    @Test
    void caseSensitivity() {
        BinlogEventRule r = rule("Shop", "Orders", List.of("delete"), null, IGNORE);
        BinlogEventFilter insensitive = filter(false, "r", r);
        assertEquals(IGNORE, insensitive.decide(t("SHOP", "orders"), EventType.DELETE, null));
        BinlogEventFilter sensitive = filter(true, "r", r);
        assertEquals(DO, sensitive.decide(t("SHOP", "orders"), EventType.DELETE, null));
        assertEquals(IGNORE, sensitive.decide(t("Shop", "Orders"), EventType.DELETE, null));
        // sql-pattern always matches case-insensitively, as in DM
        BinlogEventFilter sql = filter(true, "r", rule("*", "", null, List.of("^drop\\s+table"), IGNORE));
        assertEquals(IGNORE, sql.decide(t("a", "b"), EventType.DROP_TABLE, "DROP TABLE b"));
    }

    @Test
    void eventNamesParseWithAliasesAndListAllowedNamesOnError() {
        assertEquals(EventType.CREATE_DATABASE, EventType.parse("create schema"));
        assertEquals(EventType.DROP_DATABASE, EventType.parse("Drop Schema"));
        assertEquals(EventType.ALTER_DATABASE, EventType.parse("alter schema"));
        assertEquals(EventType.ALL_DML, EventType.parse(" ALL DML "));
        assertEquals(EventType.EXCHANGE_TABLE_PARTITION, EventType.parse("exchange table partition"));
        assertEquals(EventType.values().length + 3, EventType.allowedNames().size());
        for (EventType type : EventType.values()) {
            assertEquals(type, EventType.parse(type.label().toUpperCase(java.util.Locale.ROOT)));
        }
        DmException e = assertThrows(DmException.class, () -> EventType.parse("insrt"));
        assertEquals(FilterErrors.UNKNOWN_EVENT_TYPE, e.code());
        assertTrue(e.detail().contains("'insrt'") && e.detail().contains("truncate table")
                && e.detail().contains("create schema"), e.detail());
        DmException inRule = assertThrows(DmException.class,
                () -> filter(true, "my-rule", rule("db", "", List.of("deletes"), null, IGNORE)));
        assertTrue(inRule.detail().contains("'my-rule'"), inRule.detail());
        assertTrue(EventType.DROP_COLUMN.isDdl() && !EventType.DROP_COLUMN.isDml());
        assertTrue(EventType.INSERT.isDml());
        assertEquals(EventType.Category.GROUP, EventType.ALL.category());
    }

    @Test
    void invalidRulesAreRejected() {
        assertEquals(FilterErrors.INVALID_EVENT_FILTER_RULE, assertThrows(DmException.class,
                () -> filter(true, "r", rule("", "t", List.of("insert"), null, IGNORE))).code());
        DmException noAction = assertThrows(DmException.class,
                () -> filter(true, "r", rule("db", "t", List.of("insert"), null, null)));
        assertTrue(noAction.detail().contains("Do, Ignore, Error"), noAction.detail());
        DmException badSql = assertThrows(DmException.class,
                () -> filter(true, "r", rule("db", "t", null, List.of("^ok", "(bad"), IGNORE)));
        assertEquals(FilterErrors.INVALID_EVENT_FILTER_RULE, badSql.code());
        assertTrue(badSql.detail().contains("'(bad'"), badSql.detail());
        assertEquals(FilterErrors.INVALID_PATTERN, assertThrows(DmException.class,
                () -> filter(true, "r", rule("d*b", "", List.of("insert"), null, IGNORE))).code());
        assertThrows(IllegalArgumentException.class,
                () -> filter(true).decide(t("a", "b"), EventType.ALL_DML, null));
    }

    @Test
    void blankEventNamesAreAcceptedAndMatchNothing() {
        BinlogEventFilter f = filter(true, "r", rule("db", "t", List.of("", "insert"), null, IGNORE));
        assertEquals(IGNORE, f.decide(t("db", "t"), EventType.INSERT, null));
        assertEquals(DO, f.decide(t("db", "t"), EventType.DELETE, null));
    }

    @Test
    void matchingRulesAreCachedPerTable() {
        BinlogEventFilter f = BinlogEventFilter.create(
                List.of(rule("db", "t*", List.of("delete"), null, IGNORE)), false);
        for (int i = 0; i < 5; i++) {
            f.decide(t("db", "t1"), EventType.DELETE, null);
            f.decide(t("db", "t1"), EventType.INSERT, null);
        }
        assertEquals(1, f.computations());
        f.decide(t("db", "t2"), EventType.INSERT, null);
        assertEquals(2, f.computations());
        assertEquals(DO, BinlogEventFilter.create(List.of(), false).decide(t("x", "y"), EventType.DELETE, null));
    }
}
