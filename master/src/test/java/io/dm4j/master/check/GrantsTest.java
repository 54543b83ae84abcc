package io.dm4j.master.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.model.TableId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SHOW GRANTS lines as MySQL 8 and MariaDB 10.11 print them. */
class GrantsTest {
    @Test
    void mariadbRenamesReplicationClientToBinlogMonitor() {
        Grants g = Grants.parse(List.of("GRANT SELECT, RELOAD, LOCK TABLES, BINLOG MONITOR ON *.* TO `u`@`%` IDENTIFIED BY PASSWORD '*AB'"));
        assertTrue(g.hasGlobal("REPLICATION CLIENT"));
        assertFalse(g.hasGlobal("REPLICATION SLAVE"));
        assertTrue(g.has("SELECT", new TableId("any", "t")));
    }

    @Test
    void allPrivilegesCoverEverythingOnTheirScope() {
        Grants g = Grants.parse(List.of("GRANT USAGE ON *.* TO `u`@`%`", "GRANT ALL PRIVILEGES ON `shop`.* TO `u`@`%`"));
        assertTrue(g.has("SELECT", new TableId("shop", "orders")));
        assertFalse(g.has("SELECT", new TableId("other", "orders")));
        assertFalse(g.hasGlobal("REPLICATION SLAVE"));
    }

    @Test
    void schemaWildcardsTableGrantsAndColumnGrants() {
        Grants g = Grants.parse(List.of("GRANT SELECT ON `app\\_%`.* TO `u`@`%`",
                "GRANT SELECT, INSERT ON `x`.`t1` TO `u`@`%`",
                "GRANT SELECT (`a`, `b`), UPDATE ON `x`.`t2` TO `u`@`%`",
                "GRANT REPLICATION SLAVE,REPLICATION CLIENT ON *.* TO `u`@`%`",
                "GRANT `role1` TO `u`@`%`"));
        assertTrue(g.has("SELECT", new TableId("app_one", "t")));
        assertFalse(g.has("SELECT", new TableId("appxone", "t")), "an escaped _ is literal");
        assertTrue(g.has("SELECT", new TableId("x", "t1")));
        assertFalse(g.has("SELECT", new TableId("x", "t2")), "a column grant is not a table grant");
        assertTrue(g.has("UPDATE", new TableId("x", "t2")));
        assertTrue(g.hasGlobal("REPLICATION SLAVE") && g.hasGlobal("REPLICATION CLIENT"));
    }
}
