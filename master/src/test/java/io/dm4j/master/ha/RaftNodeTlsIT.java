package io.dm4j.master.ha;

import static io.dm4j.master.ha.RaftNodeIT.FAST;
import static io.dm4j.master.ha.RaftNodeIT.await;
import static io.dm4j.master.ha.RaftNodeIT.freePort;
import static io.dm4j.master.ha.RaftNodeIT.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.HaErrors;
import io.dm4j.proto.tls.TlsConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The masters' Raft peer traffic over mutual TLS with cert-allowed-cn: three members with certificates of the
 * cluster's CA form a group and replicate; a member whose certificate (same CA) carries a CN that is not allowed
 * neither receives the log nor takes part in elections.
 */
class RaftNodeTlsIT {
    static final List<String> ALLOWED = List.of("dm4j-node");

    @TempDir
    static Path pki;
    @TempDir
    Path dir;

    final Map<String, String> peers = new LinkedHashMap<>();
    final Map<String, RaftNode> nodes = new LinkedHashMap<>();

    @BeforeAll
    static void makePki() throws Exception {
        String ec = "ec -pkeyopt ec_paramgen_curve:prime256v1";
        openssl("req -x509 -newkey " + ec + " -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=dm4j-raft-ca");
        Files.writeString(pki.resolve("node.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                + "extendedKeyUsage=serverAuth,clientAuth\n", StandardCharsets.US_ASCII);
        for (String[] cert : new String[][] {{"node", "dm4j-node"}, {"intruder", "dm4j-intruder"}}) {
            openssl("req -newkey " + ec + " -nodes -keyout " + cert[0] + ".key -out " + cert[0] + ".csr -subj /CN=" + cert[1]);
            openssl("x509 -req -in " + cert[0] + ".csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -out "
                    + cert[0] + ".pem -extfile node.ext");
        }
    }

    static void openssl(String args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args.split(" ")));
        Process p = new ProcessBuilder(command).directory(pki.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("openssl " + args + " failed:\n" + output);
        }
    }

    static TlsConfig tls(String cert) {
        return new TlsConfig(pki.resolve("ca.pem"), pki.resolve(cert + ".pem"), pki.resolve(cert + ".key"), ALLOWED);
    }

    @AfterEach
    void stop() {
        nodes.values().forEach(RaftNode::close);
    }

    void start(Map<String, String> certificateOf) throws IOException {
        for (String n : certificateOf.keySet()) {
            peers.put(n, "127.0.0.1:" + freePort());
        }
        certificateOf.forEach((n, cert) -> nodes.put(n, RaftNode.start(n, peers.get(n), peers, dir.resolve(n), FAST, tls(cert))));
    }

    RaftNode awaitLeader() {
        return RaftNodeIT.awaitLeader(nodes.values(), Duration.ofSeconds(30));
    }

    @Test
    void threeMastersFormAGroupAndReplicateOverMutualTls() throws IOException {
        start(Map.of("m1", "node", "m2", "node", "m3", "node"));
        RaftNode leader = awaitLeader();
        leader.apply(List.of(source(1)));
        await("the source on all three masters", Duration.ofSeconds(20),
                () -> nodes.values().stream().allMatch(n -> n.state().sources().containsKey("s1")));
        await("the leader sees both followers alive", Duration.ofSeconds(20), () -> leader.alive().size() == 3);
    }

    @Test
    void aMemberWhoseCnIsNotAllowedGetsNothingAndCannotLead() throws IOException {
        start(new LinkedHashMap<>(Map.of("m1", "node", "m2", "node", "m3", "intruder")));
        RaftNode leader = awaitLeader();
        assertNotEquals("m3", leader.name());
        leader.apply(List.of(source(1), source(2)));
        RaftNode intruder = nodes.get("m3");
        await("the source on the two allowed masters", Duration.ofSeconds(20),
                () -> nodes.get("m1").state().sources().size() == 2 && nodes.get("m2").state().sources().size() == 2);
        assertEquals(List.of("m3"), intruder.alive(), "the intruder hears from no leader");
        assertTrue(intruder.state().sources().isEmpty(), "the intruder received the log: " + intruder.state().sources());
        // a freshly started follower counts as alive for three election timeouts; after that only answers count
        await("the leader no longer counts the intruder alive", Duration.ofSeconds(20), () -> !leader.alive().contains("m3"));
        assertTrue(intruder.state().sources().isEmpty(), "the intruder received the log: " + intruder.state().sources());
        assertTrue(intruder.leader().isEmpty() || !intruder.leader().get().equals("m3"), "the intruder leads");
        DmException e = assertThrows(DmException.class, () -> intruder.apply(source(3)));
        assertEquals(HaErrors.NO_LEADER, e.code(), e.getMessage());
    }

    @Test
    void halfATlsSettingIsRefusedForAGroupOfMasters() {
        TlsConfig noCa = new TlsConfig(null, pki.resolve("node.pem"), pki.resolve("node.key"), List.of());
        DmException e = assertThrows(DmException.class,
                () -> RaftNode.start("m1", "127.0.0.1:" + freePort(), Map.of("m1", "127.0.0.1:1", "m2", "127.0.0.1:2"), dir, FAST, noCa));
        assertEquals(HaErrors.PEER_TLS, e.code(), e.getMessage());
    }
}
