package io.dm4j.worker.sync.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.model.TableId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the parser hands the schema tracker (the corpus test checks classification and rendering). */
class DdlParserTest {
    private final DdlParser parser = new DdlParser();

    private DdlStatement one(String sql) {
        List<DdlStatement> s = parser.parse("db", sql).statements();
        assertEquals(1, s.size());
        return s.get(0);
    }

    @Test
    void alterClausesBecomeSpecs() {
        DdlOperation.AlterTable at = (DdlOperation.AlterTable) one("ALTER TABLE t ADD COLUMN a int NOT NULL "
                + "DEFAULT 1 AFTER b, DROP COLUMN IF EXISTS c, MODIFY d varchar(5) CHARACTER SET gbk FIRST, "
                + "CHANGE e f bigint unsigned, RENAME COLUMN g TO h, ALTER i SET DEFAULT 'x', ALTER j DROP DEFAULT, "
                + "ADD UNIQUE KEY u (k(3), l), DROP INDEX m, DROP PRIMARY KEY, RENAME INDEX n TO o, "
                + "CONVERT TO CHARACTER SET latin1, DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin, "
                + "ALGORITHM=INPLACE, RENAME TO db2.t2").operation();
        assertEquals(new TableId("db", "t"), at.table());
        List<AlterSpec> specs = at.specs();
        assertEquals(15, specs.size());
        AlterSpec.AddColumns add = (AlterSpec.AddColumns) specs.get(0);
        assertEquals(ColumnPosition.after("b"), add.position());
        assertEquals("int", add.columns().get(0).type().name());
        assertTrue(add.columns().get(0).has(ColumnSyntax.AttributeKind.NOT_NULL));
        assertEquals("1", add.columns().get(0).first(ColumnSyntax.AttributeKind.DEFAULT).detail());
        assertEquals(new AlterSpec.DropColumn("c", true), specs.get(1));
        AlterSpec.ChangeColumn modify = (AlterSpec.ChangeColumn) specs.get(2);
        assertEquals("d", modify.oldName());
        assertEquals("gbk", modify.column().type().charset());
        assertEquals(ColumnPosition.FIRST, modify.position());
        AlterSpec.ChangeColumn change = (AlterSpec.ChangeColumn) specs.get(3);
        assertEquals("e", change.oldName());
        assertEquals("f", change.column().name());
        assertTrue(change.column().type().unsigned());
        assertEquals(new AlterSpec.RenameColumn("g", "h"), specs.get(4));
        assertEquals(new AlterSpec.SetColumnDefault("i", "'x'"), specs.get(5));
        assertEquals(new AlterSpec.SetColumnDefault("j", null), specs.get(6));
        IndexSyntax u = ((AlterSpec.AddIndex) specs.get(7)).index();
        assertEquals(IndexSyntax.Kind.UNIQUE, u.kind());
        assertEquals(List.of(new IndexSyntax.Part("k", 3, false, null), new IndexSyntax.Part("l", -1, false, null)),
                u.parts());
        assertEquals(new AlterSpec.DropIndex("m", false), specs.get(8));
        assertInstanceOf(AlterSpec.DropPrimaryKey.class, specs.get(9));
        assertEquals(new AlterSpec.RenameIndex("n", "o"), specs.get(10));
        assertEquals(new AlterSpec.ConvertCharset("latin1", null), specs.get(11));
        assertEquals(new AlterSpec.TableOptions("utf8mb4", "utf8mb4_bin", List.of()), specs.get(12));
        assertInstanceOf(AlterSpec.NoChange.class, specs.get(13));
        assertEquals(new AlterSpec.RenameTable(new TableId("db2", "t2")), specs.get(14));
    }

    @Test
    void splitAlterGivesOneSpecEach() {
        List<DdlStatement> s = new DdlParser(true).parse("db", "ALTER TABLE t ADD a int, ADD b int, DROP c").statements();
        assertEquals(3, s.size());
        for (DdlStatement st : s) {
            assertEquals(1, ((DdlOperation.AlterTable) st.operation()).specs().size());
        }
        assertEquals("ALTER TABLE `db`.`t` DROP c", s.get(2).render());
    }

    @Test
    void createTableSyntax() {
        TableSyntax t = ((DdlOperation.CreateTable) one("CREATE TABLE IF NOT EXISTS x.t (a int PRIMARY KEY, "
                + "b varchar(3) COLLATE latin1_bin, c enum('p','q') NOT NULL, KEY k (b), CONSTRAINT ck CHECK (a > 0)) "
                + "ENGINE=InnoDB DEFAULT CHARSET=latin1 ROW_FORMAT=DYNAMIC").operation()).table();
        assertEquals(new TableId("x", "t"), t.table());
        assertTrue(t.ifNotExists());
        assertEquals(List.of("a", "b", "c"), t.columns().stream().map(ColumnSyntax::name).toList());
        assertTrue(t.columns().get(0).has(ColumnSyntax.AttributeKind.PRIMARY_KEY));
        assertEquals("latin1_bin", t.columns().get(1).type().collation());
        assertEquals(List.of("p", "q"), t.columns().get(2).type().elements());
        assertEquals("k", t.indexes().get(0).name());
        assertEquals("a > 0", t.constraints().get(0).expression());
        assertEquals("latin1", t.charset());
        assertNull(t.collation());
        assertEquals(List.of("ENGINE", "ROW_FORMAT"), t.options().stream().map(TableOption::key).toList());
    }

    @Test
    void databaseStatements() {
        DdlStatement c = one("CREATE DATABASE IF NOT EXISTS d CHARACTER SET gbk");
        assertEquals(new DdlOperation.CreateDatabase("d", true, "gbk", null), c.operation());
        assertEquals(List.of(TableId.schemaOnly("d")), c.tables());
        assertTrue(c.eventType().schemaLevel());
        assertEquals(new DdlOperation.DropDatabase("d", false), one("DROP SCHEMA d").operation());
        assertEquals(new DdlOperation.AlterDatabase("db", null, "latin1_bin"), one("ALTER SCHEMA COLLATE latin1_bin").operation());
    }

    @Test
    void indexStatements() {
        DdlOperation.CreateIndex ci = (DdlOperation.CreateIndex) one("CREATE UNIQUE INDEX IF NOT EXISTS u ON t (a DESC)").operation();
        assertTrue(ci.ifNotExists());
        assertEquals("u", ci.index().name());
        assertTrue(ci.index().parts().get(0).descending());
        assertEquals(new DdlOperation.DropIndex(new TableId("db", "t"), "u", true),
                one("DROP INDEX IF EXISTS u ON t").operation());
    }

    @Test
    void routerMustGiveATarget() {
        DdlStatement s = one("TRUNCATE t");
        DmException e = assertThrows(DmException.class, () -> s.render(id -> null));
        assertEquals(36102, e.code().code());
    }

    @Test
    void notDdlHasAReasonAndNoStatements() {
        DdlParseResult r = parser.parse("db", "BEGIN");
        assertFalse(r.isDdl());
        assertEquals(List.of(), r.statements());
        assertThrows(IllegalArgumentException.class, () -> new DdlParseResult(List.of(), null));
    }
}
