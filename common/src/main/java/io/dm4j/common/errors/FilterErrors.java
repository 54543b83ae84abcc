package io.dm4j.common.errors;

import static io.dm4j.common.errors.ErrorClass.FUNCTIONAL;
import static io.dm4j.common.errors.ErrorLevel.HIGH;
import static io.dm4j.common.errors.ErrorLevel.MEDIUM;
import static io.dm4j.common.errors.ErrorScope.INTERNAL;

/**
 * Table selection errors (11001-11029): block-allow-list, table routing and binlog event filter rules. None is
 * retryable: the rule must be fixed.
 */
public final class FilterErrors {
    private FilterErrors() {
    }

    /** A schema/table pattern that is neither a valid wildcard nor a valid {@code ~regex}. */
    public static final ErrorCode INVALID_PATTERN = new ErrorCode(11001, "ErrSelectorInvalidPattern", FUNCTIONAL,
            INTERNAL, MEDIUM, "%s",
            "Use a wildcard (`*` once and only at the end, `?`, `[...]` / `[!...]`) or a Go regular expression "
                    + "starting with `~`.", false);
    public static final ErrorCode INVALID_BLOCK_ALLOW_LIST = new ErrorCode(11002, "ErrBlockAllowListInvalidRule",
            FUNCTIONAL, INTERNAL, MEDIUM, "%s",
            "Give non-empty names in do-dbs / ignore-dbs and both db-name and tbl-name in do-tables / ignore-tables.",
            false);
    public static final ErrorCode INVALID_ROUTE_RULE = new ErrorCode(11003, "ErrTableRouteInvalidRule", FUNCTIONAL,
            INTERNAL, MEDIUM, "%s",
            "Every route needs schema-pattern and target-schema; extract-* need a valid regular expression and a "
                    + "target-column.", false);
    /** A table matched more than one table-level (or schema-level) route rule. */
    public static final ErrorCode ROUTE_AMBIGUOUS = new ErrorCode(11004, "ErrTableRouteMultipleRules", FUNCTIONAL,
            INTERNAL, HIGH, "%s",
            "Change the route patterns so that each table matches at most one table-level rule and each schema at "
                    + "most one schema-level rule.", false);
    public static final ErrorCode INVALID_EVENT_FILTER_RULE = new ErrorCode(11005, "ErrBinlogEventFilterInvalidRule",
            FUNCTIONAL, INTERNAL, MEDIUM, "%s",
            "Every filter needs schema-pattern and action (Do, Ignore or Error); sql-pattern entries must be valid "
                    + "regular expressions.", false);
    public static final ErrorCode UNKNOWN_EVENT_TYPE = new ErrorCode(11006, "ErrBinlogEventFilterUnknownEvent",
            FUNCTIONAL, INTERNAL, MEDIUM, "%s",
            "Use one of the event names listed in the message (see docs on binlog event filter).", false);
}
