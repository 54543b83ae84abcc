package io.dm4j.worker.relay;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Reads the fixed parts of a binlog event (v4) from its bytes: the 19-byte header (timestamp, type, server id, length,
 * end position, flags), the checksum algorithm of a FORMAT_DESCRIPTION event and the CRC32 trailer.
 */
public final class RawEvents {
    public static final int HEADER = 19;
    public static final byte[] MAGIC = {(byte) 0xfe, 'b', 'i', 'n'};
    public static final int STOP = 3;
    public static final int ROTATE = 4;
    public static final int FORMAT_DESCRIPTION = 15;
    public static final int HEARTBEAT = 27;
    /** LOG_EVENT_ARTIFICIAL_F: made up by the sender, not in the binlog file. */
    public static final int ARTIFICIAL = 0x20;
    /** LOG_EVENT_BINLOG_IN_USE_F on a FORMAT_DESCRIPTION: the file was open when this copy was taken. */
    public static final int IN_USE = 0x01;
    public static final int CHECKSUM_OFF = 0;
    public static final int CHECKSUM_CRC32 = 1;

    private RawEvents() {
    }

    public static int type(byte[] e) {
        return e[4] & 0xff;
    }

    public static long timestamp(byte[] e) {
        return u32(e, 0);
    }

    public static long length(byte[] header) {
        return u32(header, 9);
    }

    /** The end position of the event in the upstream file; 0 for events the sender made up. */
    public static long logPos(byte[] e) {
        return u32(e, 13);
    }

    public static int flags(byte[] e) {
        return (e[17] & 0xff) | (e[18] & 0xff) << 8;
    }

    /** Events the sender makes up (fake rotate, heartbeat, a FORMAT_DESCRIPTION resent mid-file): never written. */
    public static boolean artificial(byte[] e) {
        return logPos(e) == 0 || (flags(e) & ARTIFICIAL) != 0 || type(e) == HEARTBEAT;
    }

    /** The checksum algorithm a FORMAT_DESCRIPTION event announces (1 byte before its 4-byte checksum). */
    public static int checksumAlgorithm(byte[] fde) {
        // binlog version 4: body = version(2) server version(50) created(4) header length(1) post-header lengths(n)
        // then, since MySQL 5.6.1 / MariaDB 5.3, algorithm(1) + checksum(4)
        int bodyFixed = HEADER + 2 + 50 + 4 + 1;
        return fde.length >= bodyFixed + 5 ? fde[fde.length - 5] & 0xff : CHECKSUM_OFF;
    }

    /** Whether the CRC32 trailer of {@code e} matches its other bytes. */
    public static boolean checksumOk(byte[] e) {
        if (e.length < HEADER + 4) {
            return false;
        }
        CRC32 crc = new CRC32();
        if (type(e) == FORMAT_DESCRIPTION && (e[17] & IN_USE) != 0) {
            // the server sets "binlog in use" in the file after computing the checksum, and clears it on close
            byte[] copy = e.clone();
            copy[17] &= ~IN_USE;
            crc.update(copy, 0, copy.length - 4);
        } else {
            crc.update(e, 0, e.length - 4);
        }
        return crc.getValue() == u32(e, e.length - 4);
    }

    /** The file a ROTATE event names; {@code checksum} says whether it ends in a 4-byte checksum. */
    public static String rotateTarget(byte[] e, boolean checksum) {
        int from = HEADER + 8;
        int to = e.length - (checksum ? 4 : 0);
        return new String(e, from, Math.max(0, to - from), StandardCharsets.UTF_8);
    }

    /** The position a ROTATE event names in its target file. */
    public static long rotatePosition(byte[] e) {
        return u32(e, HEADER) | u32(e, HEADER + 4) << 32;
    }

    static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    /** The binlog file after {@code name} by number ({@code up-bin.000007} → {@code up-bin.000008}). */
    public static String successor(String name) {
        int dot = name.lastIndexOf('.');
        String digits = name.substring(dot + 1);
        String next = Long.toString(Long.parseLong(digits) + 1);
        StringBuilder sb = new StringBuilder(name.substring(0, dot + 1));
        for (int i = next.length(); i < digits.length(); i++) {
            sb.append('0');
        }
        return sb.append(next).toString();
    }
}
