package io.dm4j.worker.relay;

import io.dm4j.common.errors.RelayErrors;
import io.dm4j.common.files.PrivateFiles;
import io.dm4j.common.position.BinlogPosition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where relay files live, laid out as DM lays them out:
 * <pre>
 * &lt;relay-dir&gt;/server-uuid.index          sub-directories in use, oldest first, one per line
 * &lt;relay-dir&gt;/&lt;uuid&gt;.000001/relay.meta   last complete position and GTID set written (TOML)
 * &lt;relay-dir&gt;/&lt;uuid&gt;.000001/up-bin.000007 the upstream's binlog files under their upstream names
 * </pre>
 * A new sub-directory (suffix + 1) starts whenever the upstream server changes. Directories are created 0700 and files
 * 0600 ({@link PrivateFiles}): relay files hold table data. Index and meta are replaced atomically (write, sync,
 * rename), so a crash leaves either the old or the new version.
 */
public final class RelayLayout {
    public static final String INDEX = "server-uuid.index";
    public static final String META = "relay.meta";
    private static final Pattern SUB_DIR = Pattern.compile("(.+)\\.(\\d{6})");

    private final Path root;

    public RelayLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path indexFile() {
        return root.resolve(INDEX);
    }

    /** Creates the relay directory (0700) if needed and narrows an existing one. */
    public RelayLayout create() {
        try {
            PrivateFiles.createDirectories(root);
            return this;
        } catch (IOException e) {
            throw RelayErrors.DIR.wrap(e, root, e.toString());
        }
    }

    /** The sub-directories listed in the index, oldest first; empty when there is no index yet. */
    public List<String> subDirs() {
        Path index = indexFile();
        if (!Files.exists(index)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
                String s = line.trim();
                if (s.isEmpty()) {
                    continue;
                }
                if (!SUB_DIR.matcher(s).matches()) {
                    throw RelayErrors.INDEX.error(index, "line `" + s + "` is not <server-uuid>.<6-digit suffix>");
                }
                out.add(s);
            }
        } catch (IOException e) {
            throw RelayErrors.INDEX.wrap(e, index, e.toString());
        }
        return out;
    }

    public Optional<String> lastSubDir() {
        List<String> all = subDirs();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Starts a new sub-directory for the upstream with {@code serverUuid} (suffix one past the last) and lists it. */
    public String appendSubDir(String serverUuid) {
        List<String> all = new ArrayList<>(subDirs());
        int next = all.isEmpty() ? 1 : suffixOf(all.get(all.size() - 1)) + 1;
        String name = String.format("%s.%06d", serverUuid, next);
        try {
            PrivateFiles.createDirectories(subDir(name));
            all.add(name);
            replace(indexFile(), String.join("\n", all) + "\n");
        } catch (IOException e) {
            throw RelayErrors.DIR.wrap(e, root, "cannot add sub-directory " + name + ": " + e);
        }
        return name;
    }

    public Path subDir(String subDir) {
        return root.resolve(subDir);
    }

    public Path file(String subDir, String binlogName) {
        return subDir(subDir).resolve(binlogName);
    }

    public Path metaFile(String subDir) {
        return subDir(subDir).resolve(META);
    }

    public Optional<RelayMeta> readMeta(String subDir) {
        Path f = metaFile(subDir);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(RelayMeta.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString()));
        } catch (IOException e) {
            throw RelayErrors.META.wrap(e, f, e.toString());
        }
    }

    /** Replaces relay.meta atomically. Callers sync the relay file first, so the meta is never ahead of it. */
    public void writeMeta(String subDir, RelayMeta meta) {
        try {
            replace(metaFile(subDir), meta.toToml());
        } catch (IOException e) {
            throw RelayErrors.WRITE.wrap(e, metaFile(subDir), e.toString());
        }
    }

    /** The binlog files of a sub-directory in upstream order (by the number after the last dot). */
    public List<String> binlogFiles(String subDir) {
        Path dir = subDir(subDir);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(RelayLayout::isBinlogName)
                    .sorted(Comparator.comparing((String n) -> new BinlogPosition(n, 4)))
                    .toList();
        } catch (IOException e) {
            throw RelayErrors.DIR.wrap(e, dir, e.toString());
        }
    }

    /** The sub-directory holding binlog {@code name}, searching the newest first. */
    public Optional<String> subDirOf(String binlogName) {
        List<String> all = subDirs();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (Files.exists(file(all.get(i), binlogName))) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code name} looks like a binlog file name (base name, dot, digits). */
    public static boolean isBinlogName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && dot < name.length() - 1 && name.substring(dot + 1).chars().allMatch(Character::isDigit)
                && !name.endsWith(".tmp");
    }

    public static String uuidOf(String subDir) {
        Matcher m = SUB_DIR.matcher(subDir);
        if (!m.matches()) {
            throw RelayErrors.INDEX.error(subDir, "not <server-uuid>.<6-digit suffix>");
        }
        return m.group(1);
    }

    public static int suffixOf(String subDir) {
        Matcher m = SUB_DIR.matcher(subDir);
        if (!m.matches()) {
            throw RelayErrors.INDEX.error(subDir, "not <server-uuid>.<6-digit suffix>");
        }
        return Integer.parseInt(m.group(2));
    }

    /** Writes {@code text} to a 0600 temporary file, syncs it, renames it over {@code target} and syncs the directory. */
    static void replace(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try (FileChannel ch = PrivateFiles.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(target.getParent());
    }

    /** Makes a created, renamed or removed entry of {@code dir} durable. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be opened; the rename itself is still atomic
        }
    }
}
