package io.dm4j.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.ConfigErrors;
import io.dm4j.common.errors.DmException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dm-master.toml and dm-worker.toml, and command-line flags over them. */
class DaemonConfigTest {

    @Test
    void masterDefaultsAreResolvedLikeDm() {
        MasterConfig m = MasterConfig.load(null, Map.of("master-addr", "127.0.0.1:8261", "name", "m1"));
        assertEquals("m1", m.name());
        assertEquals("127.0.0.1:8261", m.masterAddr());
        assertEquals("127.0.0.1:8261", m.advertiseAddr());
        assertEquals("default.m1", m.dataDir());
        assertEquals("http://127.0.0.1:8291", m.peerUrls());
        assertEquals("http://127.0.0.1:8291", m.advertisePeerUrls());
        assertEquals("m1=http://127.0.0.1:8291", m.initialCluster());
        assertEquals("new", m.initialClusterState());
        assertEquals(Duration.ofSeconds(30), m.rpcTimeout());
        assertEquals(10.0, m.rpcRateLimit());
        assertEquals(40, m.rpcRateBurst());
        assertEquals(2048, m.maxTxnOps());
        assertEquals(1_572_864, m.maxRequestBytes());
        assertEquals("periodic", m.autoCompactionMode());
        assertEquals("1h", m.autoCompactionRetention());
        assertEquals(2L << 30, m.quotaBackendBytes());
        assertEquals("info", m.logLevel());
        assertEquals("text", m.logFormat());
        assertFalse(m.openapi());
        assertFalse(m.security().enabled());
        assertTrue(m.encryptor().isBuiltIn() || System.getenv(Encryptor.ENV_KEY) != null);

        MasterConfig noName = MasterConfig.load(null, Map.of("advertise-addr", "10.0.0.1:8261"));
        assertEquals(":8261", noName.masterAddr());
        assertTrue(noName.name().startsWith("dm-master-"));
        assertEquals("default." + noName.name(), noName.dataDir());
    }

    @Test
    void flagsWinOverTheFile() {
        MasterConfig m = MasterConfig.load(Files.conf("dm-master.toml"), Map.of("name", "other", "--log-level", "debug",
                "cert-allowed-cn", "a, b"));
        assertEquals("other", m.name());
        assertEquals("debug", m.logLevel());
        assertEquals(List.of("a", "b"), m.security().certAllowedCn());
        assertEquals("default.master1", m.dataDir(), "data-dir in the file stays");
        assertEquals("master1=http://127.0.0.1:8291", m.initialCluster(), "initial-cluster in the file stays");

        WorkerConfig w = WorkerConfig.load(Files.conf("dm-worker.toml"), Map.of("worker-addr", "0.0.0.0:9262",
                "advertise-addr", "10.1.1.1:9262", "keepalive-ttl", "5", "relay-dir", "/relay"));
        assertEquals("worker1", w.name());
        assertEquals(5, w.keepaliveTtl());
        assertEquals("10.1.1.1:9262", w.advertiseAddr());
        SourceConfig s = SourceConfig.parse("source-id: s\nfrom: {host: h}\n", "s", Encryptor.builtIn());
        assertEquals(Path.of("/relay", "worker1").toString(), w.relayDirFor(s));
    }

    @Test
    void fileValuesAreRead() {
        MasterConfig m = MasterConfig.parse("""
                name = "a"
                master-addr = "http://10.0.0.1:8261"
                join = "http://h1:8261, h2:8261"
                rpc-timeout = "1m"
                rpc-rate-limit = 0.0
                quota-backend-bytes = 1024
                openapi = false
                log-rotate = "day"
                [experimental]
                openapi = true
                """, "dm-master.toml", Map.of());
        assertEquals("10.0.0.1:8261", m.masterAddr());
        assertEquals("10.0.0.1:8261", m.advertiseAddr());
        assertEquals(List.of("h1:8261", "h2:8261"), m.joinAddrs());
        assertEquals(Duration.ofMinutes(1), m.rpcTimeout());
        assertEquals(10.0, m.rpcRateLimit(), "non-positive means the default");
        assertEquals(MasterConfig.QUOTA_BACKEND_BYTES_MIN, m.quotaBackendBytes());
        assertTrue(m.openapi(), "experimental.openapi still turns the API on");

        WorkerConfig w = WorkerConfig.parse("""
                worker-addr = "127.0.0.1:8262"
                join = "127.0.0.1:8261"
                redact-info-log = true
                ssl-ca = "/ca.pem"
                cert-allowed-cn = ["dm", "dm2"]
                """, "dm-worker.toml", Map.of());
        assertEquals("127.0.0.1:8262", w.name(), "name defaults to advertise-addr");
        assertEquals(60, w.keepaliveTtl());
        assertEquals(1800, w.relayKeepaliveTtl());
        assertEquals("", w.relayDir());
        assertTrue(w.redactInfoLog());
        assertTrue(w.security().enabled());
        assertEquals(List.of("dm", "dm2"), w.security().certAllowedCn());
    }

    @Test
    void logRotationAndAlertKeys() {
        MasterConfig m = MasterConfig.parse("""
                master-addr = "127.0.0.1:8261"
                log-rotate = "hour"
                log-max-size = 64
                log-max-days = 7
                log-max-backups = 3
                [alerts]
                webhook-urls = ["http://127.0.0.1:9000/dm", "https://alerts.example/hook"]
                lag-threshold = "90s"
                check-interval = "2s"
                retry-attempts = 3
                retry-backoff = "200ms"
                """, "dm-master.toml", Map.of());
        assertEquals(new LogFileConfig("hour", 64, 7, 3), m.logFiles());
        assertEquals(new AlertConfig(List.of("http://127.0.0.1:9000/dm", "https://alerts.example/hook"),
                Duration.ofSeconds(90), Duration.ofSeconds(2), 3, Duration.ofMillis(200)), m.alerts());
        assertTrue(m.alerts().enabled());

        MasterConfig defaults = MasterConfig.parse("master-addr = \"127.0.0.1:8261\"\nlog-rotate = \"\"\n",
                "dm-master.toml", Map.of());
        assertEquals(LogFileConfig.DEFAULT, defaults.logFiles(), "\"\" is DM's default daily rotation");
        assertFalse(defaults.alerts().enabled());
        assertEquals(LogFileConfig.DEFAULT, WorkerConfig.parse("worker-addr = \"127.0.0.1:8262\"\njoin = \"127.0.0.1:8261\"\n",
                "dm-worker.toml", Map.of()).logFiles());

        DmException badUrl = assertThrows(DmException.class, () -> MasterConfig.parse("""
                master-addr = "127.0.0.1:8261"
                [alerts]
                webhook-urls = ["ftp://x"]
                """, "dm-master.toml", Map.of()));
        assertTrue(badUrl.getMessage().contains("webhook-urls") && badUrl.getMessage().contains("ftp://x"), badUrl.getMessage());
        DmException badRotate = assertThrows(DmException.class, () -> MasterConfig.parse(
                "master-addr = \"127.0.0.1:8261\"\nlog-rotate = \"week\"\n", "dm-master.toml", Map.of()));
        assertTrue(badRotate.getMessage().contains("log-rotate"), badRotate.getMessage());
    }

    @Test
    void addressRules() {
        DmException noHost = assertThrows(DmException.class, () -> MasterConfig.load(null, Map.of()));
        assertEquals(ConfigErrors.INVALID_VALUE, noHost.code());
        assertTrue(noHost.getMessage().contains("key `master-addr`") && noHost.getMessage().contains("advertise-addr"), noHost.getMessage());
        DmException zero = assertThrows(DmException.class, () -> WorkerConfig.load(null, Map.of("advertise-addr", "0.0.0.0:8262")));
        assertTrue(zero.getMessage().contains("key `advertise-addr`"), zero.getMessage());
        DmException port = assertThrows(DmException.class, () -> WorkerConfig.load(null, Map.of("worker-addr", "host:port")));
        assertTrue(port.getMessage().contains("--worker-addr") && port.getMessage().contains("no valid port"), port.getMessage());
    }

    @Test
    void relayKeepaliveTtlIsPositiveSecondsAndWarnsWhenShorterThanKeepaliveTtl() {
        assertEquals(600, WorkerConfig.parse("worker-addr = \"h:1\"\nrelay-keepalive-ttl = 600\n", "w.toml", Map.of())
                .relayKeepaliveTtl());
        DmException zero = assertThrows(DmException.class, () -> WorkerConfig.parse(
                "worker-addr = \"h:1\"\nrelay-keepalive-ttl = 0\n", "dm-worker.toml", Map.of()));
        assertTrue(zero.getMessage().contains("relay-keepalive-ttl") && zero.getMessage().contains("dm-worker.toml")
                && zero.getMessage().contains("must be greater than 0, found 0"), zero.getMessage());
        DmException text = assertThrows(DmException.class, () -> WorkerConfig.load(null, Map.of("worker-addr", "h:1",
                "relay-keepalive-ttl", "30m")));
        assertTrue(text.getMessage().contains("--relay-keepalive-ttl") && text.getMessage().contains("30m"), text.getMessage());
        var shorter = WorkerConfig.check("worker-addr = \"h:1\"\nkeepalive-ttl = 60\nrelay-keepalive-ttl = 30\n",
                "dm-worker.toml", Map.of());
        assertEquals(30, shorter.config().relayKeepaliveTtl());
        assertTrue(shorter.warnings().stream().anyMatch(w -> w.key().equals("relay-keepalive-ttl")
                && w.describe().contains("relay-keepalive-ttl 30 is shorter than keepalive-ttl 60")),
                shorter.warnings().toString());
    }

    @Test
    void unknownKeysAndFlags() {
        DmException key = assertThrows(DmException.class, () -> MasterConfig.parse("master-adr = \"h:8261\"\n", "dm-master.toml", Map.of()));
        assertEquals(ConfigErrors.UNKNOWN_KEY, key.code());
        assertTrue(key.getMessage().contains("dm-master file `dm-master.toml`") && key.getMessage().contains("did you mean `master-addr`?"),
                key.getMessage());
        DmException flag = assertThrows(DmException.class, () -> WorkerConfig.load(null, Map.of("keepalive-tl", "5")));
        assertTrue(flag.getMessage().contains("command-line flags") && flag.getMessage().contains("unknown flag `--keepalive-tl`")
                && flag.getMessage().contains("did you mean `keepalive-ttl`?"), flag.getMessage());
        DmException value = assertThrows(DmException.class, () -> MasterConfig.load(null, Map.of("master-addr", "h:1", "rpc-timeout", "30")));
        assertEquals(ConfigErrors.INVALID_VALUE, value.code());
        assertTrue(value.getMessage().contains("--rpc-timeout") && value.getMessage().contains("30s"), value.getMessage());
        DmException level = assertThrows(DmException.class, () -> WorkerConfig.parse("worker-addr = \"h:1\"\nlog-level = \"loud\"\n", "w", Map.of()));
        assertEquals(ConfigErrors.INVALID_ENUM, level.code());
        assertTrue(level.getMessage().contains("`debug`"), level.getMessage());
    }

    @Test
    void secretKeyPathMustHoldAValidKey(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.key");
        java.nio.file.Files.writeString(bad, "abc\n");
        DmException e = assertThrows(DmException.class, () -> WorkerConfig.load(null, Map.of("worker-addr", "h:1", "secret-key-path", bad.toString())));
        assertEquals(ConfigErrors.SECRET_KEY, e.code());
        assertTrue(e.getMessage().contains("key `secret-key-path`") && e.getMessage().contains("64 hex"), e.getMessage());
        Path good = dir.resolve("good.key");
        java.nio.file.Files.writeString(good, "00".repeat(32) + "\n");
        MasterConfig m = MasterConfig.load(null, Map.of("master-addr", "h:1", "secret-key-path", good.toString()));
        assertFalse(m.encryptor().isBuiltIn());
    }
}
