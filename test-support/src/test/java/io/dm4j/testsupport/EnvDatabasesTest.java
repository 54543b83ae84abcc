package io.dm4j.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;

class EnvDatabasesTest {

    private static UnaryOperator<String> env(Map<String, String> vars) {
        return vars::get;
    }

    @Test
    void nothingSetMeansNextStrategy() {
        assertTrue(EnvDatabases.fromEnv(env(Map.of())).isEmpty());
    }

    @Test
    void defaultsToAdminAccountAndPort3306() {
        DatabasePair p = EnvDatabases.parse(env(Map.of()), "db1", "db2:3310");
        assertEquals(new DbEndpoint("db1", 3306, "admin", "admin"), p.upstream());
        assertEquals(new DbEndpoint("db2", 3310, "admin", "admin"), p.downstream());
        assertEquals("env", p.origin());
    }

    @Test
    void sharedAccountAndPerSideOverrides() {
        DatabasePair p = EnvDatabases.parse(env(Map.of(
                "DM_TEST_USER", "u", "DM_TEST_PASSWORD", "",
                "DM_TEST_DOWNSTREAM_USER", "d", "DM_TEST_DOWNSTREAM_PASSWORD", "dp")), "h:1", "h:2");
        assertEquals(new DbEndpoint("h", 1, "u", ""), p.upstream());
        assertEquals(new DbEndpoint("h", 2, "d", "dp"), p.downstream());
    }

    @Test
    void onlyOneSideSetFailsNamingTheOther() {
        ParameterResolutionException e = assertThrows(ParameterResolutionException.class,
                () -> EnvDatabases.fromEnv(env(Map.of("DM_TEST_UPSTREAM", "h:1"))));
        assertTrue(e.getMessage().contains("DM_TEST_DOWNSTREAM"), e.getMessage());
    }

    @Test
    void badAddressIsRejectedWithTheVariableName() {
        ParameterResolutionException e = assertThrows(ParameterResolutionException.class,
                () -> EnvDatabases.endpoint("DM_TEST_UPSTREAM", "h:notaport", "u", "p"));
        assertTrue(e.getMessage().startsWith("DM_TEST_UPSTREAM='h:notaport'"), e.getMessage());
        assertThrows(ParameterResolutionException.class, () -> EnvDatabases.endpoint("X", ":3306", "u", "p"));
        assertThrows(ParameterResolutionException.class, () -> EnvDatabases.endpoint("X", "h:70000", "u", "p"));
    }

    @Test
    void unknownStrategyIsRejected() {
        ParameterResolutionException e = assertThrows(ParameterResolutionException.class,
                () -> new DatabaseProvisioner(env(Map.of("DM_TEST_DB", "docker"))).provision());
        assertTrue(e.getMessage().contains("auto, env, testcontainers, sandbox"), e.getMessage());
    }

    @Test
    void envStrategyWithoutAddressesNamesTheFix() {
        ParameterResolutionException e = assertThrows(ParameterResolutionException.class,
                () -> new DatabaseProvisioner(env(Map.of("DM_TEST_DB", "env"))).provision());
        assertTrue(e.getMessage().contains("scripts/mysql-sandbox.sh start"), e.getMessage());
    }
}
