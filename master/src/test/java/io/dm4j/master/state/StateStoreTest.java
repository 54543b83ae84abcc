package io.dm4j.master.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.MasterErrors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    @TempDir
    Path dir;

    @Test
    void reopenedStoreHasTheSameState() {
        ClusterState expected;
        try (StateStore s = StateStore.open(dir, 1000)) {
            StateMachineTest.scenario().forEach(s::apply);
            expected = s.state();
        }
        try (StateStore s = StateStore.open(dir, 1000)) {
            assertEquals(expected, s.state());
            s.apply(new Command.AddSource("s3", "y"));
            assertEquals(expected.index() + 1, s.state().index());
        }
    }

    @Test
    void dataDirAndItsFilesAreTheOwnersOnly() throws Exception {
        Path dataDir = dir.resolve("nested/master-data");
        Files.createDirectories(dir.resolve("old"));
        Files.writeString(dir.resolve("old/" + StateStore.LOG_FILE), "", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(dir.resolve("old"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir.resolve("old/" + StateStore.LOG_FILE),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        for (Path d : List.of(dataDir, dir.resolve("old"))) {
            try (StateStore s = StateStore.open(d, 5)) {
                StateMachineTest.scenario().forEach(s::apply); // snapshots too
            }
            assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(d));
            try (var files = Files.list(d)) {
                for (Path f : files.toList()) {
                    assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
                            Files.getPosixFilePermissions(f), f.toString());
                }
            }
        }
        assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"),
                Files.getPosixFilePermissions(dataDir.getParent()), "missing parents are created private too");
    }

    @Test
    void snapshotsTruncateTheLogAndReplayStaysEqual() throws Exception {
        ClusterState expected;
        try (StateStore s = StateStore.open(dir, 5)) {
            StateMachineTest.scenario().forEach(s::apply); // 12 commands: snapshots at 5 and 10
            expected = s.state();
            assertTrue(Files.exists(dir.resolve(StateStore.SNAPSHOT_FILE)));
            assertEquals(2, Files.readAllLines(dir.resolve(StateStore.LOG_FILE)).size(), "only the commands after the last snapshot");
        }
        try (StateStore s = StateStore.open(dir, 5)) {
            assertEquals(expected, s.state());
        }
    }

    @Test
    void logEntriesAlreadyInTheSnapshotAreSkipped() throws Exception {
        // a crash between writing the snapshot and truncating the log leaves old entries behind
        try (StateStore s = StateStore.open(dir, 1000)) {
            StateMachineTest.scenario().forEach(s::apply);
        }
        byte[] log = Files.readAllBytes(dir.resolve(StateStore.LOG_FILE));
        ClusterState expected;
        try (StateStore s = StateStore.open(dir, 1000)) {
            s.snapshot();
            expected = s.state();
        }
        Files.write(dir.resolve(StateStore.LOG_FILE), log);
        try (StateStore s = StateStore.open(dir, 1000)) {
            assertEquals(expected, s.state());
        }
    }

    @Test
    void tornLastRecordIsCutOff() throws Exception {
        ClusterState before;
        try (StateStore s = StateStore.open(dir, 1000)) {
            StateMachineTest.scenario().forEach(s::apply);
            before = s.state();
        }
        Path log = dir.resolve(StateStore.LOG_FILE);
        long goodSize = Files.size(log);
        Files.writeString(log, "13 deadbeef {\"type\":\"AddSou", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (StateStore s = StateStore.open(dir, 1000)) {
            assertEquals(before, s.state());
            assertEquals(goodSize, Files.size(log));
            s.apply(new Command.AddSource("after", "y"));
        }
        try (StateStore s = StateStore.open(dir, 1000)) {
            assertTrue(s.state().sources().containsKey("after"));
        }
    }

    @Test
    void lastRecordWithBadChecksumIsTreatedAsTorn() throws Exception {
        try (StateStore s = StateStore.open(dir, 1000)) {
            s.apply(new Command.AddSource("a", "y"));
            s.apply(new Command.AddSource("b", "y"));
        }
        Path log = dir.resolve(StateStore.LOG_FILE);
        List<String> lines = Files.readAllLines(log);
        Files.writeString(log, lines.get(0) + "\n" + lines.get(1).replace("\"b\"", "\"c\"") + "\n");
        try (StateStore s = StateStore.open(dir, 1000)) {
            assertEquals(List.of("a"), List.copyOf(s.state().sources().keySet()));
        }
    }

    @Test
    void damageInTheMiddleStopsTheMaster() throws Exception {
        try (StateStore s = StateStore.open(dir, 1000)) {
            StateMachineTest.scenario().forEach(s::apply);
        }
        Path log = dir.resolve(StateStore.LOG_FILE);
        List<String> lines = Files.readAllLines(log);
        lines.set(3, lines.get(3).replace("s2", "zz"));
        Files.write(log, lines);
        DmException e = assertThrows(DmException.class, () -> StateStore.open(dir, 1000));
        assertEquals(MasterErrors.STATE_CORRUPT, e.code());
        assertTrue(e.getMessage().contains("unreadable record"), e.getMessage());
    }

    @Test
    void secondStoreOnTheSameDirIsRefused() {
        try (StateStore s = StateStore.open(dir, 1000)) {
            DmException e = assertThrows(DmException.class, () -> StateStore.open(dir, 1000));
            assertEquals(MasterErrors.STATE_LOCKED, e.code());
        }
        try (StateStore s = StateStore.open(dir, 1000)) {
            assertFalse(s.state().index() > 0);
        }
    }
}
