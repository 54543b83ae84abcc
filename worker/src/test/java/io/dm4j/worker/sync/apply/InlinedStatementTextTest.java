package io.dm4j.worker.sync.apply;

import static io.dm4j.worker.sync.apply.Schemas.binaryCol;
import static io.dm4j.worker.sync.apply.Schemas.del;
import static io.dm4j.worker.sync.apply.Schemas.ins;
import static io.dm4j.worker.sync.apply.Schemas.intCol;
import static io.dm4j.worker.sync.apply.Schemas.pk;
import static io.dm4j.worker.sync.apply.Schemas.row;
import static io.dm4j.worker.sync.apply.Schemas.simple;
import static io.dm4j.worker.sync.apply.Schemas.table;
import static io.dm4j.worker.sync.apply.Schemas.textCol;
import static io.dm4j.worker.sync.apply.Schemas.uk;
import static io.dm4j.worker.sync.apply.Schemas.upd;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dm4j.worker.db.InlineSql;
import io.dm4j.worker.db.SqlStatement;
import io.dm4j.worker.schema.ColumnDef;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.model.RowChange;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact text that reaches the downstream (the builder's statements with their values written in by
 * {@link InlineSql}) for every statement shape, so that work on the speed of either keeps every byte.
 */
class InlinedStatementTextTest {
    private static final TableSchema T = simple();
    private static final TableSchema C = table("db", "c", List.of(intCol("a", false), textCol("b", false,
            "utf8mb4_bin")), pk("a", "b"));
    private static final TableSchema NK = table("db", "nk", List.of(intCol("a", true), textCol("b", true,
            "utf8mb4_bin")));
    private static final TableSchema BJ = table("db", "bj", List.of(intCol("id", true), binaryCol("bin", true),
            new ColumnDef("j", "json", "json", false, true, null, null, -1, -1, -1, -1, null,
                    ColumnDef.Generated.NONE)));
    private static final TableSchema U = table("db", "u", List.of(intCol("id", false), intCol("uk", true)),
            pk("id"), uk("uk", "uk"));

    /** The statements of one batch as the downstream receives them, one per line. */
    private static String texts(boolean multi, boolean safe, RowChange... changes) {
        List<QueuedChange> batch = new ArrayList<>();
        for (RowChange c : changes) {
            batch.add(new QueuedChange(c, safe));
        }
        StringBuilder sb = new StringBuilder();
        for (SqlStatement s : new DmlBuilder(multi, false).build(batch)) {
            String text = InlineSql.text(s);
            StringBuilder appended = new StringBuilder("x");
            InlineSql.append(appended, s);
            assertEquals("x" + text, appended.toString(), "append and text agree");
            sb.append(text).append('\n');
        }
        return sb.toString();
    }

    @Test
    void singleRowStatementsInNormalMode() {
        assertEquals("""
                INSERT INTO `db`.`t` (`id`,`name`) VALUES (1,'it''s')
                UPDATE `db`.`t` SET `id`=1,`name`=_utf8mb4 0x625c63 WHERE `id`=1
                UPDATE `db`.`t` SET `id`=2,`name`=NULL WHERE `id`=1
                DELETE FROM `db`.`t` WHERE `id`=2
                DELETE FROM `db`.`c` WHERE `a`=1 AND `b`='x'
                """,
                texts(false, false, ins(T, 1L, "it's"), upd(T, row(1L, "a"), row(1L, "b\\c")),
                        upd(T, row(1L, "b\\c"), row(2L, null)), del(T, 2L, null), del(C, 1L, "x")));
    }

    @Test
    void keylessRowsAreMatchedByTheWholeRowWithNullsAndLimit() {
        assertEquals("""
                INSERT INTO `db`.`nk` (`a`,`b`) VALUES (NULL,'q')
                UPDATE `db`.`nk` SET `a`=1,`b`=NULL WHERE `a` IS NULL AND `b`='q' LIMIT 1
                DELETE FROM `db`.`nk` WHERE `a`=1 AND `b` IS NULL LIMIT 1
                """,
                texts(false, false, ins(NK, null, "q"), upd(NK, row(null, "q"), row(1L, null)), del(NK, 1L, null)));
        assertEquals("""
                INSERT INTO `db`.`nk` (`a`,`b`) VALUES (NULL,'q'),(2,'r')
                DELETE FROM `db`.`nk` WHERE `a`=1 AND `b` IS NULL LIMIT 1
                DELETE FROM `db`.`nk` WHERE `a`=2 AND `b`='r' LIMIT 1
                """,
                texts(true, false, ins(NK, null, "q"), ins(NK, 2L, "r"), del(NK, 1L, null), del(NK, 2L, "r")));
    }

    @Test
    void binaryJsonAndNumbersOfEveryKind() {
        String doc = "{\"k\": [1, \"two\"]}";
        assertEquals("""
                INSERT INTO `db`.`bj` (`id`,`bin`,`j`) VALUES (7,0x0001ff7f,'{"k": [1, "two"]}')
                DELETE FROM `db`.`bj` WHERE `id`=7 AND `bin`='' AND `j`=CAST('{"k": [1, "two"]}' AS JSON) LIMIT 1
                DELETE FROM `db`.`bj` WHERE `id` IS NULL AND `bin` IS NULL AND `j` IS NULL LIMIT 1
                INSERT INTO `db`.`nk` (`a`,`b`) VALUES (1.5,-0.25)
                INSERT INTO `db`.`nk` (`a`,`b`) VALUES (1.0E20,1.0000000000000000000001)
                INSERT INTO `db`.`nk` (`a`,`b`) VALUES (18446744073709551615,-9223372036854775808)
                INSERT INTO `db`.`nk` (`a`,`b`) VALUES (42,1.0E-7)
                """,
                texts(false, false, ins(BJ, 7L, new byte[] {0, 1, (byte) 0xff, 0x7f}, doc),
                        del(BJ, 7L, new byte[0], doc), del(BJ, null, null, null),
                        ins(NK, 1.5d, -0.25f), ins(NK, 1e20d, new BigDecimal("1.0000000000000000000001")),
                        ins(NK, new BigInteger("18446744073709551615"), Long.MIN_VALUE),
                        ins(NK, 42, new BigDecimal("1E-7").doubleValue())));
    }

    @Test
    void textThatNeedsTheHexFormAndTextThatStaysQuoted() {
        // a lone surrogate has no UTF-8 form: it is sent as the '?' that Java's encoder writes for it
        assertEquals("""
                INSERT INTO `db`.`nk` (`a`,`b`) VALUES (1,'é中😀''''')
                INSERT INTO `db`.`nk` (`a`,`b`) VALUES (2,_utf8mb4 0x6100)
                INSERT INTO `db`.`nk` (`a`,`b`) VALUES (3,_utf8mb4 0x1a)
                INSERT INTO `db`.`nk` (`a`,`b`) VALUES (4,'?x')
                INSERT INTO `db`.`nk` (`a`,`b`) VALUES (5,'x?')
                INSERT INTO `db`.`nk` (`a`,`b`) VALUES (6,'')
                INSERT INTO `db`.`nk` (`a`,`b`) VALUES (7,'?`"')
                """,
                texts(false, false, ins(NK, 1L, "é中😀''"), ins(NK, 2L, "a\u0000"), ins(NK, 3L, "\u001a"),
                        ins(NK, 4L, "\uD800x"), ins(NK, 5L, "x\uDC00"), ins(NK, 6L, ""), ins(NK, 7L, "?`\"")));
    }

    @Test
    void safeModeSingleRows() {
        assertEquals("""
                REPLACE INTO `db`.`t` (`id`,`name`) VALUES (1,'a')
                REPLACE INTO `db`.`t` (`id`,`name`) VALUES (1,'b')
                DELETE FROM `db`.`t` WHERE `id`=1
                REPLACE INTO `db`.`t` (`id`,`name`) VALUES (2,'b')
                DELETE FROM `db`.`nk` WHERE `a`=1 AND `b` IS NULL LIMIT 1
                REPLACE INTO `db`.`nk` (`a`,`b`) VALUES (1,'n')
                DELETE FROM `db`.`t` WHERE `id`=2
                """,
                texts(false, true, ins(T, 1L, "a"), upd(T, row(1L, "a"), row(1L, "b")),
                        upd(T, row(1L, "b"), row(2L, "b")), upd(NK, row(1L, null), row(1L, "n")), del(T, 2L, "b")));
    }

    @Test
    void multiRowStatementsInNormalMode() {
        assertEquals("""
                INSERT INTO `db`.`t` (`id`,`name`) VALUES (1,'a'),(2,NULL),(3,'c')
                INSERT INTO `db`.`t` (`id`,`name`) VALUES (4,'d'),(5,'e') ON DUPLICATE KEY UPDATE `id`=VALUES(`id`),`name`=VALUES(`name`)
                UPDATE `db`.`t` SET `id`=60,`name`='f' WHERE `id`=6
                DELETE FROM `db`.`t` WHERE `id` IN (7,8)
                DELETE FROM `db`.`c` WHERE (`a`,`b`) IN ((1,'x'),(2,'y''z'))
                INSERT INTO `db`.`u` (`id`,`uk`) VALUES (1,NULL)
                DELETE FROM `db`.`u` WHERE `id`=9
                """,
                texts(true, false, ins(T, 1L, "a"), ins(T, 2L, null), upd(T, row(4L, "x"), row(4L, "d")),
                        upd(T, row(5L, "y"), row(5L, "e")), upd(T, row(6L, "f"), row(60L, "f")), ins(T, 3L, "c"),
                        del(T, 7L, "g"), del(T, 8L, "h"), del(C, 1L, "x"), del(C, 2L, "y'z"), ins(U, 1L, null),
                        del(U, 9L, null)));
    }

    @Test
    void multiRowStatementsInSafeMode() {
        assertEquals("""
                REPLACE INTO `db`.`t` (`id`,`name`) VALUES (1,'a'),(2,'b')
                DELETE FROM `db`.`t` WHERE `id` IN (4,5)
                REPLACE INTO `db`.`t` (`id`,`name`) VALUES (40,'d'),(3,'c')
                """,
                texts(true, true, ins(T, 1L, "a"), upd(T, row(2L, "x"), row(2L, "b")),
                        upd(T, row(4L, "d"), row(40L, "d")), del(T, 5L, "e"), ins(T, 3L, "c")));
    }
}
