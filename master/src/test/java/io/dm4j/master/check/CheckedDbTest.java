package io.dm4j.master.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckedDbTest {

    @Test
    void mysqlActiveRolesAreAskedForWithUsing() {
        assertEquals("SHOW GRANTS FOR CURRENT_USER() USING `dm_repl`@`%`,`dm_read`@`%`",
                CheckedDb.grantsStatement("`dm_repl`@`%`,`dm_read`@`%`"));
    }

    @Test
    void withoutActiveRolesPlainShowGrants() {
        assertEquals("SHOW GRANTS", CheckedDb.grantsStatement("NONE"));
        assertEquals("SHOW GRANTS", CheckedDb.grantsStatement(""));
        assertEquals("SHOW GRANTS", CheckedDb.grantsStatement(null));
    }

    @Test
    void mysqlRoleGrantsCountOnlyInTheUsingForm() {
        // MySQL 8's answers for a user whose REPLICATION SLAVE comes from a role: without USING, then with it
        List<String> plain = List.of("GRANT USAGE ON *.* TO `dm`@`%`", "GRANT `dm_repl`@`%` TO `dm`@`%`");
        List<String> using = List.of("GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `dm`@`%`",
                "GRANT `dm_repl`@`%` TO `dm`@`%`");
        assertFalse(Grants.parse(plain).hasGlobal("REPLICATION SLAVE"));
        assertTrue(Grants.parse(using).hasGlobal("REPLICATION SLAVE"));
    }
}
