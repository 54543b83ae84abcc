package io.dm4j.worker.dump;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dm4j.common.errors.LoadErrors;
import io.dm4j.common.model.TableId;
import io.dm4j.common.position.Flavor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * dm4j's table of contents of a dump directory ({@code dm4j-dump-index.json}), written after every data file is
 * complete and before {@code metadata}: the data format, the upstream's flavor (to read the metadata's GTID sets), the schemas, and per table its schema file, loaded
 * columns and data files with their row counts and sizes. The loader works from it, so it never has to parse
 * table names back out of file names, and knows the exact size every file must have.
 * <p>{@code dumpId} names this one dump (a random id, with the snapshot's binlog location for people reading it): the
 * load checkpoint records it, so a load never continues with the progress of another dump whose files happen to
 * have the same names and sizes (null in directories written before dump ids existed).
 */
public record DumpIndex(int version, DataFormat format, Flavor flavor, List<SchemaEntry> schemas, List<TableEntry> tables,
                        String dumpId) {

    public static final String FILE_NAME = "dm4j-dump-index.json";
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public DumpIndex {
        schemas = List.copyOf(schemas);
        tables = List.copyOf(tables);
    }

    /** A schema and its {@code CREATE DATABASE} file. */
    public record SchemaEntry(String name, String file) {
    }

    /** A column the data files carry, and how LOAD DATA assigns it. */
    public record ColumnEntry(String name, CsvLoad load) {
    }

    /** One data file. */
    public record FileEntry(String name, long rows, long bytes) {
    }

    /**
     * A dumped table or view.
     *
     * @param columns        the columns of the data files, in order (generated columns left out)
     * @param files          data files (none for a view or an empty table)
     * @param estimatedBytes the upstream's estimate of the table's data size when the dump began
     *                       ({@code information_schema.TABLES.DATA_LENGTH}; 0 when unknown or in older indexes): what a
     *                       load following the dump knows of a table's size before its files exist
     */
    public record TableEntry(String schema, String table, boolean view, String schemaFile, List<ColumnEntry> columns,
                             List<FileEntry> files, long estimatedBytes) {
        public TableEntry {
            columns = columns == null ? List.of() : List.copyOf(columns);
            files = files == null ? List.of() : List.copyOf(files);
        }

        public TableId id() {
            return new TableId(schema, table);
        }

        public long rows() {
            return files.stream().mapToLong(FileEntry::rows).sum();
        }

        /** The size of the data files once they are listed, else the upstream's estimate. */
        public long knownBytes() {
            return files.isEmpty() ? estimatedBytes : files.stream().mapToLong(FileEntry::bytes).sum();
        }
    }

    /**
     * The CREATE TABLE statement of every dumped base table as of the snapshot, read from its schema file in
     * {@code dir} (the sync unit starts tracking the tables' structure from these).
     */
    public java.util.Map<TableId, String> createTableStatements(Path dir) {
        java.util.Map<TableId, String> out = new java.util.LinkedHashMap<>();
        for (TableEntry t : baseTables()) {
            String text;
            try {
                text = Files.readString(dir.resolve(t.schemaFile()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read " + dir.resolve(t.schemaFile()), e);
            }
            int create = text.toUpperCase(java.util.Locale.ROOT).indexOf("CREATE TABLE");
            String sql = (create < 0 ? text : text.substring(create)).strip();
            out.put(t.id(), sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql);
        }
        return out;
    }

    /** Whether every data file this index lists is still in {@code dir} (a load with clean-dump-file removes them). */
    public boolean dataFilesPresent(Path dir) {
        return tables.stream().flatMap(t -> t.files().stream()).allMatch(f -> Files.isRegularFile(dir.resolve(f.name())));
    }

    public List<TableEntry> baseTables() {
        return tables.stream().filter(t -> !t.view()).toList();
    }

    public List<TableEntry> views() {
        return tables.stream().filter(TableEntry::view).toList();
    }

    /** Writes the index atomically into {@code dir}. */
    public void write(Path dir) {
        try {
            DumpFiles.writeAtomically(dir.resolve(FILE_NAME), JSON.writeValueAsBytes(this));
        } catch (IOException e) {
            throw io.dm4j.common.errors.DumpErrors.WRITE_FAILED.wrap(e, dir.resolve(FILE_NAME));
        }
    }

    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE_NAME));
    }

    /**
     * Reads the index of {@code dir}.
     *
     * @throws io.dm4j.common.errors.DmException {@link LoadErrors#DUMP_DIR_NOT_FOUND} when it is missing,
     *                                           {@link LoadErrors#FILE_READ} when it cannot be read
     */
    public static DumpIndex read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        try {
            return JSON.readValue(Files.readAllBytes(file), DumpIndex.class);
        } catch (NoSuchFileException e) {
            throw LoadErrors.DUMP_DIR_NOT_FOUND.wrap(e, dir, "no " + FILE_NAME);
        } catch (IOException e) {
            throw LoadErrors.FILE_READ.wrap(e, file);
        }
    }
}
