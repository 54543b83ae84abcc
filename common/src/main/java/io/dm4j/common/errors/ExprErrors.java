package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.SYNC_UNIT;
import static io.dm4j.common.errors.ErrorLevel.HIGH;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;

/**
 * Errors of {@code expression-filter} rules (36200-36229): reading the expression, binding it to a table's columns and
 * evaluating it on a row. None is retryable: the same rule fails the same way after a resume.
 */
public final class ExprErrors {
    private ExprErrors() {
    }

    private static final String SEE_DOCS = " The supported syntax is listed in docs/sync.md, section \"Expression filters\".";

    /** The expression text is not valid SQL expression syntax (or uses syntax the evaluator does not have). */
    public static final ErrorCode PARSE = new ErrorCode(36200, "ErrExprFilterParse", SYNC_UNIT, INTERNAL, HIGH,
            "expression-filter %s: cannot parse %s `%s`: %s",
            "Fix the expression in the task's expression-filter section and restart the task." + SEE_DOCS, false);

    /** The expression names a column the table does not have. */
    public static final ErrorCode UNKNOWN_COLUMN = new ErrorCode(36201, "ErrExprFilterUnknownColumn", SYNC_UNIT, INTERNAL,
            HIGH, "expression-filter %s: column `%s` in %s `%s` does not exist in table %s, whose columns are: %s",
            "Use one of the table's columns (check the rule's schema/table and the spelling), or remove the rule, then "
                    + "restart the task.", false);

    /** A function the evaluator does not know, or a known one with the wrong number of arguments. */
    public static final ErrorCode UNSUPPORTED_FUNCTION = new ErrorCode(36202, "ErrExprFilterUnsupportedFunction",
            SYNC_UNIT, INTERNAL, HIGH, "expression-filter %s: %s in %s `%s`; supported functions: %s",
            "Rewrite the expression with the supported functions and operators." + SEE_DOCS, false);

    /** The expression is well-formed but meaningless for the table's columns (e.g. an invalid date literal). */
    public static final ErrorCode INVALID = new ErrorCode(36203, "ErrExprFilterInvalid", SYNC_UNIT, INTERNAL, HIGH,
            "expression-filter %s: %s `%s` on table %s: %s",
            "Fix the expression in the task's expression-filter section and restart the task." + SEE_DOCS, false);

    /** Evaluating the expression on one row failed the way MySQL fails (out-of-range arithmetic, invalid JSON text). */
    public static final ErrorCode EVALUATE = new ErrorCode(36204, "ErrExprFilterEvaluate", SYNC_UNIT, INTERNAL, HIGH,
            "expression-filter %s: evaluating %s `%s` on a row of %s failed: %s",
            "Change the expression so that it cannot fail on such rows (e.g. guard it with IF/CASE), or remove the rule,"
                    + " then restart the task.", false);
}
