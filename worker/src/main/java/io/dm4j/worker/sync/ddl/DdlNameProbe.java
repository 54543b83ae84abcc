package io.dm4j.worker.sync.ddl;

import io.dm4j.common.model.TableId;
import java.util.ArrayList;
import java.util.List;

/**
 * A cheap look at a DDL statement that the full parser may not be able to read: its kind (DM's event type, e.g.
 * {@code alter table}) and every table or database it names as a subject (the table created, altered, dropped or
 * truncated, both sides of a rename, the table of an index statement). It reads only the leading words and the names,
 * so it works on statements whose body the parser rejects; it gives up (an empty result) rather than guess.
 */
public final class DdlNameProbe {

    /** What the probe found; {@code eventType} null and {@code names} empty when it could not tell. */
    public record Result(String eventType, List<TableId> names) {
        public Result {
            names = List.copyOf(names);
        }

        static final Result UNKNOWN = new Result(null, List.of());

        public boolean known() {
            return !names.isEmpty();
        }
    }

    private DdlNameProbe() {
    }

    /**
     * @param currentSchema the query event's schema, for unqualified names (may be empty)
     * @param sql           the statement text
     */
    public static Result probe(String currentSchema, String sql) {
        try {
            TokenCursor c = new TokenCursor(sql);
            if (c.peek() == null) {
                return Result.UNKNOWN;
            }
            String verb = c.peek().upper();
            return switch (verb) {
                case "TRUNCATE" -> truncate(c, currentSchema);
                case "CREATE", "ALTER", "DROP", "RENAME" -> objectStatement(c, verb, currentSchema);
                default -> Result.UNKNOWN;
            };
        } catch (RuntimeException e) {
            return Result.UNKNOWN; // not even the names are readable
        }
    }

    /**
     * The one table a statement-format data change writes ({@code INSERT|REPLACE [INTO] t}, {@code UPDATE t},
     * {@code DELETE FROM t}), as the server logs it for a STATEMENT/MIXED session or when it empties a MEMORY table
     * after a restart; null when the statement names several tables (joins, multi-table DELETE) or cannot be read.
     */
    public static TableId dmlTarget(String currentSchema, String sql) {
        try {
            TokenCursor c = new TokenCursor(sql);
            if (c.peek() == null) {
                return null;
            }
            String verb = c.next().upper();
            while (c.accept("LOW_PRIORITY") || c.accept("DELAYED") || c.accept("HIGH_PRIORITY") || c.accept("QUICK")
                    || c.accept("IGNORE")) {
                // modifiers
            }
            switch (verb) {
                case "INSERT", "REPLACE" -> c.accept("INTO");
                case "DELETE" -> c.expect("FROM");
                case "UPDATE" -> { }
                default -> {
                    return null;
                }
            }
            TableId target = table(c, currentSchema);
            if (c.peekSymbol(",") || c.peekWords("JOIN") || c.peekWords("USING")
                    || verb.equals("UPDATE") && (c.peekWords("AS") || !c.atEnd() && !c.peek().is("SET"))) {
                return null; // more than one table, or an alias we do not follow
            }
            return target;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Result truncate(TokenCursor c, String currentSchema) {
        c.next();
        c.accept("TABLE");
        return new Result("truncate table", List.of(table(c, currentSchema)));
    }

    private static Result objectStatement(TokenCursor c, String verb, String currentSchema) {
        StatementClassifier.Target target = StatementClassifier.target(c);
        c.reset(c.index() + target.objectIndex() + 1);
        String object = target.object();
        List<TableId> names = new ArrayList<>();
        switch (object) {
            case "DATABASE", "SCHEMA" -> {
                skipIfExists(c);
                names.add(TableId.schemaOnly(c.name()));
                return new Result(verb.toLowerCase() + " database", names);
            }
            case "TABLE", "TABLES" -> {
                skipIfExists(c);
                names.add(table(c, currentSchema));
                if (verb.equals("DROP")) {
                    while (c.acceptSymbol(",")) {
                        names.add(table(c, currentSchema));
                    }
                } else if (verb.equals("RENAME")) {
                    readRenamePairs(c, currentSchema, names);
                } else if (verb.equals("ALTER")) {
                    readAlterRenames(c, currentSchema, names);
                }
                return new Result(verb.toLowerCase() + " table", names);
            }
            case "INDEX" -> {
                while (!c.atEnd() && !c.peek().is("ON")) {
                    c.next();
                }
                c.expect("ON");
                names.add(table(c, currentSchema));
                return new Result(verb.toLowerCase() + " index", names);
            }
            default -> {
                return Result.UNKNOWN;
            }
        }
    }

    /** {@code a TO b [, c TO d ...]} after the first name of RENAME TABLE. */
    private static void readRenamePairs(TokenCursor c, String currentSchema, List<TableId> names) {
        while (true) {
            if (c.accept("WAIT")) {
                c.next();
            } else {
                c.accept("NOWAIT");
            }
            c.expect("TO");
            names.add(table(c, currentSchema));
            if (!c.acceptSymbol(",")) {
                return;
            }
            names.add(table(c, currentSchema));
        }
    }

    /** {@code RENAME [TO|AS] name} anywhere in an ALTER TABLE (not RENAME COLUMN/INDEX/KEY). */
    private static void readAlterRenames(TokenCursor c, String currentSchema, List<TableId> names) {
        while (!c.atEnd()) {
            SqlToken t = c.next();
            if (t.is("RENAME") && !c.atEnd()
                    && !(c.peek().is("COLUMN") || c.peek().is("INDEX") || c.peek().is("KEY"))) {
                if (!c.accept("TO")) {
                    c.accept("AS");
                }
                names.add(table(c, currentSchema));
            }
        }
    }

    private static void skipIfExists(TokenCursor c) {
        if (!c.accept("IF", "NOT", "EXISTS")) {
            c.accept("IF", "EXISTS");
        }
    }

    private static TableId table(TokenCursor c, String currentSchema) {
        TokenCursor.QualifiedName n = c.qualifiedName();
        String schema = n.schema() != null ? n.schema() : currentSchema;
        if (schema == null || schema.isEmpty()) {
            throw new IllegalStateException("unqualified name without a current schema");
        }
        return new TableId(schema, n.name());
    }
}
