package io.dm4j.worker.relay;

import static io.dm4j.worker.relay.RelayUnitIT.awaitCaughtUp;
import static io.dm4j.worker.relay.RelayUnitIT.source;
import static io.dm4j.worker.relay.RelayUnitIT.upstream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.StreamErrors;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TcpProxy;
import io.dm4j.testsupport.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay when the upstream server changes (failover to the sandbox's replica): a new server UUID
 * ({@code <gtid_domain_id>-<server_id>} on MariaDB) starts a new sub-directory, listed after the old one in
 * {@code server-uuid.index}; the old server's files are never appended to by another server.
 */
@ExtendWith(DatabasesExtension.class)
class RelayUpstreamSwitchIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aNewUpstreamServerStartsANewSubDirectory(TestDatabases dbs) throws Exception {
        DbEndpoint up = dbs.upstream();
        DbEndpoint rep = dbs.replica();
        String db = dbs.freshSchema("relay_sw");
        RelayLayout layout = new RelayLayout(dir.resolve("relay"));
        String upFile = upstream(up).masterStatus().orElseThrow().file();
        try (RelayUnit relay = new RelayUnit(source(up, upFile), layout, Optional::empty)) {
            relay.start();
            dbs.execUp("CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY)", "INSERT INTO `" + db + "`.t VALUES (1)");
            awaitCaughtUp(relay, up);
        }
        String repFile = upstream(rep).masterStatus().orElseThrow().file();
        try (RelayUnit relay = new RelayUnit(source(rep, repFile), layout, Optional::empty)) {
            relay.start();
            dbs.execUp("INSERT INTO `" + db + "`.t VALUES (2)"); // reaches the replica by replication
            awaitCaughtUp(relay, rep);
            assertEquals(List.of("0-1.000001", "0-3.000002"), layout.subDirs());
            assertEquals("0-3.000002", relay.status().relaySubDir());
            assertTrue(layout.binlogFiles("0-3.000002").stream().allMatch(f -> f.startsWith("rep-bin.")),
                    "the new sub-directory holds the replica's files: " + layout.binlogFiles("0-3.000002"));
            assertTrue(layout.binlogFiles("0-1.000001").stream().allMatch(f -> f.startsWith("up-bin.")),
                    "the old one only the upstream's: " + layout.binlogFiles("0-1.000001"));
        }
    }

    @Test
    void anotherServerBehindTheSameAddressPausesTheRelayInsteadOfMixingItsEventsIn(TestDatabases dbs) throws Exception {
        DbEndpoint up = dbs.upstream();
        DbEndpoint rep = dbs.replica();
        String db = dbs.freshSchema("relay_vip");
        RelayLayout layout = new RelayLayout(dir.resolve("relay"));
        try (TcpProxy vip = new TcpProxy(up.host(), up.port(), TcpProxy.PASS)) {
            DbEndpoint viaVip = new DbEndpoint("127.0.0.1", vip.port(), up.user(), up.password());
            String upFile = upstream(up).masterStatus().orElseThrow().file();
            try (RelayUnit relay = new RelayUnit(source(viaVip, upFile), layout, Optional::empty)) {
                relay.start();
                dbs.execUp("CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY)", "INSERT INTO `" + db + "`.t VALUES (1)");
                awaitCaughtUp(relay, up);
                vip.retarget(rep.host(), rep.port());
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (relay.error().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertEquals(StreamErrors.UPSTREAM_SWITCHED_NO_GTID, relay.error().orElseThrow().code(),
                        relay.error().toString());
                assertEquals(RelayUnit.PAUSED, relay.status().stage());
                assertEquals(List.of("0-1.000001"), layout.subDirs());
                assertTrue(layout.binlogFiles("0-1.000001").stream().allMatch(f -> f.startsWith("up-bin.")),
                        "only the upstream's files: " + layout.binlogFiles("0-1.000001"));
            }
        }
    }
}
