package io.dm4j.common.filter;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.FilterErrors;
import io.dm4j.common.model.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps upstream tables to downstream tables ({@code routes}), as DM does:
 * <ul>
 *   <li>a table is routed by the one table-level rule (schema and table pattern) it matches; matching two is an
 *       error; an empty {@code target-table} keeps the table name;</li>
 *   <li>a table that matches no table-level rule, and every schema-level name ({@code CREATE/DROP DATABASE}),
 *       is routed by the one schema-level rule (no table pattern) it matches: target schema, same table name;
 *       matching two is an error;</li>
 *   <li>no matching rule: the name is unchanged.</li>
 * </ul>
 * Patterns follow {@link NamePattern} and the task's case sensitivity; targets are used as written. Results are
 * cached per table.
 */
public final class TableRouter {

    private final boolean caseSensitive;
    private final List<CompiledRoute> tableRules;
    private final List<CompiledRoute> schemaRules;
    private final DecisionCache<TableId, Resolution> routes = new DecisionCache<>();
    private final DecisionCache<ExtractKey, ExtractedColumns> extractions = new DecisionCache<>();

    private TableRouter(Map<String, RouteRule> namedRules, boolean caseSensitive) {
        this.caseSensitive = caseSensitive;
        List<CompiledRoute> tables = new ArrayList<>();
        List<CompiledRoute> schemas = new ArrayList<>();
        namedRules.forEach((name, rule) -> {
            CompiledRoute compiled = CompiledRoute.compile(name, rule, caseSensitive);
            (compiled.selector().isSchemaLevel() ? schemas : tables).add(compiled);
        });
        this.tableRules = List.copyOf(tables);
        this.schemaRules = List.copyOf(schemas);
    }

    /** A router over the task's named rules, in the given (iteration) order. */
    public static TableRouter create(Map<String, RouteRule> namedRules, boolean caseSensitive) {
        return new TableRouter(namedRules, caseSensitive);
    }

    /** A router over unnamed rules; error messages call them {@code #1}, {@code #2}, ... */
    public static TableRouter create(List<RouteRule> rules, boolean caseSensitive) {
        Map<String, RouteRule> named = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            named.put("#" + (i + 1), rules.get(i));
        }
        return new TableRouter(named, caseSensitive);
    }

    /**
     * The downstream name of an upstream table or schema-level name.
     *
     * @throws DmException {@link FilterErrors#ROUTE_AMBIGUOUS} naming the two rules when more than one applies
     */
    public TableId route(TableId source) {
        return routes.get(source, this::resolve).target();
    }

    /**
     * The extra column values of the rule that routes {@code source}: the concatenated capture groups of each
     * extractor's regular expression applied to the table name, the schema name and {@code sourceId} ("" when
     * the expression does not match). Empty when no rule, or a rule without extractors, applies.
     */
    public ExtractedColumns extract(TableId source, String sourceId) {
        return extractions.get(new ExtractKey(source, sourceId == null ? "" : sourceId), this::computeExtraction);
    }

    /** Whether the router has no rules (routing is the identity). */
    public boolean isEmpty() {
        return tableRules.isEmpty() && schemaRules.isEmpty();
    }

    /** How many routes were computed rather than served from the cache (for tests). */
    long computations() {
        return routes.computations();
    }

    private Resolution resolve(TableId source) {
        String schema = NamePattern.fold(source.schema(), caseSensitive);
        String table = NamePattern.fold(source.table(), caseSensitive);
        CompiledRoute rule = null;
        if (!source.isSchemaOnly()) {
            rule = single(tableRules, schema, table, source, "table-level");
        }
        if (rule == null) {
            rule = single(schemaRules, schema, table, source, "schema-level");
        }
        if (rule == null) {
            return new Resolution(null, source);
        }
        String targetSchema = rule.rule().targetSchema();
        String targetTable = rule.rule().targetTable();
        if (source.isSchemaOnly() || targetTable == null || targetTable.isEmpty()) {
            targetTable = source.table();
        }
        return new Resolution(rule, new TableId(targetSchema, targetTable));
    }

    private static CompiledRoute single(List<CompiledRoute> rules, String schema, String table, TableId source,
                                        String level) {
        CompiledRoute found = null;
        for (CompiledRoute r : rules) {
            if (r.selector().matches(schema, table)) {
                if (found != null) {
                    throw FilterErrors.ROUTE_AMBIGUOUS.error(source.quoted() + " matches more than one " + level
                            + " route rule: " + found + " and " + r + "; a table may match only one");
                }
                found = r;
            }
        }
        return found;
    }

    private ExtractedColumns computeExtraction(ExtractKey key) {
        CompiledRoute rule = routes.get(key.table(), this::resolve).rule();
        if (rule == null || !rule.hasExtractors()) {
            return ExtractedColumns.NONE;
        }
        List<String> columns = new ArrayList<>(3);
        List<String> values = new ArrayList<>(3);
        rule.tableExtractor().ifPresent(e -> e.addTo(key.table().table(), columns, values));
        rule.schemaExtractor().ifPresent(e -> e.addTo(key.table().schema(), columns, values));
        rule.sourceExtractor().ifPresent(e -> e.addTo(key.sourceId(), columns, values));
        return new ExtractedColumns(columns, values);
    }

    private record Resolution(CompiledRoute rule, TableId target) {
    }

    private record ExtractKey(TableId table, String sourceId) {
    }

    /** One extract-* setting with its compiled expression. */
    private record Extractor(Pattern regexp, String targetColumn) {
        static Optional<Extractor> compile(ExtractRule rule, String ruleName, String key) {
            if (rule == null) {
                return Optional.empty();
            }
            if (rule.targetColumn() == null || rule.targetColumn().isEmpty()) {
                throw FilterErrors.INVALID_ROUTE_RULE.error("route rule '" + ruleName + "': " + key
                        + " needs a target-column");
            }
            if (rule.regexp() == null) {
                throw FilterErrors.INVALID_ROUTE_RULE.error("route rule '" + ruleName + "': " + key
                        + " needs a regular expression");
            }
            try {
                return Optional.of(new Extractor(GoRegex.compile(rule.regexp(), false), rule.targetColumn()));
            } catch (PatternSyntaxException e) {
                throw FilterErrors.INVALID_ROUTE_RULE.wrap(e, "route rule '" + ruleName + "': " + key
                        + " regular expression '" + rule.regexp() + "' is invalid: " + e.getDescription());
            }
        }

        /** DM joins all capture groups of the first match; no match gives "". */
        void addTo(String input, List<String> columns, List<String> values) {
            Matcher m = regexp.matcher(input);
            StringBuilder value = new StringBuilder();
            if (m.find()) {
                for (int g = 1; g <= m.groupCount(); g++) {
                    if (m.group(g) != null) {
                        value.append(m.group(g));
                    }
                }
            }
            columns.add(targetColumn);
            values.add(value.toString());
        }
    }

    private record CompiledRoute(String name, RouteRule rule, TableSelector selector,
                                 Optional<Extractor> tableExtractor, Optional<Extractor> schemaExtractor,
                                 Optional<Extractor> sourceExtractor) {

        static CompiledRoute compile(String name, RouteRule rule, boolean caseSensitive) {
            if (rule == null) {
                throw FilterErrors.INVALID_ROUTE_RULE.error("route rule '" + name + "' is empty");
            }
            if (rule.schemaPattern() == null || rule.schemaPattern().isEmpty()) {
                throw FilterErrors.INVALID_ROUTE_RULE.error("route rule '" + name + "' has no schema-pattern");
            }
            if (rule.targetSchema() == null || rule.targetSchema().isEmpty()) {
                throw FilterErrors.INVALID_ROUTE_RULE.error("route rule '" + name + "' has no target-schema");
            }
            TableSelector selector = TableSelector.compile("route rule '" + name + "'", rule.schemaPattern(),
                    rule.tablePattern(), caseSensitive);
            return new CompiledRoute(name, rule, selector,
                    Extractor.compile(rule.extractTable(), name, "extract-table"),
                    Extractor.compile(rule.extractSchema(), name, "extract-schema"),
                    Extractor.compile(rule.extractSource(), name, "extract-source"));
        }

        boolean hasExtractors() {
            return tableExtractor.isPresent() || schemaExtractor.isPresent() || sourceExtractor.isPresent();
        }

        @Override
        public String toString() {
            return "'" + name + "' (" + selector + ")";
        }
    }
}
