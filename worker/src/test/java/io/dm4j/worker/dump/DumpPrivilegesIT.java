package io.dm4j.worker.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.DumpErrors;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.db.Upstream;
import io.dm4j.worker.unit.UnitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source account with only SELECT and REPLICATION CLIENT (no RELOAD, no LOCK TABLES): {@code auto} and
 * {@code snapshot} still dump; {@code flush} and {@code lock} stop with errors that say which privilege is missing
 * and what to choose instead. Also: a complete dump directory is reused, an incomplete one is redone.
 */
@ExtendWith(DatabasesExtension.class)
class DumpPrivilegesIT {
    private static final String USER = "dm4j_nr_" + ProcessHandle.current().pid();
    private TestDatabases dbs;

    @AfterEach
    void dropUser() throws Exception {
        if (dbs != null) {
            dbs.execUp("SET SESSION sql_log_bin = 0", "DROP USER IF EXISTS '" + USER + "'@'%'");
        }
    }

    private SubTaskConfig cfg(String schema, Path dir, String consistency) {
        DbEndpoint down = dbs.downstream();
        String yaml = "name: priv_" + consistency + "\ntask-mode: all\n"
                + "target-database:\n  host: " + down.host() + "\n  port: " + down.port() + "\n  user: x\n"
                + "mysql-instances:\n  - source-id: s1\n    block-allow-list: bal\n    mydumper-config-name: d\n"
                + "    loader-config-name: l\n"
                + "block-allow-list:\n  bal:\n    do-dbs: [" + schema + "]\n"
                + "mydumpers:\n  d:\n    threads: 2\n    extra-args: \"--consistency " + consistency + "\"\n"
                + "loaders:\n  l:\n    dir: \"" + dir.resolve("dump") + "\"\n";
        return TaskConfig.parse(yaml, "task.yaml").subTask("s1");
    }

    private UnitResult dumpAsLimitedUser(String schema, Path dir, String consistency) {
        DumpUnit unit = new DumpUnit(cfg(schema, dir, consistency),
                new Upstream(dbs.upstream().host(), dbs.upstream().port(), USER, "pw"));
        try (unit) {
            return unit.process();
        }
    }

    @Test
    void worksWithoutReloadWhereTheModeAllows(TestDatabases dbs, @TempDir Path dir) throws Exception {
        this.dbs = dbs;
        String s = dbs.freshSchema("dl_priv");
        dbs.execUp("CREATE TABLE `" + s + "`.t (id INT PRIMARY KEY, v INT)", "INSERT INTO `" + s + "`.t VALUES (1, 1), (2, 2)",
                "SET SESSION sql_log_bin = 0",
                "CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY 'pw'",
                "GRANT SELECT, REPLICATION CLIENT ON *.* TO '" + USER + "'@'%'");

        for (String mode : new String[] {"auto", "snapshot", "none"}) {
            UnitResult ok = dumpAsLimitedUser(s, dir.resolve(mode), mode);
            assertTrue(ok.ok() && ok.finished(), mode + ": " + ok.errors());
            Path dumpDir = Path.of(cfg(s, dir.resolve(mode), mode).dumpDir());
            assertTrue(Files.exists(dumpDir.resolve(s + ".t.00000.sql")), mode);
            assertNotNull(DumpMetadata.read(dumpDir, io.dm4j.common.position.Flavor.MARIADB).location(), mode);
        }

        UnitResult flush = dumpAsLimitedUser(s, dir.resolve("flush"), "flush");
        assertFalse(flush.ok());
        DmException e = flush.errors().get(0);
        assertEquals(DumpErrors.GLOBAL_LOCK, e.code());
        assertTrue(e.getMessage().contains("GRANT RELOAD"), e.getMessage());
        assertTrue(e.getMessage().contains("RawCause: "), e.getMessage());

        UnitResult lock = dumpAsLimitedUser(s, dir.resolve("lock"), "lock");
        assertEquals(DumpErrors.LOCK_TABLES, lock.errors().get(0).code());

        UnitResult bad = dumpAsLimitedUser(s, dir.resolve("bad"), "strongest");
        assertEquals(DumpErrors.INVALID_CONSISTENCY, bad.errors().get(0).code());
    }

    /**
     * auto as it runs for a MySQL upstream (flush, then lock, never a lock-free snapshot), with an account that has
     * neither RELOAD nor LOCK TABLES: refused, naming both privileges; no snapshot connection is left open.
     */
    @Test
    void autoWithoutAnyConsistentMethodRefusesNamingThePrivileges(TestDatabases dbs) throws Exception {
        this.dbs = dbs;
        String s = dbs.freshSchema("dl_refuse");
        dbs.execUp("CREATE TABLE `" + s + "`.t (id INT PRIMARY KEY)", "SET SESSION sql_log_bin = 0",
                "CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY 'pw'",
                "GRANT SELECT, REPLICATION CLIENT ON *.* TO '" + USER + "'@'%'");
        Upstream limited = new Upstream(dbs.upstream().host(), dbs.upstream().port(), USER, "pw");
        TableMeta t = new TableMeta(new io.dm4j.common.model.TableId(s, "t"), false, java.util.List.of(), null, true, 0, 0);
        java.util.List<java.sql.Connection> opened = new java.util.ArrayList<>();
        SnapshotOpener opener = new SnapshotOpener(() -> {
            java.sql.Connection c = limited.connect();
            opened.add(c);
            return c;
        }, io.dm4j.common.position.Flavor.MYSQL, limited.address());
        try (java.sql.Connection main = limited.connect()) {
            DmException e = org.junit.jupiter.api.Assertions.assertThrows(DmException.class,
                    () -> opener.open(Consistency.AUTO, main, 2, java.util.List.of(t)));
            assertEquals(DumpErrors.NO_CONSISTENT_METHOD, e.code());
            assertTrue(e.getMessage().contains("lacks RELOAD or LOCK TABLES"), e.getMessage());
            assertTrue(e.getMessage().contains("FLUSH refused") && e.getMessage().contains("LOCK refused"),
                    e.getMessage());
        }
        assertEquals(2, opened.size());
        for (java.sql.Connection c : opened) {
            assertTrue(c.isClosed(), "snapshot connections are closed after the refusal");
        }
    }

    @Test
    void completeDumpsAreReusedAndIncompleteOnesRedone(TestDatabases dbs, @TempDir Path dir) throws Exception {
        this.dbs = dbs;
        String s = dbs.freshSchema("dl_reuse");
        dbs.execUp("CREATE TABLE `" + s + "`.t (id INT PRIMARY KEY)", "INSERT INTO `" + s + "`.t VALUES (1)");
        DbEndpoint up = dbs.upstream();
        SubTaskConfig c = cfg(s, dir, "auto");
        Path dumpDir = Path.of(c.dumpDir());
        Files.createDirectories(dumpDir);
        Files.writeString(dumpDir.resolve("leftover.sql"), "partial");
        DumpUnit first = new DumpUnit(c, new Upstream(up.host(), up.port(), up.user(), up.password()));
        assertTrue(first.process().finished());
        assertFalse(Files.exists(dumpDir.resolve("leftover.sql")), "an incomplete directory is emptied first");
        // table data: the directory is the owner's only (0700) and so is every file in it (0600)
        assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"),
                Files.getPosixFilePermissions(dumpDir));
        try (var files = Files.list(dumpDir)) {
            for (Path f : files.toList()) {
                assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
                        Files.getPosixFilePermissions(f), f.toString());
            }
        }
        long modified = Files.getLastModifiedTime(dumpDir.resolve("metadata")).toMillis();

        dbs.execUp("INSERT INTO `" + s + "`.t VALUES (2)");
        DumpUnit second = new DumpUnit(c, new Upstream(up.host(), up.port(), up.user(), up.password()));
        assertTrue(second.process().finished());
        assertEquals(first.metadata(), second.metadata(), "the complete dump is kept");
        assertEquals(modified, Files.getLastModifiedTime(dumpDir.resolve("metadata")).toMillis());
        assertEquals("finished", second.status().stage());
    }
}
