package io.dm4j.proto.tls;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.RpcErrors;
import io.dm4j.proto.http.HttpReply;
import io.dm4j.proto.rpc.RpcClient;
import io.dm4j.proto.rpc.RpcClientConfig;
import io.dm4j.proto.rpc.RpcServer;
import io.dm4j.proto.rpc.RpcServerConfig;
import io.dm4j.proto.rpc.RpcTestKit;
import io.dm4j.proto.rpc.RpcTestKit.Echo;
import io.dm4j.proto.rpc.RpcTestKit.EchoReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TLS and mutual TLS with certificates made by the openssl CLI. */
class TlsTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;

    private final RpcTestKit kit = new RpcTestKit();
    private final AtomicInteger served = new AtomicInteger();

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = new TestCertificates(dir);
    }

    @AfterEach
    void closeAll() throws Exception {
        kit.closeAll();
    }

    /** A TLS server whose WhoAmI method returns the client's certificate CN. */
    private RpcServer server(TlsConfig tls) {
        RpcServer server = kit.track(new RpcServer(RpcServerConfig.of("127.0.0.1", 0).withTls(tls)));
        server.register("WhoAmI", Echo.class, EchoReply.class, (request, call) -> {
            served.incrementAndGet();
            return new EchoReply(call.peerCommonName(), call.id());
        });
        return server.start();
    }

    private RpcClient client(String host, RpcServer server, TlsConfig tls) {
        return kit.client(RpcClientConfig.of(host + ":" + server.port()).withTls(tls)
                .withConnectTimeout(Duration.ofSeconds(3))
                .withReconnectDelays(Duration.ofMillis(200), Duration.ofSeconds(1)));
    }

    private static String whoAmI(RpcClient client) {
        return client.callBlocking("WhoAmI", new Echo("", 0), EchoReply.class, RpcTestKit.SHORT).text();
    }

    @Test
    void serverOnlyTls() {
        RpcServer server = server(certs.server(false));
        RpcClient client = client("localhost", server, certs.clientWithoutCertificate());

        assertNull(whoAmI(client));
        assertEquals(1, served.get());
    }

    @Test
    void mutualTlsTellsTheHandlerTheClientsName() {
        RpcServer server = server(certs.server(true));
        RpcClient client = client("127.0.0.1", server, certs.client("client"));

        assertEquals("dm4j-client", whoAmI(client));
    }

    @Test
    void inlineFormsOfTheDaemonTomlAreUsedNotIgnored() throws Exception {
        // dm-master.toml / dm-worker.toml with ssl-ca-bytes, ssl-cert-base64, ssl-key-bytes instead of paths
        String ca = java.nio.file.Files.readString(certs.file("ca.pem"));
        String cert = java.nio.file.Files.readString(certs.file("server.pem"));
        String key = java.nio.file.Files.readString(certs.file("server.key"));
        TlsConfig inline = TlsConfig.fromSecurity(new io.dm4j.common.config.SecurityConfig("", "", "", List.of(), "",
                java.util.Base64.getEncoder().encodeToString(cert.getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                "", ca, "", key));
        assertTrue(inline.enabled() && inline.hasCertificate(), inline.toString());
        RpcServer server = server(inline);

        assertEquals("dm4j-client", whoAmI(client("127.0.0.1", server, certs.client("client"))), "mutual TLS");
        assertRefused(client("127.0.0.1", server, certs.clientWithoutCertificate()));
    }

    @Test
    void clientWithoutCertificateIsRefusedWhenMutualTlsIsOn() {
        RpcServer server = server(certs.server(true));
        RpcClient client = client("127.0.0.1", server, certs.clientWithoutCertificate());

        assertRefused(client);
    }

    @Test
    void clientCertificateFromAnotherCaIsRefused() {
        RpcServer server = server(certs.server(true));
        RpcClient client = client("127.0.0.1", server, certs.client("stranger"));

        assertRefused(client);
    }

    @Test
    void certAllowedCnRestrictsClients() {
        RpcServer server = server(certs.server(true).withAllowedCommonNames(List.of("dm4j-client")));
        RpcClient allowed = client("127.0.0.1", server, certs.client("client"));
        RpcClient intruder = client("127.0.0.1", server, certs.client("intruder"));

        assertEquals("dm4j-client", whoAmI(allowed));
        assertRefused(intruder);
    }

    @Test
    void clientChecksTheServerCertificate() {
        // trusts another CA only: the server's certificate must not be accepted
        RpcServer server = server(certs.server(false));
        RpcClient client = client("127.0.0.1", server, TlsConfig.of(certs.file("other-ca.pem"), null, null));

        DmException e = callFailure(client);

        assertSame(RpcErrors.UNAVAILABLE, e.code());
        assertTrue(e.detail().contains("TLS handshake failed"), e.detail());
        assertEquals(0, served.get());
    }

    @Test
    void plainClientCannotTalkToTlsServer() {
        RpcServer server = server(certs.server(false));
        RpcClient client = client("127.0.0.1", server, TlsConfig.NONE);

        DmException e = callFailure(client);

        assertTrue(Set.of(RpcErrors.CONNECTION_LOST, RpcErrors.UNAVAILABLE).contains(e.code()), e.getMessage());
        assertTrue(e.detail().contains("this client does not use TLS, so if the peer requires TLS"), e.detail());
        assertEquals(0, served.get());
    }

    @Test
    void unusableTlsFilesAreTypedErrors() throws Exception {
        DmException missing = assertThrows(DmException.class, () -> RpcClient.connect(RpcClientConfig.of("127.0.0.1:1")
                .withTls(TlsConfig.of(certs.file("nope.pem"), null, null))));
        assertSame(RpcErrors.TLS_CONFIG, missing.code());
        assertTrue(missing.detail().startsWith("cannot read ssl-ca file "), missing.detail());

        DmException halfPair = assertThrows(DmException.class,
                () -> TlsConfig.of(null, certs.file("server.pem"), null));
        assertSame(RpcErrors.TLS_CONFIG, halfPair.code());

        DmException caOnlyServer = assertThrows(DmException.class,
                () -> new RpcServer(RpcServerConfig.of("127.0.0.1", 0).withTls(
                        TlsConfig.of(certs.file("ca.pem"), null, null))).start());
        assertTrue(caOnlyServer.detail().startsWith("a TLS server needs ssl-cert and ssl-key"), caOnlyServer.detail());

        certs.openssl("pkcs8 -topk8 -in server.key -out encrypted.key -passout pass:secret");
        DmException encrypted = assertThrows(DmException.class,
                () -> PemFiles.privateKey(certs.file("encrypted.key"), "ssl-key"));
        assertTrue(encrypted.detail().contains("is encrypted"), encrypted.detail());

        DmException notAKey = assertThrows(DmException.class,
                () -> PemFiles.privateKey(certs.file("server.pem"), "ssl-key"));
        assertTrue(notAKey.detail().contains("contains no PEM private key block"), notAKey.detail());
        RpcTestKit.assertNoRpcThreadsLeft();
    }

    @Test
    void pkcs1RsaKeyReadsLikeItsPkcs8Form() throws Exception {
        assertTrue(Files.readString(certs.file("client.key")).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        certs.openssl("pkcs8 -topk8 -nocrypt -in client.key -out client.pk8");

        PrivateKey fromPkcs1 = PemFiles.privateKey(certs.file("client.key"), "ssl-key");
        PrivateKey fromPkcs8 = PemFiles.privateKey(certs.file("client.pk8"), "ssl-key");

        assertEquals("RSA", fromPkcs1.getAlgorithm());
        assertArrayEquals(fromPkcs8.getEncoded(), fromPkcs1.getEncoded());
    }

    private void assertRefused(RpcClient client) {
        int servedBefore = served.get();
        DmException e = callFailure(client);
        // TLS 1.3 clients finish their side of the handshake before the server judges the client certificate,
        // so the refusal shows either as a failed connection or as a connection lost under the call
        assertTrue(Set.of(RpcErrors.CONNECTION_LOST, RpcErrors.UNAVAILABLE).contains(e.code()), e.getMessage());
        assertEquals(servedBefore, served.get());
    }

    private static DmException callFailure(RpcClient client) {
        CompletableFuture<EchoReply> call = client.call("WhoAmI", new Echo("", 0), EchoReply.class,
                Duration.ofSeconds(10));
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(15, TimeUnit.SECONDS));
        return assertInstanceOf(DmException.class, e.getCause());
    }

    // HTTP on the RPC port is HTTPS when TLS is configured

    /** A TLS server (no client certificates required) with an HTTP /status. */
    private RpcServer httpsServer() {
        RpcServer server = kit.echoServer(RpcServerConfig.of("127.0.0.1", 0).withTls(certs.server(false)));
        server.http("/status", q -> HttpReply.json("{\"ok\":true}"));
        return server;
    }

    private static HttpClient httpsClientTrustingTestCa() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream ca = Files.newInputStream(certs.file("ca.pem"))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void httpsGetAndTlsRpcOnTheSamePort() throws Exception {
        RpcServer server = httpsServer();
        HttpRequest get = HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/status"))
                .timeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> response = httpsClientTrustingTestCa().send(get, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("{\"ok\":true}", response.body());
        RpcClient client = kit.client(RpcClientConfig.of("localhost:" + server.port())
                .withTls(certs.clientWithoutCertificate()).withConnectTimeout(Duration.ofSeconds(3)));
        assertEquals("tls", client.callBlocking(RpcTestKit.ECHO, new Echo("tls", 0), RpcTestKit.SHORT).text());
    }

    @Test
    void plainHttpToATlsPortIsRefused() throws Exception {
        RpcServer server = httpsServer();
        HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/status"))
                .timeout(Duration.ofSeconds(10)).build();

        assertThrows(IOException.class, () -> plain.send(get, HttpResponse.BodyHandlers.ofString()));
    }
}
