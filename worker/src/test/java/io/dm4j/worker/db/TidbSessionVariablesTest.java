package io.dm4j.worker.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TidbSessionVariablesTest {
    private static DownstreamConfig withSession(Map<String, String> session) {
        return DownstreamConfig.of("h", 3306, "u", "p", 4).withSession(session);
    }

    @Test
    void tidbVariablesAreDroppedForMysqlAndMariadbOnly() {
        Map<String, String> session = new LinkedHashMap<>();
        session.put("tidb_skip_utf8_check", "1");
        session.put("sql_mode", "");
        session.put("TIDB_retry_limit", "10");
        DownstreamConfig cfg = withSession(session);
        assertEquals(Map.of("sql_mode", ""), Downstream.withoutTidbVariables(cfg, "10.11.19-MariaDB-0+deb12u1-log").session());
        assertEquals(Map.of("sql_mode", ""), Downstream.withoutTidbVariables(cfg, "8.0.36").session());
        assertSame(cfg, Downstream.withoutTidbVariables(cfg, "8.0.11-TiDB-v7.5.1"));
    }
}
