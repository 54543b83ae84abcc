package io.dm4j.common.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Private directories and files whatever the process umask (the JVM's default creates 0755/0644 under umask 022). */
class PrivateFilesTest {
    @TempDir
    Path dir;

    @Test
    void newDirectoriesAndFilesAreOwnerOnly() throws Exception {
        Path nested = PrivateFiles.createDirectories(dir.resolve("a/b"));
        assertEquals(PrivateFiles.DIR_MODE, Files.getPosixFilePermissions(nested));
        assertEquals(PrivateFiles.DIR_MODE, Files.getPosixFilePermissions(dir.resolve("a")));
        try (var ch = PrivateFiles.open(nested.resolve("f"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
        }
        assertEquals(PrivateFiles.FILE_MODE, Files.getPosixFilePermissions(nested.resolve("f")));
    }

    @Test
    void anExistingDirectoryAndItsFilesAreNarrowed() throws Exception {
        Path d = Files.createDirectory(dir.resolve("open"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Path f = Files.writeString(d.resolve("x"), "data");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-rw-"));
        PrivateFiles.createDirectories(d);
        PrivateFiles.restrictFilesIn(d);
        assertEquals(PrivateFiles.DIR_MODE, Files.getPosixFilePermissions(d));
        assertEquals(PrivateFiles.FILE_MODE, Files.getPosixFilePermissions(f));
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(PrivateFiles.tempDirectory("pf-test")));
    }
}
