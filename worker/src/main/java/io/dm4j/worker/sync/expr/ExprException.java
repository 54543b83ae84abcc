package io.dm4j.worker.sync.expr;

/**
 * A problem found while reading, binding or evaluating one expression. It carries no rule or table: the caller that
 * knows them ({@link ExpressionFilter}) turns it into the user-visible error.
 */
final class ExprException extends RuntimeException {

    enum Kind {
        /** The text is not a valid expression. */
        SYNTAX,
        /** A column that the table does not have; {@link #detail()} is the column name. */
        UNKNOWN_COLUMN,
        /** An unknown function or a wrong number of arguments. */
        UNSUPPORTED_FUNCTION,
        /** Well-formed but meaningless (invalid literal for the comparison, invalid regular expression, ...). */
        INVALID,
        /** Evaluation failed as it fails in MySQL (out-of-range arithmetic, invalid JSON text, ...). */
        EVALUATE
    }

    private final Kind kind;
    private final String detail;

    private ExprException(Kind kind, String message, String detail) {
        super(message, null, false, false);
        this.kind = kind;
        this.detail = detail;
    }

    static ExprException syntax(String message) {
        return new ExprException(Kind.SYNTAX, message, null);
    }

    static ExprException unknownColumn(String column) {
        return new ExprException(Kind.UNKNOWN_COLUMN, "unknown column " + column, column);
    }

    static ExprException unsupportedFunction(String message) {
        return new ExprException(Kind.UNSUPPORTED_FUNCTION, message, null);
    }

    static ExprException invalid(String message) {
        return new ExprException(Kind.INVALID, message, null);
    }

    static ExprException evaluate(String message) {
        return new ExprException(Kind.EVALUATE, message, null);
    }

    Kind kind() {
        return kind;
    }

    String detail() {
        return detail;
    }
}
