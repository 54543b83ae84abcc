package io.dm4j.worker.sync.expr;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.ExprErrors;
import io.dm4j.common.filter.ExpressionFilterRule;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.schema.ColumnDef;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.model.RowChange;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's {@code expression-filter} rules: decides whether a row change is dropped. An INSERT is dropped when an
 * insert rule of its table is TRUE for the new row, an UPDATE when an update rule is TRUE for both images (a missing
 * old or new expression counts as TRUE), a DELETE when a delete rule is TRUE for the old row; NULL and FALSE keep the
 * row. Expressions are parsed when the filter is built and bound to a table's columns on its first row (again after
 * the table's structure changes). Not thread-safe: one reader thread uses it.
 */
public final class ExpressionFilter {
    private static final Logger LOG = LoggerFactory.getLogger(ExpressionFilter.class);
    private static final ExpressionFilter NONE = new ExpressionFilter(List.of(), false, ZoneId.of("UTC"));

    /** One rule's parsed expressions (null where the rule has none). */
    private record ParsedRule(ExpressionFilterRule rule, Syntax insert, Syntax updateOld, Syntax updateNew,
                              Syntax delete) {
        boolean isUpdate() {
            return updateOld != null || updateNew != null;
        }
    }

    /** One rule's expressions bound to a table structure. */
    private record BoundRule(ParsedRule parsed, Expr insert, Expr updateOld, Expr updateNew, Expr delete) {
    }

    /** The rules of one table, bound to the structure they were built for. */
    private record TableRules(TableSchema schema, List<BoundRule> rules) {
    }

    private final List<ParsedRule> rules;
    private final boolean caseSensitive;
    private final ZoneId zone;
    private final Map<TableId, TableRules> bound = new HashMap<>();

    private ExpressionFilter(List<ParsedRule> rules, boolean caseSensitive, ZoneId zone) {
        this.rules = rules;
        this.caseSensitive = caseSensitive;
        this.zone = zone;
    }

    /** A filter that keeps every row. */
    public static ExpressionFilter none() {
        return NONE;
    }

    /**
     * Parses every rule's expressions now, so syntax errors stop the task at its start.
     *
     * @param caseSensitive compare rule schema/table names exactly (else case-insensitively)
     * @param zone          the task time zone: TIMESTAMP values are decoded into it, and timestamp literals with an
     *                      offset ({@code '2021-01-01 12:00:00+08:00'}) are converted into it
     * @throws DmException  {@link ExprErrors#PARSE} when an expression cannot be read
     */
    public static ExpressionFilter of(List<ExpressionFilterRule> rules, boolean caseSensitive, ZoneId zone) {
        if (rules == null || rules.isEmpty()) {
            return NONE;
        }
        List<ParsedRule> parsed = new ArrayList<>();
        for (ExpressionFilterRule r : rules) {
            parsed.add(new ParsedRule(r, parse(r, "insert-value-expr", r.insertValueExpr()),
                    parse(r, "update-old-value-expr", r.updateOldValueExpr()),
                    parse(r, "update-new-value-expr", r.updateNewValueExpr()),
                    parse(r, "delete-value-expr", r.deleteValueExpr())));
        }
        return new ExpressionFilter(List.copyOf(parsed), caseSensitive, zone);
    }

    private static Syntax parse(ExpressionFilterRule rule, String key, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ExprParser.parse(text);
        } catch (ExprException e) {
            throw ExprErrors.PARSE.error(rule.label(), key, text, e.getMessage());
        }
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * Whether the change is dropped by a rule of its source table.
     *
     * @throws DmException {@link ExprErrors#UNKNOWN_COLUMN}, {@link ExprErrors#UNSUPPORTED_FUNCTION} or
     *                     {@link ExprErrors#INVALID} when a rule does not fit the table, {@link ExprErrors#EVALUATE}
     *                     when evaluation fails on this row
     */
    public boolean skip(RowChange change) {
        if (rules.isEmpty()) {
            return false;
        }
        TableRules table = rulesOf(change.source(), change.schema());
        for (BoundRule r : table.rules()) {
            if (drops(r, change)) {
                return true;
            }
        }
        return false;
    }

    private boolean drops(BoundRule r, RowChange c) {
        return switch (c.type()) {
            case INSERT -> r.insert() != null && isTrue(r, "insert-value-expr", r.insert(), c.after(), c);
            case UPDATE -> r.parsed().isUpdate()
                    && (r.updateOld() == null || isTrue(r, "update-old-value-expr", r.updateOld(), c.before(), c))
                    && (r.updateNew() == null || isTrue(r, "update-new-value-expr", r.updateNew(), c.after(), c));
            case DELETE -> r.delete() != null && isTrue(r, "delete-value-expr", r.delete(), c.before(), c);
        };
    }

    private static boolean isTrue(BoundRule r, String key, Expr e, Object[] row, RowChange c) {
        try {
            return Boolean.TRUE.equals(Values.truth(e.eval(row), e.type()));
        } catch (ExprException ex) {
            throw ExprErrors.EVALUATE.error(r.parsed().rule().label(), key, textOf(r.parsed().rule(), key), c.source(),
                    ex.getMessage());
        }
    }

    private TableRules rulesOf(TableId source, TableSchema schema) {
        TableRules t = bound.get(source);
        if (t != null && (t.schema() == schema || t.rules().isEmpty())) {
            return t;
        }
        List<BoundRule> out = new ArrayList<>();
        ExprBinder binder = new ExprBinder(schema, zone);
        for (ParsedRule p : rules) {
            if (matches(p.rule(), source)) {
                out.add(new BoundRule(p, bind(binder, p, "insert-value-expr", p.insert(), schema),
                        bind(binder, p, "update-old-value-expr", p.updateOld(), schema),
                        bind(binder, p, "update-new-value-expr", p.updateNew(), schema),
                        bind(binder, p, "delete-value-expr", p.delete(), schema)));
            }
        }
        if (!out.isEmpty()) {
            LOG.info("expression filters {} bound to table {}", out.stream().map(b -> b.parsed().rule().label()).toList(),
                    source);
        }
        t = new TableRules(schema, List.copyOf(out));
        bound.put(source, t);
        return t;
    }

    private boolean matches(ExpressionFilterRule r, TableId t) {
        return caseSensitive ? r.schema().equals(t.schema()) && r.table().equals(t.table())
                : r.schema().equalsIgnoreCase(t.schema()) && r.table().equalsIgnoreCase(t.table());
    }

    private static Expr bind(ExprBinder binder, ParsedRule p, String key, Syntax s, TableSchema schema) {
        if (s == null) {
            return null;
        }
        ExpressionFilterRule r = p.rule();
        String text = textOf(r, key);
        try {
            return binder.bind(s);
        } catch (ExprException e) {
            throw switch (e.kind()) {
                case UNKNOWN_COLUMN -> ExprErrors.UNKNOWN_COLUMN.error(r.label(), e.detail(), key, text, schema.id(),
                        schema.columns().stream().map(ColumnDef::name).collect(Collectors.joining(", ")));
                case UNSUPPORTED_FUNCTION -> ExprErrors.UNSUPPORTED_FUNCTION.error(r.label(), e.getMessage(), key, text,
                        Functions.names());
                case SYNTAX -> ExprErrors.PARSE.error(r.label(), key, text, e.getMessage());
                default -> ExprErrors.INVALID.error(r.label(), key, text, schema.id(), e.getMessage());
            };
        }
    }

    private static String textOf(ExpressionFilterRule r, String key) {
        return switch (key) {
            case "insert-value-expr" -> r.insertValueExpr();
            case "update-old-value-expr" -> r.updateOldValueExpr();
            case "update-new-value-expr" -> r.updateNewValueExpr();
            default -> r.deleteValueExpr();
        };
    }
}
