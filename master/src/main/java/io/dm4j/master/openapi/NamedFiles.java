package io.dm4j.master.openapi;

import io.dm4j.common.errors.MasterErrors;
import io.dm4j.common.errors.OpenApiErrors;
import io.dm4j.common.files.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Texts kept by name in one directory under the master's data-dir, one private file each ({@code NAME.EXT}, mode
 * 0600: task files hold passwords), replaced atomically. Serialised by the callers' lock.
 */
final class NamedFiles {
    /** DM's task names: letters, digits, '-', '_' and '.', not starting with '.'. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private final Path dir;
    private final String ext;

    NamedFiles(Path dir, String ext) {
        this.dir = dir;
        this.ext = ext;
    }

    static void checkName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw OpenApiErrors.BAD_REQUEST.error(what + " name `" + name + "` is not allowed: use letters, digits, '-', '_' and '.'"
                    + " (at most 128, not starting with '.')");
        }
    }

    Optional<String> get(String name) {
        Path f = file(name);
        try {
            return Files.isRegularFile(f) ? Optional.of(Files.readString(f, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw MasterErrors.STATE_IO.wrap(e, "read", f);
        }
    }

    void put(String name, String text) {
        Path f = file(name);
        try {
            PrivateFiles.createDirectories(dir);
            Path tmp = dir.resolve(name + "." + ext + ".tmp");
            Files.deleteIfExists(tmp);
            PrivateFiles.createFile(tmp);
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw MasterErrors.STATE_IO.wrap(e, "write", f);
        }
    }

    boolean delete(String name) {
        Path f = file(name);
        try {
            return Files.deleteIfExists(f);
        } catch (IOException e) {
            throw MasterErrors.STATE_IO.wrap(e, "delete", f);
        }
    }

    /** Names stored, sorted. */
    List<String> names() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        String suffix = "." + ext;
        try (Stream<Path> files = Files.list(dir)) {
            List<String> out = new ArrayList<>();
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted()
                    .forEach(n -> out.add(n.substring(0, n.length() - suffix.length())));
            return out;
        } catch (IOException e) {
            throw MasterErrors.STATE_IO.wrap(e, "list", dir);
        }
    }

    private Path file(String name) {
        checkName(name, "task");
        return dir.resolve(name + "." + ext);
    }
}
