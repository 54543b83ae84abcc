package io.dm4j.worker.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free disk space where the relay log lives; a function so that the purge decision can be tested without filling a disk. */
@FunctionalInterface
public interface DiskSpace {
    long freeBytes(Path dir);

    /** The file system's usable space for this process. */
    DiskSpace FILE_STORE = dir -> {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the free space of " + dir, e);
        }
    };
}
