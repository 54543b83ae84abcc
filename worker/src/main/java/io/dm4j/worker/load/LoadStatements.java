package io.dm4j.worker.load;

import io.dm4j.common.errors.LoadErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The statements of one SQL data file as a load connection sends them, made ready ahead of time on the
 * {@link Prefetcher}'s thread: every INSERT rewritten for the target ({@link InsertRewriter}) and followed, in the
 * same text, by the checkpoint update up to its end and the COMMIT ({@link LoaderCheckpoint#commitSql}), so a
 * statement costs one round trip. Session settings pass as items without text. A statement the loader does not
 * accept, or a file that ends inside a statement, is the DM error naming the file and the statement's offset.
 */
final class LoadStatements implements Prefetcher.Source<LoadStatements.Ready> {

    /**
     * One statement of the file.
     *
     * @param text the transaction to send as UTF-8 bytes (rewritten INSERT, checkpoint, COMMIT; see {@link RawSql}),
     *             or null for a session setting
     * @param end  the offset after the statement: the checkpoint the text commits
     */
    record Ready(byte[] text, long end) {
        boolean isData() {
            return text != null;
        }
    }

    private final String file;
    private final SqlStatementReader reader;
    private final InsertRewriter rewriter;
    private final LoaderCheckpoint checkpoint;

    LoadStatements(String file, SqlStatementReader reader, InsertRewriter rewriter, LoaderCheckpoint checkpoint) {
        this.file = file;
        this.reader = reader;
        this.rewriter = rewriter;
        this.checkpoint = checkpoint;
    }

    @Override
    public Ready next() throws IOException {
        SqlStatementReader.Statement s;
        try {
            s = reader.next();
        } catch (SqlStatementReader.TruncatedException e) {
            throw LoadErrors.INVALID_STATEMENT.wrap(e, file, e.start, "the file ends inside this statement");
        }
        if (s == null) {
            return null;
        }
        if (InsertRewriter.isInsert(s.head())) {
            byte[] commit = (";" + checkpoint.commitSql(file, s.end())).getBytes(StandardCharsets.UTF_8);
            try {
                return new Ready(rewriter.rewrite(s.bytes(), commit), s.end());
            } catch (IllegalArgumentException e) {
                throw LoadErrors.INVALID_STATEMENT.wrap(e, file, s.start(), s.head());
            }
        }
        if (InsertRewriter.isSessionSetting(s.sql())) {
            return new Ready(null, s.end());
        }
        throw LoadErrors.INVALID_STATEMENT.error(file, s.start(), s.head());
    }
}
