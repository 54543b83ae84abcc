package io.dm4j.worker.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionSettingsTest {

    @Test
    void sqlModeDropsStrictAndZeroDateChecksAndKeepsTheRest() {
        String adjusted = SessionSettings.adjustSqlMode(
                "STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION,NO_ZERO_DATE");
        assertEquals("NO_ENGINE_SUBSTITUTION,IGNORE_SPACE,NO_AUTO_VALUE_ON_ZERO,ALLOW_INVALID_DATES", adjusted);
        assertEquals("IGNORE_SPACE,NO_AUTO_VALUE_ON_ZERO,ALLOW_INVALID_DATES", SessionSettings.adjustSqlMode(""));
        assertEquals("PIPES_AS_CONCAT,NO_AUTO_VALUE_ON_ZERO,IGNORE_SPACE,ALLOW_INVALID_DATES",
                SessionSettings.adjustSqlMode("pipes_as_concat,NO_AUTO_VALUE_ON_ZERO,STRICT_ALL_TABLES"));
    }

    @Test
    void timeZoneIsOffsetWhenFixedElseName() {
        assertEquals("+08:00", SessionSettings.timeZoneValue(ZoneId.of("+08:00")));
        assertEquals("+00:00", SessionSettings.timeZoneValue(ZoneId.of("UTC")));
        assertEquals("-03:30", SessionSettings.timeZoneValue(ZoneId.of("-03:30")));
        assertEquals("Europe/Berlin", SessionSettings.timeZoneValue(ZoneId.of("Europe/Berlin")));
    }

    @Test
    void defaultsAndOverrides() {
        DownstreamConfig plain = DownstreamConfig.of("h", 3306, "u", "secret", 4);
        Map<String, String> vars = SessionSettings.variables(plain, "STRICT_TRANS_TABLES");
        assertEquals(Map.of("sql_mode", "IGNORE_SPACE,NO_AUTO_VALUE_ON_ZERO,ALLOW_INVALID_DATES",
                "foreign_key_checks", "0"), vars);
        assertTrue(SessionSettings.needsServerSqlMode(plain));

        Map<String, String> session = new LinkedHashMap<>();
        session.put("SQL_MODE", "ANSI_QUOTES");
        session.put("foreign_key_checks", "1");
        session.put("time_zone", "+01:00");
        session.put("innodb_lock_wait_timeout", "120");
        DownstreamConfig custom = plain.withSession(session).withTimeZone(ZoneId.of("+08:00"));
        assertFalse(SessionSettings.needsServerSqlMode(custom));
        String set = SessionSettings.setStatement(SessionSettings.variables(custom, null));
        assertEquals("SET SESSION sql_mode = 'ANSI_QUOTES', foreign_key_checks = 1, time_zone = '+08:00',"
                + " innodb_lock_wait_timeout = 120", set);
    }

    @Test
    void rejectsUnsafeNamesAndValues() {
        assertThrows(IllegalArgumentException.class, () -> SessionSettings.setStatement(Map.of("a;b", "1")));
        assertThrows(IllegalArgumentException.class, () -> SessionSettings.setStatement(Map.of("a", "x\\'")));
        assertEquals("SET SESSION a = 'it''s'", SessionSettings.setStatement(Map.of("a", "it's")));
    }

    @Test
    void configNeverPrintsThePassword() {
        DownstreamConfig c = DownstreamConfig.of("h", 3306, "u", "secret", 4);
        assertFalse(c.toString().contains("secret"));
        assertFalse(Downstream.jdbcUrl(c).contains("secret"));
        assertTrue(Downstream.jdbcUrl(c).contains("rewriteBatchedStatements=true"));
    }

    @Test
    void withoutSecuritySectionTlsIsOpportunisticAndNoPublicKeyIsFetchedInPlainText() {
        DownstreamConfig c = DownstreamConfig.of("h", 3306, "u", "secret", 4);
        assertFalse(Downstream.jdbcUrl(c).contains("allowPublicKeyRetrieval"));
        assertFalse(Downstream.jdbcUrl(c).contains("sslMode"), "TLS settings travel as properties");
        assertEquals("PREFERRED", Downstream.tlsProperties(c).getProperty("sslMode"));
        assertFalse(Downstream.tlsProperties(c).containsKey("allowPublicKeyRetrieval"));
    }
}
