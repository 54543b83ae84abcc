package io.dm4j.worker.sync.ddl;

import io.dm4j.common.model.TableId;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves table names of one statement against the current schema and remembers where each name is written,
 * so the statement can later be rendered with routed names.
 */
public final class NameContext {
    private final String currentSchema;
    private final List<NameSlot> slots = new ArrayList<>();

    public NameContext(String currentSchema) {
        this.currentSchema = currentSchema == null || currentSchema.isEmpty() ? null : currentSchema;
    }

    public String currentSchema() {
        return currentSchema;
    }

    /** A table name: resolved with the current schema when unqualified, and recorded for rendering. */
    public TableId table(TokenCursor.QualifiedName name) {
        String schema = name.schema() != null ? name.schema() : currentSchema;
        if (schema == null) {
            throw new DdlSyntaxException("table name `" + name.name() + "` has no schema and no current schema is known");
        }
        TableId id = new TableId(schema, name.name());
        slots.add(new NameSlot(name.start(), name.end(), id));
        return id;
    }

    /** A schema name (CREATE/DROP/ALTER DATABASE), recorded for schema-level routing. */
    public TableId schema(String schema, int start, int end) {
        TableId id = TableId.schemaOnly(schema);
        slots.add(new NameSlot(start, end, id));
        return id;
    }

    public List<NameSlot> slots() {
        return List.copyOf(slots);
    }

    /**
     * Where a name is written: the character range of the whole (possibly qualified) name and what it names.
     * A schema-only id marks a database name.
     */
    public record NameSlot(int start, int end, TableId id) {
    }
}
