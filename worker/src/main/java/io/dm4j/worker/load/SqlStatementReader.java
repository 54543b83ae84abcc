package io.dm4j.worker.load;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Splits a SQL dump file into statements, each with the byte offsets where it starts and where the next one may
 * start (after the {@code ;} and the line break that follows it). Reading can begin at any such offset, which is
 * what a load checkpoint stores. Quotes ({@code '...'}, {@code "..."} with backslash escapes and doubled quotes,
 * {@code `...`}) and comments ({@code -- }, {@code #}, {@code /* *&#47;}) are respected, so a {@code ;} inside them
 * does not end a statement. Works on bytes: UTF-8 multi-byte characters never contain these ASCII bytes.
 */
final class SqlStatementReader implements Closeable {

    /**
     * One statement: its text (without the final {@code ;}) and offsets in the file. The text is decoded once,
     * straight from the reader's buffer: statements are up to {@code statement-size} (1 MB) long, and every extra
     * copy of one is garbage the collector has to move.
     */
    record Statement(String sql, long start, long end) {
        /** The first characters, for error messages. */
        String head() {
            return sql.length() > 120 ? sql.substring(0, 120) + "..." : sql;
        }
    }

    /** The file ended inside a statement (a truncated or damaged file). */
    static final class TruncatedException extends IOException {
        private static final long serialVersionUID = 1L;
        final long start;

        TruncatedException(long start) {
            super("the file ends inside a statement that starts at byte " + start);
            this.start = start;
        }
    }

    private enum State { NORMAL, SQUOTE, DQUOTE, BACKTICK, LINE_COMMENT, BLOCK_COMMENT }

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int bufLen;
    private int bufPos;
    private long position;

    private byte[] stmt = new byte[1 << 16];
    private int stmtLen;

    SqlStatementReader(Path file, long offset) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        ch.position(offset);
        this.in = Channels.newInputStream(ch);
        this.position = offset;
    }

    /** The offset of the next unread byte. */
    long position() {
        return position;
    }

    private int read() throws IOException {
        if (bufPos == bufLen) {
            bufLen = in.read(buf);
            bufPos = 0;
            if (bufLen <= 0) {
                bufLen = 0;
                return -1;
            }
        }
        position++;
        return buf[bufPos++] & 0xff;
    }

    private int peek() throws IOException {
        if (bufPos == bufLen) {
            bufLen = in.read(buf);
            bufPos = 0;
            if (bufLen <= 0) {
                bufLen = 0;
                return -1;
            }
        }
        return buf[bufPos] & 0xff;
    }

    /** Whether a byte leaves the state unchanged (not a quote, escape, comment start or terminator). */
    private static boolean isPlain(int b, State s) {
        if (s == State.NORMAL) {
            return b != ';' && b != '\'' && b != '"' && b != '`' && b != '#' && b != '-' && b != '/';
        }
        return b != '\\' && b != (s == State.SQUOTE ? '\'' : '"');
    }

    /** Appends the following plain bytes of the buffer at once (stops before the next special byte). */
    private void copyPlainRun(State s) {
        int i = bufPos;
        while (i < bufLen && isPlain(buf[i] & 0xff, s)) {
            i++;
        }
        int n = i - bufPos;
        if (n > 0) {
            if (stmtLen + n > stmt.length) {
                stmt = Arrays.copyOf(stmt, Math.max(stmt.length * 2, stmtLen + n));
            }
            System.arraycopy(buf, bufPos, stmt, stmtLen, n);
            stmtLen += n;
            bufPos = i;
            position += n;
        }
    }

    private void append(int b) {
        if (stmtLen == stmt.length) {
            stmt = Arrays.copyOf(stmt, stmt.length * 2);
        }
        stmt[stmtLen++] = (byte) b;
    }

    /** The next statement, or null at the end of the file (only whitespace left). */
    Statement next() throws IOException {
        int b = read();
        while (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
            b = read();
        }
        if (b < 0) {
            return null;
        }
        long start = position - 1;
        stmtLen = 0;
        if (stmt.length > 1 << 24) {
            stmt = new byte[1 << 16]; // do not keep a huge buffer after one huge statement
        }
        State s = State.NORMAL;
        for (; b >= 0; b = read()) {
            if (s == State.SQUOTE || s == State.DQUOTE || s == State.NORMAL) {
                // fast path: copy the run of bytes that cannot change the state in one go
                append(b);
                if (isPlain(b, s)) {
                    copyPlainRun(s);
                    continue;
                }
                stmtLen--; // handled below like any special byte
            }
            switch (s) {
                case NORMAL -> {
                    if (b == ';') {
                        if (peek() == '\r') {
                            read();
                        }
                        if (peek() == '\n') {
                            read();
                        }
                        return new Statement(new String(stmt, 0, stmtLen, StandardCharsets.UTF_8), start, position);
                    }
                    if (b == '\'') {
                        s = State.SQUOTE;
                    } else if (b == '"') {
                        s = State.DQUOTE;
                    } else if (b == '`') {
                        s = State.BACKTICK;
                    } else if (b == '#') {
                        s = State.LINE_COMMENT;
                    } else if (b == '-' && peek() == '-') {
                        append(b);
                        b = read();
                        int after = peek();
                        if (after == ' ' || after == '\t' || after == '\n' || after == '\r' || after < 0) {
                            s = State.LINE_COMMENT;
                        }
                    } else if (b == '/' && peek() == '*') {
                        append(b);
                        b = read();
                        s = State.BLOCK_COMMENT;
                    }
                }
                case SQUOTE, DQUOTE -> {
                    int quote = s == State.SQUOTE ? '\'' : '"';
                    if (b == '\\') {
                        append(b);
                        b = read();
                        if (b < 0) {
                            throw new TruncatedException(start);
                        }
                    } else if (b == quote) {
                        if (peek() == quote) {
                            append(b);
                            b = read();
                        } else {
                            s = State.NORMAL;
                        }
                    }
                }
                case BACKTICK -> {
                    if (b == '`') {
                        if (peek() == '`') {
                            append(b);
                            b = read();
                        } else {
                            s = State.NORMAL;
                        }
                    }
                }
                case LINE_COMMENT -> {
                    if (b == '\n') {
                        s = State.NORMAL;
                    }
                }
                case BLOCK_COMMENT -> {
                    if (b == '*' && peek() == '/') {
                        append(b);
                        b = read();
                        s = State.NORMAL;
                    }
                }
                default -> throw new IllegalStateException();
            }
            append(b);
        }
        throw new TruncatedException(start);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
