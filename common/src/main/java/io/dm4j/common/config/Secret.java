package io.dm4j.common.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A password. {@link #toString()} never shows it (always {@code ******}), so records holding a Secret can be
 * logged and printed safely; call {@link #reveal()} only where the plain text is really needed (a JDBC connect).
 */
public final class Secret {
    public static final Secret EMPTY = new Secret("");
    public static final String MASK = "******";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String plain) {
        return plain == null || plain.isEmpty() ? EMPTY : new Secret(plain);
    }

    /** The plain text. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
