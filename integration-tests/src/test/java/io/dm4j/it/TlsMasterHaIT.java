package io.dm4j.it;

import static io.dm4j.it.Cluster.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.it.Cluster.Ctl;
import io.dm4j.proto.tls.JsseManagers;
import io.dm4j.proto.tls.TlsConfig;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three dm-master processes with ssl-ca/ssl-cert/ssl-key and cert-allowed-cn: their Raft peer traffic is mutual TLS,
 * so they form a group, list each other alive, replicate a source create, and elect a new leader that has the source
 * when the leader is killed. A client on the peer port must present a certificate of the CA with an allowed CN.
 */
@ExtendWith(DatabasesExtension.class)
class TlsMasterHaIT {
    static final String SRC = "tls-ha-src";

    @Test
    void threeMastersOverMutualTlsReplicateAndFailOver(TestDatabases dbs) throws Exception {
        Path dir = Files.createTempDirectory("dm4j-tls-ha-it");
        TestPki pki = new TestPki(Files.createDirectory(dir.resolve("pki")));
        Path toml = Files.writeString(dir.resolve("allowed-cn.toml"), "cert-allowed-cn = [\"dm4j-node\", \"dm4j-dmctl\"]\n");
        List<String> flags = new ArrayList<>(pki.flags("node"));
        flags.addAll(List.of("--config", toml.toString()));
        pki.issueClient("intruder", "dm4j-intruder");
        Cluster c = new Cluster(dir, flags, pki.flags("client"));
        try {
            c.startMasters(3, "");
            int peerPort = c.peerPort("master1");
            assertTrue(peerConnection(pki, "client", peerPort).startsWith("accepted"), "an allowed CN is served on the peer port");
            String intruder = peerConnection(pki, "intruder", peerPort);
            assertTrue(intruder.startsWith("refused"), "the peer port served CN dm4j-intruder: " + intruder);
            awaitTrue("master1 logs the refused CN", Duration.ofSeconds(10), () -> c.logOf(c.masterProc("master1"))
                    .contains("CN dm4j-intruder, which is not in cert-allowed-cn"));
            c.startWorker("worker1", 5);
            awaitTrue("list-member --master: all three alive", Duration.ofSeconds(60), () -> MasterHaIT.allMastersAlive(c));
            Ctl created = c.dmctl("operate-source", "create", c.writeFile("source.yaml", Samples.source(SRC, dbs.upstream())).toString());
            assertEquals(0, created.exit(), created.out());

            String old = c.leaderName();
            List<String> survivors = c.masterNames().stream().filter(n -> !n.equals(old)).toList();
            c.kill9(c.masterProc(old));
            String[] leader = {""};
            // over TLS /metrics needs a client certificate: ask list-member --leader instead
            awaitTrue("a new leader among " + survivors, Duration.ofSeconds(30),
                    () -> survivors.contains(leader[0] = c.leaderName()));
            String next = leader[0];
            awaitTrue("the new leader " + next + " shows the source", Duration.ofSeconds(30), () -> {
                Ctl show = c.dmctlVia(List.of(next), "operate-source", "show");
                return show.exit() == 0 && show.out().contains(SRC);
            });
            assertTrue(c.logOf(c.masterProc(next)).contains("peer traffic mutual TLS"), "the master logs its peer transport");
        } finally {
            c.close();
        }
    }

    /**
     * Opens a TLS connection (ALPN h2, as gRPC) to a Raft peer port with the certificate {@code cert} and reads: an
     * accepted peer gets the server's HTTP/2 SETTINGS frame, a refused one a TLS alert or a closed connection.
     */
    static String peerConnection(TestPki pki, String cert, int port) throws Exception {
        TlsConfig tls = TlsConfig.of(pki.dir.resolve("ca.pem"), pki.dir.resolve(cert + ".pem"), pki.dir.resolve(cert + ".key"));
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new KeyManager[] {JsseManagers.keyManager(tls)}, new TrustManager[] {JsseManagers.trustManager(tls)}, null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            SSLParameters params = s.getSSLParameters();
            params.setApplicationProtocols(new String[] {"h2"});
            s.setSSLParameters(params);
            s.setSoTimeout(5000);
            s.startHandshake();
            InputStream in = s.getInputStream();
            int n = in.read(new byte[64]);
            return n > 0 ? "accepted: " + n + " bytes" : "refused: connection closed";
        } catch (SSLException e) {
            return "refused: " + e;
        } catch (SocketTimeoutException e) {
            return "no answer within 5 s";
        } catch (IOException e) {
            return "refused: " + e;
        }
    }
}
