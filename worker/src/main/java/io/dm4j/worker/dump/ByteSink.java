package io.dm4j.worker.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array for building statements and rows without intermediate strings. Not thread-safe. */
final class ByteSink {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf;
    private int len;

    ByteSink(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    int length() {
        return len;
    }

    void reset() {
        len = 0;
    }

    /** Forgets what was written after {@code length} (a length read earlier). */
    void truncate(int length) {
        if (length < 0 || length > len) {
            throw new IllegalArgumentException("truncate to " + length + " of " + len);
        }
        len = length;
    }

    /** Releases a buffer that grew far beyond {@code capacity} (one huge row must not pin memory). */
    void trim(int capacity) {
        if (buf.length > capacity * 4) {
            buf = new byte[capacity];
        }
        len = 0;
    }

    private void ensure(int extra) {
        int need = len + extra;
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
        }
    }

    ByteSink put(byte b) {
        ensure(1);
        buf[len++] = b;
        return this;
    }

    ByteSink put(char asciiChar) {
        return put((byte) asciiChar);
    }

    ByteSink put(byte[] b) {
        return put(b, 0, b.length);
    }

    ByteSink put(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    ByteSink put(ByteSink other) {
        return put(other.buf, 0, other.len);
    }

    ByteSink ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        return this;
    }

    ByteSink utf8(String s) {
        return put(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex digits of {@code b}, two per byte. */
    ByteSink hex(byte[] b) {
        ensure(b.length * 2);
        for (byte x : b) {
            buf[len++] = HEX[(x >> 4) & 0xf];
            buf[len++] = HEX[x & 0xf];
        }
        return this;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }
}
