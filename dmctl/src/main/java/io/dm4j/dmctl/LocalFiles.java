package io.dm4j.dmctl;

import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.errors.DmctlErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files dmctl reads on the user's machine (task and source files are sent to the master as text). */
final class LocalFiles {
    private LocalFiles() {
    }

    static String read(String path) {
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) {
            throw DmctlErrors.READ_FILE.error(path, Files.exists(p) ? "it is not a regular file" : "no such file");
        }
        try {
            return Files.readString(p);
        } catch (IOException | RuntimeException e) {
            throw DmctlErrors.READ_FILE.wrap(e, path, e.getClass().getSimpleName());
        }
    }

    static boolean isFile(String arg) {
        try {
            return Files.isRegularFile(Path.of(arg));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A task name, or the name inside a task file when the argument names a file (as DM accepts both). */
    static String taskName(String arg) {
        if (arg == null || arg.isEmpty() || !isFile(arg)) {
            return arg == null ? "" : arg;
        }
        return TaskConfig.parse(read(arg), arg).name();
    }
}
