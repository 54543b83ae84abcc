package io.dm4j.worker.sync.ddl;

import io.dm4j.common.errors.DdlErrors;
import io.dm4j.common.model.TableId;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One table-level DDL operation to replicate, after splitting a statement ({@code DROP TABLE a, b} gives two).
 * It knows its filter event type, the source tables it touches, what it does (for the schema tracker), and
 * how to write it for the downstream with routed names while keeping the rest of the text as the upstream
 * wrote it.
 */
public final class DdlStatement {

    /** A piece of the downstream text: literal text, or a name to route. */
    sealed interface Piece {
        record Text(String text) implements Piece {
        }

        /** A table name, or a schema name when {@code id.isSchemaOnly()}. */
        record Name(TableId id) implements Piece {
        }
    }

    private final DdlEventType eventType;
    private final List<TableId> tables;
    private final DdlOperation operation;
    private final String originalSql;
    private final List<Piece> pieces;

    DdlStatement(DdlEventType eventType, List<TableId> tables, DdlOperation operation, String originalSql,
                 List<Piece> pieces) {
        this.eventType = Objects.requireNonNull(eventType, "eventType");
        this.tables = List.copyOf(tables);
        this.operation = Objects.requireNonNull(operation, "operation");
        this.originalSql = Objects.requireNonNull(originalSql, "originalSql");
        this.pieces = List.copyOf(pieces);
    }

    public DdlEventType eventType() {
        return eventType;
    }

    /**
     * The source tables this operation touches, unqualified names resolved with the current schema:
     * the table; for RENAME (and ALTER ... RENAME TO) old then new; for CREATE TABLE ... LIKE new then source;
     * for database statements one schema-only id.
     */
    public List<TableId> tables() {
        return tables;
    }

    /** The first of {@link #tables()}: the table (or schema) the statement is about. */
    public TableId table() {
        return tables.get(0);
    }

    /** What the statement does, for {@code SchemaTracker.apply}. */
    public DdlOperation operation() {
        return operation;
    }

    /** The whole upstream statement this operation came from. */
    public String originalSql() {
        return originalSql;
    }

    /**
     * The statement for the downstream: every table name replaced by its routed, schema-qualified, backquoted
     * target (schema names by the target schema), DROP/CREATE guarded with IF [NOT] EXISTS, and everything
     * else exactly as the upstream wrote it.
     *
     * @param router source table (or schema-only id) to target; must not return null
     */
    public String render(Function<TableId, TableId> router) {
        StringBuilder sb = new StringBuilder();
        for (Piece p : pieces) {
            if (p instanceof Piece.Text t) {
                sb.append(t.text());
            } else {
                TableId source = ((Piece.Name) p).id();
                TableId target = router.apply(source);
                if (target == null) {
                    throw DdlErrors.ROUTE_DDL.error(source, originalSql);
                }
                sb.append(source.isSchemaOnly() ? TableId.quote(target.schema()) : target.quoted());
            }
        }
        return sb.toString();
    }

    /** The downstream text without routing (names still qualified and quoted). */
    public String render() {
        return render(Function.identity());
    }

    @Override
    public String toString() {
        return eventType.label() + " " + tables + ": " + render();
    }
}
