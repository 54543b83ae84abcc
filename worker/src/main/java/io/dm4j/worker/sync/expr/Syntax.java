package io.dm4j.worker.sync.expr;

import java.util.List;

/**
 * The parsed form of an expression, before its names are resolved against a table. Operators and functions are all
 * {@link Call}s named by a lower-case operator name ({@code "="}, {@code "and"}, {@code "is_null"}, {@code "like"},
 * {@code "->>"}, ...) or function name.
 */
sealed interface Syntax {

    /**
     * A constant as written.
     *
     * @param value {@code null}, {@link Long}, {@link java.math.BigInteger}, {@link java.math.BigDecimal}, {@link Double},
     *              {@link String}, or {@code byte[]} (hexadecimal and bit literals); the text of a typed temporal literal
     * @param kind  what the literal is
     */
    record Literal(Object value, LiteralKind kind) implements Syntax {
    }

    enum LiteralKind { NULL, INTEGER, DECIMAL, DOUBLE, STRING, HEX, BOOLEAN, DATE, TIME, TIMESTAMP }

    /** A column, optionally qualified ({@code t.c} or {@code db.t.c}). */
    record Column(String schema, String table, String name) implements Syntax {
    }

    /** An operator or function applied to arguments. */
    record Call(String name, List<Syntax> args) implements Syntax {
        public Call {
            args = List.copyOf(args);
        }
    }

    /**
     * The target of CAST / CONVERT.
     *
     * @param name   upper-case type name: SIGNED, UNSIGNED, DECIMAL, CHAR, BINARY, DATE, DATETIME, TIME, DOUBLE, JSON
     * @param length first number in parentheses, or -1
     * @param scale  second number in parentheses, or -1
     */
    record TypeSpec(String name, int length, int scale) implements Syntax {
    }
}
