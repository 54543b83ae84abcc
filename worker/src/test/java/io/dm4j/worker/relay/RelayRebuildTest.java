package io.dm4j.worker.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.position.BinlogPosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker taking over a source keeps a relay directory it finds only when that relay holds the file of the earliest
 * subtask checkpoint; otherwise it empties it, so the relay unit starts again at that checkpoint.
 */
class RelayRebuildTest {
    static final String SUB = "0-1.000001";

    @TempDir
    Path relay;

    @BeforeEach
    void layout() throws IOException {
        Files.writeString(relay.resolve("server-uuid.index"), SUB + "\n");
        Path dir = Files.createDirectories(relay.resolve(SUB));
        for (int i = 3; i <= 5; i++) {
            Files.write(dir.resolve("up-bin.00000" + i), new byte[] {(byte) 0xfe, 'b', 'i', 'n'});
        }
        Files.writeString(dir.resolve("relay.meta"), "binlog-name = \"up-bin.000005\"\nbinlog-pos = 4\nbinlog-gtid = \"\"\n");
    }

    static Optional<BinlogPosition> at(String file) {
        return Optional.of(new BinlogPosition(file, 1234));
    }

    @Test
    void aRelayHoldingTheCheckpointsFileIsContinued() {
        assertFalse(RelayRebuild.prepare(relay, "src", at("up-bin.000004")));
        assertTrue(Files.exists(relay.resolve(SUB).resolve("up-bin.000003")));
        assertFalse(RelayRebuild.prepare(relay, "src", Optional.empty()), "no checkpoint known: keep what is there");
    }

    @Test
    void aCheckpointInTheSubDirectoryOfTheServerSwitchedToIsHeld() throws IOException {
        // after an upstream switch: the replica's files sort by number before the old server's (rep-bin.000003 vs
        // up-bin.000004); the relay holds the checkpoint's file and must not be thrown away
        String next = "0-3.000002";
        Files.writeString(relay.resolve("server-uuid.index"), SUB + "\n" + next + "\n");
        Files.write(Files.createDirectories(relay.resolve(next)).resolve("rep-bin.000003"),
                new byte[] {(byte) 0xfe, 'b', 'i', 'n'});
        assertEquals(Optional.empty(), RelayRebuild.reason(RelayFiles.scan(relay), at("rep-bin.000003")));
        assertFalse(RelayRebuild.prepare(relay, "src", at("rep-bin.000003")));
        assertTrue(Files.exists(relay.resolve(next).resolve("rep-bin.000003")));
    }

    @Test
    void aRelayThatStartsAfterTheCheckpointIsRebuilt() {
        assertEquals(Optional.of("it does not hold up-bin.000002 of the earliest checkpoint (up-bin.000002, 1234) (the next file it has is "
                + SUB + "/up-bin.000003)"), RelayRebuild.reason(RelayFiles.scan(relay), at("up-bin.000002")));
        assertTrue(RelayRebuild.prepare(relay, "src", at("up-bin.000002")));
        assertEquals(0, RelayFiles.scan(relay).files().size());
        assertFalse(Files.exists(relay.resolve("server-uuid.index")), "the relay unit starts a new layout");
        assertTrue(Files.isDirectory(relay), "the directory itself stays");
    }

    @Test
    void aRelayThatEndsBeforeTheCheckpointIsRebuilt() {
        // e.g. left from when this worker served the source long ago: continuing it would pull binlog nobody needs
        assertTrue(RelayRebuild.reason(RelayFiles.scan(relay), at("up-bin.000007")).orElseThrow().contains("ends in"));
        assertTrue(RelayRebuild.prepare(relay, "src", at("up-bin.000007")));
        assertEquals(0, RelayFiles.scan(relay).files().size());
    }

    @Test
    void anEmptyOrAbsentRelayDirectoryIsLeftAlone() {
        assertFalse(RelayRebuild.prepare(relay.resolve("absent"), "src", at("up-bin.000001")));
    }
}
