package io.dm4j.worker.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.model.TableId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreateTableParserTest {
    private static final TableId T = new TableId("db", "t");
    private final CreateTableParser mariadb = new CreateTableParser(ServerDefaults.mariadb());
    private final CreateTableParser mysql8 = new CreateTableParser(ServerDefaults.mysql8());
    private final CreateTableParser mysql57 = new CreateTableParser(ServerDefaults.mysql57());

    static String resource(String name) throws IOException {
        try (InputStream in = CreateTableParserTest.class.getResourceAsStream("/ddl/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** name, dataType, columnType, unsigned, nullable, charset, collation, length, precision, scale, fsp, generated. */
    private static void assertColumn(TableSchema s, String name, String dataType, String columnType, boolean unsigned,
                                     boolean nullable, String charset, String collation, int length, int precision,
                                     int scale, int fsp, ColumnDef.Generated generated) {
        ColumnDef c = s.column(name);
        assertEquals(new ColumnDef(name, dataType, columnType, unsigned, nullable, charset, collation, length, precision,
                scale, fsp, c == null ? List.of() : c.elements(), generated), c, name);
    }

    @Test
    void mariadbShowCreateOfEveryType() throws IOException {
        String sql = resource("mariadb-10.11-all-types.sql");
        TableSchema s = mariadb.parse(T, sql, new CharsetCollation("utf8mb4", "utf8mb4_general_ci"));
        assertEquals(sql, s.createTable());
        assertEquals(47, s.columns().size());
        ColumnDef.Generated no = ColumnDef.Generated.NONE;
        assertColumn(s, "id", "int", "int(10) unsigned", true, false, null, null, -1, -1, -1, -1, no);
        assertColumn(s, "ti", "tinyint", "tinyint(3)", false, true, null, null, -1, -1, -1, -1, no);
        assertColumn(s, "si", "smallint", "smallint(5) unsigned zerofill", true, true, null, null, -1, -1, -1, -1, no);
        assertColumn(s, "bi", "bigint", "bigint(20) unsigned", true, false, null, null, -1, -1, -1, -1, no);
        assertColumn(s, "b1", "bit", "bit(5)", false, true, null, null, 5, -1, -1, -1, no);
        assertColumn(s, "bo", "tinyint", "tinyint(1)", false, true, null, null, -1, -1, -1, -1, no);
        assertColumn(s, "f", "float", "float(7,3)", false, true, null, null, -1, -1, -1, -1, no);
        assertColumn(s, "de", "decimal", "decimal(10,0)", false, true, null, null, -1, 10, 0, -1, no);
        assertColumn(s, "de2", "decimal", "decimal(20,6) unsigned", true, true, null, null, -1, 20, 6, -1, no);
        assertColumn(s, "c", "char", "char(10)", false, true, "utf8mb4", "utf8mb4_bin", 10, -1, -1, -1, no);
        assertColumn(s, "vc", "varchar", "varchar(255)", false, true, "latin1", "latin1_swedish_ci", 255, -1, -1, -1, no);
        assertColumn(s, "vc2", "varchar", "varchar(20)", false, true, "gbk", "gbk_chinese_ci", 20, -1, -1, -1, no);
        assertColumn(s, "vc3", "varchar", "varchar(20)", false, true, "latin1", "latin1_bin", 20, -1, -1, -1, no);
        assertColumn(s, "bin", "binary", "binary(16)", false, true, "binary", "binary", 16, -1, -1, -1, no);
        assertColumn(s, "vb", "varbinary", "varbinary(200)", false, true, "binary", "binary", 200, -1, -1, -1, no);
        assertColumn(s, "tx", "text", "text", false, true, "latin1", "latin1_swedish_ci", -1, -1, -1, -1, no);
        assertColumn(s, "mt", "mediumtext", "mediumtext", false, true, "utf8mb4", "utf8mb4_general_ci", -1, -1, -1, -1, no);
        assertColumn(s, "lb", "longblob", "longblob", false, true, "binary", "binary", -1, -1, -1, -1, no);
        assertColumn(s, "s", "set", "set('r','w','x')", false, false, "latin1", "latin1_swedish_ci", -1, -1, -1, -1, no);
        assertColumn(s, "dt", "date", "date", false, true, null, null, -1, -1, -1, -1, no);
        assertColumn(s, "tm", "time", "time(3)", false, true, null, null, -1, -1, -1, 3, no);
        assertColumn(s, "dtt", "datetime", "datetime(6)", false, true, null, null, -1, -1, -1, 6, no);
        assertColumn(s, "ts", "timestamp", "timestamp", false, false, null, null, -1, -1, -1, 0, no);
        assertColumn(s, "y", "year", "year(4)", false, true, null, null, -1, -1, -1, -1, no);
        // MariaDB prints JSON as LONGTEXT with a json_valid check; declared json or not, it is json
        assertColumn(s, "j", "json", "longtext", false, true, "utf8mb4", "utf8mb4_bin", -1, -1, -1, -1, no);
        assertColumn(s, "j2", "json", "longtext", false, true, "latin1", "latin1_swedish_ci", -1, -1, -1, -1, no);
        assertColumn(s, "g", "geometry", "geometry", false, true, null, null, -1, -1, -1, -1, no);
        assertColumn(s, "p", "point", "point", false, true, null, null, -1, -1, -1, -1, no);
        assertColumn(s, "gv", "int", "int(11)", false, true, null, null, -1, -1, -1, -1, ColumnDef.Generated.VIRTUAL);
        assertColumn(s, "gs", "int", "int(11)", false, true, null, null, -1, -1, -1, -1, ColumnDef.Generated.STORED);
        assertColumn(s, "gp", "varchar", "varchar(30)", false, true, "latin1", "latin1_swedish_ci", 30, -1, -1, -1,
                ColumnDef.Generated.STORED);
        assertColumn(s, "u", "uuid", "uuid", false, true, null, null, -1, -1, -1, -1, no);
        assertColumn(s, "i4", "inet6", "inet6", false, true, null, null, -1, -1, -1, -1, no);

        assertEquals(List.of("a", "b'c", "d\\e", "x,y"), s.column("e").elements());
        assertEquals("enum('a','b''c','d\\\\e','x,y')", s.column("e").columnType());
        assertEquals(List.of("r", "w", "x"), s.column("s").elements());
        // PRIMARY and uk_bi; uk_c has a prefix part and does not identify rows
        assertEquals(List.of(new KeyDef("PRIMARY", List.of("id"), true), new KeyDef("uk_bi", List.of("bi", "ti"), false)),
                s.uniqueKeys());
        assertEquals(0, s.identityColumns()[0]);
    }

    @Test
    void mariadbPartitionedTable() throws IOException {
        TableSchema s = mariadb.parse(T, resource("mariadb-10.11-partitioned.sql"));
        assertEquals(List.of("a", "b"), s.columns().stream().map(ColumnDef::name).toList());
        assertFalse(s.column("a").nullable());
        assertEquals("latin1", s.column("b").charset());
    }

    @Test
    void mysql8ShowCreate() throws IOException {
        TableSchema s = mysql8.parse(T, resource("mysql-8.0-show-create.sql"));
        ColumnDef.Generated no = ColumnDef.Generated.NONE;
        assertColumn(s, "id", "int", "int unsigned", true, false, null, null, -1, -1, -1, -1, no);
        assertColumn(s, "ti", "tinyint", "tinyint(1)", false, false, null, null, -1, -1, -1, -1, no);
        assertColumn(s, "name", "varchar", "varchar(64)", false, false, "utf8mb4", "utf8mb4_bin", 64, -1, -1, -1, no);
        assertColumn(s, "l1", "varchar", "varchar(10)", false, true, "latin1", "latin1_swedish_ci", 10, -1, -1, -1, no);
        assertColumn(s, "doc", "json", "json", false, true, null, null, -1, -1, -1, -1, no);
        assertColumn(s, "g", "point", "point", false, false, null, null, -1, -1, -1, -1, no);
        assertColumn(s, "d", "datetime", "datetime(3)", false, true, null, null, -1, -1, -1, 3, no);
        assertColumn(s, "y", "year", "year", false, true, null, null, -1, -1, -1, -1, no);
        assertColumn(s, "e", "enum", "enum('a','b')", false, true, "utf8mb4", "utf8mb4_unicode_ci", -1, -1, -1, -1, no);
        assertColumn(s, "gen", "int", "int", false, true, null, null, -1, -1, -1, -1, ColumnDef.Generated.VIRTUAL);
        assertColumn(s, "gs", "varchar", "varchar(20)", false, true, "utf8mb4", "utf8mb4_0900_ai_ci", 20, -1, -1, -1,
                ColumnDef.Generated.STORED);
        assertColumn(s, "inv", "int", "int", false, true, null, null, -1, -1, -1, -1, no);
        assertColumn(s, "dz", "decimal", "decimal(12,4)", false, false, null, null, -1, 12, 4, -1, no);
        // the functional unique key is left out
        assertEquals(List.of("PRIMARY", "uk_name", "uk_bin"), s.uniqueKeys().stream().map(KeyDef::name).toList());
    }

    @Test
    void mysql57ShowCreate() throws IOException {
        TableSchema s = mysql57.parse(T, resource("mysql-5.7-show-create.sql"));
        ColumnDef.Generated no = ColumnDef.Generated.NONE;
        assertColumn(s, "u", "int", "int(10) unsigned zerofill", true, true, null, null, -1, -1, -1, -1, no);
        assertColumn(s, "c", "char", "char(20)", false, true, "gbk", "gbk_chinese_ci", 20, -1, -1, -1, no);
        assertColumn(s, "vc", "varchar", "varchar(255)", false, false, "utf8mb3", "utf8mb3_general_ci", 255, -1, -1, -1, no);
        assertColumn(s, "j", "json", "json", false, true, null, null, -1, -1, -1, -1, no);
        assertColumn(s, "t", "text", "text", false, true, "utf8mb3", "utf8mb3_general_ci", -1, -1, -1, -1, no);
        assertEquals(List.of("PRIMARY", "uk_vc"), s.uniqueKeys().stream().map(KeyDef::name).toList());
    }

    @Test
    void binlogCreateTableWithAliasesAndInlineKeys() {
        String sql = "create table t (id integer primary key, n numeric(5), f float(30), r real, b bool, "
                + "c character(3), nv national varchar(10), nc nchar, s serial, "
                + "x varchar(10) binary, y text charset binary, z char(4) charset binary, "
                + "e enum('it''s', 'back\\\\slash') not null, d dec, ts timestamp(0) null, "
                + "tt text(100), u bigint unsigned unique, m int comment 'the m' default 3)";
        TableSchema s = mariadb.parse(T, sql, new CharsetCollation("latin1", "latin1_swedish_ci"));
        assertEquals("int(11)", s.column("id").columnType());
        assertFalse(s.column("id").nullable());
        assertEquals("decimal(5,0)", s.column("n").columnType());
        assertEquals(5, s.column("n").precision());
        assertEquals(0, s.column("n").scale());
        assertEquals("double", s.column("f").dataType());
        assertEquals("double", s.column("r").dataType());
        assertEquals("tinyint(1)", s.column("b").columnType());
        assertEquals("char(3)", s.column("c").columnType());
        assertEquals("latin1", s.column("c").charset());
        assertEquals("utf8mb3", s.column("nv").charset());
        assertEquals("utf8mb3_general_ci", s.column("nv").collation());
        assertEquals(1, s.column("nc").length());
        assertEquals("bigint(20) unsigned", s.column("s").columnType());
        assertFalse(s.column("s").nullable());
        assertEquals("latin1_bin", s.column("x").collation());
        assertEquals("blob", s.column("y").dataType());
        assertEquals("binary(4)", s.column("z").columnType());
        assertEquals("binary", s.column("z").charset());
        assertEquals(List.of("it's", "back\\slash"), s.column("e").elements());
        assertEquals("enum('it''s','back\\\\slash')", s.column("e").columnType());
        assertEquals("decimal(10,0)", s.column("d").columnType());
        assertEquals(0, s.column("ts").fsp());
        assertEquals("timestamp", s.column("ts").columnType());
        assertTrue(s.column("ts").nullable());
        assertEquals("tinytext", s.column("tt").dataType());
        assertEquals(List.of(new KeyDef("PRIMARY", List.of("id"), true), new KeyDef("s", List.of("s"), false),
                new KeyDef("u", List.of("u"), false)), s.uniqueKeys());
        assertEquals("int(11)", s.column("m").columnType());
    }

    @Test
    void charsetPrecedenceColumnThenTableThenDatabaseThenServer() {
        CharsetCollation gbkDb = new CharsetCollation("gbk", "gbk_chinese_ci");
        TableSchema db = mariadb.parse(T, "CREATE TABLE t (a varchar(3), b varchar(3) COLLATE utf8mb4_unicode_ci)", gbkDb);
        assertEquals(new CharsetCollation("gbk", "gbk_chinese_ci"),
                new CharsetCollation(db.column("a").charset(), db.column("a").collation()));
        assertEquals("utf8mb4", db.column("b").charset());
        TableSchema table = mariadb.parse(T, "CREATE TABLE t (a varchar(3)) DEFAULT CHARSET=utf8", gbkDb);
        assertEquals("utf8mb3", table.column("a").charset());
        assertEquals("utf8mb3_general_ci", table.column("a").collation());
        TableSchema collateOnly = mariadb.parse(T, "CREATE TABLE t (a varchar(3)) COLLATE latin1_bin", gbkDb);
        assertEquals("latin1", collateOnly.column("a").charset());
        assertEquals("latin1_bin", collateOnly.column("a").collation());
        TableSchema server = mysql8.parse(T, "CREATE TABLE t (a varchar(3), b varchar(3) CHARACTER SET utf8mb4)");
        assertEquals("utf8mb4_0900_ai_ci", server.column("a").collation());
        assertEquals("utf8mb4_0900_ai_ci", server.column("b").collation());
        TableSchema onMaria = mariadb.parse(T, "CREATE TABLE t (b varchar(3) CHARACTER SET utf8mb4)", gbkDb);
        assertEquals("utf8mb4_general_ci", onMaria.column("b").collation());
        for (String[] cs : new String[][] {{"latin1", "latin1_swedish_ci"}, {"gb2312", "gb2312_chinese_ci"},
                {"gb18030", "gb18030_chinese_ci"}, {"big5", "big5_chinese_ci"}, {"ascii", "ascii_general_ci"},
                {"ucs2", "ucs2_general_ci"}, {"utf16", "utf16_general_ci"}, {"utf32", "utf32_general_ci"},
                {"cp1250", "cp1250_general_ci"}, {"utf8mb3", "utf8mb3_general_ci"}}) {
            TableSchema x = mariadb.parse(T, "CREATE TABLE t (a text CHARACTER SET " + cs[0] + ")");
            assertEquals(cs[1], x.column("a").collation(), cs[0]);
        }
    }

    @Test
    void mysql57TimestampIsNotNullUnlessDeclaredNull() {
        TableSchema s = mysql57.parse(T, "create table t (a timestamp, b timestamp null, c datetime)");
        assertFalse(s.column("a").nullable());
        assertTrue(s.column("b").nullable());
        assertTrue(s.column("c").nullable());
    }

    @Test
    void generatedColumnShortFormsAndMariadbPersistent() {
        TableSchema s = mariadb.parse(T, "CREATE TABLE t (a int, b int AS (a+1), c int AS (a*2) PERSISTENT, "
                + "d int GENERATED ALWAYS AS (a) VIRTUAL NOT NULL, e int AS (a) STORED UNIQUE KEY)");
        assertEquals(ColumnDef.Generated.VIRTUAL, s.column("b").generated());
        assertEquals(ColumnDef.Generated.STORED, s.column("c").generated());
        assertEquals(ColumnDef.Generated.VIRTUAL, s.column("d").generated());
        assertFalse(s.column("d").nullable());
        assertEquals(ColumnDef.Generated.STORED, s.column("e").generated());
        assertEquals(List.of(new KeyDef("e", List.of("e"), false)), s.uniqueKeys());
    }

    @Test
    void declaredJsonOnMariadbBecomesUtf8mb4BinLongtext() {
        TableSchema s = mariadb.parse(T, "CREATE TABLE t (j json) DEFAULT CHARSET latin1");
        ColumnDef j = s.column("j");
        assertEquals("json", j.dataType());
        assertEquals("longtext", j.columnType());
        assertEquals("utf8mb4_bin", j.collation());
        TableSchema tableCheck = mariadb.parse(T, "CREATE TABLE t (j longtext, CONSTRAINT c CHECK (json_valid(`j`)))");
        assertEquals("json", tableCheck.column("j").dataType());
        TableSchema other = mariadb.parse(T, "CREATE TABLE t (j longtext, k longtext CHECK (json_valid(k)))");
        assertEquals("longtext", other.column("j").dataType());
        assertEquals("json", other.column("k").dataType());
    }

    @Test
    void quotedNamesAndComments() {
        String sql = "CREATE TABLE `we ird``n` (\n  `col 1` int(11) NOT NULL, -- first\n  `ü` varchar(3) /* c */ DEFAULT NULL,\n"
                + "  `id` int(11) NOT NULL,\n  PRIMARY KEY (`id`,`col 1`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci";
        TableSchema s = mariadb.parse(new TableId("db", "we ird`n"), sql);
        assertEquals(List.of("col 1", "ü", "id"), s.columns().stream().map(ColumnDef::name).toList());
        assertEquals(List.of("id", "col 1"), s.primaryKey().columns());
        assertEquals(List.of(2, 0), List.of(s.identityColumns()[0], s.identityColumns()[1]));
    }

    @Test
    void tableWithoutKeysAndNullableUniqueHasNoIdentityKey() {
        TableSchema s = mariadb.parse(T, "CREATE TABLE t (a int, b varchar(5), UNIQUE KEY (a))");
        assertNull(s.primaryKey());
        assertFalse(s.hasIdentityKey());
        assertEquals(List.of(new KeyDef("a", List.of("a"), false)), s.uniqueKeys());
    }

    @Test
    void unreadableCreateTableIsASchemaTrackerError() {
        DmException e = assertThrows(DmException.class, () -> mariadb.parse(T, "CREATE TABLE t (a int,"));
        assertEquals(44009, e.code().code());
        assertThrows(DmException.class, () -> mariadb.parse(T, "CREATE TABLE t LIKE u"));
    }
}
