package io.dm4j.worker.sync.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.ExprErrors;
import io.dm4j.common.filter.ExpressionFilterRule;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.schema.CreateTableParser;
import io.dm4j.worker.schema.ServerDefaults;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.model.RowChange;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule semantics of {@link ExpressionFilter}: which changes each kind of rule drops, and its errors. */
class ExpressionFilterTest {
    private static final TableId T = new TableId("db", "t");
    private static final TableSchema SCHEMA = schema(T, "CREATE TABLE t (id INT PRIMARY KEY, a INT, s VARCHAR(10))");

    private static TableSchema schema(TableId id, String sql) {
        return new CreateTableParser(ServerDefaults.mysql8()).parse(id, sql);
    }

    private static ExpressionFilterRule insert(String name, String expr) {
        return new ExpressionFilterRule(name, "db", "t", expr, null, null, null);
    }

    private static ExpressionFilter filter(ExpressionFilterRule... rules) {
        return ExpressionFilter.of(List.of(rules), false, ZoneOffset.UTC);
    }

    private static Object[] row(Object id, Object a, Object s) {
        return new Object[] {id, a, s};
    }

    private static RowChange ins(Object[] after) {
        return RowChange.insert(T, T, SCHEMA, after);
    }

    private static RowChange upd(Object[] before, Object[] after) {
        return RowChange.update(T, T, SCHEMA, before, after);
    }

    private static RowChange del(Object[] before) {
        return RowChange.delete(T, T, SCHEMA, before);
    }

    @Test
    void insertRulesDropRowsWhereTheExpressionIsTrueOnly() {
        ExpressionFilter f = filter(insert("big", "a > 10"));
        assertTrue(f.skip(ins(row(1L, 11L, "x"))));
        assertFalse(f.skip(ins(row(2L, 10L, "x"))), "FALSE keeps the row");
        assertFalse(f.skip(ins(row(3L, null, "x"))), "NULL keeps the row");
        assertFalse(f.skip(upd(row(1L, 11L, "x"), row(1L, 12L, "x"))), "an insert rule does not touch updates");
        assertFalse(f.skip(del(row(1L, 11L, "x"))), "an insert rule does not touch deletes");
    }

    @Test
    void updateRulesAndTheOldAndNewExpressionsAMissingOneCountsAsTrue() {
        ExpressionFilter both = filter(new ExpressionFilterRule("u", "db", "t", null, "a < 100", "a >= 100", null));
        assertTrue(both.skip(upd(row(1L, 50L, "x"), row(1L, 150L, "x"))));
        assertFalse(both.skip(upd(row(1L, 150L, "x"), row(1L, 160L, "x"))), "old image fails");
        assertFalse(both.skip(upd(row(1L, 50L, "x"), row(1L, 60L, "x"))), "new image fails");
        assertFalse(both.skip(ins(row(1L, 150L, "x"))));

        ExpressionFilter onlyNew = filter(new ExpressionFilterRule("n", "db", "t", null, null, "s = 'a'", null));
        assertTrue(onlyNew.skip(upd(row(1L, 1L, "zz"), row(1L, 1L, "A"))));
        assertFalse(onlyNew.skip(upd(row(1L, 1L, "a"), row(1L, 1L, "b"))));

        ExpressionFilter onlyOld = filter(new ExpressionFilterRule("o", "db", "t", null, "s = 'a'", null, null));
        assertTrue(onlyOld.skip(upd(row(1L, 1L, "a"), row(1L, 1L, "b"))));
        assertFalse(onlyOld.skip(upd(row(1L, 1L, "b"), row(1L, 1L, "a"))));
    }

    @Test
    void deleteRulesLookAtTheDeletedRow() {
        ExpressionFilter f = filter(new ExpressionFilterRule("d", "db", "t", null, null, null, "id IN (1, 3)"));
        assertTrue(f.skip(del(row(1L, null, null))));
        assertFalse(f.skip(del(row(2L, null, null))));
        assertFalse(f.skip(ins(row(1L, null, null))));
    }

    @Test
    void anyMatchingRuleDropsAndOtherTablesAreUntouched() {
        ExpressionFilter f = filter(insert("r1", "a = 1"), insert("r2", "s = 'x'"),
                new ExpressionFilterRule("other", "db", "t2", "1 = 1", null, null, null));
        assertTrue(f.skip(ins(row(1L, 1L, "y"))));
        assertTrue(f.skip(ins(row(2L, 2L, "x"))));
        assertFalse(f.skip(ins(row(3L, 2L, "y"))));
        TableId t3 = new TableId("db", "t3");
        TableSchema s3 = schema(t3, "CREATE TABLE t3 (id INT PRIMARY KEY, unrelated INT)");
        assertFalse(f.skip(RowChange.insert(t3, t3, s3, new Object[] {1L, 1L})), "rules of t do not bind to t3");
    }

    @Test
    void tableNamesMatchCaseInsensitivelyUnlessCaseSensitive() {
        ExpressionFilterRule upper = new ExpressionFilterRule("u", "DB", "T", "a = 1", null, null, null);
        assertTrue(ExpressionFilter.of(List.of(upper), false, ZoneOffset.UTC).skip(ins(row(1L, 1L, null))));
        assertFalse(ExpressionFilter.of(List.of(upper), true, ZoneOffset.UTC).skip(ins(row(1L, 1L, null))));
    }

    @Test
    void noRulesKeepEverything() {
        assertTrue(ExpressionFilter.of(List.of(), false, ZoneOffset.UTC).isEmpty());
        assertFalse(ExpressionFilter.none().skip(ins(row(1L, 1L, "x"))));
    }

    @Test
    void syntaxErrorsStopTheFilterFromBeingBuilt() {
        DmException e = assertThrows(DmException.class, () -> filter(insert("broken", "a >")));
        assertEquals(ExprErrors.PARSE, e.code());
        assertTrue(e.getMessage().contains("broken") && e.getMessage().contains("insert-value-expr")
                && e.getMessage().contains("a >"), e.getMessage());
    }

    @Test
    void unknownColumnsNameTheRuleTheColumnAndTheTablesColumns() {
        ExpressionFilter f = filter(insert("typo", "c_intt > 1"));
        DmException e = assertThrows(DmException.class, () -> f.skip(ins(row(1L, 1L, "x"))));
        assertEquals(ExprErrors.UNKNOWN_COLUMN, e.code());
        String m = e.getMessage();
        assertTrue(m.contains("typo") && m.contains("c_intt") && m.contains("db") && m.contains("t")
                && m.contains("id, a, s"), m);
    }

    @Test
    void unsupportedFunctionsAndInvalidLiteralsFailWhenBound() {
        DmException fn = assertThrows(DmException.class, () -> filter(insert("fn", "now() > 1")).skip(ins(row(1L, 1L, "x"))));
        assertEquals(ExprErrors.UNSUPPORTED_FUNCTION, fn.code());
        assertTrue(fn.getMessage().contains("now") && fn.getMessage().contains("json_extract"), fn.getMessage());
        TableSchema dates = schema(T, "CREATE TABLE t (id INT PRIMARY KEY, d DATE)");
        DmException lit = assertThrows(DmException.class, () -> filter(insert("lit", "d = '2021-02-30'"))
                .skip(RowChange.insert(T, T, dates, new Object[] {1L, "2021-01-01"})));
        assertEquals(ExprErrors.INVALID, lit.code());
        assertTrue(lit.getMessage().contains("2021-02-30"), lit.getMessage());
    }

    @Test
    void evaluationErrorsNameTheRuleAndTable() {
        TableSchema unsigned = schema(T, "CREATE TABLE t (id INT PRIMARY KEY, u INT UNSIGNED)");
        ExpressionFilter f = filter(insert("minus", "u - 10 > 0"));
        assertTrue(f.skip(RowChange.insert(T, T, unsigned, new Object[] {1L, 20L})));
        DmException e = assertThrows(DmException.class,
                () -> f.skip(RowChange.insert(T, T, unsigned, new Object[] {2L, 5L})));
        assertEquals(ExprErrors.EVALUATE, e.code());
        assertTrue(e.getMessage().contains("minus") && e.getMessage().contains("out of range"), e.getMessage());
    }

    @Test
    void aStructureChangeRebindsTheRules() {
        ExpressionFilter f = filter(insert("late", "b = 1"));
        assertThrows(DmException.class, () -> f.skip(ins(row(1L, 1L, "x"))), "b does not exist yet");
        TableSchema altered = schema(T, "CREATE TABLE t (id INT PRIMARY KEY, a INT, s VARCHAR(10), b INT)");
        assertTrue(f.skip(RowChange.insert(T, T, altered, new Object[] {1L, 1L, "x", 1L})));
        assertFalse(f.skip(RowChange.insert(T, T, altered, new Object[] {1L, 1L, "x", 2L})));
        TableSchema retyped = schema(T, "CREATE TABLE t (id INT PRIMARY KEY, a INT, s VARCHAR(10), b VARCHAR(5))");
        assertTrue(f.skip(RowChange.insert(T, T, retyped, new Object[] {1L, 1L, "x", "1.0"})),
                "the new type's comparison rules apply: '1.0' = 1 numerically");
    }
}
