package io.dm4j.worker.relay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Two consecutive binlog files written by MariaDB 10.11 (CRC32 checksums): {@code up-bin.000002} (CREATE TABLE,
 * INSERT, UPDATE, then a ROTATE to 000003) and {@code up-bin.000003} (INSERT, DELETE, ROTATE to 000004).
 */
final class RealBinlogs {
    static final String FIRST = "up-bin.000002";
    static final String SECOND = "up-bin.000003";
    static final String SUB_DIR = "0-1.000001";

    private RealBinlogs() {
    }

    static byte[] bytes(String name) throws IOException {
        try (InputStream in = RealBinlogs.class.getResourceAsStream("/relay/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /relay/" + name + " is missing");
            }
            return in.readAllBytes();
        }
    }

    /** The events of a file, each as its bytes, in order (the magic header excluded). */
    static List<byte[]> events(String name) throws IOException {
        byte[] f = bytes(name);
        List<byte[]> out = new ArrayList<>();
        int at = RawEvents.MAGIC.length;
        while (at < f.length) {
            int len = (int) RawEvents.length(Arrays.copyOfRange(f, at, at + RawEvents.HEADER));
            out.add(Arrays.copyOfRange(f, at, at + len));
            at += len;
        }
        return out;
    }

    /** A relay directory holding {@code names} (copied from the resources) in one sub-directory. */
    static RelayLayout relayWith(Path root, String... names) throws IOException {
        RelayLayout layout = new RelayLayout(root).create();
        String sub = layout.appendSubDir("0-1");
        for (String n : names) {
            Files.write(layout.file(sub, n), bytes(n));
        }
        return layout;
    }

    /** A file made of the magic header and {@code events}. */
    static byte[] file(List<byte[]> events) {
        int size = RawEvents.MAGIC.length + events.stream().mapToInt(e -> e.length).sum();
        byte[] out = new byte[size];
        System.arraycopy(RawEvents.MAGIC, 0, out, 0, RawEvents.MAGIC.length);
        int at = RawEvents.MAGIC.length;
        for (byte[] e : events) {
            System.arraycopy(e, 0, out, at, e.length);
            at += e.length;
        }
        return out;
    }
}
