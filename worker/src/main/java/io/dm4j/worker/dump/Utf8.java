package io.dm4j.worker.dump;

/** Strict UTF-8 validation (no overlong forms, no surrogates, at most U+10FFFF), without decoding. */
final class Utf8 {
    private Utf8() {
    }

    static boolean isValid(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int n = sequenceLength(b, i);
            if (n < 0) {
                return false;
            }
            i += n;
        }
        return true;
    }

    /** The length of the valid UTF-8 sequence starting at {@code b[i]}, or -1 when none starts there. */
    static int sequenceLength(byte[] b, int i) {
        int c = b[i] & 0xff;
        if (c < 0x80) {
            return 1;
        }
        int need;
        int min;
        if (c >= 0xc2 && c <= 0xdf) {
            need = 1;
            min = 0x80;
        } else if (c >= 0xe0 && c <= 0xef) {
            need = 2;
            min = 0x800;
        } else if (c >= 0xf0 && c <= 0xf4) {
            need = 3;
            min = 0x10000;
        } else {
            return -1;
        }
        if (i + need >= b.length) {
            return -1;
        }
        int cp = c & (0x3f >> need);
        for (int k = 1; k <= need; k++) {
            int x = b[i + k] & 0xff;
            if ((x & 0xc0) != 0x80) {
                return -1;
            }
            cp = (cp << 6) | (x & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return -1;
        }
        return need + 1;
    }
}
