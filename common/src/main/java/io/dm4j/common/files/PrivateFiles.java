package io.dm4j.common.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Set;

/**
 * Directories and files that hold credentials or table data (the master's data-dir, dump and relay directories, TLS
 * key stores): directories 0700, files 0600, whatever the process umask. On file systems without POSIX permissions
 * (Windows) the calls fall back to the plain operation.
 */
public final class PrivateFiles {
    public static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    /**
     * Creates {@code dir} and its missing parents as 0700 directories, and narrows {@code dir} itself to 0700 when it
     * already exists (an existing parent, such as /var/lib, is left as it is).
     */
    public static Path createDirectories(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (!POSIX) {
            return Files.createDirectories(abs);
        }
        Path parent = abs.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createDirectories(parent);
        }
        if (!Files.isDirectory(abs)) {
            try {
                Files.createDirectory(abs, dirAttribute());
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // created concurrently; narrowed below
            }
        }
        Files.setPosixFilePermissions(abs, DIR_MODE);
        return dir;
    }

    /** Creates an empty 0600 file (fails if it exists). */
    public static Path createFile(Path file) throws IOException {
        return POSIX ? Files.createFile(file, fileAttribute()) : Files.createFile(file);
    }

    /** Opens a file channel; a file it creates is 0600 from the start (no window in which others may read it). */
    public static java.nio.channels.FileChannel open(Path file, java.nio.file.OpenOption... options) throws IOException {
        Set<java.nio.file.OpenOption> opts = new java.util.HashSet<>(java.util.Arrays.asList(options));
        return POSIX ? java.nio.channels.FileChannel.open(file, opts, fileAttribute())
                : java.nio.channels.FileChannel.open(file, opts);
    }

    /** Narrows the regular files directly in {@code dir} to 0600 (state written by a version that did not). */
    public static void restrictFilesIn(Path dir) throws IOException {
        if (!POSIX) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(f, FILE_MODE);
                }
            }
        }
    }

    /** Narrows an existing file to 0600. */
    public static void restrict(Path file) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(file, Files.isDirectory(file) ? DIR_MODE : FILE_MODE);
        }
    }

    /** A fresh 0700 directory under the system temporary directory, removed with its files when the JVM exits. */
    public static Path tempDirectory(String prefix) throws IOException {
        Path dir = POSIX ? Files.createTempDirectory(prefix, dirAttribute()) : Files.createTempDirectory(prefix);
        dir.toFile().deleteOnExit();
        return dir;
    }

    /** Writes a PKCS#12 key store into a new private temporary directory; the file is 0600 and removed at exit. */
    public static Path writeKeyStore(String prefix, KeyStore store, char[] password) throws IOException, GeneralSecurityException {
        Path dir = tempDirectory(prefix);
        Path file = createFile(dir.resolve("store.p12"));
        file.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        return file;
    }

    private static FileAttribute<Set<PosixFilePermission>> dirAttribute() {
        return PosixFilePermissions.asFileAttribute(DIR_MODE);
    }

    private static FileAttribute<Set<PosixFilePermission>> fileAttribute() {
        return PosixFilePermissions.asFileAttribute(FILE_MODE);
    }
}
