package io.dm4j.worker.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.PurgeConfig;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.RelayPurgeErrors;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.worker.relay.RelayFiles.RelayFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The purge decision on a real relay directory in DM's layout (index, two sub-directories, binlog files, relay.meta):
 * needed files are never deleted, expires and remain-space pick the right files.
 */
class RelayPurgerTest {
    static final String A = "0-1.000001"; // MariaDB sub-directories are named <domain>-<server id>.<seq>
    static final String B = "0-2.000002";
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final long MB = 1024 * 1024;

    @TempDir
    Path relay;

    final List<RelayNeed> needs = new ArrayList<>();
    final AtomicLong free = new AtomicLong(100 * RelayPurger.GIB);
    RelayPurger purger;

    @BeforeEach
    void layout() throws IOException {
        Files.writeString(relay.resolve("server-uuid.index"), A + "\n" + B + "\n");
        // A: up-bin.000001..000004, 30..27 hours old; B (after an upstream switch): up-bin.000001..000003, 3..1 hours old
        for (int i = 1; i <= 4; i++) {
            file(A, "up-bin.00000" + i, MB, Duration.ofHours(31 - i));
        }
        for (int i = 1; i <= 3; i++) {
            file(B, "up-bin.00000" + i, MB, Duration.ofHours(4 - i));
        }
        Files.writeString(relay.resolve(A).resolve("relay.meta"), "binlog-name = \"up-bin.000004\"\nbinlog-pos = 900\nbinlog-gtid = \"0-1-9\"\n");
        Files.writeString(relay.resolve(B).resolve("relay.meta"), "binlog-name = \"up-bin.000003\"\nbinlog-pos = 500\nbinlog-gtid = \"0-2-20\"\n");
        purger = new RelayPurger(relay, "src", () -> List.copyOf(needs), dir -> free.get(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    void file(String subDir, String name, long size, Duration age) throws IOException {
        Path dir = Files.createDirectories(relay.resolve(subDir));
        Path p = dir.resolve(name);
        try (var ch = Files.newByteChannel(p, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            ch.position(size - 1);
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
        }
        Files.setLastModifiedTime(p, FileTime.from(NOW.minus(age)));
    }

    List<String> left() {
        return RelayFiles.scan(relay).files().stream().map(RelayFile::toString).toList();
    }

    static List<String> names(List<RelayFile> files) {
        return files.stream().map(RelayFile::toString).toList();
    }

    @Test
    void scanListsBinlogFilesInIndexOrderWithoutTheMetaFiles() {
        assertEquals(List.of(A + "/up-bin.000001", A + "/up-bin.000002", A + "/up-bin.000003", A + "/up-bin.000004",
                B + "/up-bin.000001", B + "/up-bin.000002", B + "/up-bin.000003"), left());
        assertEquals(B, RelayFiles.scan(relay).newestSubDir());
    }

    @Test
    void manualPurgeDeletesTheFilesBeforeTheGivenOneAndEveryEarlierSubDirectory() {
        // a subtask reads B/up-bin.000002: everything before it may go
        needs.add(new RelayNeed("subtask t1", B, new BinlogPosition("up-bin.000002", 1234)));
        List<RelayFile> deleted = purger.purgeBefore("", "up-bin.000002");
        assertEquals(List.of(A + "/up-bin.000001", A + "/up-bin.000002", A + "/up-bin.000003", A + "/up-bin.000004",
                B + "/up-bin.000001"), names(deleted));
        assertEquals(List.of(B + "/up-bin.000002", B + "/up-bin.000003"), left());
        assertTrue(Files.exists(relay.resolve(A).resolve("relay.meta")), "sub-directories and their meta stay");
        assertTrue(Files.exists(relay.resolve("server-uuid.index")));
    }

    @Test
    void manualPurgeWithSubDirStopsInThatSubDirectory() {
        needs.add(new RelayNeed("subtask t1", B, new BinlogPosition("up-bin.000001", 4)));
        assertEquals(List.of(A + "/up-bin.000001", A + "/up-bin.000002"), names(purger.purgeBefore(A, "up-bin.000003")));
    }

    @Test
    void manualPurgeThatWouldDeleteANeededFileIsRefusedAndDeletesNothing() {
        needs.add(new RelayNeed("subtask late", B, new BinlogPosition("up-bin.000003", 4)));
        needs.add(new RelayNeed("subtask t1", A, new BinlogPosition("up-bin.000003", 777)));
        List<String> before = left();
        DmException e = assertThrows(DmException.class, () -> purger.purgeBefore("", "up-bin.000002"));
        assertEquals(RelayPurgeErrors.FILE_NEEDED, e.code());
        assertTrue(e.getMessage().contains(A + "/up-bin.000003"), e.getMessage());
        assertTrue(e.getMessage().contains("subtask t1"), e.getMessage());
        assertTrue(e.getMessage().contains("(up-bin.000003, 777)"), e.getMessage());
        assertEquals(before, left(), "nothing deleted");
        // up to the needed file is fine
        assertEquals(List.of(A + "/up-bin.000001", A + "/up-bin.000002"), names(purger.purgeBefore(A, "up-bin.000003")));
    }

    @Test
    void aCheckpointWithoutSubDirectoryKeepsItsFileInTheEarliestSubDirectoryHoldingIt() {
        // the checkpoint names up-bin.000002 only; both sub-directories have such a file: the earlier one is kept
        needs.add(new RelayNeed("subtask t1", "", new BinlogPosition("up-bin.000002", 4)));
        DmException e = assertThrows(DmException.class, () -> purger.purgeBefore(B, "up-bin.000001"));
        assertTrue(e.getMessage().contains(A + "/up-bin.000002"), e.getMessage());
        assertEquals(List.of(A + "/up-bin.000001"), names(purger.purgeBefore(A, "up-bin.000002")));
    }

    @Test
    void theFileTheRelayWritesIsNeverPurged() {
        // no subtask at all: the writer's file (the last one) still stays
        List<RelayFile> plan = RelayPurger.planAuto(RelayFiles.scan(relay), List.of(),
                new PurgeConfig(1, 1, 0), NOW, free.get());
        assertFalse(names(plan).contains(B + "/up-bin.000003"));
        assertEquals(6, plan.size(), "every other file is older than one hour");
    }

    @Test
    void unknownFileOrSubDirIsACodedError() {
        DmException e = assertThrows(DmException.class, () -> purger.purgeBefore("", "up-bin.000009"));
        assertEquals(RelayPurgeErrors.BAD_FILENAME, e.code());
        assertTrue(e.getMessage().contains("[up-bin.000001, up-bin.000002, up-bin.000003]"), e.getMessage());
        e = assertThrows(DmException.class, () -> purger.purgeBefore("nope.000009", "up-bin.000001"));
        assertEquals(RelayPurgeErrors.SUB_DIR_NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains(B), e.getMessage());
    }

    @Test
    void aReaderWhosePositionIsUnknownBlocksEveryPurge() {
        RelayPurger blocked = new RelayPurger(relay, "src", () -> {
            throw RelayPurgeErrors.NEED_UNKNOWN.error("subtask t1", "no checkpoint yet", "src");
        }, dir -> 0, Clock.fixed(NOW, ZoneOffset.UTC));
        List<String> before = left();
        assertEquals(RelayPurgeErrors.NEED_UNKNOWN, assertThrows(DmException.class, () -> blocked.purgeBefore("", "up-bin.000002")).code());
        assertEquals(RelayPurgeErrors.NEED_UNKNOWN, assertThrows(DmException.class, () -> blocked.purgeAuto(new PurgeConfig(1, 1, 15))).code());
        assertEquals(before, left());
    }

    @Test
    void expiresDeletesOnlyOldFilesBeforeTheFirstNeededOne() {
        // the subtask reads A/up-bin.000003 (28 h old); files older than 29 h: A/000001 (30 h), A/000002 (29 h, not older)
        needs.add(new RelayNeed("subtask t1", A, new BinlogPosition("up-bin.000003", 4)));
        assertEquals(List.of(A + "/up-bin.000001"), names(purger.purgeAuto(new PurgeConfig(1, 29, 0))));
        // everything is older than 1 hour except B/up-bin.000003, but the subtask's file and the ones after stay
        assertEquals(List.of(A + "/up-bin.000002"), names(purger.purgeAuto(new PurgeConfig(1, 1, 0))));
        assertEquals(List.of(A + "/up-bin.000003", A + "/up-bin.000004", B + "/up-bin.000001", B + "/up-bin.000002",
                B + "/up-bin.000003"), left());
    }

    @Test
    void remainSpaceDeletesTheOldestSafeFilesUntilEnoughIsFree() {
        needs.add(new RelayNeed("subtask t1", B, new BinlogPosition("up-bin.000002", 4)));
        // 15 GB wanted, 2 MiB short: the two oldest files go, no more
        free.set(15 * RelayPurger.GIB - 2 * MB);
        assertEquals(List.of(A + "/up-bin.000001", A + "/up-bin.000002"), names(purger.purgeAuto(new PurgeConfig(1, 0, 15))));
        // enough free now: nothing more
        free.set(15 * RelayPurger.GIB);
        assertEquals(List.of(), purger.purgeAuto(new PurgeConfig(1, 0, 15)));
        // far too little space: every safe file goes, the needed ones stay even though space stays short
        free.set(RelayPurger.GIB);
        assertEquals(List.of(A + "/up-bin.000003", A + "/up-bin.000004", B + "/up-bin.000001"),
                names(purger.purgeAuto(new PurgeConfig(1, 0, 15))));
        assertEquals(List.of(B + "/up-bin.000002", B + "/up-bin.000003"), left());
    }

    @Test
    void expiredFilesCountTowardsTheSpaceTheyFree() {
        needs.add(new RelayNeed("subtask t1", B, new BinlogPosition("up-bin.000003", 4)));
        free.set(15 * RelayPurger.GIB - 2 * MB);
        // expires 29 h deletes A/000001 (1 MiB); remain-space then needs one more MiB: A/000002
        assertEquals(List.of(A + "/up-bin.000001", A + "/up-bin.000002"), names(purger.purgeAuto(new PurgeConfig(1, 29, 15))));
    }

    @Test
    void noRelayDirectoryMeansNothingToPurge() throws IOException {
        RelayPurger empty = new RelayPurger(relay.resolve("absent"), "src", List::of, dir -> 0, Clock.systemUTC());
        assertEquals(List.of(), empty.purgeAuto(new PurgeConfig(1, 1, 15)));
        assertEquals(RelayPurgeErrors.SUB_DIR_NOT_FOUND, assertThrows(DmException.class, () -> empty.purgeBefore("", "up-bin.000001")).code());
    }
}
