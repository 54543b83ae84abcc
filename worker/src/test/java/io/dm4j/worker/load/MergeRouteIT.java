package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.errors.LoadErrors;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.unit.UnitResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * (d) Four sharded tables (two schemas with two tables each, overlapping primary keys) merged into one target table
 * with extract-table / extract-schema / extract-source columns: the target holds the union, every row with the
 * right origin values, whether dm4j creates the target or the user did.
 */
@ExtendWith(DatabasesExtension.class)
class MergeRouteIT {
    private static final int ROWS = 500;

    private static List<String> shards(TestDatabases dbs) throws Exception {
        List<String> schemas = List.of(dbs.freshSchema("dl_shard"), dbs.freshSchema("dl_shard"));
        for (String s : schemas) {
            for (int t = 1; t <= 2; t++) {
                dbs.execUp("CREATE TABLE `" + s + "`.t_" + t + " (id INT PRIMARY KEY, v VARCHAR(40), amount DECIMAL(10,2))",
                        "INSERT INTO `" + s + "`.t_" + t + " SELECT seq, CONCAT('" + s + "-" + t + "-', seq), seq * " + t
                                + " / 3 FROM `" + s + "`.seq_1_to_" + ROWS);
            }
        }
        return schemas;
    }

    private static String prefix(List<String> schemas) {
        String a = schemas.get(0);
        return a.substring(0, a.lastIndexOf('_') + 1);
    }

    private static SubTaskConfig config(TestDatabases dbs, Path dir, List<String> schemas, String target, String task,
                                        String loaderArgs) {
        String route = "routes:\n  merge:\n    schema-pattern: \"" + prefix(schemas) + "*\"\n    table-pattern: \"t_*\"\n"
                + "    target-schema: " + target + "\n    target-table: t_all\n"
                + "    extract-table:\n      table-regexp: \"t_(.*)\"\n      target-column: c_table\n"
                + "    extract-schema:\n      schema-regexp: \"(.*)\"\n      target-column: c_schema\n"
                + "    extract-source:\n      source-regexp: \"(.*)\"\n      target-column: c_source\n";
        return DumpLoadFixture.subTask(dbs, task, "full", dir, String.join(", ", schemas), "threads: 2\nrows: 100",
                loaderArgs, "    route-rules: [merge]\n", route);
    }

    private static void assertUnion(TestDatabases dbs, List<String> schemas, String target) throws Exception {
        assertEquals(List.of(List.of(String.valueOf(4 * ROWS))), dbs.queryDown("SELECT COUNT(*) FROM `" + target + "`.t_all"));
        for (String s : schemas) {
            for (int t = 1; t <= 2; t++) {
                List<List<String>> up = dbs.queryUp("SELECT id, v, amount FROM `" + s + "`.t_" + t + " ORDER BY id");
                List<List<String>> down = dbs.queryDown("SELECT id, v, amount FROM `" + target + "`.t_all"
                        + " WHERE c_table = ? AND c_schema = ? AND c_source = 's1' ORDER BY id", String.valueOf(t), s);
                assertEquals(up, down, s + ".t_" + t);
            }
        }
        List<String> columns = new ArrayList<>();
        for (List<String> r : dbs.queryDown("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_NAME = 't_all' ORDER BY ORDINAL_POSITION", target)) {
            columns.add(r.get(0));
        }
        assertEquals(List.of("c_table", "c_schema", "c_source"), columns.subList(columns.size() - 3, columns.size()),
                "origin columns are the last ones: " + columns);
    }

    @Test
    void dm4jCreatesTheMergedTable(TestDatabases dbs, @TempDir Path dir) throws Exception {
        List<String> schemas = shards(dbs);
        String target = schemas.get(0) + "_m";
        dbs.execDown("DROP DATABASE IF EXISTS `" + target + "`");
        SubTaskConfig cfg = config(dbs, dir, schemas, target, "merge_new", "pool-size: 3");
        DumpLoadFixture.dump(dbs, cfg);
        DumpLoadFixture.load(dbs, cfg);
        assertUnion(dbs, schemas, target);
        String create = dbs.queryDown("SHOW CREATE TABLE `" + target + "`.t_all").get(0).get(1);
        assertTrue(create.contains("PRIMARY KEY (`id`,`c_table`,`c_schema`,`c_source`)"), create);
        dbs.execDown("DROP DATABASE `" + target + "`");
    }

    @Test
    void aPreCreatedTargetIsUsedAlsoByLoadData(TestDatabases dbs, @TempDir Path dir) throws Exception {
        List<String> schemas = shards(dbs);
        String target = schemas.get(0) + "_p";
        dbs.execDown("DROP DATABASE IF EXISTS `" + target + "`", "CREATE DATABASE `" + target + "`",
                "CREATE TABLE `" + target + "`.t_all (id INT NOT NULL, v VARCHAR(40), amount DECIMAL(10,2),"
                        + " c_table VARCHAR(10) NOT NULL, c_schema VARCHAR(64) NOT NULL, c_source VARCHAR(32) NOT NULL,"
                        + " PRIMARY KEY (c_source, c_schema, c_table, id))");
        SubTaskConfig cfg = config(dbs, dir, schemas, target, "merge_pre", "pool-size: 2\nimport-mode: physical");
        DumpLoadFixture.dump(dbs, cfg);
        DumpLoadFixture.load(dbs, cfg);
        assertUnion(dbs, schemas, target);
        dbs.execDown("DROP DATABASE `" + target + "`");
    }

    @Test
    void aTargetWithoutTheOriginColumnsIsAClearError(TestDatabases dbs, @TempDir Path dir) throws Exception {
        List<String> schemas = shards(dbs);
        String target = schemas.get(0) + "_x";
        dbs.execDown("DROP DATABASE IF EXISTS `" + target + "`", "CREATE DATABASE `" + target + "`",
                "CREATE TABLE `" + target + "`.t_all (id INT NOT NULL, v VARCHAR(40), amount DECIMAL(10,2), c_table"
                        + " VARCHAR(10))");
        SubTaskConfig cfg = config(dbs, dir, schemas, target, "merge_bad", "pool-size: 2");
        DumpLoadFixture.dump(dbs, cfg);
        LoadUnit unit = new LoadUnit(cfg, DumpLoadFixture.downstream(dbs));
        UnitResult r = unit.process();
        unit.close();
        assertEquals(LoadErrors.EXTRACT_COLUMNS_MISSING, r.errors().get(0).code());
        assertTrue(r.errors().get(0).getMessage().contains("[c_schema, c_source]"), r.errors().get(0).getMessage());
        dbs.execDown("DROP DATABASE `" + target + "`");
    }
}
