package io.dm4j.worker.sync.apply;

import static io.dm4j.worker.sync.apply.Schemas.binaryCol;
import static io.dm4j.worker.sync.apply.Schemas.del;
import static io.dm4j.worker.sync.apply.Schemas.generated;
import static io.dm4j.worker.sync.apply.Schemas.ins;
import static io.dm4j.worker.sync.apply.Schemas.intCol;
import static io.dm4j.worker.sync.apply.Schemas.pk;
import static io.dm4j.worker.sync.apply.Schemas.row;
import static io.dm4j.worker.sync.apply.Schemas.simple;
import static io.dm4j.worker.sync.apply.Schemas.table;
import static io.dm4j.worker.sync.apply.Schemas.textCol;
import static io.dm4j.worker.sync.apply.Schemas.uk;
import static io.dm4j.worker.sync.apply.Schemas.upd;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.model.TableId;
import io.dm4j.worker.db.SqlStatement;
import io.dm4j.worker.schema.ColumnDef;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.model.ChangeType;
import io.dm4j.worker.sync.model.RowChange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DmlBuilderTest {
    private static final TableId SRC = new TableId("db", "t");

    private static List<SqlStatement> build(boolean multi, boolean compact, boolean safe, RowChange... changes) {
        List<QueuedChange> batch = new ArrayList<>();
        for (RowChange c : changes) {
            batch.add(new QueuedChange(c, safe));
        }
        return new DmlBuilder(multi, compact).build(batch);
    }

    private static void assertStatement(SqlStatement s, String sql, Object... params) {
        assertEquals(sql, s.sql());
        assertEquals(Arrays.asList(params), s.params());
    }

    // ---- normal mode

    @Test
    void insertUpdateDeleteInNormalMode() {
        TableSchema s = simple();
        List<SqlStatement> out = build(false, false, false,
                ins(s, 1L, "a"), upd(s, row(1L, "a"), row(1L, "b")), del(s, 1L, "b"));
        assertEquals(3, out.size());
        assertStatement(out.get(0), "INSERT INTO `db`.`t` (`id`,`name`) VALUES (?,?)", 1L, "a");
        assertStatement(out.get(1), "UPDATE `db`.`t` SET `id`=?,`name`=? WHERE `id`=?", 1L, "b", 1L);
        assertStatement(out.get(2), "DELETE FROM `db`.`t` WHERE `id`=?", 1L);
    }

    @Test
    void primaryKeyUpdateUsesOldKeyInWhere() {
        TableSchema s = simple();
        List<SqlStatement> out = build(false, false, false, upd(s, row(1L, "a"), row(2L, "a")));
        assertStatement(out.get(0), "UPDATE `db`.`t` SET `id`=?,`name`=? WHERE `id`=?", 2L, "a", 1L);
    }

    @Test
    void compositeKeyAndUniqueKeyIdentity() {
        TableSchema composite = table("db", "c", List.of(intCol("a", false), textCol("b", false, "utf8mb4_bin"),
                intCol("v", true)), pk("a", "b"));
        assertStatement(build(false, false, false, del(composite, 1L, "x", 5L)).get(0),
                "DELETE FROM `db`.`c` WHERE `a`=? AND `b`=?", 1L, "x");

        // no primary key: the first unique key whose columns are NOT NULL identifies the row
        TableSchema byUk = table("db", "u", List.of(intCol("n", true), textCol("code", false, "utf8mb4_bin"),
                intCol("v", true)), uk("uk_n", "n"), uk("uk_code", "code"));
        assertStatement(build(false, false, false, del(byUk, null, "k1", 3L)).get(0),
                "DELETE FROM `db`.`u` WHERE `code`=?", "k1");
    }

    @Test
    void valuesAreParametersOfTheirOwnType() {
        TableSchema s = table("db", "b", List.of(intCol("id", false), binaryCol("bin", true),
                Schemas.bigintCol("big", true)), pk("id"));
        byte[] bytes = {0, 1, (byte) 0xff};
        BigInteger huge = new BigInteger("18446744073709551615");
        SqlStatement st = build(false, false, false, ins(s, 1L, bytes, huge)).get(0);
        assertEquals("INSERT INTO `db`.`b` (`id`,`bin`,`big`) VALUES (?,?,?)", st.sql());
        assertSame(bytes, st.params().get(1));
        assertSame(huge, st.params().get(2));
    }

    @Test
    void quotesIdentifiersWithBackquotes() {
        TableSchema s = table("we`ird", "t`1", List.of(intCol("i`d", false)), pk("i`d"));
        assertStatement(build(false, false, false, del(s, 7L)).get(0),
                "DELETE FROM `we``ird`.`t``1` WHERE `i``d`=?", 7L);
    }

    // ---- safe mode

    @Test
    void safeModeRewritesInsertAndUpdate() {
        TableSchema s = simple();
        List<SqlStatement> out = build(false, false, true,
                ins(s, 1L, "a"),
                upd(s, row(1L, "a"), row(1L, "b")),     // identity unchanged: REPLACE only
                upd(s, row(1L, "b"), row(2L, "b")),     // identity changed: DELETE old + REPLACE new
                del(s, 2L, "b"));
        assertEquals(5, out.size());
        assertStatement(out.get(0), "REPLACE INTO `db`.`t` (`id`,`name`) VALUES (?,?)", 1L, "a");
        assertStatement(out.get(1), "REPLACE INTO `db`.`t` (`id`,`name`) VALUES (?,?)", 1L, "b");
        assertStatement(out.get(2), "DELETE FROM `db`.`t` WHERE `id`=?", 1L);
        assertStatement(out.get(3), "REPLACE INTO `db`.`t` (`id`,`name`) VALUES (?,?)", 2L, "b");
        assertStatement(out.get(4), "DELETE FROM `db`.`t` WHERE `id`=?", 2L);
    }

    // ---- tables without identity key, NULL identity values

    @Test
    void tableWithoutKeyMatchesAllColumnsWithLimitAndNullSafety() {
        TableSchema s = table("db", "nk", List.of(intCol("a", true), textCol("b", true, "utf8mb4_bin")));
        List<SqlStatement> out = build(false, false, false,
                upd(s, row(1L, null), row(1L, "x")), del(s, 1L, "x"));
        assertStatement(out.get(0), "UPDATE `db`.`nk` SET `a`=?,`b`=? WHERE `a`=? AND `b` IS NULL LIMIT 1",
                1L, "x", 1L);
        assertStatement(out.get(1), "DELETE FROM `db`.`nk` WHERE `a`=? AND `b`=? LIMIT 1", 1L, "x");

        // safe mode always deletes the old row first: REPLACE cannot find it without a key
        List<SqlStatement> safe = build(false, false, true, upd(s, row(1L, "x"), row(1L, "x")));
        assertEquals(2, safe.size());
        assertStatement(safe.get(0), "DELETE FROM `db`.`nk` WHERE `a`=? AND `b`=? LIMIT 1", 1L, "x");
        assertStatement(safe.get(1), "REPLACE INTO `db`.`nk` (`a`,`b`) VALUES (?,?)", 1L, "x");
    }

    @Test
    void tableWithOnlyNullableUniqueKeyHasNoIdentityKey() {
        TableSchema s = table("db", "nu", List.of(intCol("a", true), intCol("b", true)), uk("uk_a", "a"));
        assertStatement(build(false, false, false, del(s, null, 2L)).get(0),
                "DELETE FROM `db`.`nu` WHERE `a` IS NULL AND `b`=? LIMIT 1", 2L);
    }

    // ---- generated and extra columns

    @Test
    void generatedColumnsAreNeverWrittenButStoredOnesMatchRowsWithoutKey() {
        ColumnDef virt = generated("v", ColumnDef.Generated.VIRTUAL);
        ColumnDef stored = generated("s", ColumnDef.Generated.STORED);
        TableSchema keyed = table("db", "g", List.of(intCol("id", false), virt, stored, intCol("x", true)), pk("id"));
        List<SqlStatement> out = build(false, false, false,
                ins(keyed, 1L, 10L, 20L, 5L), upd(keyed, row(1L, 10L, 20L, 5L), row(1L, 12L, 22L, 6L)));
        assertStatement(out.get(0), "INSERT INTO `db`.`g` (`id`,`x`) VALUES (?,?)", 1L, 5L);
        assertStatement(out.get(1), "UPDATE `db`.`g` SET `id`=?,`x`=? WHERE `id`=?", 1L, 6L, 1L);

        TableSchema noKey = table("db", "gn", List.of(intCol("a", true), virt, stored));
        assertStatement(build(false, false, false, del(noKey, 1L, 2L, 3L)).get(0),
                "DELETE FROM `db`.`gn` WHERE `a`=? AND `s`=? LIMIT 1", 1L, 3L);
    }

    @Test
    void extraColumnsAreWrittenAndNarrowTheWhere() {
        TableSchema s = simple();
        TableId target = new TableId("merged", "all_t");
        List<String> extra = List.of("c_table", "c_source");
        Object[] extraValues = {"t", "mysql-01"};
        RowChange insert = new RowChange(ChangeType.INSERT, SRC, target, s, null, row(1L, "a"), extra, extraValues);
        RowChange update = new RowChange(ChangeType.UPDATE, SRC, target, s, row(1L, "a"), row(1L, "b"), extra,
                extraValues);
        RowChange delete = new RowChange(ChangeType.DELETE, SRC, target, s, row(1L, "b"), null, extra, extraValues);
        List<SqlStatement> out = build(false, false, false, insert, update, delete);
        assertStatement(out.get(0),
                "INSERT INTO `merged`.`all_t` (`id`,`name`,`c_table`,`c_source`) VALUES (?,?,?,?)",
                1L, "a", "t", "mysql-01");
        assertStatement(out.get(1),
                "UPDATE `merged`.`all_t` SET `id`=?,`name`=?,`c_table`=?,`c_source`=? WHERE `id`=? AND `c_table`=?"
                        + " AND `c_source`=?", 1L, "b", "t", "mysql-01", 1L, "t", "mysql-01");
        assertStatement(out.get(2), "DELETE FROM `merged`.`all_t` WHERE `id`=? AND `c_table`=? AND `c_source`=?",
                1L, "t", "mysql-01");
        List<SqlStatement> multi = build(true, false, false, delete,
                new RowChange(ChangeType.DELETE, SRC, target, s, row(2L, "c"), null, extra, extraValues));
        assertStatement(multi.get(0),
                "DELETE FROM `merged`.`all_t` WHERE (`id`,`c_table`,`c_source`) IN ((?,?,?),(?,?,?))",
                1L, "t", "mysql-01", 2L, "t", "mysql-01");
    }

    // ---- multiple rows

    @Test
    void multipleRowsMergesInsertsOfTheSameTableAcrossUnrelatedChanges() {
        TableSchema s = simple();
        TableSchema other = table("db", "o", List.of(intCol("id", false)), pk("id"));
        List<SqlStatement> out = build(true, false, false,
                ins(s, 1L, "a"), ins(s, 2L, "b"), ins(s, 3L, null), ins(other, 9L), ins(s, 4L, "d"));
        assertEquals(2, out.size());
        assertStatement(out.get(0), "INSERT INTO `db`.`t` (`id`,`name`) VALUES (?,?),(?,?),(?,?),(?,?)",
                1L, "a", 2L, "b", 3L, null, 4L, "d");
        assertStatement(out.get(1), "INSERT INTO `db`.`o` (`id`) VALUES (?)", 9L);
    }

    @Test
    void multipleRowsKeepsTheOrderOfChangesThatShareAKey() {
        TableSchema s = simple();
        List<SqlStatement> out = build(true, false, false,
                ins(s, 1L, "a"), ins(s, 2L, "b"), del(s, 1L, "a"), del(s, 3L, "c"), ins(s, 1L, "again"), ins(s, 4L, "d"));
        assertEquals(3, out.size(), out::toString);
        assertStatement(out.get(0), "INSERT INTO `db`.`t` (`id`,`name`) VALUES (?,?),(?,?)", 1L, "a", 2L, "b");
        assertStatement(out.get(1), "DELETE FROM `db`.`t` WHERE `id` IN (?,?)", 1L, 3L);
        assertStatement(out.get(2), "INSERT INTO `db`.`t` (`id`,`name`) VALUES (?,?),(?,?)", 1L, "again", 4L, "d");
    }

    @Test
    void multipleRowsKeepsAUniqueKeySwapInOrder() {
        TableSchema u = table("db", "u", List.of(intCol("id", false), intCol("uk", false)), pk("id"), uk("uk_u", "uk"));
        // row 1 gives up uk 5, row 2 takes it: row 2's write must come after row 1's (here: later in one statement,
        // which the server applies row by row)
        List<SqlStatement> out = build(true, false, false,
                upd(u, row(1L, 5L), row(1L, 6L)), ins(u, 3L, 7L), upd(u, row(2L, 4L), row(2L, 5L)), ins(u, 8L, 9L));
        assertEquals(2, out.size(), out::toString);
        assertStatement(out.get(0), "INSERT INTO `db`.`u` (`id`,`uk`) VALUES (?,?),(?,?) ON DUPLICATE KEY UPDATE"
                + " `id`=VALUES(`id`),`uk`=VALUES(`uk`)", 1L, 6L, 2L, 5L);
        assertStatement(out.get(1), "INSERT INTO `db`.`u` (`id`,`uk`) VALUES (?,?),(?,?)", 3L, 7L, 8L, 9L);
    }

    @Test
    void multipleRowsDoesNotMoveAChangeBeforeOneItDependsOn() {
        TableSchema u = table("db", "u", List.of(intCol("id", false), intCol("uk", false)), pk("id"), uk("uk_u", "uk"));
        // row 2 takes uk 5 only after row 1 was deleted: the INSERT must not join the earlier INSERT run
        List<SqlStatement> out = build(true, false, false,
                ins(u, 3L, 7L), del(u, 1L, 5L), ins(u, 2L, 5L));
        assertEquals(3, out.size(), out::toString);
        assertStatement(out.get(0), "INSERT INTO `db`.`u` (`id`,`uk`) VALUES (?,?)", 3L, 7L);
        assertStatement(out.get(1), "DELETE FROM `db`.`u` WHERE `id`=?", 1L);
        assertStatement(out.get(2), "INSERT INTO `db`.`u` (`id`,`uk`) VALUES (?,?)", 2L, 5L);
    }

    @Test
    void multipleRowsNeverMovesAChangeOfAKeylessTable() {
        TableSchema s = simple();
        TableSchema k = table("db", "k", List.of(intCol("a", true)));
        List<SqlStatement> out = build(true, false, false, ins(s, 1L, "a"), ins(k, 7L), ins(s, 2L, "b"));
        assertEquals(3, out.size(), out::toString);
        assertStatement(out.get(0), "INSERT INTO `db`.`t` (`id`,`name`) VALUES (?,?)", 1L, "a");
        assertStatement(out.get(1), "INSERT INTO `db`.`k` (`a`) VALUES (?)", 7L);
        assertStatement(out.get(2), "INSERT INTO `db`.`t` (`id`,`name`) VALUES (?,?)", 2L, "b");
    }

    @Test
    void multipleRowsInSafeModeUsesMultiRowReplace() {
        TableSchema s = simple();
        List<SqlStatement> out = build(true, false, true, ins(s, 1L, "a"), ins(s, 2L, "b"),
                upd(s, row(2L, "b"), row(2L, "c")));
        assertEquals(1, out.size());
        assertStatement(out.get(0), "REPLACE INTO `db`.`t` (`id`,`name`) VALUES (?,?),(?,?),(?,?)",
                1L, "a", 2L, "b", 2L, "c");
    }

    @Test
    void multipleRowsDeletesWithInList() {
        TableSchema s = simple();
        TableSchema composite = table("db", "c", List.of(intCol("a", false), intCol("b", false)), pk("a", "b"));
        List<SqlStatement> out = build(true, false, false,
                del(s, 1L, "a"), del(s, 2L, "b"), del(composite, 1L, 2L), del(composite, 3L, 4L));
        assertEquals(2, out.size());
        assertStatement(out.get(0), "DELETE FROM `db`.`t` WHERE `id` IN (?,?)", 1L, 2L);
        assertStatement(out.get(1), "DELETE FROM `db`.`c` WHERE (`a`,`b`) IN ((?,?),(?,?))", 1L, 2L, 3L, 4L);
    }

    @Test
    void multipleRowsNeverPutsRowsWithoutKeyInAnInList() {
        TableSchema s = table("db", "nk", List.of(intCol("a", true)));
        List<SqlStatement> out = build(true, false, false, del(s, 1L), del(s, 1L));
        assertEquals(2, out.size());
        assertStatement(out.get(0), "DELETE FROM `db`.`nk` WHERE `a`=? LIMIT 1", 1L);
    }

    @Test
    void multipleRowsTurnsKeyKeepingUpdatesIntoUpsert() {
        TableSchema s = simple();
        List<SqlStatement> out = build(true, false, false,
                upd(s, row(1L, "a"), row(1L, "b")), upd(s, row(2L, "a"), row(2L, "c")),
                upd(s, row(3L, "x"), row(4L, "x")));
        assertEquals(2, out.size());
        assertStatement(out.get(0), "INSERT INTO `db`.`t` (`id`,`name`) VALUES (?,?),(?,?)"
                + " ON DUPLICATE KEY UPDATE `id`=VALUES(`id`),`name`=VALUES(`name`)", 1L, "b", 2L, "c");
        // a key-changing update stays an UPDATE
        assertStatement(out.get(1), "UPDATE `db`.`t` SET `id`=?,`name`=? WHERE `id`=?", 4L, "x", 3L);
    }

    @Test
    void multipleRowsRespectsThePlaceholderLimit() {
        TableSchema s = simple();
        List<QueuedChange> batch = new ArrayList<>();
        for (long i = 0; i < 5; i++) {
            batch.add(new QueuedChange(ins(s, i, "v" + i), false));
        }
        List<SqlStatement> out = new DmlBuilder(true, false, 4, 1 << 20).build(batch);
        assertEquals(3, out.size());
        assertEquals(4, out.get(0).params().size());
        assertEquals(4, out.get(1).params().size());
        assertEquals(2, out.get(2).params().size());
        List<SqlStatement> bySize = new DmlBuilder(true, false, 65535, 40).build(batch);
        assertEquals(5, bySize.size(), "each row is 16+6 estimated bytes; two would pass 40");
    }

    // ---- compact

    @Test
    void compactMergesChangesOfTheSameRow() {
        TableSchema s = simple();
        List<SqlStatement> out = build(false, true, false,
                ins(s, 1L, "a"), upd(s, row(1L, "a"), row(1L, "b")), upd(s, row(1L, "b"), row(1L, "c")),
                upd(s, row(2L, "x"), row(2L, "y")), upd(s, row(2L, "y"), row(2L, "z")),
                ins(s, 3L, "p"), del(s, 3L, "p"));
        assertEquals(3, out.size());
        assertStatement(out.get(0), "INSERT INTO `db`.`t` (`id`,`name`) VALUES (?,?)", 1L, "c");
        assertStatement(out.get(1), "UPDATE `db`.`t` SET `id`=?,`name`=? WHERE `id`=?", 2L, "z", 2L);
        assertStatement(out.get(2), "DELETE FROM `db`.`t` WHERE `id`=?", 3L);
    }

    @Test
    void compactWithMultipleRows() {
        TableSchema s = simple();
        List<SqlStatement> out = build(true, true, false,
                ins(s, 1L, "a"), ins(s, 2L, "b"), upd(s, row(1L, "a"), row(1L, "a2")), del(s, 2L, "b"),
                del(s, 5L, "e"), ins(s, 5L, "e2"));
        // 1: INSERT a2 at position of the insert; 2: DELETE; 5: REPLACE (delete + insert)
        assertEquals(3, out.size());
        assertStatement(out.get(0), "INSERT INTO `db`.`t` (`id`,`name`) VALUES (?,?)", 1L, "a2");
        assertStatement(out.get(1), "DELETE FROM `db`.`t` WHERE `id`=?", 2L);
        assertStatement(out.get(2), "REPLACE INTO `db`.`t` (`id`,`name`) VALUES (?,?)", 5L, "e2");
    }

    @Test
    void aMergedChangeKeepsTheKeysOfWhatItMergedSoNoLaterRowMovesBeforeIt() {
        // id 1 gives up uk 119 (DELETE, then INSERT with uk 200: one REPLACE); then id 5 takes uk 119. The INSERT of
        // id 5 may join the INSERT run of id 9 only if that run executes after the REPLACE, which releases 119.
        TableSchema s = table("db", "u", List.of(intCol("id", false), intCol("uk", false)), pk("id"), uk("uk", "uk"));
        List<SqlStatement> out = build(true, true, false,
                ins(s, 9L, 1L), del(s, 1L, 119L), ins(s, 1L, 200L), ins(s, 5L, 119L));
        assertEquals(3, out.size(), out.toString());
        assertStatement(out.get(0), "INSERT INTO `db`.`u` (`id`,`uk`) VALUES (?,?)", 9L, 1L);
        assertStatement(out.get(1), "REPLACE INTO `db`.`u` (`id`,`uk`) VALUES (?,?)", 1L, 200L);
        assertStatement(out.get(2), "INSERT INTO `db`.`u` (`id`,`uk`) VALUES (?,?)", 5L, 119L);
    }

    @Test
    void aChangeMergedIntoAnUpdateKeepsTheValueItReleased() {
        // id 1's uk goes 119 -> 150 -> 200 (one UPDATE 119 -> 200 after merging); id 5 then takes 150, then 119
        TableSchema s = table("db", "u", List.of(intCol("id", false), intCol("uk", false)), pk("id"), uk("uk", "uk"));
        List<SqlStatement> out = build(true, true, false,
                ins(s, 9L, 1L), upd(s, row(1L, 119L), row(1L, 150L)), upd(s, row(1L, 150L), row(1L, 200L)),
                ins(s, 5L, 119L));
        int upsert = -1;
        int insert5 = -1;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).params().contains(200L)) {
                upsert = i;
            }
            if (out.get(i).params().contains(119L) && out.get(i).params().contains(5L)) {
                insert5 = i;
            }
        }
        assertTrue(upsert >= 0 && upsert < insert5, "id 1 releases 119 before id 5 takes it: " + out);
    }

    @Test
    void parametersAreCopiedNotShared() {
        TableSchema s = simple();
        Object[] after = row(1L, "a");
        SqlStatement st = build(false, false, false, ins(s, after)).get(0);
        after[1] = "changed";
        assertArrayEquals(new Object[] {1L, "a"}, st.params().toArray());
    }

    @Test
    void keylessUpdateThatSetsAColumnToNullIsMatchedByTheOldRow() {
        // the identity of a table without a key is every column: a value going from 1 to NULL changes it
        TableSchema s = table("db", "nk", List.of(intCol("a", true), intCol("b", true)));
        assertStatement(build(false, false, false, upd(s, row(1L, 2L), row(null, 2L))).get(0),
                "UPDATE `db`.`nk` SET `a`=?,`b`=? WHERE `a`=? AND `b`=? LIMIT 1", null, 2L, 1L, 2L);
        List<SqlStatement> safe = build(false, false, true, upd(s, row(1L, 2L), row(null, 2L)));
        assertStatement(safe.get(0), "DELETE FROM `db`.`nk` WHERE `a`=? AND `b`=? LIMIT 1", 1L, 2L);
        assertStatement(safe.get(1), "REPLACE INTO `db`.`nk` (`a`,`b`) VALUES (?,?)", null, 2L);
    }

    // ---- JSON columns of tables without a key

    private static ColumnDef jsonCol(String name) {
        return new ColumnDef(name, "json", "json", false, true, null, null, -1, -1, -1, -1, null,
                ColumnDef.Generated.NONE);
    }

    private static List<SqlStatement> buildFor(JsonMatch match, boolean safe, RowChange... changes) {
        List<QueuedChange> batch = new ArrayList<>();
        for (RowChange c : changes) {
            batch.add(new QueuedChange(c, safe));
        }
        return new DmlBuilder(false, false, DmlBuilder.DEFAULT_MAX_PLACEHOLDERS, DmlBuilder.DEFAULT_MAX_PARAM_BYTES,
                match).build(batch);
    }

    @Test
    void keylessTableComparesJsonAsJsonOnMysql() {
        TableSchema s = table("db", "nk", List.of(intCol("a", true), jsonCol("j")));
        String doc = "{\"k\": [1, \"two\"]}";
        List<SqlStatement> out = buildFor(JsonMatch.AS_JSON, false, upd(s, row(1L, doc), row(2L, doc)),
                del(s, 2L, doc), del(s, 3L, null));
        assertStatement(out.get(0), "UPDATE `db`.`nk` SET `a`=?,`j`=? WHERE `a`=? AND `j`=CAST(? AS JSON) LIMIT 1",
                2L, doc, 1L, doc);
        assertStatement(out.get(1), "DELETE FROM `db`.`nk` WHERE `a`=? AND `j`=CAST(? AS JSON) LIMIT 1", 2L, doc);
        assertStatement(out.get(2), "DELETE FROM `db`.`nk` WHERE `a`=? AND `j` IS NULL LIMIT 1", 3L);
        // safe mode: the old row is deleted by all columns before the REPLACE
        List<SqlStatement> safe = buildFor(JsonMatch.AS_JSON, true, upd(s, row(1L, doc), row(1L, "[]")));
        assertStatement(safe.get(0), "DELETE FROM `db`.`nk` WHERE `a`=? AND `j`=CAST(? AS JSON) LIMIT 1", 1L, doc);
        assertStatement(safe.get(1), "REPLACE INTO `db`.`nk` (`a`,`j`) VALUES (?,?)", 1L, "[]");
        // the default builder targets MySQL
        assertEquals(out, build(false, false, false, upd(s, row(1L, doc), row(2L, doc)), del(s, 2L, doc),
                del(s, 3L, null)));
    }

    @Test
    void keylessTableComparesJsonTextOnMariadbAndKeyedTablesNeverCompareJson() {
        TableSchema s = table("db", "nk", List.of(intCol("a", true), jsonCol("j")));
        assertStatement(buildFor(JsonMatch.TEXT, false, del(s, 1L, "{}")).get(0),
                "DELETE FROM `db`.`nk` WHERE `a`=? AND `j`=? LIMIT 1", 1L, "{}");
        TableSchema keyed = table("db", "k", List.of(intCol("id", false), jsonCol("j")), pk("id"));
        assertStatement(buildFor(JsonMatch.AS_JSON, false, del(keyed, 1L, "{}")).get(0),
                "DELETE FROM `db`.`k` WHERE `id`=?", 1L);
    }

    @Test
    void jsonMatchFollowsTheDownstreamServer() {
        assertEquals(JsonMatch.TEXT, JsonMatch.forServer("10.11.19-MariaDB-0+deb12u1-log"));
        assertEquals(JsonMatch.AS_JSON, JsonMatch.forServer("8.0.36"));
        assertEquals(JsonMatch.AS_JSON, JsonMatch.forServer("8.0.11-TiDB-v7.5.0"));
        assertEquals(JsonMatch.AS_JSON, JsonMatch.forServer(""));
    }
}
