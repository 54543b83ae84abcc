package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dm4j.common.model.TableId;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TestDatabases;
import java.sql.Connection;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The load's serial targets are the AUTO_INCREMENT tables, as long as InnoDB locks them for a whole load. */
@ExtendWith(DatabasesExtension.class)
class AutoIncrementLockIT {

    @Test
    void tablesWithAnAutoIncrementColumnAreSerialUnderTheTableLevelLock(TestDatabases dbs) throws Exception {
        String s = dbs.freshSchema("dl_autoinc");
        dbs.execDown("CREATE DATABASE IF NOT EXISTS `" + s + "`", "USE `" + s + "`",
                "CREATE TABLE counted (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v INT)",
                "CREATE TABLE keyed (id INT PRIMARY KEY, v INT)",
                "CREATE TABLE second_key (id INT PRIMARY KEY, n BIGINT NOT NULL AUTO_INCREMENT, UNIQUE KEY (n))",
                "CREATE TABLE not_loaded (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY)");
        Set<TableId> targets = Set.of(new TableId(s, "counted"), new TableId(s, "keyed"), new TableId(s, "second_key"),
                new TableId(s, "missing"));
        try (Connection c = dbs.connectDown()) {
            int mode = Integer.parseInt(dbs.queryDown("SELECT @@GLOBAL.innodb_autoinc_lock_mode").get(0).get(0));
            Set<TableId> expected = mode == 2 ? Set.of()
                    : Set.of(new TableId(s, "counted"), new TableId(s, "second_key"));
            assertEquals(expected, AutoIncrementLock.serialTargets(c, targets),
                    "innodb_autoinc_lock_mode=" + mode + ": the loaded tables with an AUTO_INCREMENT column, no others");
            assertEquals(Set.of(), AutoIncrementLock.serialTargets(c, Set.of()));
        }
    }
}
