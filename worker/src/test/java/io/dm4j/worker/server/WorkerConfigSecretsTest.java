package io.dm4j.worker.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.WorkerConfig;
import io.dm4j.proto.message.GetConfigRequest;
import io.dm4j.proto.message.WorkerMethods;
import io.dm4j.proto.rpc.RpcClient;
import io.dm4j.worker.subtask.DefaultUnitFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dmctl config worker NAME} shows what the worker answers to GetWorkerConfig (the master passes the text on):
 * a running worker whose dm-worker.toml holds every secret-bearing key answers without any of the secrets.
 */
class WorkerConfigSecretsTest {
    private static final String SECRET_KEY_HEX = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private static final String KEY_PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANworkerKeyMaterialInline0001\n-----END PRIVATE KEY-----\n";
    private static final String CERT_PEM = "-----BEGIN CERTIFICATE-----\nMIIDworkerCertMaterialInline0002\n-----END CERTIFICATE-----\n";
    private static final String CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIDworkerCaMaterialInline0003\n-----END CERTIFICATE-----\n";
    private static final String KEY_PEM_B64 = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANworkerKeyMaterialBase64004\n-----END PRIVATE KEY-----\n";

    @TempDir
    Path dir;

    @Test
    void configWorkerShowsPathsButNoKeyCertificateOrSecretKeyMaterial() throws Exception {
        Path secretKey = dir.resolve("secret.key");
        Files.writeString(secretKey, SECRET_KEY_HEX + "\n");
        Files.setPosixFilePermissions(secretKey, PosixFilePermissions.fromString("rw-------"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String toml = "name = \"w-secrets\"\n"
                + "worker-addr = \"127.0.0.1:" + port + "\"\n"
                + "join = \"127.0.0.1:1\"\n" // a master on this host: calls from 127.0.0.1 are the master's
                + "secret-key-path = " + tomlString(secretKey.toString()) + "\n"
                + "cert-allowed-cn = [\"dm-master\"]\n"
                + "ssl-ca-bytes = " + tomlString(CA_PEM) + "\n"
                + "ssl-cert-bytes = " + tomlString(CERT_PEM) + "\n"
                + "ssl-key-bytes = " + tomlString(KEY_PEM) + "\n"
                + "ssl-ca-base64 = " + tomlString(b64(CA_PEM)) + "\n"
                + "ssl-cert-base64 = " + tomlString(b64(CERT_PEM)) + "\n"
                + "ssl-key-base64 = " + tomlString(b64(KEY_PEM_B64)) + "\n";
        WorkerConfig cfg = WorkerConfig.parse(toml, "dm-worker.toml", Map.of());

        String shown;
        try (WorkerServer server = WorkerServer.start(cfg, new DefaultUnitFactory());
             RpcClient master = RpcClient.connect("127.0.0.1:" + port)) {
            shown = master.callBlocking(WorkerMethods.GET_WORKER_CONFIG, new GetConfigRequest("worker", "w-secrets"),
                    Duration.ofSeconds(20)).cfg();
        }

        assertTrue(shown.contains("name = \"w-secrets\""), shown);
        assertTrue(shown.contains("secret-key-path = " + tomlString(secretKey.toString())), "the path is shown: " + shown);
        assertTrue(shown.contains("cert-allowed-cn = [\"dm-master\"]"), shown);
        for (String secret : List.of(SECRET_KEY_HEX, "PRIVATE KEY", "CERTIFICATE", "workerKeyMaterial", "workerCertMaterial",
                "workerCaMaterial", b64(CA_PEM), b64(CERT_PEM), b64(KEY_PEM), b64(KEY_PEM_B64), "bytes", "base64")) {
            assertFalse(shown.contains(secret), "`" + secret + "` must not be shown:\n" + shown);
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static String tomlString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
