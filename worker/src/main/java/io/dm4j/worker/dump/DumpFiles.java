package io.dm4j.worker.dump;

import io.dm4j.common.errors.DumpErrors;
import io.dm4j.common.model.TableId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Names and housekeeping of the files in a dump directory, in mydumper's layout:
 * {@code {db}-schema-create.sql}, {@code {db}.{table}-schema.sql}, {@code {db}.{view}-schema-view.sql},
 * {@code {db}.{table}.{NNNNN}.sql} (or {@code .csv}), {@code metadata}, plus dm4j's {@code dm4j-dump-index.json}.
 * Names are escaped so that a dot, slash or percent sign in a schema or table name cannot make two names collide
 * ({@code %2E}, {@code %2F}, {@code %25}, control characters likewise).
 */
public final class DumpFiles {
    private DumpFiles() {
    }

    public static String schemaCreateFile(String schema) {
        return escape(schema) + "-schema-create.sql";
    }

    public static String tableSchemaFile(TableId table) {
        return escape(table.schema()) + "." + escape(table.table()) + "-schema.sql";
    }

    public static String viewSchemaFile(TableId view) {
        return escape(view.schema()) + "." + escape(view.table()) + "-schema-view.sql";
    }

    /** {@code {db}.{table}.{NNNNN}.{sql|csv}}: five digits, more when a table has more than 99999 files. */
    public static String dataFile(TableId table, int number, DataFormat format) {
        return escape(table.schema()) + "." + escape(table.table()) + "." + String.format("%05d", number) + "."
                + format.extension();
    }

    /** Whether a file name is one of the data files (not schema, metadata or index). */
    public static boolean isDataFile(String name) {
        return (name.endsWith(".sql") || name.endsWith(".csv")) && !name.endsWith("-schema.sql")
                && !name.endsWith("-schema-create.sql") && !name.endsWith("-schema-view.sql");
    }

    /** Percent-encodes the characters that would make file names ambiguous or unsafe. */
    public static String escape(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' || c == '/' || c == '\\' || c == '%' || c < 0x20 || c == 0x7f) {
                sb.append('%').append(String.format("%02X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Writes a small file via a temporary name and an atomic rename, synced to disk. */
    public static void writeAtomically(Path target, byte[] content) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            try (FileChannel ch = io.dm4j.common.files.PrivateFiles.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING); OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                out.write(content);
                out.flush();
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(target.getParent());
        } catch (IOException e) {
            throw DumpErrors.WRITE_FAILED.wrap(e, target);
        }
    }

    /** Writes a small text file (UTF-8), synced to disk. */
    public static void writeText(Path target, String text) {
        writeAtomically(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** fsync of a directory, so renames and new files survive a crash; best effort where unsupported. */
    static void syncDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open a directory; the rename is still atomic
        }
    }

    /** Deletes a directory tree; a missing directory is fine. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(p);
                } catch (NoSuchFileException e) {
                    // already gone
                }
            }
        }
    }

    /** Deletes the data files of a dump directory and keeps metadata, index and schema files (DM's `all` mode). */
    public static void deleteDataFiles(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                if (isDataFile(p.getFileName().toString())) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
