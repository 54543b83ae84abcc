package io.dm4j.worker.load;

import io.dm4j.common.config.OnDuplicateLogical;
import io.dm4j.common.errors.LoadErrors;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.dump.CsvFields;
import io.dm4j.worker.dump.CsvLoad;
import io.dm4j.worker.dump.DataFormat;
import io.dm4j.worker.dump.DumpIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * Loads one data file from a checkpoint offset to its end on one downstream connection. Each INSERT statement
 * (SQL files) or the whole file (CSV, one LOAD DATA) is committed together with the checkpoint row that records the
 * new offset, so the checkpoint and the data can never disagree.
 */
final class FileLoader {
    /** Thrown when a duplicate key is met while on-duplicate-logical is {@code error}. */
    static final class DuplicateException extends SQLException {
        private static final long serialVersionUID = 1L;

        DuplicateException(String message, SQLException cause) {
            super(message, cause == null ? "23000" : cause.getSQLState(), 1062, cause);
        }
    }

    /** Statements read and rewritten ahead and waiting; one more is being prepared (see {@link Prefetcher}). */
    private static final int PREFETCH_DEPTH = 1;

    private final DataSource dataSource;
    private final LoaderCheckpoint checkpoint;
    private final OnDuplicateLogical mode;
    private final AtomicLong finishedBytes;
    private final BooleanSupplier stop;
    private final CommitHook hook;

    FileLoader(DataSource dataSource, LoaderCheckpoint checkpoint, OnDuplicateLogical mode, AtomicLong finishedBytes,
               BooleanSupplier stop, CommitHook hook) {
        this.dataSource = dataSource;
        this.checkpoint = checkpoint;
        this.mode = mode;
        this.finishedBytes = finishedBytes;
        this.stop = stop;
        this.hook = hook;
    }

    /**
     * Loads {@code job} from {@code offset}.
     *
     * @return true when the file is completely loaded, false when stopped on request
     */
    boolean load(FileJob job, long offset, DataFormat format) throws SQLException, IOException {
        if (offset >= job.size()) {
            return true;
        }
        return format == DataFormat.CSV ? loadCsv(job, offset) : loadSql(job, offset);
    }

    /**
     * Loads a SQL file statement by statement. The statements are read and rewritten on a {@link Prefetcher} thread
     * while the server runs the previous one; each INSERT goes with its checkpoint update and COMMIT as one text.
     */
    private boolean loadSql(FileJob job, long offset) throws SQLException, IOException {
        InsertRewriter rewriter = new InsertRewriter(job.target(), mode, job.extract(),
                job.table().columns().stream().map(DumpIndex.ColumnEntry::name).toList());
        long committed = offset;
        try (SqlStatementReader reader = new SqlStatementReader(job.path(), offset);
             Prefetcher<LoadStatements.Ready> ahead = new Prefetcher<>("dm4j-load-read-" + job.name(), PREFETCH_DEPTH,
                     new LoadStatements(job.name(), reader, rewriter, checkpoint));
             Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (RawSql raw = new RawSql(c)) {
                for (LoadStatements.Ready s = ahead.take(); s != null; s = ahead.take()) {
                    if (stop.getAsBoolean()) {
                        return false;
                    }
                    if (s.isData()) {
                        commitText(c, raw, job, s.text(), s.end());
                        advance(job, s.end() - committed);
                        committed = s.end();
                    }
                }
                if (committed < job.size()) {
                    // only session settings or whitespace after the last INSERT: mark the file complete
                    commitText(c, raw, job, checkpoint.commitSql(job.name(), job.size()).getBytes(StandardCharsets.UTF_8),
                            job.size());
                    advance(job, job.size() - committed);
                }
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the load is being shut down: stopped, as on a stop request
            return false;
        }
        return true;
    }

    /**
     * Runs one transaction sent as one text (UTF-8 bytes, as they are: {@link RawSql}): the data statements (if any), then the checkpoint update to
     * {@code offset} and the COMMIT ({@link LoaderCheckpoint#commitSql}). The server stops a text at its first
     * failing statement, before the COMMIT; the driver reports it, and the caller rolls back.
     */
    private void commitText(Connection c, RawSql raw, FileJob job, byte[] text, long offset) throws SQLException {
        hook.beforeCommit(job.name(), offset);
        try {
            PreparedStatement st = raw.execute(text);
            while (st.getMoreResults() || st.getUpdateCount() != -1) {
                // every result is read, so a failure of any statement of the text surfaces here
            }
        } catch (SQLException e) {
            rollback(c);
            if (e.getErrorCode() == 1062 && mode == OnDuplicateLogical.ERROR) {
                throw new DuplicateException(e.getMessage(), e);
            }
            if (e.getErrorCode() == LoaderCheckpoint.CHECK_FAILED && checkpointRowMissing(c, job)) {
                SQLException missing = checkpoint.missingRow(job.name());
                missing.initCause(e);
                throw missing;
            }
            throw e;
        }
    }

    private boolean checkpointRowMissing(Connection c, FileJob job) {
        try {
            return !checkpoint.hasRow(c, job.name());
        } catch (SQLException e) {
            return false; // the connection is gone: report the original failure
        }
    }

    private boolean loadCsv(FileJob job, long offset) throws SQLException {
        if (offset != 0) {
            throw LoadErrors.FILE_CHANGED.error(job.name(), "a CSV file is loaded whole, but its checkpoint says "
                    + offset + " of " + job.size() + " bytes");
        }
        String sql = loadDataSql(job, mode);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                long affected = st.executeLargeUpdate(sql);
                if (mode == OnDuplicateLogical.ERROR && affected != job.file().rows()) {
                    // with LOCAL, LOAD DATA skips duplicate keys with a warning instead of failing
                    rollback(c);
                    throw new DuplicateException(job.file().rows() - affected + " row(s) of " + job.name()
                            + " were skipped as duplicates", null);
                }
                commit(c, job, job.size());
                advance(job, job.size());
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        }
        return true;
    }

    /** The LOAD DATA statement of a CSV file (see {@link CsvFields}). */
    static String loadDataSql(FileJob job, OnDuplicateLogical mode) {
        String path = job.path().toAbsolutePath().normalize().toString();
        if (path.indexOf('\\') >= 0 || path.indexOf('\'') >= 0) {
            throw LoadErrors.FILE_READ.error(path + " (LOAD DATA needs a path without backslash or quote)");
        }
        List<String> fields = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        int v = 0;
        for (DumpIndex.ColumnEntry col : job.table().columns()) {
            String name = TableId.quote(col.name());
            if (col.load() == CsvLoad.DIRECT) {
                fields.add(name);
            } else {
                String var = "@v" + (++v);
                fields.add(var);
                sets.add(name + " = " + (col.load() == CsvLoad.UNHEX ? "UNHEX(" + var + ")"
                        : "CONVERT(" + var + " USING utf8mb4)"));
            }
        }
        for (int i = 0; i < job.extract().columns().size(); i++) {
            sets.add(TableId.quote(job.extract().columns().get(i)) + " = "
                    + InsertRewriter.utf8Literal(job.extract().values().get(i)));
        }
        String dup = switch (mode) {
            case REPLACE -> " REPLACE";
            case IGNORE -> " IGNORE";
            case ERROR -> "";
        };
        return "LOAD DATA LOCAL INFILE '" + path + "'" + dup + " INTO TABLE " + job.target().quoted() + " "
                + CsvFields.LOAD_DATA_FORMAT + " (" + String.join(", ", fields) + ")"
                + (sets.isEmpty() ? "" : " SET " + String.join(", ", sets));
    }

    /** Committed bytes of {@code job}: the unit's total and the table's own. */
    private void advance(FileJob job, long bytes) {
        finishedBytes.addAndGet(bytes);
        job.progress().addBytes(bytes);
    }

    private void commit(Connection c, FileJob job, long offset) throws SQLException {
        checkpoint.update(c, job.name(), offset);
        hook.beforeCommit(job.name(), offset);
        c.commit();
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the server rolls back
        }
    }
}
