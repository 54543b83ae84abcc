package io.dm4j.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DatabasesExtension.class)
class TableChecksumIT {
    private static final String DDL = "(id INT NOT NULL, name VARCHAR(20) CHARACTER SET utf8mb4, b VARBINARY(4),"
            + " d DECIMAL(10,2), ts TIMESTAMP(3) NULL, PRIMARY KEY (id))";
    private static final String ROWS = "(1, 'a😀', x'00ff', 1.50, '2024-02-29 10:11:12.123'), (2, NULL, NULL, -0.01, NULL),"
            + " (10, '', x'', 0, '1999-12-31 23:59:59.999')";

    private TestDatabases dbs;
    private String schema;

    @BeforeEach
    void schemas(TestDatabases dbs) throws SQLException {
        this.dbs = dbs;
        schema = dbs.freshSchema("tcsum");
        dbs.execDown("CREATE DATABASE `" + schema + "`");
    }

    private void both(String... sql) throws SQLException {
        dbs.execUp(sql);
        dbs.execDown(sql);
    }

    @Test
    void identicalTablesPassAndHashAlike() throws SQLException {
        both("CREATE TABLE " + schema + ".t " + DDL, "INSERT INTO " + schema + ".t VALUES " + ROWS);
        TableChecksum.assertSameContent(dbs, schema + ".t");
        TableChecksum.Result up = TableChecksum.of(dbs.upstream(), schema + ".t");
        assertEquals(up, TableChecksum.of(dbs.downstream(), schema + ".t"));
        assertEquals(3, up.rows());
        assertEquals(64, up.sha256().length());
    }

    @Test
    void timestampsCompareInUtcWhateverTheSessionZone() throws SQLException {
        both("CREATE TABLE " + schema + ".t " + DDL);
        dbs.execUp("SET time_zone = '+05:00'; INSERT INTO " + schema + ".t (id, ts) VALUES (1, '2024-01-01 05:00:00')");
        dbs.execDown("SET time_zone = '+00:00'; INSERT INTO " + schema + ".t (id, ts) VALUES (1, '2024-01-01 00:00:00')");
        TableChecksum.assertSameContent(dbs, schema + ".t");
    }

    @Test
    void changedMissingAndExtraRowsAreNamed() throws SQLException {
        both("CREATE TABLE " + schema + ".t " + DDL, "INSERT INTO " + schema + ".t VALUES " + ROWS);
        dbs.execDown("UPDATE " + schema + ".t SET name = 'b😀', b = x'0001' WHERE id = 1",
                "DELETE FROM " + schema + ".t WHERE id = 2",
                "INSERT INTO " + schema + ".t (id) VALUES (11)");
        AssertionError e = assertThrows(AssertionError.class, () -> TableChecksum.assertSameContent(dbs, schema + ".t"));
        String m = e.getMessage();
        assertTrue(m.contains("3 differing row(s)"), m);
        assertTrue(m.contains("differs at {id='1'}: name up='a😀' down='b😀'; b up=0x00FF down=0x0001"), m);
        assertTrue(m.contains("only upstream:   {id='2', name=NULL, b=NULL, d='-0.01', ts=NULL}"), m);
        assertTrue(m.contains("only downstream: {id='11', name=NULL"), m);
        assertTrue(m.contains("(3 rows, sha256 "), m);
    }

    @Test
    void nullAndEmptyStringAreDifferent() throws SQLException {
        both("CREATE TABLE " + schema + ".t " + DDL);
        dbs.execUp("INSERT INTO " + schema + ".t (id, name) VALUES (1, '')");
        dbs.execDown("INSERT INTO " + schema + ".t (id, name) VALUES (1, NULL)");
        assertNotEquals(TableChecksum.of(dbs.upstream(), schema + ".t"), TableChecksum.of(dbs.downstream(), schema + ".t"));
        AssertionError e = assertThrows(AssertionError.class, () -> TableChecksum.assertSameContent(dbs, schema + ".t"));
        assertTrue(e.getMessage().contains("name up='' down=NULL"), e.getMessage());
    }

    @Test
    void tablesWithoutKeyCompareAsOrderedMultisets() throws SQLException {
        both("CREATE TABLE " + schema + ".nk (a INT, b VARCHAR(5))");
        dbs.execUp("INSERT INTO " + schema + ".nk VALUES (2, 'x'), (1, 'y'), (1, 'y'), (NULL, NULL)");
        dbs.execDown("INSERT INTO " + schema + ".nk VALUES (1, 'y'), (NULL, NULL), (2, 'x'), (1, 'y')");
        TableChecksum.assertSameContent(dbs, schema + ".nk");
        dbs.execDown("DELETE FROM " + schema + ".nk WHERE a = 1 LIMIT 1");
        AssertionError e = assertThrows(AssertionError.class, () -> TableChecksum.assertSameContent(dbs, schema + ".nk"));
        assertTrue(e.getMessage().contains("only upstream:   {a='1', b='y'}"), e.getMessage());
    }

    @Test
    void differentColumnsOrMissingTableFailClearly() throws SQLException {
        dbs.execUp("CREATE TABLE " + schema + ".t (id INT PRIMARY KEY, x INT)");
        AssertionError missing = assertThrows(AssertionError.class, () -> TableChecksum.assertSameContent(dbs, schema + ".t"));
        assertTrue(missing.getMessage().contains("does not exist on " + dbs.downstream()), missing.getMessage());
        dbs.execDown("CREATE TABLE " + schema + ".t (id INT PRIMARY KEY, y INT)");
        AssertionError cols = assertThrows(AssertionError.class, () -> TableChecksum.assertSameContent(dbs, schema + ".t"));
        assertTrue(cols.getMessage().contains("[id, x]") && cols.getMessage().contains("[id, y]"), cols.getMessage());
    }

    @Test
    void queryHelpersReturnStringsAndBindParameters() throws SQLException {
        both("CREATE TABLE " + schema + ".t " + DDL, "INSERT INTO " + schema + ".t VALUES " + ROWS);
        List<List<String>> rows = dbs.queryUp("SELECT id, name, d FROM " + schema + ".t WHERE id <= ? ORDER BY id", 2);
        assertEquals(List.of(List.of("1", "a😀", "1.50"), Arrays.asList("2", null, "-0.01")), rows);
        assertEquals(List.of(List.of("3")), dbs.queryDown("SELECT COUNT(*) FROM " + schema + ".t"));
        assertEquals(List.of(schema), dbs.createdSchemas());
        assertTrue(List.of("sandbox", "env", "testcontainers").contains(dbs.origin()));
    }
}
