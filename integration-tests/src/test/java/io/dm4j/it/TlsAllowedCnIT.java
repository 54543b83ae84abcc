package io.dm4j.it;

import static io.dm4j.it.Cluster.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.it.Cluster.Ctl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code cert-allowed-cn} on dm-master and dm-worker: the cluster's own certificates (CN dm4j-node, dm4j-dmctl) work,
 * while a client whose certificate is signed by the same CA but carries another CN is refused by the master, and the
 * master's log names the CN.
 */
class TlsAllowedCnIT {
    static TestPki pki;
    static Cluster cluster;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("dm4j-tls-cn-it");
        pki = new TestPki(Files.createDirectory(dir.resolve("pki")));
        pki.issueClient("intruder", "dm4j-intruder");
        Path toml = Files.writeString(dir.resolve("allowed-cn.toml"), "cert-allowed-cn = [\"dm4j-node\", \"dm4j-dmctl\"]\n");
        List<String> flags = new ArrayList<>(pki.flags("node"));
        flags.addAll(List.of("--config", toml.toString()));
        cluster = new Cluster(dir, flags, pki.flags("client"));
        cluster.startMaster();
        cluster.startWorker("worker1", 5);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aCertificateWithAnotherCnIsRefused() {
        awaitTrue("worker1 registered with an allowed CN", Duration.ofSeconds(30),
                () -> "free".equals(cluster.workerStages().get("worker1")));

        Ctl intruder = cluster.dmctlWith(pki.flags("intruder"), Duration.ofSeconds(60), "list-member", "--worker");
        assertNotEquals(0, intruder.exit(), intruder.out());
        assertTrue(intruder.json() != null && !intruder.json().get("result").asBoolean(), intruder.out());
        assertTrue(intruder.msg().contains("cert-allowed-cn"), "the client is told why: " + intruder.out());
        awaitTrue("the master logs the refused CN", Duration.ofSeconds(10),
                () -> cluster.logOf(cluster.master).contains("CN dm4j-intruder, which is not in cert-allowed-cn"));

        Ctl allowed = cluster.dmctl("list-member", "--worker");
        assertEquals(0, allowed.exit(), allowed.out());
    }
}
