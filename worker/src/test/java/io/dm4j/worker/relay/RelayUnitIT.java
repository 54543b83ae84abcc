package io.dm4j.worker.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.db.Upstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The relay unit against the real upstream: its files are the upstream's binlog files, byte for byte. */
@ExtendWith(DatabasesExtension.class)
class RelayUnitIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    static SourceConfig source(DbEndpoint up, String startFile) {
        return SourceConfig.parse("""
                source-id: "relay-it"
                enable-relay: true
                relay-binlog-name: "%s"
                from:
                  host: "%s"
                  port: %d
                  user: "%s"
                  password: "%s"
                """.formatted(startFile, up.host(), up.port(), up.user(), up.password()), "source.yaml");
    }

    static Upstream upstream(DbEndpoint up) {
        return new Upstream(up.host(), up.port(), up.user(), up.password());
    }

    /** Waits until the relay has written up to the upstream's current position. */
    static void awaitCaughtUp(RelayUnit relay, DbEndpoint up) throws Exception {
        BinlogPosition target = upstream(up).masterStatus().orElseThrow();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!target.toString().equals(relay.status().relayBinlog())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("relay at " + relay.status() + ", upstream at " + target);
            }
            assertTrue(relay.error().isEmpty(), () -> relay.error().get().getMessage());
            Thread.sleep(50);
        }
    }

    /** Every relay file equals the upstream's file (up to the relay's end), except the in-use flag of the header. */
    static void assertSameAsUpstream(RelayLayout layout, String subDir, DbEndpoint up) throws Exception {
        Path upstreamDir = Path.of(TestDatabases.query(up, "SELECT @@log_bin_basename").get(0).get(0)).getParent();
        List<String> files = layout.binlogFiles(subDir);
        assertTrue(files.size() >= 3, "files " + files);
        for (String f : files) {
            byte[] relay = Files.readAllBytes(layout.file(subDir, f));
            byte[] origin = Files.readAllBytes(upstreamDir.resolve(f));
            boolean last = f.equals(files.get(files.size() - 1));
            assertTrue(last ? relay.length <= origin.length : relay.length == origin.length, f + ": relay "
                    + relay.length + " bytes, upstream " + origin.length);
            byte[] prefix = Arrays.copyOf(origin, relay.length);
            relay[4 + 17] &= ~RawEvents.IN_USE; // the server clears "in use" when it closes the file
            prefix[4 + 17] &= ~RawEvents.IN_USE;
            assertArrayEquals(prefix, relay, f);
        }
    }

    @Test
    void copiesTheUpstreamBinlogByteForByteAcrossRotationsAndPauses(TestDatabases dbs) throws Exception {
        DbEndpoint up = dbs.upstream();
        dbs.execUp("FLUSH BINARY LOGS");
        String first = upstream(up).masterStatus().orElseThrow().file();
        String db = dbs.freshSchema("relay_copy");
        RelayLayout layout = new RelayLayout(dir.resolve("relay"));
        try (RelayUnit relay = new RelayUnit(source(up, first), layout, Optional::empty)) {
            relay.start();
            dbs.execUp("CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, v LONGTEXT)");
            for (int i = 0; i < 50; i++) {
                dbs.execUp("INSERT INTO `" + db + "`.t VALUES (" + i + ", REPEAT('x', " + (i * 997) + "))");
                if (i % 20 == 10) {
                    dbs.execUp("FLUSH BINARY LOGS");
                }
            }
            awaitCaughtUp(relay, up);
            relay.pause();
            assertEquals(RelayUnit.PAUSED, relay.status().stage());
            dbs.execUp("UPDATE `" + db + "`.t SET v = 'y'", "FLUSH BINARY LOGS", "DELETE FROM `" + db + "`.t WHERE id < 10");
            relay.resume();
            awaitCaughtUp(relay, up);
            RelayStatus s = relay.status();
            assertEquals(RelayUnit.RUNNING, s.stage());
            assertEquals(List.of(s.relaySubDir()), layout.subDirs());
            assertSameAsUpstream(layout, s.relaySubDir(), up);
            var meta = layout.readMeta(s.relaySubDir()).orElseThrow();
            assertTrue(meta.position().compareTo(upstream(up).masterStatus().orElseThrow()) <= 0, meta.toString());
            // read end to end
            try (RelayReader r = relay.openReader(s.relaySubDir(), first, 4)) {
                long events = 0;
                while (r.next() != null) {
                    events++;
                }
                assertEquals(upstream(up).masterStatus().orElseThrow(), new BinlogPosition(r.file(), r.position()));
                assertTrue(events > 200, "events " + events);
            }
        }
    }
}
