package io.dm4j.common.config;

import static io.dm4j.common.config.ValueTypes.STRING;
import static io.dm4j.common.config.ValueTypes.STRING_LIST;

import com.google.re2j.PatternSyntaxException;
import io.dm4j.common.errors.ConfigErrors;
import io.dm4j.common.filter.BinlogEventRule;
import io.dm4j.common.filter.BlockAllowListRule;
import io.dm4j.common.filter.ExpressionFilterRule;
import io.dm4j.common.filter.ExtractRule;
import io.dm4j.common.filter.FilterAction;
import io.dm4j.common.filter.GoRegex;
import io.dm4j.common.filter.RouteRule;
import io.dm4j.common.filter.TableRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Keys of the table-selection rules (block-allow-list, routes, filters, expression-filter) and how their values
 * become the shared rule records of {@code io.dm4j.common.filter}, with the checks DM applies to them.
 */
final class RuleSchemas {
    private RuleSchemas() {
    }

    // -- routes ---------------------------------------------------------------------------------------------
    static final Option<String> SCHEMA_PATTERN = Option.of("schema-pattern", STRING, "",
            "Upstream schema name: wildcard (`*` at the end, `?`) or `~regex`.").required();
    static final Option<String> TABLE_PATTERN = Option.of("table-pattern", STRING, "",
            "Upstream table name: wildcard or `~regex`; empty = a schema-level rule.");
    static final Option<String> TARGET_SCHEMA = Option.of("target-schema", STRING, "", "Downstream schema name.");
    static final Option<String> TARGET_TABLE = Option.of("target-table", STRING, "", "Downstream table name; empty keeps the upstream name.");
    static final Option<String> TARGET_COLUMN = Option.of("target-column", STRING, "", "Downstream column that receives the extracted value.").required();
    static final Option<String> TABLE_REGEXP = Option.of("table-regexp", STRING, "", "Regular expression over the table name; its first group is extracted.").required();
    static final Option<String> SCHEMA_REGEXP = Option.of("schema-regexp", STRING, "", "Regular expression over the schema name; its first group is extracted.").required();
    static final Option<String> SOURCE_REGEXP = Option.of("source-regexp", STRING, "", "Regular expression over the source-id; its first group is extracted.").required();

    static final Schema ROUTE = Schema.of("routes.<name>", "A table routing rule: where an upstream table goes downstream.",
            SCHEMA_PATTERN, TABLE_PATTERN, TARGET_SCHEMA, TARGET_TABLE,
            Schema.one("extract-table", Schema.of("extract-table", "Write part of the table name into a column.", TABLE_REGEXP, TARGET_COLUMN),
                    "Write part of the upstream table name into an extra downstream column."),
            Schema.one("extract-schema", Schema.of("extract-schema", "Write part of the schema name into a column.", SCHEMA_REGEXP, TARGET_COLUMN),
                    "Write part of the upstream schema name into an extra downstream column."),
            Schema.one("extract-source", Schema.of("extract-source", "Write part of the source-id into a column.", SOURCE_REGEXP, TARGET_COLUMN),
                    "Write part of the source-id into an extra downstream column."));

    // -- filters --------------------------------------------------------------------------------------------
    /** The filter action as written in files ({@code Do}, {@code Ignore}, {@code Error}). */
    enum Action implements ConfigEnum {
        DO("Do"), IGNORE("Ignore"), ERROR("Error");

        private final String label;

        Action(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    static final Option<String> FILTER_TABLE_PATTERN = Option.of("table-pattern", STRING, "",
            "Upstream table name (wildcard); empty = every table of the schema.");
    static final Option<String> FILTER_SCHEMA_PATTERN = Option.of("schema-pattern", STRING, "",
            "Upstream schema name (wildcard: `*` only at the end, `?`).").required();
    static final Option<List<String>> EVENTS = Option.of("events", STRING_LIST, List.of(),
            "Event types the rule matches, e.g. `insert`, `all ddl`, `truncate table` (see the list below).");
    static final Option<List<String>> SQL_PATTERN = Option.of("sql-pattern", STRING_LIST, List.of(),
            "Regular expressions matched (case-insensitively) against DDL statement text.");
    static final Option<Action> ACTION = Option.of("action", ValueTypes.choice(Action.class), null,
            "`Ignore` drops matching events, `Error` stops the task, `Do` keeps only matching events.").required();

    static final Schema FILTER = Schema.of("filters.<name>", "A binlog event filter rule.",
            FILTER_SCHEMA_PATTERN, FILTER_TABLE_PATTERN, EVENTS, SQL_PATTERN, ACTION);

    // -- block-allow-list -----------------------------------------------------------------------------------
    static final Option<String> DB_NAME = Option.of("db-name", STRING, "", "Schema name: wildcard or `~regex`.").required();
    static final Option<String> TBL_NAME = Option.of("tbl-name", STRING, "", "Table name: wildcard or `~regex`.").required();
    static final Schema TABLE_REF = Schema.of("table", "A schema and table pattern.", DB_NAME, TBL_NAME);

    static final Option<List<String>> DO_DBS = Option.of("do-dbs", STRING_LIST, List.of(), "Schemas to replicate (wildcard or `~regex`); others are dropped.");
    static final Option<List<String>> IGNORE_DBS = Option.of("ignore-dbs", STRING_LIST, List.of(), "Schemas to drop, used when `do-dbs` is empty.");

    static final Schema BLOCK_ALLOW_LIST = Schema.of("block-allow-list.<name>",
            "Which schemas and tables are replicated (MySQL replicate-do/ignore semantics).",
            DO_DBS, IGNORE_DBS,
            Schema.list("do-tables", TABLE_REF, "Tables to replicate: entries with `db-name` and `tbl-name`."),
            Schema.list("ignore-tables", TABLE_REF, "Tables to drop, used when `do-tables` is empty."));

    // -- expression-filter ----------------------------------------------------------------------------------
    static final Option<String> EXPR_SCHEMA = Option.of("schema", STRING, "", "Upstream schema name (exact, no wildcard).").required();
    static final Option<String> EXPR_TABLE = Option.of("table", STRING, "", "Upstream table name (exact, no wildcard).").required();
    static final Option<String> INSERT_EXPR = Option.of("insert-value-expr", STRING, "", "SQL condition over the inserted row; matching rows are not replicated.");
    static final Option<String> UPDATE_OLD_EXPR = Option.of("update-old-value-expr", STRING, "", "SQL condition over the row before an UPDATE.");
    static final Option<String> UPDATE_NEW_EXPR = Option.of("update-new-value-expr", STRING, "", "SQL condition over the row after an UPDATE (ANDed with the old one).");
    static final Option<String> DELETE_EXPR = Option.of("delete-value-expr", STRING, "", "SQL condition over the deleted row.");

    static final Schema EXPRESSION_FILTER = Schema.of("expression-filter.<name>",
            "Drop row changes for which an SQL expression is true; exactly one of insert, update or delete.",
            EXPR_SCHEMA, EXPR_TABLE, INSERT_EXPR, UPDATE_OLD_EXPR, UPDATE_NEW_EXPR, DELETE_EXPR);

    // -- builders -------------------------------------------------------------------------------------------

    static RouteRule route(Values v, Problems problems) {
        checkPattern(v, SCHEMA_PATTERN, v.get(SCHEMA_PATTERN), problems);
        checkPattern(v, TABLE_PATTERN, v.get(TABLE_PATTERN), problems);
        return new RouteRule(v.get(SCHEMA_PATTERN), v.get(TABLE_PATTERN), v.get(TARGET_SCHEMA), v.get(TARGET_TABLE),
                extract(v, "extract-table", TABLE_REGEXP, problems), extract(v, "extract-schema", SCHEMA_REGEXP, problems),
                extract(v, "extract-source", SOURCE_REGEXP, problems));
    }

    private static ExtractRule extract(Values route, String key, Option<String> regexp, Problems problems) {
        return route.child(key).map(e -> {
            checkRegex(e, regexp, e.get(regexp), problems);
            return new ExtractRule(e.get(regexp), e.get(TARGET_COLUMN));
        }).orElse(null);
    }

    static BinlogEventRule filter(Values v, Problems problems) {
        checkWildcard(v, FILTER_SCHEMA_PATTERN, problems);
        checkWildcard(v, FILTER_TABLE_PATTERN, problems);
        List<String> events = events(v, problems);
        for (String sql : v.get(SQL_PATTERN)) {
            checkRegex(v, SQL_PATTERN, sql, problems);
        }
        Action action = v.get(ACTION);
        FilterAction filterAction = action == null ? null : FilterAction.parse(action.label());
        return new BinlogEventRule(v.get(FILTER_SCHEMA_PATTERN), v.get(FILTER_TABLE_PATTERN), events, v.get(SQL_PATTERN), filterAction);
    }

    /**
     * Canonical event names. DM accepts a file with an unknown name (it only logs and drops the whole rule at run
     * time), so an unknown name next to known ones is a warning and is left out: it could never match anyway. A
     * rule whose names are all unknown is an error, since it would do nothing (or, with Do, drop everything).
     */
    private static List<String> events(Values v, Problems problems) {
        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String e : v.get(EVENTS)) {
            FilterEventNames.canonical(e).ifPresentOrElse(known::add, () -> unknown.add(e));
        }
        for (String e : unknown) {
            String message = "unknown event type `" + e + "`" + Suggestions.didYouMean(e, FilterEventNames.ALL)
                    + "; allowed event types: " + String.join(", ", FilterEventNames.ALL);
            if (known.isEmpty()) {
                problems.error(ConfigErrors.INVALID_ENUM, v.path(EVENTS.key()), v.mark(EVENTS.key()), message);
            } else {
                problems.warn(v.path(EVENTS.key()), v.mark(EVENTS.key()), message + " (the name is ignored, as DM never matches it)");
            }
        }
        return known;
    }

    static BlockAllowListRule blockAllowList(Values v, Problems problems) {
        for (String db : v.get(DO_DBS)) {
            checkPattern(v, DO_DBS, db, problems);
        }
        for (String db : v.get(IGNORE_DBS)) {
            checkPattern(v, IGNORE_DBS, db, problems);
        }
        return new BlockAllowListRule(v.get(DO_DBS), v.get(IGNORE_DBS), tables(v.list("do-tables"), problems),
                tables(v.list("ignore-tables"), problems));
    }

    private static List<TableRef> tables(List<Values> list, Problems problems) {
        List<TableRef> out = new ArrayList<>();
        for (Values t : list) {
            checkPattern(t, DB_NAME, t.get(DB_NAME), problems);
            checkPattern(t, TBL_NAME, t.get(TBL_NAME), problems);
            out.add(new TableRef(t.get(DB_NAME), t.get(TBL_NAME)));
        }
        return out;
    }

    static ExpressionFilterRule expressionFilter(Values v, Problems problems) {
        List<String> given = new ArrayList<>();
        if (!v.get(INSERT_EXPR).isEmpty()) {
            given.add(INSERT_EXPR.key());
        }
        if (!v.get(UPDATE_OLD_EXPR).isEmpty() || !v.get(UPDATE_NEW_EXPR).isEmpty()) {
            given.add("update-old-value-expr/update-new-value-expr");
        }
        if (!v.get(DELETE_EXPR).isEmpty()) {
            given.add(DELETE_EXPR.key());
        }
        if (given.size() > 1) {
            problems.error(ConfigErrors.CONFLICT, v.path(), v.mark(), "an expression filter takes exactly one kind of expression, found "
                    + String.join(" and ", given) + "; split it into one rule per kind");
        }
        String prefix = "expression-filter.";
        String name = v.path().startsWith(prefix) ? v.path().substring(prefix.length()) : v.path();
        return new ExpressionFilterRule(name, v.get(EXPR_SCHEMA), v.get(EXPR_TABLE), emptyToNull(v.get(INSERT_EXPR)),
                emptyToNull(v.get(UPDATE_OLD_EXPR)), emptyToNull(v.get(UPDATE_NEW_EXPR)), emptyToNull(v.get(DELETE_EXPR)));
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    /** A table-selector pattern: `~regex` must compile; wildcards need no check here. */
    private static void checkPattern(Values v, Option<?> option, String value, Problems problems) {
        if (value.startsWith("~")) {
            checkRegex(v, option, value.substring(1), problems);
        }
    }

    private static void checkRegex(Values v, Option<?> option, String regex, Problems problems) {
        try {
            GoRegex.compile(regex, false);
        } catch (PatternSyntaxException e) {
            problems.error(ConfigErrors.INVALID_VALUE, v.path(option.key()), v.mark(option.key()), "invalid regular expression `"
                    + regex + "`: " + e.getDescription());
        }
    }

    /** The binlog event filter's selector accepts `*` only as the last character. */
    private static void checkWildcard(Values v, Option<String> option, Problems problems) {
        String p = v.get(option);
        int star = p.indexOf('*');
        if (star >= 0 && star != p.length() - 1) {
            problems.error(ConfigErrors.INVALID_VALUE, v.path(option.key()), v.mark(option.key()), "pattern `" + p
                    + "` has `*` before its end; a filter pattern allows one `*`, as the last character (e.g. `log_*`)");
        }
    }
}
