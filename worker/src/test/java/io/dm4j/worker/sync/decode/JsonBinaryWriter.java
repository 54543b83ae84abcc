package io.dm4j.worker.sync.decode;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes MySQL's binary JSON (sql/json_binary.cc, WL#8132) from Java values: Map (object), List (array),
 * String, Short/Integer/Long (int16/int32/int64 by Java type), {@link U16}/{@link U32}/BigInteger (unsigned),
 * Double, Boolean, null, {@link Opaque}. {@code large} selects 4-byte counts and offsets.
 */
final class JsonBinaryWriter {
    record U16(int value) {
    }

    record U32(long value) {
    }

    record Opaque(int mysqlType, byte[] data) {
    }

    private final boolean large;

    private JsonBinaryWriter(boolean large) {
        this.large = large;
    }

    static byte[] write(Object value, boolean large) {
        JsonBinaryWriter w = new JsonBinaryWriter(large);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(w.typeOf(value));
        out.writeBytes(w.body(value));
        return out.toByteArray();
    }

    private int typeOf(Object v) {
        if (v instanceof Map) {
            return large ? 0x01 : 0x00;
        }
        if (v instanceof List) {
            return large ? 0x03 : 0x02;
        }
        if (v == null || v instanceof Boolean) {
            return 0x04;
        }
        if (v instanceof Short) {
            return 0x05;
        }
        if (v instanceof U16) {
            return 0x06;
        }
        if (v instanceof Integer) {
            return 0x07;
        }
        if (v instanceof U32) {
            return 0x08;
        }
        if (v instanceof Long) {
            return 0x09;
        }
        if (v instanceof BigInteger) {
            return 0x0A;
        }
        if (v instanceof Double) {
            return 0x0B;
        }
        if (v instanceof String) {
            return 0x0C;
        }
        if (v instanceof Opaque) {
            return 0x0F;
        }
        throw new IllegalArgumentException(String.valueOf(v));
    }

    /** Scalar bodies and container bodies (a container body starts with count and size). */
    private byte[] body(Object v) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        if (v instanceof Map<?, ?> m) {
            List<String> keys = m.keySet().stream().map(String::valueOf).toList();
            List<Object> vals = new ArrayList<>();
            for (Object k : m.keySet()) {
                vals.add(m.get(k));
            }
            return container(keys, vals, true, m);
        }
        if (v instanceof List<?> l) {
            return container(null, new ArrayList<>(l), false, null);
        }
        if (v == null) {
            o.write(0x00);
        } else if (v instanceof Boolean b) {
            o.write(b ? 0x01 : 0x02);
        } else if (v instanceof Short s) {
            le(o, s, 2);
        } else if (v instanceof U16 u) {
            le(o, u.value(), 2);
        } else if (v instanceof Integer i) {
            le(o, i, 4);
        } else if (v instanceof U32 u) {
            le(o, u.value(), 4);
        } else if (v instanceof Long l) {
            le(o, l, 8);
        } else if (v instanceof BigInteger b) {
            le(o, b.longValue(), 8);
        } else if (v instanceof Double d) {
            le(o, Double.doubleToRawLongBits(d), 8);
        } else if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varLen(o, b.length);
            o.writeBytes(b);
        } else if (v instanceof Opaque op) {
            o.write(op.mysqlType());
            varLen(o, op.data().length);
            o.writeBytes(op.data());
        }
        return o.toByteArray();
    }

    private boolean inlined(Object v) {
        return v == null || v instanceof Boolean || v instanceof Short || v instanceof U16
                || (large && (v instanceof Integer || v instanceof U32));
    }

    private byte[] container(List<String> keysInOrder, List<Object> valuesInOrder, boolean object, Map<?, ?> map) {
        List<String> keys = keysInOrder;
        List<Object> values = valuesInOrder;
        if (object) { // MySQL sorts keys by length, then bytes
            keys = new ArrayList<>(keysInOrder);
            keys.sort(Comparator.comparingInt((String k) -> k.getBytes(StandardCharsets.UTF_8).length)
                    .thenComparing(k -> new String(k.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)));
            values = keys.stream().map(k -> (Object) map.get(k)).toList();
        }
        int n = values.size();
        int offsetSize = large ? 4 : 2;
        int header = 2 * offsetSize;
        int keyEntries = object ? n * (offsetSize + 2) : 0;
        int valueEntries = n * (1 + offsetSize);
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        int base = header + keyEntries + valueEntries;
        int[] keyOffsets = new int[n];
        if (object) {
            for (int i = 0; i < n; i++) {
                keyOffsets[i] = base + tail.size();
                tail.writeBytes(keys.get(i).getBytes(StandardCharsets.UTF_8));
            }
        }
        int[] valueOffsets = new int[n];
        for (int i = 0; i < n; i++) {
            Object v = values.get(i);
            if (!inlined(v)) {
                valueOffsets[i] = base + tail.size();
                tail.writeBytes(body(v));
            }
        }
        int size = base + tail.size();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        le(o, n, offsetSize);
        le(o, size, offsetSize);
        if (object) {
            for (int i = 0; i < n; i++) {
                le(o, keyOffsets[i], offsetSize);
                le(o, keys.get(i).getBytes(StandardCharsets.UTF_8).length, 2);
            }
        }
        for (int i = 0; i < n; i++) {
            Object v = values.get(i);
            o.write(typeOf(v));
            if (inlined(v)) {
                byte[] b = body(v);
                byte[] slot = new byte[offsetSize];
                System.arraycopy(b, 0, slot, 0, Math.min(b.length, offsetSize));
                o.writeBytes(slot);
            } else {
                le(o, valueOffsets[i], offsetSize);
            }
        }
        o.writeBytes(tail.toByteArray());
        return o.toByteArray();
    }

    private static void le(ByteArrayOutputStream o, long v, int n) {
        for (int i = 0; i < n; i++) {
            o.write((int) (v >>> (8 * i)) & 0xFF);
        }
    }

    private static void varLen(ByteArrayOutputStream o, int len) {
        do {
            int b = len & 0x7F;
            len >>>= 7;
            o.write(len != 0 ? b | 0x80 : b);
        } while (len != 0);
    }
}
