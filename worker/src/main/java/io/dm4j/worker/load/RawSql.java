package io.dm4j.worker.load;

import com.mysql.cj.jdbc.ClientPreparedStatement;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs SQL text that is already UTF-8 bytes (a data file's statement, see {@link InsertRewriter}) on one connection
 * without making a String of it. Given a String, Connector/J encodes it back to bytes: one more pass and copy over
 * up to a megabyte per statement, and bytes that are not valid UTF-8 (raw binary after a {@code _binary} introducer,
 * as mydumper writes it) would have been replaced on the way in. Here the text goes as the one parameter of a
 * client-side prepared statement {@code <first word> ?}, bound unescaped and unquoted
 * ({@link ClientPreparedStatement#setBytes(int, byte[], boolean)}), so the driver copies the bytes into the packet
 * as they are. The first word stays in the statement's own text because the driver's parser does not count a
 * {@code ?} with nothing before it as a parameter.
 */
final class RawSql implements AutoCloseable {
    private final Connection connection;
    /** One statement per first word ({@code INSERT}, {@code REPLACE}, {@code UPDATE}): each file sends two at most. */
    private final Map<String, PreparedStatement> byFirstWord = new HashMap<>();

    RawSql(Connection connection) {
        this.connection = connection;
    }

    /**
     * Sends {@code text}, which must start with a word of ASCII letters and one space, and returns the statement
     * whose results the caller reads ({@code getMoreResults}, {@code getUpdateCount}).
     */
    PreparedStatement execute(byte[] text) throws SQLException {
        int space = 0;
        while (space < text.length && isAsciiLetter(text[space])) {
            space++;
        }
        if (space == 0 || space == text.length || text[space] != ' ') {
            throw new IllegalArgumentException("SQL text must start with a word and a space: "
                    + new String(text, 0, Math.min(text.length, 40), StandardCharsets.UTF_8));
        }
        String word = new String(text, 0, space, StandardCharsets.US_ASCII);
        PreparedStatement ps = byFirstWord.get(word);
        if (ps == null) {
            ps = connection.prepareStatement(word + " ?");
            byFirstWord.put(word, ps);
        }
        ps.unwrap(ClientPreparedStatement.class).setBytes(1, Arrays.copyOfRange(text, space + 1, text.length), false);
        ps.execute();
        return ps;
    }

    private static boolean isAsciiLetter(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement ps : byFirstWord.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        byFirstWord.clear();
        if (first != null) {
            throw first;
        }
    }
}
