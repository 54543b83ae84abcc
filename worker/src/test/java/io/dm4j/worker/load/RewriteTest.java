package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.OnDuplicateLogical;
import io.dm4j.common.filter.ExtractedColumns;
import io.dm4j.common.model.TableId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RewriteTest {
    private static final TableId TARGET = new TableId("merged", "all_orders");

    @Test
    void insertGetsTargetAndVerb() {
        String in = "INSERT INTO `orders` (`id`,`v`) VALUES\n(1,'a'),\n(2,'b)')";
        assertEquals("REPLACE INTO `merged`.`all_orders` (`id`,`v`) VALUES\n(1,'a'),\n(2,'b)')",
                new InsertRewriter(TARGET, OnDuplicateLogical.REPLACE, ExtractedColumns.NONE, List.of()).rewrite(in));
        assertTrue(new InsertRewriter(TARGET, OnDuplicateLogical.IGNORE, ExtractedColumns.NONE, List.of()).rewrite(in)
                .startsWith("INSERT IGNORE INTO `merged`.`all_orders` (`id`,`v`) VALUES"));
        assertTrue(new InsertRewriter(TARGET, OnDuplicateLogical.ERROR, ExtractedColumns.NONE, List.of()).rewrite(in)
                .startsWith("INSERT INTO `merged`.`all_orders` (`id`,`v`) VALUES"));
    }

    @Test
    void extractValuesAreAppendedToEveryRow() {
        ExtractedColumns ex = new ExtractedColumns(List.of("c_table", "c_source"), List.of("orders_1", "s'1"));
        String in = "INSERT INTO `db`.`orders_1` (`id`,`v`,`g`) VALUES\n(1,'x(y)',0x00),\n(2,'it''s',POINT(1,2))";
        String out = new InsertRewriter(TARGET, OnDuplicateLogical.REPLACE, ex, List.of()).rewrite(in);
        String t = InsertRewriter.utf8Literal("orders_1");
        String s = InsertRewriter.utf8Literal("s'1");
        assertEquals("REPLACE INTO `merged`.`all_orders` (`id`,`v`,`g`,`c_table`,`c_source`) VALUES\n(1,'x(y)',0x00," + t + ","
                + s + "),\n(2,'it''s',POINT(1,2)," + t + "," + s + ")", out);
        assertEquals("_utf8mb4 X'732731'", s);
        assertEquals("_utf8mb4''", InsertRewriter.utf8Literal(""));
    }

    @Test
    void statementWithoutColumnListUsesTheDumpedColumns() {
        ExtractedColumns ex = new ExtractedColumns(List.of("c"), List.of("x"));
        String out = new InsertRewriter(TARGET, OnDuplicateLogical.REPLACE, ex, List.of("a", "b"))
                .rewrite("INSERT INTO `t` VALUES (1,2)");
        assertEquals("REPLACE INTO `merged`.`all_orders` (`a`,`b`,`c`) VALUES (1,2," + InsertRewriter.utf8Literal("x") + ")", out);
    }

    /** The byte form (what the load sends): only the head changes; the rows' bytes, UTF-8 or not, are kept as they are. */
    @Test
    void theRowsBytesAreCopiedUnchangedWithTheSuffixAfterThem() {
        byte[] raw = {'(', '1', ',', '_', 'b', 'i', 'n', 'a', 'r', 'y', '\'', (byte) 0xFF, '\\', '\'', (byte) 0x80, '\'', ')'};
        byte[] in = concat("insert /* c */ into db . `t``x` (`a`,`b`)values".getBytes(StandardCharsets.UTF_8), raw);
        byte[] suffix = ";COMMIT".getBytes(StandardCharsets.UTF_8);
        byte[] out = new InsertRewriter(TARGET, OnDuplicateLogical.IGNORE, ExtractedColumns.NONE, List.of()).rewrite(in, suffix);
        assertArrayEquals(concat("INSERT IGNORE INTO `merged`.`all_orders` (`a`,`b`) VALUES".getBytes(StandardCharsets.UTF_8),
                raw, suffix), out);
        ExtractedColumns ex = new ExtractedColumns(List.of("c"), List.of("é"));
        byte[] withExtra = new InsertRewriter(TARGET, OnDuplicateLogical.ERROR, ex, List.of()).rewrite(in, suffix);
        byte[] extra = ("," + InsertRewriter.utf8Literal("é")).getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(concat("INSERT INTO `merged`.`all_orders` (`a`,`b`,`c`) VALUES".getBytes(StandardCharsets.UTF_8),
                Arrays.copyOf(raw, raw.length - 1), extra, new byte[] {')'}, suffix), withExtra);
        assertThrows(IllegalArgumentException.class, () -> new InsertRewriter(TARGET, OnDuplicateLogical.REPLACE,
                ExtractedColumns.NONE, List.of()).rewrite(concat("INSERT INTO t VALUES ('".getBytes(StandardCharsets.UTF_8)),
                suffix), "without a column list and without dumped columns");
        assertThrows(IllegalArgumentException.class, () -> new InsertRewriter(TARGET, OnDuplicateLogical.REPLACE,
                ExtractedColumns.NONE, List.of()).rewrite("INSERT INTO t (`a` VALUES (1)".getBytes(StandardCharsets.UTF_8),
                suffix), "unbalanced column list");
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void recognisesStatementKinds() {
        assertTrue(InsertRewriter.isInsert("  insert into t values (1)"));
        assertTrue(InsertRewriter.isInsert("REPLACE INTO t VALUES (1)"));
        assertFalse(InsertRewriter.isInsert("INSERTED"));
        assertTrue(InsertRewriter.isSessionSetting("/*!40101 SET NAMES binary*/"));
        assertTrue(InsertRewriter.isSessionSetting("SET FOREIGN_KEY_CHECKS=0"));
        assertFalse(InsertRewriter.isSessionSetting("DROP TABLE t"));
        assertThrows(IllegalArgumentException.class, () -> new InsertRewriter(TARGET, OnDuplicateLogical.REPLACE,
                ExtractedColumns.NONE, List.of()).rewrite("DELETE FROM t"));
    }

    @Test
    void createDatabaseKeepsCharset() {
        assertEquals("CREATE DATABASE IF NOT EXISTS `new` /*!40100 DEFAULT CHARACTER SET latin1 */",
                CreateStatements.createDatabase("CREATE DATABASE `old` /*!40100 DEFAULT CHARACTER SET latin1 */", "new"));
    }

    @Test
    void createTableIsRoutedAndGetsOriginColumnsInItsKeys() {
        String show = "CREATE TABLE `orders_1` (\n  `id` int(11) NOT NULL,\n  `note` varchar(20) DEFAULT 'a),(b',\n"
                + "  `code` varchar(10) NOT NULL,\n  PRIMARY KEY (`id`),\n  UNIQUE KEY `uk(x)` (`code`(5)),\n"
                + "  KEY `k` (`note`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
        String out = CreateStatements.createTable(show, TARGET, List.of("c_table", "c_schema"));
        assertEquals("CREATE TABLE IF NOT EXISTS `merged`.`all_orders` (\n  `id` int(11) NOT NULL,\n"
                + "  `note` varchar(20) DEFAULT 'a),(b',\n  `code` varchar(10) NOT NULL,\n"
                + "  PRIMARY KEY (`id`,`c_table`,`c_schema`),\n  UNIQUE KEY `uk(x)` (`code`(5),`c_table`,`c_schema`),\n"
                + "  KEY `k` (`note`),\n  `c_table` " + CreateStatements.EXTRACT_COLUMN_TYPE + ",\n  `c_schema` "
                + CreateStatements.EXTRACT_COLUMN_TYPE + "\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", out);
        assertEquals("CREATE TABLE IF NOT EXISTS `merged`.`all_orders` (\n  `id` int(11) NOT NULL\n)",
                CreateStatements.createTable("CREATE TABLE `a`.`b` (\n  `id` int(11) NOT NULL\n)", TARGET, List.of()));
    }

    @Test
    void createViewDropsDefinerAndMovesSchema() {
        String show = "CREATE ALGORITHM=UNDEFINED DEFINER=`admin`@`%` SQL SECURITY DEFINER VIEW `v` AS select `src`.`t`.`a`"
                + " AS `a` from `src`.`t`";
        assertEquals("CREATE OR REPLACE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `dst`.`v` AS select `dst`.`t`.`a`"
                + " AS `a` from `dst`.`t`", CreateStatements.createView(show, new TableId("src", "v"), new TableId("dst", "v")));
        assertEquals("CREATE OR REPLACE VIEW `src`.`w` AS select 1",
                CreateStatements.createView("CREATE VIEW `w` AS select 1", new TableId("src", "w"), new TableId("src", "w")));
    }
}
