package io.dm4j.worker.relay;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.RelayErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Reads relay files event by event, from a given (sub-directory, file, offset) on, across file ends and into later
 * sub-directories, without ever blocking: {@link #next()} returns null when no further complete event is on disk yet
 * (wait on the {@link RelayNotifier} and call it again).
 *
 * <p>Every event is checked before it is handed out: its length, its end position in the upstream file (the header's
 * log_pos must be exactly its offset plus its length, else events are missing or doubled) and its CRC32 when the
 * file's FORMAT_DESCRIPTION announces one. At a file end the next file must be the one the ROTATE event names (or,
 * after a STOP event or an upstream crash, the next by number) and begin at offset 4: a gap or an overlap between two
 * relay files is reported with a coded error instead of being read through.
 */
public final class RelayReader implements AutoCloseable {
    /** Larger than any event a server writes (max_allowed_packet is at most 1 GiB). */
    private static final long MAX_EVENT = (1L << 30) + 1024;

    private final RelayLayout layout;
    private String subDir;
    private String file;
    private long pos;
    private FileChannel ch;
    private byte[] formatDescription;
    private byte[] last;
    private boolean crossSubDirs = true;

    /** A reader positioned at {@code pos} of {@code file} in {@code subDir}; nothing is opened until {@link #next()}. */
    public RelayReader(RelayLayout layout, String subDir, String file, long pos) {
        this.layout = layout;
        this.subDir = subDir;
        this.file = file;
        this.pos = Math.max(pos, RawEvents.MAGIC.length);
    }

    /** Makes this reader end with the last file of its sub-directory (recovery of one sub-directory). */
    public RelayReader withinSubDir() {
        crossSubDirs = false;
        return this;
    }

    public String subDir() {
        return subDir;
    }

    public String file() {
        return file;
    }

    /** The offset of the next event in {@link #file()}. */
    public long position() {
        return pos;
    }

    /**
     * The FORMAT_DESCRIPTION event of the current file (bytes), read on open; null while the file has none yet.
     * A reader opened in the middle of a file hands it out here, a reader crossing into a file as its first event.
     */
    public byte[] formatDescription() {
        return formatDescription;
    }

    /**
     * The next complete event, or null when none is on disk yet.
     *
     * @throws DmException {@link RelayErrors#GAP}, {@link RelayErrors#OVERLAP} or {@link RelayErrors#CORRUPT}
     */
    public RelayEvent next() {
        while (true) {
            try {
                if (!open()) {
                    return null;
                }
                long size = ch.size();
                if (size >= pos + RawEvents.HEADER) {
                    byte[] head = read(pos, RawEvents.HEADER);
                    long len = RawEvents.length(head);
                    if (len < RawEvents.HEADER || len > MAX_EVENT) {
                        throw RelayErrors.CORRUPT.error(where(), pos, "event length " + len + " is impossible");
                    }
                    if (size < pos + len) {
                        return null; // still being written
                    }
                    byte[] raw = len == RawEvents.HEADER ? head : read(pos, (int) len);
                    check(raw);
                    RelayEvent e = new RelayEvent(subDir, file, pos, raw);
                    pos += len;
                    last = raw;
                    return e;
                }
                if (size > pos || !moveToNextFile()) {
                    return null;
                }
            } catch (IOException e) {
                throw RelayErrors.CORRUPT.wrap(e, where(), pos, e.toString());
            }
        }
    }

    private boolean open() throws IOException {
        if (ch != null) {
            return true;
        }
        Path p = layout.file(subDir, file);
        if (!Files.exists(p)) {
            return false;
        }
        FileChannel c = FileChannel.open(p, StandardOpenOption.READ);
        if (c.size() < RawEvents.MAGIC.length) {
            c.close();
            return false;
        }
        ch = c;
        byte[] magic = read(0, RawEvents.MAGIC.length);
        if (!Arrays.equals(magic, RawEvents.MAGIC)) {
            close();
            throw RelayErrors.CORRUPT.error(p, 0L, "no binlog magic header");
        }
        formatDescription = null;
        if (ch.size() >= RawEvents.MAGIC.length + RawEvents.HEADER) {
            byte[] head = read(RawEvents.MAGIC.length, RawEvents.HEADER);
            long len = RawEvents.length(head);
            if (RawEvents.type(head) == RawEvents.FORMAT_DESCRIPTION && ch.size() >= RawEvents.MAGIC.length + len) {
                formatDescription = read(RawEvents.MAGIC.length, (int) len);
            }
        }
        return true;
    }

    /** At the end of the current file: moves to the next one once it exists; false while there is none. */
    private boolean moveToNextFile() throws IOException {
        String expected = null;
        long expectedPos = RawEvents.MAGIC.length;
        boolean checksum = formatDescription != null
                && RawEvents.checksumAlgorithm(formatDescription) == RawEvents.CHECKSUM_CRC32;
        if (last != null && RawEvents.type(last) == RawEvents.ROTATE) {
            expected = RawEvents.rotateTarget(last, checksum);
            expectedPos = RawEvents.rotatePosition(last);
        } else if (last != null && RawEvents.type(last) == RawEvents.STOP) {
            expected = RawEvents.successor(file);
        }
        List<String> later = layout.binlogFiles(subDir).stream()
                .filter(f -> RelayLayout.isBinlogName(f) && compare(f, file) > 0).toList();
        if (later.isEmpty()) {
            return moveToNextSubDir();
        }
        String next = later.get(0);
        if (expected != null && !next.equals(expected)) {
            throw RelayErrors.GAP.error(layout.subDir(subDir), file + " ends with " + describeEnd()
                    + " naming " + expected + ", but the next relay file is " + next);
        }
        if (expected == null && !next.equals(RawEvents.successor(file))) {
            throw RelayErrors.GAP.error(layout.subDir(subDir), file + " ends at " + pos
                    + " without ROTATE or STOP event, and the next relay file is " + next + ", not "
                    + RawEvents.successor(file));
        }
        if (expectedPos != RawEvents.MAGIC.length) {
            throw (expectedPos > RawEvents.MAGIC.length ? RelayErrors.GAP : RelayErrors.OVERLAP).error(
                    layout.subDir(subDir), "the ROTATE event at the end of " + file + " continues at " + next + ":"
                            + expectedPos + ", but relay files begin at offset 4");
        }
        if (Files.size(layout.file(subDir, next)) < RawEvents.MAGIC.length) {
            return false; // being created
        }
        switchTo(subDir, next);
        return true;
    }

    /** The writer started a new sub-directory (upstream switch): continue with its first file. */
    private boolean moveToNextSubDir() throws IOException {
        if (!crossSubDirs) {
            return false;
        }
        List<String> dirs = layout.subDirs();
        int at = dirs.indexOf(subDir);
        if (at < 0 || at == dirs.size() - 1) {
            return false;
        }
        String nextDir = dirs.get(at + 1);
        List<String> files = layout.binlogFiles(nextDir);
        if (files.isEmpty() || Files.size(layout.file(nextDir, files.get(0))) < RawEvents.MAGIC.length) {
            return false;
        }
        switchTo(nextDir, files.get(0));
        return true;
    }

    private void switchTo(String dir, String name) {
        close();
        subDir = dir;
        file = name;
        pos = RawEvents.MAGIC.length;
        last = null;
    }

    /** Whether this reader has just crossed into a new file (its next event is the file's first). */
    public boolean atFileStart() {
        return pos == RawEvents.MAGIC.length;
    }

    private void check(byte[] raw) {
        long logPos = RawEvents.logPos(raw);
        if (logPos != 0 && logPos != pos + raw.length) {
            long upstreamStart = logPos - raw.length;
            String what = "the event at offset " + pos + " was at offset " + upstreamStart + " upstream";
            throw (upstreamStart > pos ? RelayErrors.GAP : RelayErrors.OVERLAP).error(where(), what);
        }
        boolean isFde = RawEvents.type(raw) == RawEvents.FORMAT_DESCRIPTION;
        byte[] fde = isFde ? raw : formatDescription;
        if (isFde) {
            formatDescription = raw;
        }
        if (fde != null && RawEvents.checksumAlgorithm(fde) == RawEvents.CHECKSUM_CRC32 && !RawEvents.checksumOk(raw)) {
            throw RelayErrors.CORRUPT.error(where(), pos, "CRC32 mismatch in an event of type " + RawEvents.type(raw));
        }
    }

    private String describeEnd() {
        return RawEvents.type(last) == RawEvents.ROTATE ? "a ROTATE event" : "a STOP event";
    }

    private String where() {
        return layout.file(subDir, file).toString();
    }

    private byte[] read(long at, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len);
        while (b.hasRemaining()) {
            int n = ch.read(b, at + b.position());
            if (n < 0) {
                throw new IOException("unexpected end of " + where() + " at " + (at + b.position()));
            }
        }
        return b.array();
    }

    private static int compare(String a, String b) {
        return new io.dm4j.common.position.BinlogPosition(a, 4).compareTo(new io.dm4j.common.position.BinlogPosition(b, 4));
    }

    @Override
    public void close() {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // read-only channel
            }
            ch = null;
        }
    }
}
