package io.dm4j.worker.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.model.TableId;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.sync.ddl.DdlParser;
import io.dm4j.worker.sync.ddl.DdlStatement;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The tracker against a real upstream: structures loaded with SHOW CREATE TABLE, and structures evolved by
 * applying DDL in the tracker, must equal what a fresh SHOW CREATE TABLE gives after the same DDL upstream.
 */
@ExtendWith(DatabasesExtension.class)
class SchemaTrackerIT {

    private static final String ALL_TYPES = "CREATE TABLE all_types (\n"
            + " id int unsigned NOT NULL,\n"
            + " ti tinyint DEFAULT -1, tu tinyint unsigned, si smallint unsigned zerofill, mi mediumint,\n"
            + " i integer, bi bigint(20) unsigned NOT NULL DEFAULT 0, ser serial,\n"
            + " b1 bit(5) DEFAULT b'101', b0 bit, bo bool, f float(7,3), f2 float, f30 float(30), d double,\n"
            + " dp double precision(10,2), r real, de decimal, de5 decimal(5), de2 decimal(20,6) unsigned, nu numeric(5,2),\n"
            + " c char(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, c1 char, vc varchar(255) DEFAULT 'a''b\\\\c',\n"
            + " vc2 varchar(20) CHARACTER SET gbk, vc3 varchar(20) COLLATE latin1_bin, vb1 varchar(5) binary,\n"
            + " nvc national varchar(7), bin binary(16), bin1 binary, vb varbinary(200), cb char(4) CHARACTER SET binary,\n"
            + " tt tinytext, tx text, tx100 text(100), mt mediumtext CHARACTER SET utf8mb4, lt longtext,\n"
            + " tb tinyblob, bl blob, mb mediumblob, lb longblob,\n"
            + " e enum('a','b''c','d\\\\e','x,y') DEFAULT 'a', s set('r','w','x') NOT NULL,\n"
            + " dt date, tm time(3), t0 time, dtt datetime(6) DEFAULT CURRENT_TIMESTAMP(6), ts timestamp(0) NULL, y year,\n"
            + " j json, j2 longtext CHECK (json_valid(j2)),\n"
            + " g geometry, p point, ls linestring, pg polygon, mp multipoint, gc geometrycollection,\n"
            + " gv int AS (ti + 1) VIRTUAL, gs int GENERATED ALWAYS AS (ti * 2) STORED,\n"
            + " gp varchar(30) AS (concat(vc3,'x')) PERSISTENT, u uuid, i6 inet6, i4 inet4,\n"
            + " PRIMARY KEY (id), UNIQUE KEY uk_c (c(5)), UNIQUE KEY uk_bi (bi, ti), KEY k_vc (vc), FULLTEXT KEY ft (tx),\n"
            + " CONSTRAINT chk1 CHECK (ti > -100)\n"
            + ") ENGINE=InnoDB COMMENT 'all ''types'''";

    @Test
    void loadedStructuresDescribeEveryColumnType(TestDatabases dbs) throws Exception {
        String schema = dbs.freshSchema("trk_load");
        try (Connection up = dbs.upstream().connect(schema); Statement st = up.createStatement()) {
            loadedStructures(schema, up, st);
        } finally {
            TestDatabases.exec(dbs.upstream(), "DROP DATABASE IF EXISTS `" + schema + "`");
        }
    }

    private static void loadedStructures(String schema, Connection up, Statement st) throws Exception {
        {
            st.execute("ALTER DATABASE `" + schema + "` CHARACTER SET latin1");
            st.execute(ALL_TYPES);
            st.execute("CREATE TABLE nk (a int NOT NULL, b varchar(10) CHARACTER SET gbk, c varchar(3), UNIQUE KEY ua (a)) "
                    + "DEFAULT CHARSET=utf8mb3");
            SchemaTracker tracker = new SchemaTracker("it", ServerDefaults.detect(up));
            TableId all = new TableId(schema, "all_types");
            TableSchema s = tracker.loadFromUpstream(up, all);
            assertEquals(s, tracker.get(all));

            assertEquals(new ColumnDef("id", "int", "int(10) unsigned", true, false, null, null, -1, -1, -1, -1, null,
                    null), s.column("id"));
            assertEquals("tinyint(3) unsigned", s.column("tu").columnType());
            assertEquals("smallint(5) unsigned zerofill", s.column("si").columnType());
            assertEquals("bigint(20) unsigned", s.column("ser").columnType());
            assertFalse(s.column("ser").nullable());
            assertEquals(5, s.column("b1").length());
            assertEquals(1, s.column("b0").length());
            assertEquals("double", s.column("f30").dataType());
            assertEquals(List.of(10, 0), List.of(s.column("de").precision(), s.column("de").scale()));
            assertEquals(List.of(5, 0), List.of(s.column("de5").precision(), s.column("de5").scale()));
            assertEquals(List.of(20, 6), List.of(s.column("de2").precision(), s.column("de2").scale()));
            assertTrue(s.column("de2").unsigned());
            assertEquals("utf8mb4_bin", s.column("c").collation());
            assertEquals(1, s.column("c1").length());
            assertEquals("latin1_swedish_ci", s.column("vc").collation(), "database default charset");
            assertEquals("gbk_chinese_ci", s.column("vc2").collation());
            assertEquals("latin1_bin", s.column("vb1").collation());
            assertEquals("utf8mb3", s.column("nvc").charset());
            assertEquals("binary(4)", s.column("cb").columnType());
            assertEquals("binary", s.column("vb").charset());
            assertEquals("tinytext", s.column("tx100").dataType());
            assertEquals(List.of("a", "b'c", "d\\e", "x,y"), s.column("e").elements());
            assertEquals(List.of("r", "w", "x"), s.column("s").elements());
            assertFalse(s.column("s").nullable());
            assertEquals(3, s.column("tm").fsp());
            assertEquals(0, s.column("t0").fsp());
            assertEquals(6, s.column("dtt").fsp());
            assertTrue(s.column("ts").nullable());
            assertEquals("json", s.column("j").dataType());
            assertEquals("utf8mb4_bin", s.column("j").collation());
            assertEquals("json", s.column("j2").dataType());
            assertEquals("geometrycollection", s.column("gc").dataType());
            assertEquals(ColumnDef.Generated.VIRTUAL, s.column("gv").generated());
            assertEquals(ColumnDef.Generated.STORED, s.column("gs").generated());
            assertEquals(ColumnDef.Generated.STORED, s.column("gp").generated());
            assertEquals("uuid", s.column("u").dataType());
            assertEquals("inet4", s.column("i4").dataType());
            // SERIAL brings a unique key; uk_c has a prefix part and is left out
            assertEquals(List.of(new KeyDef("PRIMARY", List.of("id"), true), new KeyDef("ser", List.of("ser"), false),
                    new KeyDef("uk_bi", List.of("bi", "ti"), false)), s.uniqueKeys());

            TableSchema nk = tracker.loadFromUpstream(up, new TableId(schema, "nk"));
            assertNull(nk.primaryKey());
            assertTrue(nk.hasIdentityKey());
            assertEquals(List.of(0), List.of(nk.identityColumns()[0]));
            assertEquals("gbk", nk.column("b").charset());
            assertEquals("utf8mb3_general_ci", nk.column("c").collation());

            // the same CREATE TABLE, tracked from its binlog text, gives the same structure as SHOW CREATE TABLE
            SchemaTracker fromDdl = new SchemaTracker("it", ServerDefaults.detect(up));
            fromDdl.setDatabaseDefault(schema, new CharsetCollation("latin1", "latin1_swedish_ci"));
            apply(fromDdl, schema, ALL_TYPES);
            TableSchema tracked = fromDdl.get(all);
            assertEquals(s.columns(), tracked.columns());
            assertEquals(s.uniqueKeys(), tracked.uniqueKeys());
        }
    }

    @Test
    void trackedAltersMatchTheUpstreamAfterEachStep(TestDatabases dbs) throws Exception {
        String schema = dbs.freshSchema("trk_alter");
        try (Connection up = dbs.upstream().connect(schema); Statement st = up.createStatement()) {
            alterSteps(schema, up, st);
        } finally {
            TestDatabases.exec(dbs.upstream(), "DROP DATABASE IF EXISTS `" + schema + "`");
        }
    }

    private static void alterSteps(String schema, Connection up, Statement st) throws Exception {
        {
            st.execute("CREATE TABLE t (id int NOT NULL, a varchar(10), b int, c text, d datetime) DEFAULT CHARSET=latin1");
            SchemaTracker tracker = new SchemaTracker("it", ServerDefaults.detect(up));
            tracker.loadFromUpstream(up, new TableId(schema, "t"));
            String[][] steps = {
                {"t", "ALTER TABLE t ADD COLUMN x int FIRST"},
                {"t", "ALTER TABLE t ADD COLUMN y varchar(20) CHARACTER SET gbk AFTER id"},
                {"t", "ALTER TABLE t MODIFY b bigint unsigned NOT NULL"},
                {"t", "ALTER TABLE t CHANGE a aa varchar(30) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT 'q'"},
                {"t", "ALTER TABLE t RENAME COLUMN b TO bb"},
                {"t", "ALTER TABLE t DROP COLUMN x"},
                {"t", "ALTER TABLE t ADD UNIQUE KEY uk (bb), ADD INDEX ix (y)"},
                {"t", "ALTER TABLE t ADD PRIMARY KEY (id)"},
                {"t", "ALTER TABLE t ADD UNIQUE (aa), ADD UNIQUE (aa), ADD UNIQUE (c(20))"},
                {"t", "ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (id, bb)"},
                {"t", "ALTER TABLE t ALTER COLUMN y SET DEFAULT 'q', ALTER COLUMN aa DROP DEFAULT"},
                {"t", "ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4"},
                {"t", "ALTER TABLE t DEFAULT CHARSET = latin1, ADD COLUMN z text"},
                {"t", "ALTER TABLE t ADD COLUMN j json, ADD COLUMN g int AS (id * 2) VIRTUAL, "
                        + "ADD COLUMN s varchar(10) AS (concat(z,'x')) PERSISTENT"},
                {"t", "CREATE UNIQUE INDEX u2 ON t (d)"},
                {"t", "DROP INDEX aa_2 ON t"},
                {"t", "ALTER TABLE t ADD COLUMN e enum('a','b''c') NOT NULL DEFAULT 'a' AFTER id, ALGORITHM=COPY, LOCK=SHARED"},
                {"t", "ALTER TABLE t ADD COLUMN IF NOT EXISTS e int, DROP COLUMN IF EXISTS nope, ADD COLUMN (p1 int, p2 date)"},
                {"t", "ALTER TABLE t MODIFY COLUMN d datetime(3) NOT NULL FIRST"},
                {"t", "ALTER TABLE t RENAME INDEX uk TO uk_bb, ALTER TABLE_NOOP_PLACEHOLDER"},
                {"t2", "ALTER TABLE t RENAME TO t2"},
                {"t3", "RENAME TABLE t2 TO t3"},
                {"copy", "CREATE TABLE copy LIKE t3"},
                {"copy", "ALTER TABLE copy DROP COLUMN y, CHANGE COLUMN p1 pp char(3) NOT NULL"},
                {"n", "CREATE TABLE n (id serial, v varchar(5) binary, w national char(2), x bool, f float(30), "
                        + "t tinytext, k int UNIQUE KEY, PRIMARY KEY (id)) CHARACTER SET gbk"},
                {"n", "ALTER TABLE n DROP PRIMARY KEY, CHANGE k k int NOT NULL"},
            };
            for (String[] step : steps) {
                String sql = step[1].replace(", ALTER TABLE_NOOP_PLACEHOLDER", "");
                st.execute(sql);
                apply(tracker, schema, sql);
                TableId id = new TableId(schema, step[0]);
                TableSchema fresh = new SchemaTracker("fresh", tracker.server()).loadFromUpstream(up, id);
                TableSchema mine = tracker.get(id);
                assertEquals(fresh.columns(), mine.columns(), "columns after: " + sql + "\n" + mine.createTable());
                assertEquals(fresh.uniqueKeys(), mine.uniqueKeys(), "keys after: " + sql + "\n" + mine.createTable());
            }
            assertNull(tracker.get(new TableId(schema, "t")));
            assertNull(tracker.get(new TableId(schema, "t2")));
        }
    }

    private static void apply(SchemaTracker tracker, String schema, String sql) {
        for (DdlStatement s : new DdlParser().parse(schema, sql).statements()) {
            tracker.apply(schema, s);
        }
    }
}
