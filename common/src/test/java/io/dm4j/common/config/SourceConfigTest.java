package io.dm4j.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.ConfigErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.filter.FilterAction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceConfigTest {

    private static SourceConfig parse(String yaml) {
        return SourceConfig.parse(yaml, "source.yaml", Encryptor.builtIn());
    }

    private static DmException fails(String yaml) {
        return assertThrows(DmException.class, () -> parse(yaml));
    }

    @Test
    void defaultsFollowDm() {
        SourceConfig s = parse("source-id: s1\nfrom:\n  host: 127.0.0.1\n");
        assertTrue(s.enable());
        assertFalse(s.enableGtid());
        assertFalse(s.enableRelay());
        assertEquals("", s.relayBinlogName());
        assertEquals("relay-dir", s.relayDir());
        assertNull(s.flavor());
        assertEquals(0, s.serverId());
        assertEquals(3306, s.from().port());
        assertTrue(s.from().password().isEmpty());
        assertEquals(Map.of(), s.from().session());
        assertFalse(s.from().security().enabled());
        assertEquals(new PurgeConfig(3600, 0, 15), s.purge());
        assertTrue(s.purge().enabled());
        CheckerConfig c = s.checker();
        assertTrue(c.checkEnable());
        assertEquals(Duration.ofMinutes(5), c.backoffRollback());
        assertEquals(Duration.ofMinutes(5), c.backoffMax());
        assertEquals(Duration.ofSeconds(5), c.checkInterval());
        assertEquals(Duration.ofSeconds(1), c.backoffMin());
        assertEquals(2.0, c.backoffFactor());
        assertTrue(c.backoffJitter());
        assertFalse(s.caseSensitive());
        assertTrue(s.filters().isEmpty());
    }

    @Test
    void everyKeyIsRead() {
        SourceConfig s = parse("""
                source-id: s1
                enable: false
                enable-gtid: yes
                enable-relay: on
                relay-binlog-name: mysql-bin.000003
                relay-binlog-gtid: "0-1-5"
                relay-dir: /data/relay
                flavor: MariaDB
                server-id: 4294967295
                case-sensitive: true
                from:
                  host: up
                  port: 3307
                  user: dm
                  password: dm
                  max-allowed-packet: 67108864
                  session:
                    time_zone: "+00:00"
                  security:
                    ssl-ca: /ca.pem
                    cert-allowed-cn: [dm]
                purge: {interval: 60, expires: 24, remain-space: 0}
                checker:
                  check-enable: false
                  backoff-rollback: 1h30m
                  backoff-max: 10m
                  check-interval: 2s
                  backoff-min: 500ms
                  backoff-factor: 1.5
                  backoff-jitter: false
                filters:
                  - schema-pattern: "db_*"
                    table-pattern: t
                    events: [Create Schema, drop table]
                    sql-pattern: ["^DROP\\\\s+PROCEDURE"]
                    action: error
                """);
        assertFalse(s.enable());
        assertTrue(s.enableGtid());
        assertTrue(s.enableRelay());
        assertEquals(io.dm4j.common.position.Flavor.MARIADB, s.flavor());
        assertEquals(4294967295L, s.serverId());
        assertEquals(67108864, s.from().maxAllowedPacket());
        assertTrue(s.from().security().enabled());
        assertEquals(List.of("dm"), s.from().security().certAllowedCn());
        assertEquals(Duration.ofMinutes(90), s.checker().backoffRollback());
        assertEquals(Duration.ofMillis(500), s.checker().backoffMin());
        assertEquals(1.5, s.checker().backoffFactor());
        assertEquals(List.of("create database", "drop table"), s.filters().get(0).events(), "names are canonical");
        assertEquals(List.of("^DROP\\s+PROCEDURE"), s.filters().get(0).sqlPatterns());
        assertEquals(FilterAction.ERROR, s.filters().get(0).action());
    }

    @Test
    void requiredKeys() {
        DmException e = fails("enable-gtid: true\n");
        assertEquals(ConfigErrors.MISSING_KEY, e.code());
        assertTrue(e.getMessage().contains("key `source-id`"), e.getMessage());
        assertTrue(e.getMessage().contains("key `from`"), e.getMessage());
        DmException host = fails("source-id: s1\nfrom:\n  user: dm\n");
        assertTrue(host.getMessage().contains("key `from.host`") && host.getMessage().contains("line 2"), host.getMessage());
    }

    @Test
    void valueProblems() {
        DmException flavor = fails("source-id: s1\nflavor: postgres\nfrom: {host: h}\n");
        assertEquals(ConfigErrors.INVALID_ENUM, flavor.code());
        assertTrue(flavor.getMessage().contains("`mysql`") && flavor.getMessage().contains("`mariadb`"), flavor.getMessage());

        DmException longId = fails("source-id: " + "x".repeat(40) + "\nfrom: {host: h}\n");
        assertEquals(ConfigErrors.SOURCE_ID_TOO_LONG, longId.code());
        assertTrue(longId.getMessage().contains("at most 32"));

        DmException typo = fails("source-id: s1\nenable-gtdi: true\nfrom: {host: h}\n");
        assertEquals(ConfigErrors.UNKNOWN_KEY, typo.code());
        assertTrue(typo.getMessage().contains("did you mean `enable-gtid`?") && typo.getMessage().contains("line 2, column 1"), typo.getMessage());

        DmException duration = fails("source-id: s1\nfrom: {host: h}\nchecker:\n  backoff-max: 5 minutes\n");
        assertTrue(duration.getMessage().contains("key `checker.backoff-max`") && duration.getMessage().contains("expected a duration"),
                duration.getMessage());
        DmException order = fails("source-id: s1\nfrom: {host: h}\nchecker:\n  backoff-max: 500ms\n");
        assertTrue(order.getMessage().contains("smaller than backoff-min"), order.getMessage());
        DmException relayName = fails("source-id: s1\nrelay-binlog-name: binlog\nfrom: {host: h}\n");
        assertTrue(relayName.getMessage().contains("key `relay-binlog-name`"), relayName.getMessage());
        DmException serverId = fails("source-id: s1\nserver-id: -1\nfrom: {host: h}\n");
        assertTrue(serverId.getMessage().contains("0 to 4294967295"), serverId.getMessage());
        DmException filterIndex = fails("source-id: s1\nfrom: {host: h}\nfilters:\n  - schema-pattern: a\n    action: Maybe\n");
        assertTrue(filterIndex.getMessage().contains("key `filters[0].action`"), filterIndex.getMessage());
    }

    @Test
    void deprecatedKeysLoadWithWarnings() {
        LoadedConfig<SourceConfig> loaded = SourceConfig.check("""
                source-id: s1
                charset: utf8mb4
                meta-dir: ./meta
                auto-fix-gtid: true
                relay-dir: ./relay_log
                tracer:
                  enable: false
                  source: x
                from: {host: h}
                """, "source.yaml", Encryptor.builtIn());
        assertFalse(loaded.config().autoFixGtid(), "DM forces auto-fix-gtid off");
        assertEquals("./relay_log", loaded.config().relayDir());
        assertEquals(List.of("charset", "meta-dir", "auto-fix-gtid", "relay-dir", "tracer"),
                loaded.warnings().stream().map(ConfigProblem::key).toList());
    }
}
