package io.dm4j.worker.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.WorkerConfig;
import io.dm4j.proto.message.GetConfigRequest;
import io.dm4j.proto.message.WorkerMethods;
import io.dm4j.proto.rpc.RpcClient;
import io.dm4j.proto.rpc.RpcClientConfig;
import io.dm4j.proto.tls.TlsConfig;
import io.dm4j.worker.subtask.DefaultUnitFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dmctl config worker NAME} shows what the worker answers to GetWorkerConfig (the master passes the text on):
 * a running worker (over mutual TLS) whose dm-worker.toml holds every secret-bearing key answers without any of the
 * secrets: inline certificate and key text in every form, and the secret key itself.
 */
class WorkerConfigSecretsTest {
    private static final String SECRET_KEY_HEX = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    @TempDir
    Path dir;

    @Test
    void configWorkerShowsPathsButNoKeyCertificateOrSecretKeyMaterial() throws Exception {
        pki();
        String ca = Files.readString(dir.resolve("ca.pem"));
        String cert = Files.readString(dir.resolve("node.pem"));
        String key = Files.readString(dir.resolve("node.key"));
        Path secretKey = dir.resolve("secret.key");
        Files.writeString(secretKey, SECRET_KEY_HEX + "\n");
        Files.setPosixFilePermissions(secretKey, PosixFilePermissions.fromString("rw-------"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // the paths (used: they win) and DM's inline forms of the same material (held in the configuration)
        String toml = "name = \"w-secrets\"\n"
                + "worker-addr = \"127.0.0.1:" + port + "\"\n"
                + "join = \"127.0.0.1:1\"\n" // a master on this host: calls from 127.0.0.1 are the master's
                + "secret-key-path = " + tomlString(secretKey.toString()) + "\n"
                + "ssl-ca = " + tomlString(dir.resolve("ca.pem").toString()) + "\n"
                + "ssl-cert = " + tomlString(dir.resolve("node.pem").toString()) + "\n"
                + "ssl-key = " + tomlString(dir.resolve("node.key").toString()) + "\n"
                + "cert-allowed-cn = [\"dm4j-node\"]\n"
                + "ssl-ca-bytes = " + tomlString(ca) + "\n"
                + "ssl-cert-bytes = " + tomlString(cert) + "\n"
                + "ssl-key-bytes = " + tomlString(key) + "\n"
                + "ssl-ca-base64 = " + tomlString(b64(ca)) + "\n"
                + "ssl-cert-base64 = " + tomlString(b64(cert)) + "\n"
                + "ssl-key-base64 = " + tomlString(b64(key)) + "\n";
        WorkerConfig cfg = WorkerConfig.parse(toml, "dm-worker.toml", Map.of());

        String shown;
        TlsConfig asMaster = TlsConfig.of(dir.resolve("ca.pem"), dir.resolve("node.pem"), dir.resolve("node.key"));
        try (WorkerServer server = WorkerServer.start(cfg, new DefaultUnitFactory());
             RpcClient master = RpcClient.connect(RpcClientConfig.of("127.0.0.1:" + port).withTls(asMaster))) {
            shown = master.callBlocking(WorkerMethods.GET_WORKER_CONFIG, new GetConfigRequest("worker", "w-secrets"),
                    Duration.ofSeconds(20)).cfg();
        }

        assertTrue(shown.contains("name = \"w-secrets\""), shown);
        assertTrue(shown.contains("secret-key-path = " + tomlString(secretKey.toString())), "the path is shown: " + shown);
        assertTrue(shown.contains("ssl-key = " + tomlString(dir.resolve("node.key").toString())), shown);
        assertTrue(shown.contains("cert-allowed-cn = [\"dm4j-node\"]"), shown);
        List<String> secrets = new ArrayList<>(List.of(SECRET_KEY_HEX, "PRIVATE KEY", "CERTIFICATE", "-bytes", "-base64",
                b64(ca), b64(cert), b64(key)));
        for (String pem : List.of(ca, cert, key)) {
            pem.lines().filter(l -> !l.startsWith("-----")).forEach(secrets::add); // every line of the PEM bodies
        }
        for (String secret : secrets) {
            assertFalse(shown.contains(secret), "`" + secret + "` must not be shown:\n" + shown);
        }
    }

    /** A CA and a node certificate for 127.0.0.1 (server and client use), made with the openssl CLI. */
    private void pki() throws Exception {
        Files.writeString(dir.resolve("node.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n");
        for (String args : List.of(
                "req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=worker-test-ca",
                "req -newkey rsa:2048 -nodes -keyout node.key -out node.csr -subj /CN=dm4j-node",
                "x509 -req -in node.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -out node.pem -extfile node.ext")) {
            List<String> cmd = new ArrayList<>(List.of("openssl"));
            cmd.addAll(List.of(args.split(" ")));
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0, args + ":\n" + out);
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static String tomlString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
