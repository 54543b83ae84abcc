package io.dm4j.worker.sync.ddl;

import io.dm4j.common.model.TableId;
import java.util.ArrayList;
import java.util.List;

/** Reads CREATE TABLE statements (from SHOW CREATE TABLE or the binlog). */
public final class CreateTableReader {
    private CreateTableReader() {
    }

    /** Parses one CREATE TABLE statement; unqualified names resolve to {@code currentSchema}. */
    public static TableSyntax parse(String sql, String currentSchema) {
        TokenCursor c = new TokenCursor(sql);
        NameContext names = new NameContext(currentSchema);
        c.expect("CREATE");
        TableSyntax t = read(c, names);
        if (!c.atEnd()) {
            throw c.error("unexpected text after CREATE TABLE");
        }
        return t;
    }

    /** Reads after CREATE: {@code [OR REPLACE] [TEMPORARY] TABLE [IF NOT EXISTS] name ...}. */
    static TableSyntax read(TokenCursor c, NameContext names) {
        boolean orReplace = c.accept("OR", "REPLACE");
        boolean temporary = c.accept("TEMPORARY");
        c.expect("TABLE");
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        TableId table = names.table(c.qualifiedName());

        if (c.accept("LIKE")) {
            TableId like = names.table(c.qualifiedName());
            return likeTable(table, ifNotExists, orReplace, temporary, like);
        }
        if (c.peekSymbol("(") && c.peek(1) != null && c.peek(1).is("LIKE")) {
            c.expectSymbol("(");
            c.expect("LIKE");
            TableId like = names.table(c.qualifiedName());
            c.expectSymbol(")");
            return likeTable(table, ifNotExists, orReplace, temporary, like);
        }

        List<ColumnSyntax> columns = new ArrayList<>();
        List<IndexSyntax> indexes = new ArrayList<>();
        List<ConstraintSyntax> constraints = new ArrayList<>();
        boolean asSelect = false;
        if (c.peekSymbol("(") && !isQueryStart(c.peek(1))) {
            c.expectSymbol("(");
            do {
                readElement(c, names, columns, indexes, constraints);
            } while (c.acceptSymbol(","));
            c.expectSymbol(")");
        }
        List<TableOption> others = new ArrayList<>();
        TableOptionReader.Options options = new TableOptionReader.Options(others);
        String partitioning = null;
        while (!c.atEnd()) {
            if (c.acceptSymbol(",")) {
                continue;
            }
            SqlToken t = c.peek();
            if (t.is("PARTITION") && c.peek(1) != null && c.peek(1).is("BY")) {
                int from = c.index();
                skipUntilQuery(c);
                partitioning = c.text(from, c.index());
                continue;
            }
            boolean versioning = (t.is("WITH") || t.is("WITHOUT")) && c.peek(1) != null && c.peek(1).is("SYSTEM");
            if (!versioning && (isQueryStart(t) || t.is("IGNORE") || t.is("REPLACE") || t.is("AS"))) {
                asSelect = true;
                while (!c.atEnd()) {
                    c.next();
                }
                break;
            }
            if (!TableOptionReader.readCharsetOption(c, options)) {
                others.add(TableOptionReader.readOtherOption(c));
            }
        }
        return new TableSyntax(table, ifNotExists, orReplace, temporary, null, columns, indexes, constraints,
                options.charset, options.collation, others, partitioning, asSelect);
    }

    private static TableSyntax likeTable(TableId table, boolean ifNotExists, boolean orReplace, boolean temporary,
                                         TableId like) {
        return new TableSyntax(table, ifNotExists, orReplace, temporary, like, List.of(), List.of(), List.of(),
                null, null, List.of(), null, false);
    }

    private static boolean isQueryStart(SqlToken t) {
        return t != null && (t.is("SELECT") || t.is("WITH") || t.is("VALUES") || t.is("TABLE") || t.isSymbol("("));
    }

    /** Partition clause: up to a depth-0 AS/SELECT/IGNORE/REPLACE or the end. */
    private static void skipUntilQuery(TokenCursor c) {
        while (!c.atEnd()) {
            SqlToken t = c.peek();
            if (t.is("AS") || t.is("SELECT") || t.is("IGNORE") || t.is("REPLACE")) {
                return;
            }
            if (t.isSymbol("(")) {
                c.skipParenthesised();
            } else {
                c.next();
            }
        }
    }

    /** One element of the parenthesised list: a column, an index, or a constraint. */
    static void readElement(TokenCursor c, NameContext names, List<ColumnSyntax> columns, List<IndexSyntax> indexes,
                            List<ConstraintSyntax> constraints) {
        int from = c.index();
        String constraintName = null;
        boolean constraint = c.accept("CONSTRAINT");
        if (constraint) {
            SqlToken t = c.peek();
            if (t != null && t.isName() && !(t.is("PRIMARY") || t.is("UNIQUE") || t.is("FOREIGN") || t.is("CHECK"))) {
                constraintName = c.name();
            }
        }
        if (c.accept("PRIMARY", "KEY")) {
            indexes.add(IndexReader.readIndex(c, IndexSyntax.Kind.PRIMARY, constraintName, IndexReader.Context.TABLE_ELEMENT));
        } else if (c.accept("UNIQUE")) {
            if (!c.accept("KEY")) {
                c.accept("INDEX");
            }
            indexes.add(IndexReader.readIndex(c, IndexSyntax.Kind.UNIQUE, constraintName, IndexReader.Context.TABLE_ELEMENT));
        } else if (c.peekWords("FOREIGN")) {
            constraints.add(IndexReader.readForeignKey(c, constraintName, from, names));
        } else if (c.peekWords("CHECK")) {
            constraints.add(IndexReader.readCheck(c, constraintName, from));
        } else if (constraint) {
            throw c.error("expected PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK after CONSTRAINT");
        } else if (c.accept("KEY") || c.accept("INDEX")) {
            indexes.add(IndexReader.readIndex(c, IndexSyntax.Kind.INDEX, null, IndexReader.Context.TABLE_ELEMENT));
        } else if (c.accept("FULLTEXT") || c.accept("SPATIAL")) {
            IndexSyntax.Kind kind = c.previous().is("FULLTEXT") ? IndexSyntax.Kind.FULLTEXT : IndexSyntax.Kind.SPATIAL;
            if (!c.accept("KEY")) {
                c.accept("INDEX");
            }
            indexes.add(IndexReader.readIndex(c, kind, null, IndexReader.Context.TABLE_ELEMENT));
        } else if (c.peekWords("PERIOD", "FOR")) {
            constraints.add(IndexReader.readPeriod(c, from));
        } else {
            columns.add(ColumnReader.readColumn(c, names));
        }
    }
}
