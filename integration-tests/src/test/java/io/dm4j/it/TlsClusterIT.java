package io.dm4j.it;

import static io.dm4j.it.Cluster.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.it.Cluster.Ctl;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.proto.tls.TlsConfig;
import io.dm4j.proto.tls.TlsContexts;
import io.netty.handler.ssl.JdkSslContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * dm-master, dm-worker and dmctl over mutual TLS (--ssl-ca/--ssl-cert/--ssl-key): the worker joins, a source is
 * created and bound, list-member answers to dmctl with the client certificate, and dmctl without TLS is refused
 * promptly with a non-zero exit.
 */
@ExtendWith(DatabasesExtension.class)
class TlsClusterIT {
    static final String SOURCE = "tls-src";
    static TestPki pki;
    static Cluster cluster;
    static Cluster.Proc worker;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("dm4j-tls-it");
        pki = new TestPki(Files.createDirectory(dir.resolve("pki")));
        cluster = new Cluster(dir, pki.flags("node"), pki.flags("client"));
        cluster.startMaster(); // waits until list-member --leader answers over TLS
        worker = cluster.startWorker("worker1", 5);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static JsonNode workers(Ctl c) {
        return c.json().get("members").get(0).get("worker").get("workers");
    }

    @Test
    void workerJoinsAndBindsOverMutualTlsAndPlainDmctlIsRefused(TestDatabases dbs) throws Exception {
        awaitTrue("worker1 registered over TLS", Duration.ofSeconds(30),
                () -> "free".equals(cluster.workerStages().get("worker1")));

        Path src = cluster.writeFile("source.yaml", Samples.source(SOURCE, dbs.upstream()));
        Ctl create = cluster.dmctl("operate-source", "create", src.toString());
        assertEquals(0, create.exit(), create.out());
        assertTrue(create.json().get("result").asBoolean(), create.out());
        assertEquals("worker1", create.json().get("sources").get(0).get("worker").asText(), create.out());

        Ctl members = cluster.dmctl("list-member", "--worker");
        assertEquals(0, members.exit(), members.out());
        JsonNode w = workers(members).get(0);
        assertEquals("worker1", w.get("name").asText(), members.out());
        assertEquals("bound", w.get("stage").asText(), members.out());
        assertEquals(SOURCE, w.get("source").asText(), members.out());
        // the master reached the worker over TLS (it is bound and the master's call to it succeeded)
        awaitTrue("source shown as bound to worker1", Duration.ofSeconds(30),
                () -> "worker1".equals(cluster.boundWorker(SOURCE)));

        Ctl plain = cluster.dmctlWith(List.of(), Duration.ofSeconds(30), "list-member", "--worker");
        assertNotEquals(0, plain.exit(), plain.out());
        assertTrue(plain.json() != null && !plain.json().get("result").asBoolean(), plain.out());
        assertTrue(plain.msg().contains("this client does not use TLS, so if the peer requires TLS, give ssl-ca,"
                + " ssl-cert and ssl-key"), plain.out());

        // the cluster is unaffected by the refused client
        assertEquals(Map.of("worker1", "bound"), cluster.workerStages());
        Ctl stopSource = cluster.dmctl("operate-source", "stop", src.toString());
        assertEquals(0, stopSource.exit(), stopSource.out());
        assertEquals("free", cluster.workerStages().get("worker1"));
    }

    /** An HTTPS client trusting the cluster's CA, presenting the certificate {@code name} (null for none). */
    static HttpClient https(String name) {
        TlsConfig tls = TlsConfig.of(pki.dir.resolve("ca.pem"), name == null ? null : pki.dir.resolve(name + ".pem"),
                name == null ? null : pki.dir.resolve(name + ".key"));
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .sslContext(((JdkSslContext) TlsContexts.forClient(tls)).context()).build();
    }

    static HttpResponse<String> get(HttpClient client, Cluster.Proc proc, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://" + proc.addr() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void statusAndMetricsAreHttpsWithClientCertificates() throws Exception {
        awaitTrue("worker1 registered over TLS", Duration.ofSeconds(30),
                () -> cluster.workerStages().containsKey("worker1"));
        HttpClient withCertificate = https("client");
        for (Cluster.Proc proc : List.of(cluster.master, worker)) {
            HttpResponse<String> status = get(withCertificate, proc, "/status");
            assertEquals(200, status.statusCode(), status.body());
            assertTrue(status.body().contains("\"git_hash\""), status.body());
            assertThrows(IOException.class, () -> get(https(null), proc, "/status"), "no client certificate");
        }
        awaitTrue("the master's metrics list worker1", Duration.ofSeconds(30),
                () -> {
                    try {
                        return get(withCertificate, cluster.master, "/metrics").body()
                                .contains("dm_master_worker_state{worker=\"worker1\"}");
                    } catch (Exception e) {
                        return false;
                    }
                });
    }
}
