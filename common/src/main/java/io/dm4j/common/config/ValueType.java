package io.dm4j.common.config;

import io.dm4j.common.errors.ErrorCode;

/** How one kind of configuration value is read from the tree, named in docs and shown as a default. */
interface ValueType<T> {

    /** Human name for docs and messages, e.g. "integer", "duration (e.g. 30s, 5m)". */
    String name();

    /** Reads a non-null node; throws {@link InvalidValue} describing what was wrong and what is allowed. */
    T read(ConfigNode node, ReadContext ctx);

    /** How a value of this type is written in a file (for defaults in docs). */
    default String show(T value) {
        return String.valueOf(value);
    }

    /** Whether a command-line override is a comma-separated list. */
    default boolean isList() {
        return false;
    }

    /** A value that cannot be used; the reader turns it into a {@link ConfigProblem} for the key. */
    final class InvalidValue extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ErrorCode code;

        InvalidValue(ErrorCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        ErrorCode code() {
            return code;
        }
    }
}
