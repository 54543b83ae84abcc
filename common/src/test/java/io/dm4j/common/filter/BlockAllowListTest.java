package io.dm4j.common.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.FilterErrors;
import io.dm4j.common.model.TableId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlockAllowListTest {

    private static BlockAllowList list(List<String> doDbs, List<String> ignoreDbs, List<TableRef> doTables,
                                       List<TableRef> ignoreTables, boolean caseSensitive) {
        return BlockAllowList.create(new BlockAllowListRule(doDbs, ignoreDbs, doTables, ignoreTables),
                caseSensitive, "dm_meta");
    }

    private static TableId t(String schema, String table) {
        return new TableId(schema, table);
    }

    /** The usage example of DM's block-allow-list documentation (rule bw-rule) and its table of results. */
    @ParameterizedTest(name = "{0}.{1} kept={2}")
    @CsvSource(delimiter = '|', value = {
        "logs              | messages_2016 | false",
        "logs              | messages_2017 | false",
        "logs              | messages_2018 | false",
        "forum_backup_2016 | messages      | false",
        "forum_backup_2017 | messages      | false",
        "forum             | users         | false",
        "forum             | messages      | true",
        "forum_backup_2018 | messages      | true",
    })
    void documentedExample(String schema, String table, boolean kept) {
        BlockAllowList bw = list(
                List.of("forum_backup_2018", "forum"),
                List.of("~^forum_backup_"),
                List.of(new TableRef("logs", "~_2018$"), new TableRef("~^forum.*", "messages")),
                List.of(new TableRef("~.*", "^messages.*")),
                false);
        assertEquals(kept, bw.keep(t(schema, table)));
        if (kept) {
            assertTrue(bw.keepSchema(schema), "a kept table's schema is kept"); // the precheck relies on it
        }
    }

    /** The two rules of the documented configuration sample. */
    @Test
    void documentedConfigurationSample() {
        BlockAllowList rule1 = list(List.of("test*"), null,
                List.of(new TableRef("test[123]", "t[1-5]"), new TableRef("test", "t")), null, false);
        assertTrue(rule1.keep(t("test1", "t3")));
        assertTrue(rule1.keep(t("test3", "t5")));
        assertTrue(rule1.keep(t("test", "t")));
        assertFalse(rule1.keep(t("test", "t1")));
        assertFalse(rule1.keep(t("test4", "t1")), "schema passes do-dbs but no do-table matches");
        assertFalse(rule1.keep(t("test1", "t6")));
        assertFalse(rule1.keep(t("other", "t")));
        assertTrue(rule1.keepSchema("test4"));
        assertFalse(rule1.keepSchema("other"));

        BlockAllowList rule2 = list(List.of("~^test.*"), List.of("mysql"),
                List.of(new TableRef("~^test.*", "~^t.*"), new TableRef("test", "t*")),
                List.of(new TableRef("test", "log")), false);
        assertTrue(rule2.keep(t("test_x", "tab")));
        assertTrue(rule2.keep(t("test", "t9")));
        assertFalse(rule2.keep(t("test", "log")));
        assertFalse(rule2.keep(t("test", "users")), "do-tables is not empty and none matches");
        assertFalse(rule2.keep(t("prod", "tab")));
    }

    @Test
    void doDbsWithDoTablesOfAnotherSchemaKeepsNoTable() {
        BlockAllowList bw = list(List.of("a"), null, List.of(new TableRef("b", "t")), null, true);
        assertFalse(bw.keep(t("b", "t")), "b fails do-dbs before do-tables are looked at");
        assertFalse(bw.keep(t("a", "x")), "a passes do-dbs but matches no do-table");
        assertTrue(bw.keepSchema("a"));
        assertFalse(bw.keepSchema("b"));
    }

    @Test
    void doTablesOnly() {
        BlockAllowList bw = list(null, null, List.of(new TableRef("db1", "t1")), null, true);
        assertTrue(bw.keep(t("db1", "t1")));
        assertFalse(bw.keep(t("db1", "t2")));
        assertFalse(bw.keep(t("db2", "t1")));
        // schema-level statements are decided at schema level only, as in DM
        assertTrue(bw.keepSchema("db1"));
        assertTrue(bw.keepSchema("db2"));
    }

    @Test
    void ignoreDbsAreNotConsultedWhenDoDbsAreGiven() {
        BlockAllowList bw = list(List.of("a*"), List.of("ab"), null, null, true);
        assertTrue(bw.keep(t("ab", "t")));
        assertFalse(bw.keep(t("b", "t")));
    }

    @Test
    void ignoreDbsAndIgnoreTables() {
        BlockAllowList bw = list(null, List.of("tmp*"), null, List.of(new TableRef("app", "~^audit_")), true);
        assertFalse(bw.keep(t("tmp1", "t")));
        assertFalse(bw.keepSchema("tmp1"));
        assertFalse(bw.keep(t("app", "audit_2020")));
        assertTrue(bw.keep(t("app", "users")));
        assertTrue(bw.keepSchema("app"));
    }

    @Test
    void doTablesWinOverIgnoreTables() {
        BlockAllowList bw = list(null, null, List.of(new TableRef("app", "*")),
                List.of(new TableRef("app", "secret")), true);
        assertTrue(bw.keep(t("app", "secret")));
    }

    @Test
    void systemAndMetaSchemasAreAlwaysDropped() {
        BlockAllowList all = BlockAllowList.create(null, false, "dm_meta");
        for (String s : List.of("mysql", "MySQL", "information_schema", "PERFORMANCE_SCHEMA", "sys",
                "metrics_schema", "inspection_schema", "dm_heartbeat", "dm_meta", "DM_META")) {
            assertFalse(all.keep(t(s, "x")), s);
            assertFalse(all.keepSchema(s), s);
        }
        assertTrue(all.keep(t("app", "x")));
        BlockAllowList star = list(List.of("*"), null, null, null, true);
        assertFalse(star.keep(t("mysql", "user")));
        assertTrue(BlockAllowList.isSystemSchema("Information_Schema"));
        assertFalse(BlockAllowList.isSystemSchema("app"));
        assertTrue(BlockAllowList.create(null, true, null).keep(t("dm_meta", "x")), "no meta schema given");
    }

    @Test
    void caseInsensitiveByDefault() {
        BlockAllowList bw = list(List.of("Shop"), null, List.of(new TableRef("SHOP", "Orders*")), null, false);
        assertTrue(bw.keep(t("shop", "orders_1")));
        assertTrue(bw.keep(t("SHOP", "ORDERS")));
        assertTrue(bw.keepSchema("sHoP"));
        BlockAllowList regex = list(List.of("~^SHOP$"), null, null, null, false);
        assertTrue(regex.keep(t("shop", "x")));
    }

    @Test
    void caseSensitiveWhenAsked() {
        BlockAllowList bw = list(List.of("Shop"), null, List.of(new TableRef("Shop", "Orders*")), null, true);
        assertTrue(bw.keep(t("Shop", "Orders_1")));
        assertFalse(bw.keep(t("shop", "orders_1")));
        assertFalse(bw.keep(t("Shop", "orders_1")));
        assertFalse(bw.keepSchema("SHOP"));
    }

    @Test
    void invalidRulesAreRejected() {
        DmException empty = assertThrows(DmException.class, () -> list(List.of(""), null, null, null, true));
        assertEquals(FilterErrors.INVALID_BLOCK_ALLOW_LIST, empty.code());
        DmException noTable = assertThrows(DmException.class,
                () -> list(null, null, List.of(new TableRef("db", "")), null, true));
        assertEquals(FilterErrors.INVALID_BLOCK_ALLOW_LIST, noTable.code());
        DmException badPattern = assertThrows(DmException.class,
                () -> list(null, List.of("a*b"), null, null, true));
        assertEquals(FilterErrors.INVALID_PATTERN, badPattern.code());
        assertTrue(badPattern.detail().contains("ignore-dbs"), badPattern.detail());
    }

    @Test
    void decisionsAreCachedPerTable() {
        BlockAllowList bw = list(List.of("app"), null, null, null, true);
        assertTrue(bw.keep(t("app", "t1")));
        assertTrue(bw.keep(t("app", "t1")));
        assertTrue(bw.keep(new TableId("app", "t1")));
        assertEquals(1, bw.computations());
        assertFalse(bw.keep(t("other", "t1")));
        assertFalse(bw.keep(t("other", "t1")));
        assertEquals(2, bw.computations());
    }
}
