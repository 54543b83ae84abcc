package io.dm4j.common.filter;

import io.dm4j.common.errors.FilterErrors;
import io.dm4j.common.model.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which upstream schemas and tables a task replicates ({@code block-allow-list}), with MySQL's
 * replicate-* precedence as DM applies it:
 * <ol>
 *   <li>schema level: when {@code do-dbs} is non-empty the schema must match one of them (and
 *       {@code ignore-dbs} is not consulted); otherwise a schema matching {@code ignore-dbs} is dropped;</li>
 *   <li>table level (skipped for schema-level names): a table matching {@code do-tables} is kept; else a table
 *       matching {@code ignore-tables} is dropped; else it is kept only when {@code do-tables} is empty.</li>
 * </ol>
 * So with {@code do-dbs: [a]} and {@code do-tables: [{db-name: b, ...}]} no table of {@code b} passes (its
 * schema fails step 1) and no table of {@code a} passes (it matches no do-table), while the schema {@code a}
 * itself does. System schemas ({@code mysql}, {@code information_schema}, {@code performance_schema},
 * {@code sys}, {@code metrics_schema}, {@code inspection_schema}, {@code dm_heartbeat}, compared
 * case-insensitively) and the task's meta schema are always dropped. Decisions are cached per table.
 */
public final class BlockAllowList {
    private static final Logger LOG = LoggerFactory.getLogger(BlockAllowList.class);

    /** Schemas DM never replicates (lower-case). */
    public static final Set<String> SYSTEM_SCHEMAS = Set.of("mysql", "information_schema", "performance_schema",
            "sys", "metrics_schema", "inspection_schema", "dm_heartbeat");

    private final boolean caseSensitive;
    private final String metaSchema;
    private final List<NamePattern> doDbs;
    private final List<NamePattern> ignoreDbs;
    private final List<TableSelector> doTables;
    private final List<TableSelector> ignoreTables;
    private final DecisionCache<TableId, Boolean> cache = new DecisionCache<>();

    private BlockAllowList(BlockAllowListRule rule, boolean caseSensitive, String metaSchema) {
        this.caseSensitive = caseSensitive;
        this.metaSchema = metaSchema == null ? "" : metaSchema.toLowerCase(Locale.ROOT);
        this.doDbs = compileDbs(rule.doDbs(), "do-dbs");
        this.ignoreDbs = compileDbs(rule.ignoreDbs(), "ignore-dbs");
        this.doTables = compileTables(rule.doTables(), "do-tables");
        this.ignoreTables = compileTables(rule.ignoreTables(), "ignore-tables");
    }

    /**
     * Builds the list for one task and source.
     *
     * @param rule the task's rule, or null to keep everything (but system schemas)
     * @param caseSensitive the task's {@code case-sensitive}
     * @param metaSchema the task's {@code meta-schema} (dropped like a system schema), or null
     */
    public static BlockAllowList create(BlockAllowListRule rule, boolean caseSensitive, String metaSchema) {
        return new BlockAllowList(rule == null ? BlockAllowListRule.allowAll() : rule, caseSensitive, metaSchema);
    }

    /** Whether DM treats the schema as a system schema (case-insensitive). */
    public static boolean isSystemSchema(String schema) {
        return SYSTEM_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT));
    }

    /** Whether changes of the table are replicated; a schema-level id is decided by {@link #keepSchema}. */
    public boolean keep(TableId table) {
        if (isAlwaysDropped(table.schema())) {
            return false;
        }
        return cache.get(table, this::evaluate);
    }

    /**
     * Whether schema-level statements (CREATE/ALTER/DROP DATABASE) of the schema are replicated. No table of a
     * schema this refuses is {@link #keep kept}, so callers may skip such schemas when they look for tables.
     */
    public boolean keepSchema(String schema) {
        return keep(TableId.schemaOnly(schema));
    }

    /** How many decisions were computed rather than served from the cache (for tests). */
    long computations() {
        return cache.computations();
    }

    private boolean isAlwaysDropped(String schema) {
        return isSystemSchema(schema) || (!metaSchema.isEmpty() && metaSchema.equals(schema.toLowerCase(Locale.ROOT)));
    }

    private Boolean evaluate(TableId table) {
        TableId folded = new TableId(NamePattern.fold(table.schema(), caseSensitive),
                NamePattern.fold(table.table(), caseSensitive));
        boolean keep = passesSchemaLevel(folded.schema()) && passesTableLevel(folded);
        LOG.debug("block-allow-list {} {}", keep ? "keeps" : "drops", table);
        return keep;
    }

    private boolean passesSchemaLevel(String schema) {
        if (!doDbs.isEmpty()) {
            return anyMatches(doDbs, schema);
        }
        return !anyMatches(ignoreDbs, schema);
    }

    private boolean passesTableLevel(TableId t) {
        if (t.isSchemaOnly()) {
            return true;
        }
        if (anyMatches(doTables, t)) {
            return true;
        }
        if (anyMatches(ignoreTables, t)) {
            return false;
        }
        return doTables.isEmpty();
    }

    private static boolean anyMatches(List<NamePattern> patterns, String name) {
        for (NamePattern p : patterns) {
            if (p.matches(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyMatches(List<TableSelector> selectors, TableId t) {
        for (TableSelector s : selectors) {
            if (s.matches(t.schema(), t.table())) {
                return true;
            }
        }
        return false;
    }

    private List<NamePattern> compileDbs(List<String> names, String key) {
        List<NamePattern> out = new ArrayList<>(names.size());
        for (String name : names) {
            if (name == null || name.isEmpty()) {
                throw FilterErrors.INVALID_BLOCK_ALLOW_LIST.error("block-allow-list " + key
                        + " contains an empty schema name");
            }
            out.add(NamePattern.compile("block-allow-list " + key, name, caseSensitive));
        }
        return List.copyOf(out);
    }

    private List<TableSelector> compileTables(List<TableRef> refs, String key) {
        List<TableSelector> out = new ArrayList<>(refs.size());
        for (TableRef ref : refs) {
            if (ref == null || ref.dbName() == null || ref.dbName().isEmpty()
                    || ref.tblName() == null || ref.tblName().isEmpty()) {
                throw FilterErrors.INVALID_BLOCK_ALLOW_LIST.error("block-allow-list " + key + " entry " + ref
                        + " needs both db-name and tbl-name");
            }
            out.add(TableSelector.compile("block-allow-list " + key, ref.dbName(), ref.tblName(),
                    caseSensitive));
        }
        return List.copyOf(out);
    }
}
