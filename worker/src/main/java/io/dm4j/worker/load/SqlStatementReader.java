package io.dm4j.worker.load;

import io.dm4j.worker.dump.WordScan;
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
     * One statement: its bytes as the file has them (without the final {@code ;}) and offsets in the file. A data
     * statement goes to the server as these bytes ({@link InsertRewriter}, {@link RawSql}): statements are up to
     * {@code statement-size} (1 MB) long, and decoding one to a String and encoding it back costs two passes over it.
     */
    record Statement(byte[] bytes, long start, long end) {
        /** The text, decoded as UTF-8. */
        String sql() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** The first characters, for error messages and for telling an INSERT from a session setting. */
        String head() {
            String head = new String(bytes, 0, Math.min(bytes.length, 480), StandardCharsets.UTF_8);
            return head.length() > 120 ? head.substring(0, 120) + "..." : head; // 480 bytes hold 120 characters
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

    /** The statement's bytes from earlier buffer fills; the rest is {@code buf[mark..]}. */
    private byte[] stmt = new byte[1 << 16];
    private int stmtLen;
    /** Where the current statement's unsaved bytes start in {@code buf}; -1 between statements. */
    private int mark = -1;

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

    /**
     * Reads the next part of the file into the buffer, first saving the current statement's bytes that are still
     * only in it. False at the end of the file.
     */
    private boolean fill() throws IOException {
        if (mark >= 0) {
            save(mark, bufLen);
            mark = 0;
        }
        bufLen = in.read(buf);
        bufPos = 0;
        if (bufLen <= 0) {
            bufLen = 0;
            return false;
        }
        return true;
    }

    private void save(int from, int to) {
        int n = to - from;
        if (stmtLen + n > stmt.length) {
            stmt = Arrays.copyOf(stmt, Math.max(stmt.length * 2, stmtLen + n));
        }
        System.arraycopy(buf, from, stmt, stmtLen, n);
        stmtLen += n;
    }

    private int read() throws IOException {
        if (bufPos == bufLen && !fill()) {
            return -1;
        }
        position++;
        return buf[bufPos++] & 0xff;
    }

    private int peek() throws IOException {
        if (bufPos == bufLen && !fill()) {
            return -1;
        }
        return buf[bufPos] & 0xff;
    }

    /*
     * The plain-run scan, the reader's hot loop (every byte of a dump passes it): a byte's class says in which states
     * it is special, so "is this byte plain in state s" is one table load and one AND. Bytes >= 0x80 (parts of UTF-8
     * characters) are plain in every state.
     */
    private static final int IN_NORMAL = 1;
    private static final int IN_SQUOTE = 2;
    private static final int IN_DQUOTE = 4;
    private static final byte[] CLASS = new byte[256];

    static {
        for (char c : ";'\"`#-/".toCharArray()) {
            CLASS[c] |= IN_NORMAL;
        }
        CLASS['\\'] |= IN_SQUOTE | IN_DQUOTE;
        CLASS['\''] |= IN_SQUOTE;
        CLASS['"'] |= IN_DQUOTE;
    }


    private static int stopBits(State s) {
        return switch (s) {
            case NORMAL -> IN_NORMAL;
            case SQUOTE -> IN_SQUOTE;
            case DQUOTE -> IN_DQUOTE;
            default -> throw new IllegalStateException(s.name());
        };
    }

    /** Whether a byte leaves the state unchanged (not a quote, escape, comment start or terminator). */
    private static boolean isPlain(int b, State s) {
        return (CLASS[b] & stopBits(s)) == 0;
    }

    /** Passes the following plain bytes of the buffer (stops before the next special byte). */
    private void skipPlainRun(State s) {
        final byte[] b = buf;
        final int end = bufLen;
        int i = bufPos;
        if (s != State.NORMAL) {
            // quoted runs, most of a dump's bytes, eight at a time; the byte-wise loop below finds the special byte
            i = WordScan.skipQuotedPlain(b, i, end, s == State.SQUOTE ? '\'' : '"');
        }
        int mask = stopBits(s);
        while (i < end && (CLASS[b[i] & 0xff] & mask) == 0) {
            i++;
        }
        position += i - bufPos;
        bufPos = i;
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
        mark = bufPos - 1; // every byte from here to the terminating ';' is the statement's
        State s = State.NORMAL;
        for (; b >= 0; b = read()) {
            if ((s == State.SQUOTE || s == State.DQUOTE || s == State.NORMAL) && isPlain(b, s)) {
                skipPlainRun(s); // fast path: pass the run of bytes that cannot change the state in one go
                continue;
            }
            switch (s) {
                case NORMAL -> {
                    if (b == ';') {
                        save(mark, bufPos - 1);
                        mark = -1;
                        byte[] text = Arrays.copyOf(stmt, stmtLen);
                        if (peek() == '\r') {
                            read();
                        }
                        if (peek() == '\n') {
                            read();
                        }
                        return new Statement(text, start, position);
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
                        read();
                        int after = peek();
                        if (after == ' ' || after == '\t' || after == '\n' || after == '\r' || after < 0) {
                            s = State.LINE_COMMENT;
                        }
                    } else if (b == '/' && peek() == '*') {
                        read();
                        s = State.BLOCK_COMMENT;
                    }
                }
                case SQUOTE, DQUOTE -> {
                    int quote = s == State.SQUOTE ? '\'' : '"';
                    if (b == '\\') {
                        if (read() < 0) { // the escaped byte, whatever it is
                            mark = -1;
                            throw new TruncatedException(start);
                        }
                    } else if (b == quote) {
                        if (peek() == quote) {
                            read();
                        } else {
                            s = State.NORMAL;
                        }
                    }
                }
                case BACKTICK -> {
                    if (b == '`') {
                        if (peek() == '`') {
                            read();
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
                        read();
                        s = State.NORMAL;
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        mark = -1;
        throw new TruncatedException(start);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
