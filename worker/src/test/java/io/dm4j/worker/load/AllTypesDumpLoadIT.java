package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.dump.DataFormat;
import io.dm4j.worker.dump.DumpIndex;
import io.dm4j.worker.dump.DumpStatus;
import io.dm4j.worker.dump.DumpUnit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * (a) + (e): a schema with every column type, a table without primary key, a view, generated columns and one big
 * table ({@code -Ddm4j.it.bigRows}, default 200,000) is dumped and loaded, through INSERT statements and through
 * LOAD DATA; every table must then be byte-for-byte identical downstream.
 */
@ExtendWith(DatabasesExtension.class)
class AllTypesDumpLoadIT {
    static final int BIG_ROWS = Integer.getInteger("dm4j.it.bigRows", 200_000);
    static final List<String> TABLES = List.of("t_int", "t_num", "t_time", "t_utf8", "t_latin1", "t_gbk", "t_bin",
            "t_json", "t_geo", "t_gen", "t_nopk", "t_uk", "t_big");

    static void createAllTypes(TestDatabases dbs, String s, int bigRows) throws Exception {
        dbs.execUp("USE `" + s + "`",
                "SET SESSION sql_mode = 'ALLOW_INVALID_DATES', time_zone = '+00:00'",
                "CREATE TABLE t_int (id INT PRIMARY KEY, ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED,"
                        + " mi MEDIUMINT, miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED,"
                        + " b1 BIT(1), b12 BIT(12), b64 BIT(64), bo BOOL, y YEAR)",
                "INSERT INTO t_int VALUES (1,-128,0,-32768,0,-8388608,0,-2147483648,0,-9223372036854775808,0,0,0,0,0,1901),"
                        + " (2,127,255,32767,65535,8388607,16777215,2147483647,4294967295,9223372036854775807,"
                        + "18446744073709551615,1,b'101010101010',b'1111111111111111111111111111111111111111111111111111111111111111',1,2155),"
                        + " (3,0,0,0,0,0,0,0,0,0,0,NULL,NULL,NULL,NULL,0),"
                        + " (4,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,b'000000000001',x'00000000000000ff',NULL,NULL)",
                "CREATE TABLE t_num (id INT PRIMARY KEY, d1 DECIMAL(65,30), d2 DECIMAL(10,0) UNSIGNED, d3 DECIMAL(5,2),"
                        + " f FLOAT, fu FLOAT UNSIGNED, f72 FLOAT(7,3), dbl DOUBLE, dbl2 DOUBLE(20,10))",
                "INSERT INTO t_num VALUES (1, 12345678901234567890123456789012345.123456789012345678901234567890, 9999999999,"
                        + " -999.99, 1e0/3e0, 3.4028234e38, 1234.567, 0.1e0+0.2e0, 1234567890.0123456789),"
                        + " (2, -0.000000000000000000000000000001, 0, 0.01, -1.17549435e-38, 0, -9999.999, 1.7976931348623157e308,"
                        + " -0.0000000001), (3, 0, NULL, NULL, 16777217e0, 1e-30, 0, 4.9e-324, NULL),"
                        + " (4, NULL, NULL, NULL, NULL, NULL, NULL, -2.2250738585072014e-308, 0)",
                "CREATE TABLE t_time (id INT PRIMARY KEY, d DATE, dt DATETIME, dt3 DATETIME(3), dt6 DATETIME(6),"
                        + " ts TIMESTAMP NULL DEFAULT NULL, ts6 TIMESTAMP(6) NULL DEFAULT NULL, tm TIME, tm6 TIME(6), y YEAR(4))",
                "INSERT INTO t_time VALUES (1,'0000-00-00','0000-00-00 00:00:00','0000-00-00 00:00:00.000',"
                        + "'0000-00-00 00:00:00.000000','0000-00-00 00:00:00','0000-00-00 00:00:00.000000','00:00:00','00:00:00',0000),"
                        + " (2,'1000-01-01','1000-01-01 00:00:00','2024-02-29 23:59:59.999','9999-12-31 23:59:59.999999',"
                        + "'1970-01-01 00:00:01','2038-01-19 03:14:07.999999','-838:59:59','838:59:59.000000',1901),"
                        + " (3,'2020-02-31','2020-02-31 12:00:00','2020-00-15 01:02:03.004','2024-06-30 12:34:56.000001',"
                        + "'2024-03-31 01:30:00','2024-10-27 01:30:00.5','-00:00:01','-12:34:56.789012',2155),"
                        + " (4,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL)",
                "CREATE TABLE t_utf8 (id INT PRIMARY KEY, v VARCHAR(100), c CHAR(10), t TEXT,"
                        + " m3 VARCHAR(50) CHARACTER SET utf8mb3, e ENUM('a','b','ü中'), st SET('x','y','z'), lt LONGTEXT)"
                        + " DEFAULT CHARSET utf8mb4",
                "INSERT INTO t_utf8 VALUES (1,'emoji 😀👍🏽 中文 ü','c😀',CONCAT('line1\\nline2\\r\\n\\ttab ', CHAR(0 USING utf8mb4), ' nul'),"
                        + "'日本語','ü中','x,z',REPEAT('长',3000)),"
                        + " (2,'it''s \"quoted\" and back\\\\slash','','',NULL,'a','',''),"
                        + " (3,'trailing  ','pad  ',CONCAT('ctrl-z ', CHAR(26 USING utf8mb4)),'',NULL,NULL,NULL),"
                        + " (4,NULL,NULL,NULL,NULL,NULL,NULL,NULL)",
                "CREATE TABLE t_latin1 (id INT PRIMARY KEY, v VARCHAR(50), c CHAR(5), t TEXT) DEFAULT CHARSET latin1",
                "INSERT INTO t_latin1 VALUES (1,_utf8mb4'café ÿ',x'e9e8',x'808182838d8f909dfe'),(2,'plain','',NULL),"
                        + " (3,x'5c27225c',x'00',x'')",
                "CREATE TABLE t_gbk (id INT PRIMARY KEY, v VARCHAR(50), t TEXT) DEFAULT CHARSET gbk",
                "INSERT INTO t_gbk VALUES (1,_utf8mb4'中文简体',x'815c815c'),(2,x'b1ed5c',x'c4e3bac3'),(3,'ascii',NULL)",
                "CREATE TABLE t_bin (id INT PRIMARY KEY, b BINARY(8), vb VARBINARY(64), bl BLOB, lb LONGBLOB,"
                        + " vcb VARCHAR(20) CHARACTER SET binary)",
                "INSERT INTO t_bin VALUES (1,x'00ff5c271a0d0a22',x'',x'00',NULL,'text'),(2,'abc',NULL,'',x'5c5c','')",
                "CREATE TABLE t_json (id INT PRIMARY KEY, j JSON, j2 JSON)",
                "INSERT INTO t_json VALUES (1,'{\"a\": \"x\\\\ny\", \"b\": [1, 2.5, null], \"u\": \"😀\"}','[]'),"
                        + " (2,'\"back\\\\\\\\slash\"',NULL),(3,'{}','{\"k\": {\"deep\": true}}')",
                "CREATE TABLE t_geo (id INT PRIMARY KEY, g GEOMETRY, p POINT, pg POLYGON, ls LINESTRING)",
                "INSERT INTO t_geo VALUES (1, ST_GeomFromText('POINT(1 2)'), ST_GeomFromText('POINT(-1.5 2.25)', 4326),"
                        + " ST_GeomFromText('POLYGON((0 0,10 0,10 10,0 10,0 0))'), ST_GeomFromText('LINESTRING(0 0,1 1,2 2)')),"
                        + " (2, NULL, NULL, NULL, NULL)",
                "CREATE TABLE t_gen (id INT PRIMARY KEY, a INT, b INT AS (a * 2) VIRTUAL,"
                        + " c VARCHAR(20) AS (CONCAT('x', a)) STORED, d INT)",
                "INSERT INTO t_gen (id, a, d) VALUES (1, 1, 10), (2, NULL, 20), (3, -5, NULL)",
                "CREATE TABLE t_nopk (a INT, b VARCHAR(10))",
                "INSERT INTO t_nopk VALUES (1,'dup'),(1,'dup'),(1,'dup'),(2,NULL),(NULL,NULL),(NULL,NULL)",
                "CREATE TABLE t_uk (k BIGINT UNSIGNED NOT NULL, v VARCHAR(10), UNIQUE KEY uk (k))",
                "INSERT INTO t_uk VALUES (0,'min'),(18446744073709551615,'max'),(9223372036854775808,'mid')",
                "CREATE TABLE t_big (id BIGINT PRIMARY KEY, a INT, s VARCHAR(64), d DECIMAL(12,2), dt DATETIME(6),"
                        + " b VARBINARY(16))",
                "INSERT INTO t_big SELECT seq, seq % 1000, CONCAT('row-', seq, '-', REPEAT('x', seq % 20)), seq / 7,"
                        + " '2024-01-01' + INTERVAL seq SECOND + INTERVAL seq % 1000000 MICROSECOND, UNHEX(MD5(seq))"
                        + " FROM seq_1_to_" + bigRows,
                "ANALYZE TABLE t_big",
                "CREATE VIEW v_big AS SELECT id, a, s FROM t_big WHERE id <= 1000");
        // binary data with every byte value, through parameters
        try (Connection c = dbs.upstream().connect(s);
             PreparedStatement ps = c.prepareStatement("INSERT INTO t_bin VALUES (?,?,?,?,?,?)")) {
            Random r = new Random(7);
            for (int id = 10; id < 20; id++) {
                byte[] all = new byte[256];
                for (int i = 0; i < 256; i++) {
                    all[i] = (byte) i;
                }
                byte[] big = new byte[20_000 + r.nextInt(5000)];
                r.nextBytes(big);
                byte[] b8 = new byte[8];
                r.nextBytes(b8);
                ps.setInt(1, id);
                ps.setBytes(2, b8);
                ps.setBytes(3, java.util.Arrays.copyOf(all, 64));
                ps.setBytes(4, all);
                ps.setBytes(5, big);
                ps.setBytes(6, new byte[] {(byte) id, 0, '\\', '\'', 0x1a});
                ps.executeUpdate();
            }
        }
    }

    @Test
    void sqlDumpAndLoadKeepEveryValue(TestDatabases dbs, @TempDir Path dir) throws Exception {
        String s = dbs.freshSchema("dl_types");
        createAllTypes(dbs, s, BIG_ROWS);
        SubTaskConfig cfg = DumpLoadFixture.subTask(dbs, "types_sql", "full", dir, s,
                "threads: 2\nchunk-filesize: \"1\"\nextra-args: \"--consistency flush\"", "pool-size: 3", "", "");
        DumpUnit dump = DumpLoadFixture.dump(dbs, cfg);
        DumpStatus ds = dump.status();
        assertEquals(TABLES.size(), ds.totalTables());
        assertEquals(TABLES.size(), ds.completedTables());
        assertEquals("100.00 %", ds.progress());
        assertEquals("flush", ds.consistency());
        assertTrue(ds.lockMillis() >= 0 && ds.lockMillis() < 5_000, "lock time " + ds.lockMillis());
        assertTrue(ds.finishedRows() >= BIG_ROWS, "rows " + ds.finishedRows());
        assertTrue(ds.totalChunks() > TABLES.size(), "the big table is split: " + ds.totalChunks() + " chunks");
        assertEquals(ds.totalTables(), ds.tableProgress().totalTables(), ds.tableProgress().toString());
        assertEquals(ds.totalTables(), ds.tableProgress().finishedTables(), "every table done: " + ds.tableProgress());
        assertTrue(ds.tableProgress().tables().isEmpty(), ds.tableProgress().toString());
        assertNotNull(dump.metadata().location());
        assertNull(dump.metadata().exitSafe(), "flush gives one exact point");

        Path dumpDir = Path.of(cfg.dumpDir());
        DumpIndex index = DumpIndex.read(dumpDir);
        assertEquals(DataFormat.SQL, index.format());
        DumpIndex.TableEntry big = index.tables().stream().filter(t -> t.table().equals("t_big")).findFirst().orElseThrow();
        assertTrue(big.files().size() > 3, "chunk-filesize 1 MB splits t_big: " + big.files());
        assertEquals(BIG_ROWS, big.rows());
        for (DumpIndex.FileEntry f : big.files()) {
            assertEquals(f.bytes(), Files.size(dumpDir.resolve(f.name())));
            assertTrue(f.bytes() <= (2L << 20), f.name() + " has " + f.bytes() + " bytes");
        }
        assertTrue(Files.exists(dumpDir.resolve(s + ".v_big-schema-view.sql")));
        String gen = Files.readString(dumpDir.resolve(s + ".t_gen.00000.sql"), StandardCharsets.UTF_8);
        assertTrue(gen.contains("INSERT INTO `t_gen` (`id`,`a`,`d`) VALUES"), gen);

        LoadUnit load = DumpLoadFixture.load(dbs, cfg);
        assertEquals("100.00 %", load.status().progress());
        assertEquals(dump.metadata().location().position().toString(), load.status().metaBinlog());
        assertEquals(load.status().totalBytes(), load.status().finishedBytes());
        assertEquals(ds.totalTables(), load.status().tableProgress().finishedTables(), load.status().tableProgress().toString());
        assertTrue(load.status().tableProgress().tables().isEmpty(), load.status().tableProgress().toString());
        assertSame(dbs, s, s);
        dbs.execUp("DROP DATABASE `" + s + "`");
        dbs.execDown("DROP DATABASE `" + s + "`", "DROP DATABASE IF EXISTS types_sql_meta");
    }

    @Test
    void csvThroughLoadDataEqualsTheSqlPath(TestDatabases dbs, @TempDir Path dir) throws Exception {
        String s = dbs.freshSchema("dl_csv");
        String target = s + "_c";
        dbs.execDown("DROP DATABASE IF EXISTS `" + target + "`");
        createAllTypes(dbs, s, BIG_ROWS / 4);
        SubTaskConfig cfg = DumpLoadFixture.subTask(dbs, "types_csv", "full", dir, s,
                "threads: 2\nchunk-filesize: \"1\"", "pool-size: 3\nimport-mode: physical",
                "    route-rules: [r]\n", "routes:\n  r:\n    schema-pattern: " + s + "\n    target-schema: " + target + "\n");
        DumpLoadFixture.dump(dbs, cfg);
        DumpIndex index = DumpIndex.read(Path.of(cfg.dumpDir()));
        assertEquals(DataFormat.CSV, index.format());
        assertTrue(index.baseTables().stream().flatMap(t -> t.files().stream()).allMatch(f -> f.name().endsWith(".csv")));
        DumpLoadFixture.load(dbs, cfg);
        assertSame(dbs, s, target);
        dbs.execUp("DROP DATABASE `" + s + "`");
        dbs.execDown("DROP DATABASE IF EXISTS `" + target + "`", "DROP DATABASE IF EXISTS types_csv_meta");
    }

    /** Every table and the view, byte for byte; FLOAT columns also compared at full precision. */
    static void assertSame(TestDatabases dbs, String up, String down) throws Exception {
        for (String t : TABLES) {
            TableChecksum.assertSameContent(dbs.upstream(), up + "." + t, dbs.downstream(), down + "." + t);
        }
        TableChecksum.assertSameContent(dbs.upstream(), up + ".v_big", dbs.downstream(), down + ".v_big");
        String floats = "SELECT id, CAST(f AS DOUBLE), CAST(fu AS DOUBLE), CAST(f72 AS DOUBLE) FROM `%s`.t_num ORDER BY id";
        assertEquals(dbs.queryUp(String.format(floats, up)), dbs.queryDown(String.format(floats, down)));
        String gen = "SELECT id, a, b, c, d FROM `%s`.t_gen ORDER BY id";
        assertEquals(dbs.queryUp(String.format(gen, up)), dbs.queryDown(String.format(gen, down)));
        assertFalse(dbs.queryDown(String.format(gen, down)).isEmpty());
    }
}
