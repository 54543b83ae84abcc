package io.dm4j.worker.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.RelayErrors;
import io.dm4j.common.files.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DM's relay layout: index, sub-directories, relay.meta; private modes (issue #14). */
class RelayLayoutTest {
    @TempDir
    Path dir;

    @Test
    void subDirectoriesAreNumberedAndListedInTheIndex() throws Exception {
        RelayLayout layout = new RelayLayout(dir.resolve("relay")).create();
        assertEquals("0-1.000001", layout.appendSubDir("0-1"));
        assertEquals("0-2.000002", layout.appendSubDir("0-2"));
        assertEquals(List.of("0-1.000001", "0-2.000002"), layout.subDirs());
        assertEquals("0-1.000001\n0-2.000002\n", Files.readString(layout.indexFile()));
        assertEquals("0-2", RelayLayout.uuidOf(layout.lastSubDir().orElseThrow()));
    }

    @Test
    void metaIsDmsTomlAndRoundTrips() throws Exception {
        RelayLayout layout = new RelayLayout(dir).create();
        String sub = layout.appendSubDir("3e11fa47-71ca-11e1-9e33-c80aa9429562");
        RelayMeta m = new RelayMeta("mysql-bin.000003", 1234, "0-1-42");
        layout.writeMeta(sub, m);
        assertEquals("binlog-name = \"mysql-bin.000003\"\nbinlog-pos = 1234\nbinlog-gtid = \"0-1-42\"\n",
                Files.readString(layout.metaFile(sub)));
        assertEquals(m, layout.readMeta(sub).orElseThrow());
    }

    @Test
    void aDamagedIndexIsACodedError() throws Exception {
        RelayLayout layout = new RelayLayout(dir).create();
        Files.writeString(layout.indexFile(), "0-1.000001\nnot a sub dir\n");
        DmException e = assertThrows(DmException.class, layout::subDirs);
        assertEquals(RelayErrors.INDEX, e.code());
    }

    @Test
    void relayDirectoriesAre0700AndRelayFiles0600() throws Exception {
        RelayLayout layout = new RelayLayout(dir.resolve("a/relay")).create();
        String sub = layout.appendSubDir("0-1");
        layout.writeMeta(sub, new RelayMeta("up-bin.000002", 4, ""));
        try (RelayWriter w = new RelayWriter(layout, sub, new RelayNotifier(), Clock.systemUTC(), Duration.ZERO)) {
            BoundaryDecoder d = new BoundaryDecoder();
            byte[] rotate = java.nio.ByteBuffer.allocate(RawEvents.HEADER + 8 + 13).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .putInt(0).put((byte) RawEvents.ROTATE).putInt(1).putInt(RawEvents.HEADER + 8 + 13).putInt(0)
                    .putShort((short) RawEvents.ARTIFICIAL).putLong(4).put("up-bin.000002".getBytes()).array();
            w.accept(rotate, d.decode(rotate));
            byte[] fde = RealBinlogs.events(RealBinlogs.FIRST).get(0);
            w.accept(fde, d.decode(fde));
        }
        for (Path p : List.of(layout.root(), layout.subDir(sub))) {
            assertEquals(PrivateFiles.DIR_MODE, Files.getPosixFilePermissions(p), p + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        }
        for (Path p : List.of(layout.indexFile(), layout.metaFile(sub), layout.file(sub, "up-bin.000002"))) {
            assertEquals(PrivateFiles.FILE_MODE, Files.getPosixFilePermissions(p), p + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        }
    }
}
