package io.dm4j.proto.tls;

import io.dm4j.proto.http.HttpReply;
import io.dm4j.proto.rpc.RpcClient;
import io.dm4j.proto.rpc.RpcClientConfig;
import io.dm4j.proto.rpc.RpcServer;
import io.dm4j.proto.rpc.RpcServerConfig;
import io.dm4j.proto.rpc.RpcTestKit;
import io.dm4j.proto.rpc.RpcTestKit.Echo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** With TLS configured, HTTP on the RPC port is HTTPS; plain HTTP gets no answer. */
class HttpOverTlsTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;

    private final RpcTestKit kit = new RpcTestKit();

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = new TestCertificates(dir);
    }

    @AfterEach
    void closeAll() throws Exception {
        kit.closeAll();
    }

    private RpcServer tlsServer() {
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
        RpcServer server = tlsServer();
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
        RpcServer server = tlsServer();
        HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/status"))
                .timeout(Duration.ofSeconds(10)).build();

        assertThrows(java.io.IOException.class, () -> plain.send(get, HttpResponse.BodyHandlers.ofString()));
    }
}
