package io.dm4j.worker.dump;

import io.dm4j.common.model.TableId;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Writes the rows of one chunk into data files: multi-row INSERT statements of at most {@code statementBytes}
 * (a single larger row gets a statement of its own), or CSV lines; a new file is started once a file reaches
 * {@code maxFileBytes} (0 = never), always at a statement or row boundary. Memory use is one statement. Files are
 * synced to disk when closed. Not thread-safe: one writer per chunk.
 */
final class DataFileWriter implements Closeable {
    /** Statements of SQL data files start with these session settings (informational: the loader sets its own). */
    static final String SQL_FILE_HEADER = "/*!40101 SET NAMES utf8mb4*/;\n/*!40103 SET TIME_ZONE='+00:00'*/;\n";

    private final Path dir;
    private final TableId table;
    private final DataFormat format;
    private final ValueKind[] kinds;
    private final IntSupplier nextNumber;
    private final long maxFileBytes;
    private final long statementBytes;
    private final Consumer<DumpIndex.FileEntry> onFileDone;
    private final DumpProgress progress;
    private final io.dm4j.worker.progress.TableBoard.Entry tableProgress;
    private final byte[] insertHeader;

    private final ByteSink row = new ByteSink(4096);
    private final ByteSink statement;
    private int statementRows;

    private FileChannel channel;
    private OutputStream out;
    private String fileName;
    private long fileBytes;
    private long fileRows;

    DataFileWriter(Path dir, TableMeta table, DataFormat format, IntSupplier nextNumber, long maxFileBytes,
                   long statementBytes, Consumer<DumpIndex.FileEntry> onFileDone, DumpProgress progress) {
        this.dir = dir;
        this.table = table.id();
        this.format = format;
        List<ColumnMeta> cols = table.storedColumns();
        this.kinds = cols.stream().map(ColumnMeta::kind).toArray(ValueKind[]::new);
        this.nextNumber = nextNumber;
        this.maxFileBytes = maxFileBytes;
        this.statementBytes = Math.max(1, statementBytes);
        this.onFileDone = onFileDone;
        this.progress = progress;
        io.dm4j.worker.progress.TableBoard.Entry e = progress.tables.get(table.id().toString());
        this.tableProgress = e != null ? e : progress.tables.register(table.id().toString(), 0, 0, 1);
        this.statement = new ByteSink(format == DataFormat.SQL ? (int) Math.min(statementBytes + 4096, 1 << 24) : 16);
        ByteSink h = new ByteSink(256).ascii("INSERT INTO ").utf8(TableId.quote(table.id().table())).ascii(" (");
        for (int i = 0; i < cols.size(); i++) {
            h.ascii(i == 0 ? "" : ",").utf8(cols.get(i).quotedName());
        }
        this.insertHeader = h.ascii(") VALUES\n").toByteArray();
    }

    /** Appends one row; {@code values} are the raw column bytes in {@link TableMeta#storedColumns()} order. */
    void writeRow(byte[][] values) throws IOException {
        row.reset();
        if (format == DataFormat.SQL) {
            row.put('(');
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    row.put(',');
                }
                SqlLiterals.append(row, kinds[i], values[i]);
            }
            row.put(')');
            if (statementRows > 0 && statement.length() + row.length() + 2 > statementBytes) {
                flushStatement();
            }
            if (statementRows == 0) {
                statement.put(insertHeader);
            } else {
                statement.put(',').put('\n');
            }
            statement.put(row);
            statementRows++;
            if (statement.length() >= statementBytes) {
                flushStatement();
            }
        } else {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    row.put(',');
                }
                CsvFields.append(row, kinds[i], values[i]);
            }
            row.put('\n');
            ensureFile();
            row.writeTo(out);
            fileBytes += row.length();
            fileRows++;
            progress.addBytes(row.length());
            tableProgress.addBytes(row.length());
            rollIfFull();
        }
        progress.addRows(1);
        tableProgress.addRows(1);
        if (row.length() > 1 << 20) {
            row.trim(4096);
        }
    }

    private void flushStatement() throws IOException {
        if (statementRows == 0) {
            return;
        }
        statement.put(';').put('\n');
        ensureFile();
        statement.writeTo(out);
        fileBytes += statement.length();
        fileRows += statementRows;
        progress.addBytes(statement.length());
        tableProgress.addBytes(statement.length());
        statement.trim((int) Math.min(statementBytes + 4096, 1 << 24));
        statementRows = 0;
        rollIfFull();
    }

    private void ensureFile() throws IOException {
        if (out != null) {
            return;
        }
        fileName = DumpFiles.dataFile(table, nextNumber.getAsInt(), format);
        channel = io.dm4j.common.files.PrivateFiles.open(dir.resolve(fileName), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        fileBytes = 0;
        fileRows = 0;
        if (format == DataFormat.SQL) {
            byte[] h = SQL_FILE_HEADER.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            out.write(h);
            fileBytes += h.length;
        }
    }

    private void rollIfFull() throws IOException {
        if (maxFileBytes > 0 && fileBytes >= maxFileBytes) {
            closeFile();
        }
    }

    private void closeFile() throws IOException {
        if (out == null) {
            return;
        }
        out.flush();
        channel.force(false);
        out.close();
        onFileDone.accept(new DumpIndex.FileEntry(fileName, fileRows, fileBytes));
        out = null;
        channel = null;
    }

    /** Ends the last statement and closes the current file (the chunk is complete). */
    void finish() throws IOException {
        flushStatement();
        closeFile();
    }

    /** Closes without completing (on failure or pause); the partial file is left for the directory cleanup. */
    @Override
    public void close() {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException ignored) {
            // the dump failed anyway and will be redone
        }
        out = null;
    }
}
