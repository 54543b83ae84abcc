package io.dm4j.worker.sync.ddl;

import io.dm4j.common.model.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads ALTER TABLE statements clause by clause, keeping each clause's token range for splitting. */
final class AlterTableReader {
    private AlterTableReader() {
    }

    /** One clause and the tokens {@code [from, to)} it was read from. */
    record Clause(AlterSpec spec, int from, int to) {
    }

    /** The statement: the altered table, where its name is, and its clauses. */
    record Alter(TableId table, int nameStart, int nameEnd, List<Clause> clauses) {
    }

    /** Reads after ALTER: {@code [ONLINE|OFFLINE] [IGNORE] TABLE [IF EXISTS] name [WAIT n|NOWAIT] clauses}. */
    static Alter read(TokenCursor c, NameContext names) {
        if (!c.accept("ONLINE")) {
            c.accept("OFFLINE");
        }
        c.accept("IGNORE");
        c.expect("TABLE");
        c.accept("IF", "EXISTS");
        TokenCursor.QualifiedName qn = c.qualifiedName();
        TableId table = names.table(qn);
        if (c.accept("WAIT")) {
            c.next();
        } else {
            c.accept("NOWAIT");
        }
        List<Clause> clauses = new ArrayList<>();
        while (!c.atEnd()) {
            int from = c.index();
            AlterSpec spec = readClause(c, names);
            clauses.add(new Clause(spec, from, c.index()));
            if (!c.acceptSymbol(",") && !c.atEnd()) {
                // clauses may follow each other without a comma only when table options or partitioning come last
                SqlToken t = c.peek();
                if (!(t.isName())) {
                    throw c.error("expected ',' between ALTER TABLE clauses");
                }
            }
        }
        return new Alter(table, qn.start(), qn.end(), clauses);
    }

    private static AlterSpec readClause(TokenCursor c, NameContext names) {
        SqlToken t = c.peek();
        if (t.is("ADD")) {
            c.next();
            return readAdd(c, names);
        }
        if (t.is("DROP")) {
            c.next();
            return readDrop(c);
        }
        if (t.is("CHANGE")) {
            c.next();
            c.accept("COLUMN");
            boolean ifExists = c.accept("IF", "EXISTS");
            String old = c.name();
            ColumnSyntax col = ColumnReader.readColumn(c, names);
            return new AlterSpec.ChangeColumn(old, col, readPosition(c), ifExists);
        }
        if (t.is("MODIFY")) {
            c.next();
            c.accept("COLUMN");
            boolean ifExists = c.accept("IF", "EXISTS");
            ColumnSyntax col = ColumnReader.readColumn(c, names);
            return new AlterSpec.ChangeColumn(col.name(), col, readPosition(c), ifExists);
        }
        if (t.is("ALTER")) {
            c.next();
            return readAlterSubclause(c);
        }
        if (t.is("RENAME")) {
            c.next();
            return readRename(c, names);
        }
        if (t.is("CONVERT")) {
            c.next();
            c.expect("TO");
            if (!c.accept("CHARACTER", "SET") && !c.accept("CHARSET") && !c.accept("CHAR", "SET")) {
                throw c.error("expected CHARACTER SET after CONVERT TO");
            }
            String charset = c.nameOrString().toLowerCase(Locale.ROOT);
            String collation = null;
            if (c.accept("COLLATE")) {
                collation = c.nameOrString().toLowerCase(Locale.ROOT);
            }
            return new AlterSpec.ConvertCharset("default".equals(charset) ? null : charset, collation);
        }
        if (isPartitionMaintenance(c)) {
            int from = c.index();
            while (!c.atEnd()) {
                c.next();
            }
            return new AlterSpec.NoChange(c.text(from, c.index()));
        }
        if (t.is("ALGORITHM") || t.is("LOCK") || t.is("FORCE") || t.is("ORDER") || t.is("ENABLE") || t.is("DISABLE")
                || t.is("DISCARD") || t.is("IMPORT") || t.is("WITH") && c.peekWords("WITH", "VALIDATION")
                || t.is("WITHOUT") && c.peekWords("WITHOUT", "VALIDATION")) {
            return noChangeUntilComma(c);
        }
        List<TableOption> others = new ArrayList<>();
        TableOptionReader.Options options = new TableOptionReader.Options(others);
        if (!TableOptionReader.readCharsetOption(c, options)) {
            others.add(TableOptionReader.readOtherOption(c));
        }
        // DEFAULT CHARSET x COLLATE y: the collation belongs to the same clause
        while (TableOptionReader.readCharsetOption(c, options)) {
            // keep reading charset/collation words
        }
        return new AlterSpec.TableOptions(options.charset, options.collation, others);
    }

    private static boolean isPartitionMaintenance(TokenCursor c) {
        SqlToken t = c.peek();
        SqlToken n = c.peek(1);
        if (t.is("PARTITION") && n != null && n.is("BY")) {
            return true;
        }
        if (t.is("REMOVE") && n != null && n.is("PARTITIONING")) {
            return true;
        }
        return n != null && n.is("PARTITION") && (t.is("COALESCE") || t.is("REORGANIZE") || t.is("EXCHANGE")
                || t.is("ANALYZE") || t.is("CHECK") || t.is("OPTIMIZE") || t.is("REBUILD") || t.is("REPAIR")
                || t.is("TRUNCATE") || t.is("DISCARD") || t.is("IMPORT") || t.is("CONVERT"));
    }

    private static AlterSpec noChangeUntilComma(TokenCursor c) {
        int from = c.index();
        while (!c.atEnd() && !c.peekSymbol(",")) {
            if (c.peekSymbol("(")) {
                c.skipParenthesised();
            } else {
                c.next();
            }
        }
        return new AlterSpec.NoChange(c.text(from, c.index()));
    }

    private static ColumnPosition readPosition(TokenCursor c) {
        if (c.accept("FIRST")) {
            return ColumnPosition.FIRST;
        }
        if (c.accept("AFTER")) {
            return ColumnPosition.after(c.name());
        }
        return ColumnPosition.DEFAULT;
    }

    private static AlterSpec readAdd(TokenCursor c, NameContext names) {
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
            return new AlterSpec.AddIndex(IndexReader.readIndex(c, IndexSyntax.Kind.PRIMARY, constraintName,
                    IndexReader.Context.TABLE_ELEMENT), false);
        }
        if (c.accept("UNIQUE")) {
            if (!c.accept("KEY")) {
                c.accept("INDEX");
            }
            boolean ifNotExists = IndexReader.acceptIfNotExists(c);
            return new AlterSpec.AddIndex(IndexReader.readIndex(c, IndexSyntax.Kind.UNIQUE, constraintName,
                    IndexReader.Context.TABLE_ELEMENT), ifNotExists);
        }
        if (c.peekWords("FOREIGN")) {
            return new AlterSpec.AddConstraint(IndexReader.readForeignKey(c, constraintName, from, names));
        }
        if (c.peekWords("CHECK")) {
            return new AlterSpec.AddConstraint(IndexReader.readCheck(c, constraintName, from));
        }
        if (constraint) {
            throw c.error("expected PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK after CONSTRAINT");
        }
        if (c.accept("INDEX") || c.accept("KEY")) {
            boolean ifNotExists = IndexReader.acceptIfNotExists(c);
            return new AlterSpec.AddIndex(IndexReader.readIndex(c, IndexSyntax.Kind.INDEX, null,
                    IndexReader.Context.TABLE_ELEMENT), ifNotExists);
        }
        if (c.accept("FULLTEXT") || c.accept("SPATIAL")) {
            IndexSyntax.Kind kind = c.previous().is("FULLTEXT") ? IndexSyntax.Kind.FULLTEXT : IndexSyntax.Kind.SPATIAL;
            if (!c.accept("KEY")) {
                c.accept("INDEX");
            }
            boolean ifNotExists = IndexReader.acceptIfNotExists(c);
            return new AlterSpec.AddIndex(IndexReader.readIndex(c, kind, null, IndexReader.Context.TABLE_ELEMENT),
                    ifNotExists);
        }
        if (c.peekWords("PARTITION") || c.peekWords("PARTITIONS")) {
            while (!c.atEnd()) {
                c.next();
            }
            return new AlterSpec.NoChange(c.text(from - 1, c.index()));
        }
        if (c.peekWords("PERIOD", "FOR")) {
            return new AlterSpec.AddConstraint(IndexReader.readPeriod(c, from));
        }
        if (c.peekWords("SYSTEM", "VERSIONING")) {
            c.expect("SYSTEM", "VERSIONING");
            return new AlterSpec.NoChange(c.text(from - 1, c.index()));
        }
        c.accept("COLUMN");
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        if (c.acceptSymbol("(")) {
            List<ColumnSyntax> cols = new ArrayList<>();
            List<IndexSyntax> indexes = new ArrayList<>();
            List<ConstraintSyntax> constraints = new ArrayList<>();
            do {
                CreateTableReader.readElement(c, names, cols, indexes, constraints);
            } while (c.acceptSymbol(","));
            c.expectSymbol(")");
            if (!indexes.isEmpty() || !constraints.isEmpty()) {
                throw new DdlSyntaxException("ADD (...) with indexes or constraints is not supported");
            }
            return new AlterSpec.AddColumns(cols, ColumnPosition.DEFAULT, ifNotExists);
        }
        ColumnSyntax col = ColumnReader.readColumn(c, names);
        return new AlterSpec.AddColumns(List.of(col), readPosition(c), ifNotExists);
    }

    private static AlterSpec readDrop(TokenCursor c) {
        int from = c.index() - 1;
        if (c.accept("PRIMARY", "KEY")) {
            return new AlterSpec.DropPrimaryKey();
        }
        if (c.accept("INDEX") || c.accept("KEY")) {
            boolean ifExists = c.accept("IF", "EXISTS");
            return new AlterSpec.DropIndex(c.name(), ifExists);
        }
        if (c.accept("FOREIGN", "KEY") || c.accept("CHECK") || c.accept("CONSTRAINT")) {
            boolean ifExists = c.accept("IF", "EXISTS");
            return new AlterSpec.DropConstraint(c.name(), ifExists);
        }
        if (c.peekWords("PARTITION")) {
            while (!c.atEnd()) {
                c.next();
            }
            return new AlterSpec.NoChange(c.text(from, c.index()));
        }
        if (c.accept("SYSTEM", "VERSIONING")) {
            return new AlterSpec.NoChange(c.text(from, c.index()));
        }
        if (c.peekWords("PERIOD", "FOR")) {
            c.expect("PERIOD", "FOR");
            c.name();
            return new AlterSpec.NoChange(c.text(from, c.index()));
        }
        c.accept("COLUMN");
        boolean ifExists = c.accept("IF", "EXISTS");
        String name = c.name();
        if (!c.accept("RESTRICT")) {
            c.accept("CASCADE");
        }
        return new AlterSpec.DropColumn(name, ifExists);
    }

    private static AlterSpec readAlterSubclause(TokenCursor c) {
        int from = c.index() - 1;
        if (c.accept("INDEX") || c.accept("KEY") || c.accept("CHECK") || c.accept("CONSTRAINT")) {
            c.name();
            while (!c.atEnd() && !c.peekSymbol(",")) {
                c.next();
            }
            return new AlterSpec.NoChange(c.text(from, c.index()));
        }
        c.accept("COLUMN");
        String column = c.name();
        if (c.accept("SET", "DEFAULT")) {
            int exprFrom = c.index();
            ColumnReader.skipExpression(c);
            return new AlterSpec.SetColumnDefault(column, c.text(exprFrom, c.index()));
        }
        if (c.accept("DROP", "DEFAULT")) {
            return new AlterSpec.SetColumnDefault(column, null);
        }
        if (c.accept("SET", "VISIBLE") || c.accept("SET", "INVISIBLE")) {
            return new AlterSpec.NoChange(c.text(from, c.index()));
        }
        throw c.error("expected SET DEFAULT or DROP DEFAULT");
    }

    private static AlterSpec readRename(TokenCursor c, NameContext names) {
        if (c.accept("COLUMN")) {
            String old = c.name();
            c.expect("TO");
            return new AlterSpec.RenameColumn(old, c.name());
        }
        if (c.accept("INDEX") || c.accept("KEY")) {
            String old = c.name();
            c.expect("TO");
            return new AlterSpec.RenameIndex(old, c.name());
        }
        if (!c.accept("TO")) {
            c.accept("AS");
        }
        return new AlterSpec.RenameTable(names.table(c.qualifiedName()));
    }
}
