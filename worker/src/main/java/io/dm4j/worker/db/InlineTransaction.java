package io.dm4j.worker.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a transaction's statements as SQL texts with their values written in ({@link InlineSql}), several statements
 * per text ({@code allowMultiQueries}): {@code START TRANSACTION;s1;s2;...;COMMIT} in one round trip when it fits in
 * {@link #MAX_TEXT_CHARS}, else in a few. This saves, per statement, Connector/J's prepared-statement objects and a
 * round trip, and per transaction the autocommit switching.
 *
 * <p>A failing text tells only that one of its statements failed. The transaction is then rolled back and the caller
 * runs it again statement by statement ({@link Outcome#RUN_AGAIN}), which names the failing statement and keeps
 * retries, {@code binlog skip/replace} and safe mode as they are. A connection lost during the text that carried
 * the COMMIT leaves the outcome unknown: that is reported as a failed COMMIT, as on the statement-by-statement path.
 */
final class InlineTransaction {
    /** Bound on one text, far below any server's max_allowed_packet (at least 1 MiB; 16 MiB by default on MariaDB). */
    static final int MAX_TEXT_CHARS = 256 * 1024;
    private static final SqlStatement COMMIT = new SqlStatement("COMMIT", null);
    /**
     * Per apply thread, the builder of its texts, kept between transactions: a fresh one grew by copying several
     * times per transaction (a batch's text is tens of KiB). One that grew past {@link #KEPT_CHARS} is not kept.
     */
    private static final ThreadLocal<StringBuilder> BUILDER = ThreadLocal.withInitial(() -> new StringBuilder(4096));
    private static final int KEPT_CHARS = 2 * MAX_TEXT_CHARS;

    enum Outcome { COMMITTED, RUN_AGAIN }

    private InlineTransaction() {
    }

    /** The texts of one transaction, in order; the first starts it and the last commits it. */
    static List<String> texts(List<SqlStatement> statements, int maxChars) {
        List<String> texts = new ArrayList<>(1);
        StringBuilder sb = BUILDER.get();
        sb.setLength(0);
        sb.append("START TRANSACTION");
        boolean holdsStatement = false; // a text carries at least one statement (the first also starts the transaction)
        for (SqlStatement s : statements) {
            int mark = sb.length();
            sb.append(';');
            InlineSql.append(sb, s);
            if (sb.length() > maxChars && holdsStatement) {
                String rest = sb.substring(mark + 1);
                sb.setLength(mark);
                texts.add(sb.toString());
                sb.setLength(0);
                sb.append(rest);
            }
            holdsStatement = true;
        }
        texts.add(sb.append(";COMMIT").toString());
        if (sb.capacity() > KEPT_CHARS) {
            BUILDER.remove();
        }
        return texts;
    }

    /**
     * Runs the texts on {@code c}, which is in autocommit mode and stays so.
     *
     * @return COMMITTED, or RUN_AGAIN after a statement failed and the transaction was rolled back
     * @throws FailedStatementException for the COMMIT when the connection broke while the last text ran
     * @throws SQLException when the connection broke before the COMMIT was sent (nothing was committed)
     */
    static Outcome run(Connection c, List<SqlStatement> statements) throws SQLException {
        List<String> texts = texts(statements, MAX_TEXT_CHARS);
        try (Statement st = c.createStatement()) {
            for (int i = 0; i < texts.size(); i++) {
                try {
                    st.execute(texts.get(i));
                    while (st.getMoreResults() || st.getUpdateCount() != -1) {
                        // every result of the text is read, so a failure of any statement surfaces here
                    }
                } catch (SQLException e) {
                    if (SqlFailures.classify(e) == SqlFailures.Kind.CONNECTION) {
                        if (i == texts.size() - 1) {
                            throw new FailedStatementException(COMMIT, e);
                        }
                        throw e;
                    }
                    st.execute("ROLLBACK");
                    return Outcome.RUN_AGAIN;
                }
            }
        }
        return Outcome.COMMITTED;
    }
}
