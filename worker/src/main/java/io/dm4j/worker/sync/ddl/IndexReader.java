package io.dm4j.worker.sync.ddl;

import io.dm4j.worker.sync.ddl.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;

/** Reads index definitions, key part lists and CHECK/FOREIGN KEY/PERIOD elements. */
final class IndexReader {
    private IndexReader() {
    }

    /** What follows an index's part list until the element ends; for CREATE INDEX also ALGORITHM/LOCK end it. */
    enum Context { TABLE_ELEMENT, CREATE_INDEX }

    /** Words that end an index name position: what comes next is the part list or USING. */
    private static boolean startsIndexTail(SqlToken t) {
        return t == null || t.isSymbol("(") || t.is("USING") || t.is("TYPE") || t.is("ON");
    }

    /**
     * Reads the rest of an index after its kind words: {@code [IF NOT EXISTS] [name] [USING type] (parts) options}.
     *
     * @param constraintName {@code CONSTRAINT sym} given before the kind, or null (used as the name when none follows)
     */
    static IndexSyntax readIndex(TokenCursor c, IndexSyntax.Kind kind, String constraintName, Context context) {
        acceptIfNotExists(c);
        String name = null;
        if (!startsIndexTail(c.peek())) {
            name = c.name();
        }
        if (kind == IndexSyntax.Kind.PRIMARY) {
            name = "PRIMARY";
        } else if (name == null) {
            name = constraintName;
        }
        int optionsFrom = c.index();
        skipIndexType(c);
        int optionsMiddle = c.index();
        List<IndexSyntax.Part> parts = readParts(c);
        int tailFrom = c.index();
        skipIndexOptions(c, context);
        String options = joinOptions(c.text(optionsFrom, optionsMiddle), c.text(tailFrom, c.index()));
        return new IndexSyntax(kind, name, parts, options);
    }

    static boolean acceptIfNotExists(TokenCursor c) {
        return c.accept("IF", "NOT", "EXISTS");
    }

    private static void skipIndexType(TokenCursor c) {
        if (c.accept("USING") || c.accept("TYPE")) {
            c.next();
        }
    }

    private static String joinOptions(String a, String b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : a + " " + b;
    }

    static List<IndexSyntax.Part> readParts(TokenCursor c) {
        c.expectSymbol("(");
        List<IndexSyntax.Part> parts = new ArrayList<>();
        do {
            if (c.peekSymbol("(")) {
                int from = c.index();
                c.skipParenthesised();
                String expr = c.text(from, c.index());
                boolean desc = acceptDirection(c);
                parts.add(new IndexSyntax.Part(null, -1, desc, expr));
                continue;
            }
            String column = c.name();
            int prefix = -1;
            if (c.acceptSymbol("(")) {
                SqlToken n = c.next();
                if (n.kind() != Kind.NUMBER) {
                    throw c.error("expected a prefix length");
                }
                prefix = Integer.parseInt(n.text());
                c.expectSymbol(")");
            }
            boolean desc = acceptDirection(c);
            if (c.accept("WITHOUT", "OVERLAPS")) {
                // MariaDB application-time period key part: not a column value
                parts.add(new IndexSyntax.Part(null, -1, false, io.dm4j.common.model.TableId.quote(column) + " WITHOUT OVERLAPS"));
                continue;
            }
            parts.add(new IndexSyntax.Part(column, prefix, desc, null));
        } while (c.acceptSymbol(","));
        c.expectSymbol(")");
        return parts;
    }

    private static boolean acceptDirection(TokenCursor c) {
        if (c.accept("DESC")) {
            return true;
        }
        c.accept("ASC");
        return false;
    }

    /** Index options until the element ends ({@code ,} or {@code )} at depth 0, or the end). */
    private static void skipIndexOptions(TokenCursor c, Context context) {
        while (true) {
            SqlToken t = c.peek();
            if (t == null || t.isSymbol(",") || t.isSymbol(")")) {
                return;
            }
            if (context == Context.CREATE_INDEX && (t.is("ALGORITHM") || t.is("LOCK"))) {
                return;
            }
            if (t.isSymbol("(")) {
                c.skipParenthesised();
            } else {
                c.next();
            }
        }
    }

    /** {@code CHECK (expr) [[NOT] ENFORCED]}; the cursor is on CHECK; {@code from} is where the element started. */
    static ConstraintSyntax readCheck(TokenCursor c, String name, int from) {
        c.expect("CHECK");
        int exprFrom = c.index() + 1;
        c.skipParenthesised();
        String expr = c.text(exprFrom, c.index() - 1);
        if (!c.accept("ENFORCED")) {
            c.accept("NOT", "ENFORCED");
        }
        return new ConstraintSyntax(ConstraintSyntax.Kind.CHECK, name, c.text(from, c.index()), expr, null, null);
    }

    /** {@code FOREIGN KEY [IF NOT EXISTS] [name] (cols) REFERENCES tbl (cols) ...}; the cursor is on FOREIGN. */
    static ConstraintSyntax readForeignKey(TokenCursor c, String name, int from, NameContext names) {
        c.expect("FOREIGN", "KEY");
        acceptIfNotExists(c);
        String indexName = null;
        if (!c.peekSymbol("(")) {
            indexName = c.name();
        }
        List<String> columns = new ArrayList<>();
        for (IndexSyntax.Part p : readParts(c)) {
            columns.add(p.column());
        }
        c.expect("REFERENCES");
        names.table(c.qualifiedName());
        ColumnReader.skipReferenceTail(c);
        return new ConstraintSyntax(ConstraintSyntax.Kind.FOREIGN_KEY, name != null ? name : indexName,
                c.text(from, c.index()), null, columns, indexName);
    }

    /** MariaDB's {@code PERIOD FOR name (start, end)}; the cursor is on PERIOD. */
    static ConstraintSyntax readPeriod(TokenCursor c, int from) {
        c.expect("PERIOD", "FOR");
        String name = c.name();
        c.skipParenthesised();
        return new ConstraintSyntax(ConstraintSyntax.Kind.PERIOD, name, c.text(from, c.index()), null, null, null);
    }
}
