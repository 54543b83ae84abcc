package io.dm4j.common.filter;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.FilterErrors;
import io.dm4j.common.model.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DM's binlog event filter ({@code filters}): decides per event whether it is applied ({@link FilterAction#DO}),
 * skipped ({@link FilterAction#IGNORE}) or stops the task ({@link FilterAction#ERROR}).
 *
 * <p>A rule applies to a table when its patterns match (see {@link TableSelector}): a rule without
 * {@code table-pattern} applies to its schemas' schema-level events and to every table in them. For each applying
 * rule, in rule order:
 * <ul>
 *   <li>events: the type is in the rule's {@code events} (group names expand, scanned in order so an earlier
 *       {@code none} wins) ⇒ an {@code Ignore} rule ignores, an {@code Error} rule errs; the type is not in them
 *       and the rule is {@code Do} ⇒ ignored;</li>
 *   <li>sql-pattern (only for statements with text, only when the rule has patterns): the same logic with "a
 *       pattern is found in the statement" (case-insensitive) in place of "the type is listed".</li>
 * </ul>
 * {@code Ignore} wins over {@code Error}, which wins over {@code Do}; no applying rule (or no verdict) gives
 * {@code Do}. Matching rules are cached per table.
 */
public final class BinlogEventFilter {

    private final boolean caseSensitive;
    private final List<CompiledRule> rules;
    private final DecisionCache<TableId, List<CompiledRule>> matching = new DecisionCache<>();

    private BinlogEventFilter(Map<String, BinlogEventRule> namedRules, boolean caseSensitive) {
        this.caseSensitive = caseSensitive;
        List<CompiledRule> compiled = new ArrayList<>();
        namedRules.forEach((name, rule) -> compiled.add(CompiledRule.compile(name, rule, caseSensitive)));
        this.rules = List.copyOf(compiled);
    }

    /** A filter over the named rules, applied in the given (iteration) order. */
    public static BinlogEventFilter create(Map<String, BinlogEventRule> namedRules, boolean caseSensitive) {
        return new BinlogEventFilter(namedRules, caseSensitive);
    }

    /** A filter over unnamed rules; error messages call them {@code #1}, {@code #2}, ... */
    public static BinlogEventFilter create(List<BinlogEventRule> rules, boolean caseSensitive) {
        Map<String, BinlogEventRule> named = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            named.put("#" + (i + 1), rules.get(i));
        }
        return new BinlogEventFilter(named, caseSensitive);
    }

    /**
     * The verdict for one event.
     *
     * @param table the table, or a schema-level id for database statements
     * @param type the event's type; null for a statement whose type is unknown (only sql-pattern applies)
     * @param statementText the raw SQL of a query event, or null/empty for row events
     */
    public FilterAction decide(TableId table, EventType type, String statementText) {
        if (type != null && type.category() == EventType.Category.GROUP) {
            throw new IllegalArgumentException("'" + type + "' names a group of event types, not an event");
        }
        List<CompiledRule> applying = matching.get(table, this::findRules);
        if (applying.isEmpty()) {
            return FilterAction.DO;
        }
        boolean hasText = statementText != null && !statementText.isEmpty();
        boolean error = false;
        for (CompiledRule rule : applying) {
            if (type != null) {
                FilterAction verdict = verdict(rule.action(), rule.listsEvent(type));
                if (verdict == FilterAction.IGNORE) {
                    return FilterAction.IGNORE;
                }
                error |= verdict == FilterAction.ERROR;
            }
            if (hasText && rule.sqlPattern() != null) {
                FilterAction verdict = verdict(rule.action(), rule.sqlPattern().matcher(statementText).find());
                if (verdict == FilterAction.IGNORE) {
                    return FilterAction.IGNORE;
                }
                error |= verdict == FilterAction.ERROR;
            }
        }
        return error ? FilterAction.ERROR : FilterAction.DO;
    }

    /**
     * The verdict for a statement that could not be attributed to a table (e.g. one the parser does not
     * understand): as DM does, it is checked against the rules that match an empty schema name (those with
     * {@code schema-pattern: "*"}) by sql-pattern only.
     */
    public FilterAction decideStatement(String statementText) {
        return decide(new TableId("", ""), null, statementText);
    }

    /** Whether there are no rules (everything is done). */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** How many per-table rule lists were computed rather than served from the cache (for tests). */
    long computations() {
        return matching.computations();
    }

    /** One rule's verdict: listed ⇒ its action (Do has none), not listed ⇒ Ignore for Do rules. */
    private static FilterAction verdict(FilterAction action, boolean listed) {
        if (listed) {
            return action == FilterAction.DO ? null : action;
        }
        return action == FilterAction.DO ? FilterAction.IGNORE : null;
    }

    private List<CompiledRule> findRules(TableId table) {
        String schema = NamePattern.fold(table.schema(), caseSensitive);
        String name = NamePattern.fold(table.table(), caseSensitive);
        List<CompiledRule> out = new ArrayList<>(2);
        for (CompiledRule r : rules) {
            if (r.selector().matches(schema, name)) {
                out.add(r);
            }
        }
        return List.copyOf(out);
    }

    private record CompiledRule(String name, TableSelector selector, List<EventType> events, Pattern sqlPattern,
                                FilterAction action) {

        static CompiledRule compile(String name, BinlogEventRule rule, boolean caseSensitive) {
            String label = "binlog event filter rule '" + name + "'";
            if (rule == null) {
                throw FilterErrors.INVALID_EVENT_FILTER_RULE.error(label + " is empty");
            }
            if (rule.schemaPattern() == null || rule.schemaPattern().isEmpty()) {
                throw FilterErrors.INVALID_EVENT_FILTER_RULE.error(label + " has no schema-pattern");
            }
            if (rule.action() == null) {
                throw FilterErrors.INVALID_EVENT_FILTER_RULE.error(label
                        + " has no action; allowed: Do, Ignore, Error");
            }
            TableSelector selector = TableSelector.compile(label, rule.schemaPattern(), rule.tablePattern(),
                    caseSensitive);
            List<EventType> events = new ArrayList<>();
            for (String e : rule.events()) {
                if (e != null && !e.isBlank()) { // DM accepts "" and it never matches
                    try {
                        events.add(EventType.parse(e));
                    } catch (DmException ex) {
                        throw new DmException(ex.code(), label + ": " + ex.detail(), null, null);
                    }
                }
            }
            return new CompiledRule(name, selector, List.copyOf(events), compileSql(label, rule.sqlPatterns()),
                    rule.action());
        }

        private static Pattern compileSql(String label, List<String> patterns) {
            if (patterns.isEmpty()) {
                return null;
            }
            List<String> groups = new ArrayList<>();
            for (String p : patterns) {
                try {
                    GoRegex.compile(p, true); // validates each one, so the error names the bad pattern
                } catch (PatternSyntaxException e) {
                    throw FilterErrors.INVALID_EVENT_FILTER_RULE.wrap(e, label + ": sql-pattern '" + p
                            + "' is not a valid regular expression: " + e.getDescription());
                }
                groups.add("(?:" + p + ")");
            }
            return GoRegex.compile(String.join("|", groups), true);
        }

        /** DM's event matching: the first listed entry that decides wins. */
        boolean listsEvent(EventType type) {
            for (EventType listed : events) {
                switch (listed) {
                    case ALL:
                        return true;
                    case NONE:
                        return false;
                    case ALL_DDL:
                    case NONE_DDL:
                        if (type.isDdl()) {
                            return listed == EventType.ALL_DDL;
                        }
                        break;
                    case ALL_DML:
                    case NONE_DML:
                        if (type.isDml()) {
                            return listed == EventType.ALL_DML;
                        }
                        break;
                    case INCOMPATIBLE_DDL_CHANGES:
                        if (type.category() == EventType.Category.INCOMPATIBLE_DDL) {
                            return true;
                        }
                        break;
                    default:
                        if (listed == type) {
                            return true;
                        }
                }
            }
            return false;
        }
    }
}
