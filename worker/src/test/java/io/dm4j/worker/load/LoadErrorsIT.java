package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.ErrorCode;
import io.dm4j.common.errors.LoadErrors;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.unit.UnitResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The load unit's errors for damaged dumps, duplicates and objects that cannot be created. */
@ExtendWith(DatabasesExtension.class)
class LoadErrorsIT {

    private static DmException loadFails(TestDatabases dbs, SubTaskConfig cfg, ErrorCode expected) {
        LoadUnit unit = new LoadUnit(cfg, DumpLoadFixture.downstream(dbs));
        UnitResult r = unit.process();
        unit.close();
        assertEquals(1, r.errors().size(), r.toString());
        DmException e = r.errors().get(0);
        assertEquals(expected, e.code(), e.getMessage());
        return e;
    }

    private static SubTaskConfig dumped(TestDatabases dbs, Path dir, String task, String schema, String loader) throws Exception {
        SubTaskConfig cfg = DumpLoadFixture.subTask(dbs, task, "full", dir, schema, "threads: 1", loader, "", "");
        DumpLoadFixture.dump(dbs, cfg);
        return cfg;
    }

    @Test
    void damagedDataFiles(TestDatabases dbs, @TempDir Path dir) throws Exception {
        String s = dbs.freshSchema("dl_err");
        dbs.execUp("CREATE TABLE `" + s + "`.t (id INT PRIMARY KEY, v VARCHAR(10))",
                "INSERT INTO `" + s + "`.t VALUES (1, 'a'), (2, 'b')");
        SubTaskConfig cfg = dumped(dbs, dir, "err_files", s, "pool-size: 1");
        Path file = Path.of(cfg.dumpDir()).resolve(s + ".t.00000.sql");
        byte[] original = Files.readAllBytes(file);

        Files.write(file, "\n".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        DmException changed = loadFails(dbs, cfg, LoadErrors.FILE_CHANGED);
        assertTrue(changed.getMessage().contains("--remove-meta"), changed.getMessage());

        String text = new String(original, StandardCharsets.UTF_8);
        Files.writeString(file, text.substring(0, text.length() - 2) + "  "); // same size, last ';' gone
        DmException truncated = loadFails(dbs, cfg, LoadErrors.INVALID_STATEMENT);
        assertTrue(truncated.getMessage().contains("ends inside"), truncated.getMessage());

        Files.writeString(file, text.replace("INSERT INTO", "DELETE FROM"));
        loadFails(dbs, cfg, LoadErrors.INVALID_STATEMENT);

        Files.write(file, original);
        DumpLoadFixture.load(dbs, cfg);
    }

    @Test
    void duplicatesStopTheLoadWhenAskedTo(TestDatabases dbs, @TempDir Path dir) throws Exception {
        String s = dbs.freshSchema("dl_dup");
        dbs.execUp("CREATE TABLE `" + s + "`.t (id INT PRIMARY KEY, v VARCHAR(10))",
                "INSERT INTO `" + s + "`.t VALUES (1, 'a'), (2, 'b')");
        for (String mode : new String[] {"logical", "physical"}) {
            dbs.execDown("DROP DATABASE IF EXISTS `" + s + "`", "CREATE DATABASE `" + s + "`",
                    "CREATE TABLE `" + s + "`.t (id INT PRIMARY KEY, v VARCHAR(10))",
                    "INSERT INTO `" + s + "`.t VALUES (2, 'old')");
            SubTaskConfig cfg = dumped(dbs, dir.resolve(mode), "err_dup_" + mode, s,
                    "pool-size: 1\non-duplicate-logical: error\nimport-mode: " + mode);
            DmException e = loadFails(dbs, cfg, LoadErrors.DUPLICATE_ENTRY);
            assertTrue(e.getMessage().contains("on-duplicate-logical"), e.getMessage());
            assertEquals(java.util.List.of(java.util.List.of("2", "old")),
                    dbs.queryDown("SELECT id, v FROM `" + s + "`.t"), mode + ": the failed transaction left nothing");
        }
        // replace (the default) overwrites the old row
        SubTaskConfig replace = dumped(dbs, dir.resolve("replace"), "err_dup_replace", s, "pool-size: 1");
        DumpLoadFixture.load(dbs, replace);
        io.dm4j.testsupport.TableChecksum.assertSameContent(dbs, s + ".t");
    }

    @Test
    void aViewOverATableOutsideTheDumpCannotBeCreated(TestDatabases dbs, @TempDir Path dir) throws Exception {
        String base = dbs.freshSchema("dl_vbase");
        String views = dbs.freshSchema("dl_views");
        dbs.execUp("CREATE TABLE `" + base + "`.t (id INT PRIMARY KEY)",
                "CREATE VIEW `" + views + "`.v AS SELECT id FROM `" + base + "`.t");
        SubTaskConfig cfg = dumped(dbs, dir, "err_view", views, "pool-size: 1");
        DmException e = loadFails(dbs, cfg, LoadErrors.CREATE_FAILED);
        assertTrue(e.getMessage().contains("view " + views + ".v"), e.getMessage());
        assertTrue(e.getMessage().contains("RawCause"), e.getMessage());
    }
}
