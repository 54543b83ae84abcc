package io.dm4j.worker.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.sync.ddl.DdlParser;
import io.dm4j.worker.sync.ddl.DdlStatement;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaTrackerTest {
    private static final TableId T = new TableId("db1", "t");
    private final SchemaTracker tracker = new SchemaTracker("task", ServerDefaults.mariadb());
    private final DdlParser parser = new DdlParser();

    private void exec(String... sqls) {
        for (String sql : sqls) {
            for (DdlStatement s : parser.parse("db1", sql).statements()) {
                tracker.apply("db1", s);
            }
            for (TableId id : tracker.tables()) {
                TableSchema s = tracker.get(id);
                // the stored text always describes exactly the tracked columns and keys
                assertEquals(s, tracker.parser().parse(id, s.createTable(), tracker.databaseDefault(id.schema())),
                        "createTable out of sync after " + sql);
            }
        }
    }

    private List<String> columns(TableId id) {
        return tracker.get(id).columns().stream().map(ColumnDef::name).toList();
    }

    private List<String> keys(TableId id) {
        return tracker.get(id).uniqueKeys().stream().map(k -> k.name() + k.columns()).toList();
    }

    @Test
    void alterSequenceEvolvesColumnsAndKeys() {
        exec("CREATE DATABASE db1 CHARACTER SET latin1",
                "CREATE TABLE t (id int, a varchar(10), b int, c text)");
        assertEquals(List.of("id", "a", "b", "c"), columns(T));
        assertEquals("latin1", tracker.get(T).column("a").charset());

        exec("ALTER TABLE t ADD COLUMN z int FIRST, ADD COLUMN y bigint unsigned AFTER a");
        assertEquals(List.of("z", "id", "a", "y", "b", "c"), columns(T));
        assertEquals("bigint(20) unsigned", tracker.get(T).column("y").columnType());

        exec("ALTER TABLE t ADD PRIMARY KEY (id), ADD UNIQUE KEY uk_b (b), ADD UNIQUE (a(4)), ADD INDEX ix (c(10))");
        assertEquals(List.of("PRIMARY[id]", "uk_b[b]"), keys(T));
        assertFalse(tracker.get(T).column("id").nullable());

        exec("ALTER TABLE t MODIFY b int NOT NULL AFTER z, CHANGE a aa varchar(20) CHARACTER SET utf8mb4 NOT NULL");
        assertEquals(List.of("z", "b", "id", "aa", "y", "c"), columns(T));
        assertEquals("utf8mb4", tracker.get(T).column("aa").charset());
        assertEquals("utf8mb4_general_ci", tracker.get(T).column("aa").collation());
        assertFalse(tracker.get(T).column("b").nullable());

        exec("ALTER TABLE t RENAME COLUMN b TO bb, DROP COLUMN z, ALTER COLUMN y SET DEFAULT 7");
        assertEquals(List.of("bb", "id", "aa", "y", "c"), columns(T));
        assertEquals(List.of("PRIMARY[id]", "uk_b[bb]"), keys(T));
        assertTrue(tracker.get(T).createTable().contains("DEFAULT 7"));

        exec("ALTER TABLE t ALTER COLUMN y DROP DEFAULT, DROP INDEX uk_b, DROP PRIMARY KEY, ADD UNIQUE KEY u2 (bb, id)");
        assertFalse(tracker.get(T).createTable().contains("DEFAULT 7"));
        assertEquals(List.of("u2[bb, id]"), keys(T));
        // id stays NOT NULL after its primary key is gone, as on the server
        assertTrue(tracker.get(T).hasIdentityKey());

        exec("CREATE UNIQUE INDEX u3 ON t (y)", "DROP INDEX u2 ON t", "ALTER TABLE t RENAME INDEX u3 TO u4");
        assertEquals(List.of("u4[y]"), keys(T));

        exec("ALTER TABLE t DROP COLUMN y");
        assertEquals(List.of(), keys(T), "a key loses its only column with the column");
    }

    @Test
    void charsetChangesOnlyMoveWhatTheyShould() {
        exec("CREATE TABLE t (a varchar(5), b tinytext, c text, d int, e enum('x')) DEFAULT CHARSET=latin1");
        exec("ALTER TABLE t DEFAULT CHARSET=utf8mb4, ADD COLUMN f varchar(3)");
        TableSchema s = tracker.get(T);
        assertEquals("latin1", s.column("a").charset(), "existing columns keep their charset");
        assertEquals("utf8mb4", s.column("f").charset(), "new columns take the new default");

        exec("ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        s = tracker.get(T);
        assertEquals("utf8mb4_unicode_ci", s.column("a").collation());
        assertEquals("utf8mb4_unicode_ci", s.column("e").collation());
        assertNull(s.column("d").charset());
        assertEquals("text", s.column("b").dataType(), "TINYTEXT grows to keep its character capacity");
        assertEquals("mediumtext", s.column("c").dataType());

        exec("ALTER TABLE t MODIFY d varchar(4)");
        assertEquals("utf8mb4_unicode_ci", tracker.get(T).column("d").collation());
    }

    @Test
    void createLikeRenameAndDrop() {
        exec("CREATE TABLE a (id int PRIMARY KEY, v json)", "CREATE TABLE b LIKE a");
        TableId a = new TableId("db1", "a");
        TableId b = new TableId("db1", "b");
        assertEquals(tracker.get(a).columns(), tracker.get(b).columns());
        assertEquals("json", tracker.get(b).column("v").dataType());

        exec("RENAME TABLE a TO tmp, b TO a, tmp TO b");
        assertNull(tracker.get(new TableId("db1", "tmp")));
        assertNotNull(tracker.get(a));
        exec("ALTER TABLE a ADD COLUMN only_in_old_b int");
        exec("RENAME TABLE db1.a TO db2.moved");
        assertNull(tracker.get(a));
        assertEquals(List.of("id", "v", "only_in_old_b"), columns(new TableId("db2", "moved")));
        exec("ALTER TABLE db2.moved RENAME TO db1.back");
        assertNotNull(tracker.get(new TableId("db1", "back")));

        exec("TRUNCATE TABLE back");
        assertNotNull(tracker.get(new TableId("db1", "back")));
        exec("DROP TABLE back, b");
        assertEquals(List.of(), tracker.tables());
    }

    @Test
    void createTableIfNotExistsKeepsTheTrackedOne() {
        exec("CREATE TABLE t (a int)", "CREATE TABLE IF NOT EXISTS t (b int)");
        assertEquals(List.of("a"), columns(T));
        exec("CREATE OR REPLACE TABLE t (c int)");
        assertEquals(List.of("c"), columns(T));
    }

    @Test
    void databasesCarryTheirDefaultCharset() {
        exec("CREATE DATABASE g CHARACTER SET gbk", "CREATE TABLE g.t (a varchar(3))");
        TableId gt = new TableId("g", "t");
        assertEquals("gbk_chinese_ci", tracker.get(gt).column("a").collation());
        exec("ALTER DATABASE g COLLATE gbk_bin", "CREATE TABLE g.u (a varchar(3))");
        assertEquals("gbk_bin", tracker.get(new TableId("g", "u")).column("a").collation());
        assertEquals("gbk_chinese_ci", tracker.get(gt).column("a").collation());
        exec("DROP DATABASE g");
        assertEquals(List.of(), tracker.tables());
    }

    @Test
    void inlineKeysGetServerNames() {
        exec("CREATE TABLE t (a int UNIQUE, b int, UNIQUE (a), UNIQUE KEY (b, a))",
                "ALTER TABLE t ADD COLUMN c int NOT NULL UNIQUE KEY");
        assertEquals(List.of("c[c]", "a[a]", "a_2[a]", "b[b, a]"), keys(T));
    }

    @Test
    void errorsNameTheStatement() {
        DmException untracked = assertThrows(DmException.class, () -> exec("ALTER TABLE nope ADD COLUMN x int"));
        assertEquals(44005, untracked.code().code());
        exec("CREATE TABLE t (a int)");
        DmException dup = assertThrows(DmException.class, () -> exec("ALTER TABLE t ADD COLUMN a int"));
        assertEquals(44006, dup.code().code());
        assertTrue(dup.getMessage().contains("ALTER TABLE t ADD COLUMN a int"), dup.getMessage());
        assertThrows(DmException.class, () -> exec("ALTER TABLE t DROP COLUMN nope"));
        assertThrows(DmException.class, () -> exec("ALTER TABLE t ADD COLUMN b int AFTER nope"));
        assertThrows(DmException.class, () -> exec("CREATE TABLE c LIKE nope"));
        // a failed DDL leaves the tracked table as it was
        assertEquals(List.of("a"), columns(T));
        exec("ALTER TABLE t ADD COLUMN IF NOT EXISTS a int, DROP COLUMN IF EXISTS nope, DROP INDEX IF EXISTS nope");
        assertEquals(List.of("a"), columns(T));
    }

    @Test
    void keysAndConstraintsTheModelDoesNotMirrorAreTolerated() {
        exec("CREATE TABLE p (id int PRIMARY KEY)",
                "CREATE TABLE t (id int, pid int, CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p (id), CHECK (id > 0))");
        // InnoDB created an index `fk` for the foreign key; dropping both must work
        exec("ALTER TABLE t DROP FOREIGN KEY fk", "ALTER TABLE t DROP INDEX fk", "ALTER TABLE t DROP CONSTRAINT CONSTRAINT_1");
        exec("ALTER TABLE t DROP INDEX never_seen, RENAME INDEX gone TO still_gone");
        exec("ALTER TABLE t ADD UNIQUE KEY u (id)", "ALTER TABLE t ADD UNIQUE KEY u (pid)");
        assertEquals(List.of("u[pid]"), keys(T));
        exec("ALTER TABLE t ADD PRIMARY KEY (id)", "ALTER TABLE t ADD PRIMARY KEY (pid)");
        assertEquals(List.of("PRIMARY[pid]", "u[pid]"), keys(T));
        assertEquals(List.of("id", "pid"), columns(T));
    }

    @Test
    void jsonRoundTripIsExact() {
        exec("CREATE TABLE t (id int unsigned NOT NULL, e enum('a','b''c') DEFAULT 'a', g int AS (id+1) VIRTUAL, "
                + "d decimal(9,3), j json, PRIMARY KEY (id), UNIQUE KEY u (e, d))");
        TableSchema s = tracker.get(T);
        String json = tracker.toJson(s);
        assertEquals(s, tracker.fromJson(json));
        // a minimal document is parsed from its CREATE TABLE text
        String minimal = "{\"schema\":\"db1\",\"table\":\"t\",\"createTable\":\"CREATE TABLE t (a int primary key)\"}";
        assertEquals(List.of("a"), tracker.fromJson(minimal).columns().stream().map(ColumnDef::name).toList());
        DmException bad = assertThrows(DmException.class, () -> tracker.fromJson("{\"schema\":1"));
        assertEquals(44001, bad.code().code());
        assertThrows(DmException.class, () -> tracker.fromJson("{\"table\":\"t\"}"));
    }

    @Test
    void putGetRemove() {
        TableSchema s = tracker.parser().parse(T, "CREATE TABLE t (a int)");
        tracker.put(s);
        assertEquals(s, tracker.get(T));
        assertEquals(s, tracker.remove(T));
        assertNull(tracker.get(T));
    }
}
