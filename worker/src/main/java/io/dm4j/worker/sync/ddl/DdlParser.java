package io.dm4j.worker.sync.ddl;

import io.dm4j.common.errors.DdlErrors;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.sync.ddl.DdlStatement.Piece;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns the SQL of a binlog query event into the DDL operations to replicate.
 *
 * <p>The statement is read with a small MySQL tokenizer and a recursive-descent reader for the DDL forms that
 * matter (database, table, index statements); names are resolved against the event's current schema.
 * Statements DM does not replicate (transactions, FLUSH, maintenance, views, triggers, routines, events,
 * accounts, temporary tables, SET, comments) come back as "not a DDL". Statements that start like DDL but
 * cannot be read are a {@code DmException} with code {@link DdlErrors#PARSE_DDL}, never dropped.
 *
 * <p>Why not JSqlParser: it gives no source offsets for names (needed to route names inside the original
 * text), drops the content of executable comments ({@code DROP /*!40005 TEMPORARY *}{@code / TABLE} looks like
 * a plain DROP TABLE), and rejects forms the binlog carries ({@code ALTER TABLE t RENAME TO db2.t},
 * {@code WITH SYSTEM VERSIONING}, {@code DROP TABLE t WAIT 5}, {@code GENERATED ALWAYS AS ROW START}).
 */
public final class DdlParser {
    private final boolean splitAlterClauses;

    /** A parser that keeps ALTER TABLE statements with several clauses whole. */
    public DdlParser() {
        this(false);
    }

    /** @param splitAlterClauses split ALTER TABLE into one statement per clause (as DM does for shard DDL) */
    public DdlParser(boolean splitAlterClauses) {
        this.splitAlterClauses = splitAlterClauses;
    }

    /**
     * @param currentSchema the query event's schema (USE), used for unqualified names; may be null or empty
     * @param sql           the statement text
     */
    public DdlParseResult parse(String currentSchema, String sql) {
        TokenCursor c = new TokenCursor(sql);
        try {
            String skip = StatementClassifier.skipReason(c);
            if (skip != null) {
                return DdlParseResult.notDdl(skip);
            }
            List<DdlStatement> out = new Builder(c, new NameContext(currentSchema), splitAlterClauses).build();
            return DdlParseResult.ddl(out);
        } catch (DdlSyntaxException | NumberFormatException e) {
            throw DdlErrors.PARSE_DDL.wrap(e, sql);
        }
    }

    /** Reads one statement and assembles its split operations and their downstream text pieces. */
    private static final class Builder {
        private final TokenCursor c;
        private final NameContext names;
        private final boolean split;
        private final String sql;
        private final int bodyEnd;
        private final List<DdlStatement> out = new ArrayList<>();

        Builder(TokenCursor c, NameContext names, boolean split) {
            this.c = c;
            this.names = names;
            this.split = split;
            this.sql = c.sql();
            int last = c.size() - 1;
            this.bodyEnd = last >= 0 && c.token(last).isSymbol(";") ? c.token(last).start() : sql.length();
        }

        List<DdlStatement> build() {
            String verb = c.peek().upper();
            StatementClassifier.Target target = verb.equals("TRUNCATE") ? null : StatementClassifier.target(c);
            c.next();
            switch (verb) {
                case "CREATE":
                    create(target);
                    break;
                case "DROP":
                    drop(target);
                    break;
                case "ALTER":
                    alter(target);
                    break;
                case "RENAME":
                    rename();
                    break;
                case "TRUNCATE":
                    truncate();
                    break;
                default:
                    throw c.error("not a DDL");
            }
            if (!c.atEnd()) {
                throw c.error("unexpected text");
            }
            return out;
        }

        private void create(StatementClassifier.Target target) {
            switch (target.object()) {
                case "DATABASE":
                case "SCHEMA":
                    createDatabase();
                    break;
                case "INDEX":
                    createIndex();
                    break;
                default:
                    createTable();
            }
        }

        private void createDatabase() {
            c.next(); // DATABASE | SCHEMA
            int keywordEnd = c.previous().end();
            boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
            SqlToken nameToken = c.peek();
            String schema = c.name();
            TableId id = names.schema(schema, nameToken.start(), nameToken.end());
            TableOptionReader.Options options = readDatabaseOptions();
            Template t = new Template();
            t.original(0, keywordEnd);
            if (!ifNotExists) {
                t.text(" IF NOT EXISTS");
            }
            t.original(keywordEnd, bodyEnd);
            add(DdlEventType.CREATE_DATABASE, List.of(id),
                    new DdlOperation.CreateDatabase(schema, ifNotExists, options.charset, options.collation), t);
        }

        private TableOptionReader.Options readDatabaseOptions() {
            TableOptionReader.Options options = new TableOptionReader.Options(new ArrayList<>());
            while (!c.atEnd()) {
                if (!TableOptionReader.readCharsetOption(c, options)) {
                    options.others.add(TableOptionReader.readOtherOption(c));
                }
            }
            return options;
        }

        private void createTable() {
            int tableKeywordEnd;
            int save = c.index();
            while (!c.peek().is("TABLE")) {
                c.next();
            }
            tableKeywordEnd = c.peek().end();
            c.reset(save);
            TableSyntax table = CreateTableReader.read(c, names);
            if (table.asSelect()) {
                // row-based binlog logs CREATE TABLE ... SELECT as a CREATE TABLE with columns plus rows
                throw DdlErrors.UNSUPPORTED_DDL.error("CREATE TABLE ... SELECT (statement-based binlog) in: " + sql);
            }
            Template t = new Template();
            t.original(0, tableKeywordEnd);
            if (!table.ifNotExists() && !table.orReplace()) {
                t.text(" IF NOT EXISTS");
            }
            t.original(tableKeywordEnd, bodyEnd);
            List<TableId> tables = table.likeTable() == null ? List.of(table.table())
                    : List.of(table.table(), table.likeTable());
            add(DdlEventType.CREATE_TABLE, tables, new DdlOperation.CreateTable(table), t);
        }

        private void createIndex() {
            c.accept("OR", "REPLACE");
            if (!c.accept("ONLINE")) {
                c.accept("OFFLINE");
            }
            IndexSyntax.Kind kind = IndexSyntax.Kind.INDEX;
            if (c.accept("UNIQUE")) {
                kind = IndexSyntax.Kind.UNIQUE;
            } else if (c.accept("FULLTEXT")) {
                kind = IndexSyntax.Kind.FULLTEXT;
            } else if (c.accept("SPATIAL")) {
                kind = IndexSyntax.Kind.SPATIAL;
            }
            c.expect("INDEX");
            boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
            String indexName = c.name();
            int typeFrom = c.index();
            if (c.accept("USING") || c.accept("TYPE")) {
                c.next();
            }
            String typeText = c.text(typeFrom, c.index());
            c.expect("ON");
            TableId table = names.table(c.qualifiedName());
            List<IndexSyntax.Part> parts = IndexReader.readParts(c);
            int optionsFrom = c.index();
            while (!c.atEnd() && !c.peekWords("ALGORITHM") && !c.peekWords("LOCK")) {
                c.next();
            }
            String options = (typeText + " " + c.text(optionsFrom, c.index())).trim();
            skipAlgorithmAndLock();
            IndexSyntax index = new IndexSyntax(kind, indexName, parts, options);
            add(DdlEventType.CREATE_INDEX, List.of(table), new DdlOperation.CreateIndex(table, index, ifNotExists),
                    whole());
        }

        private void skipAlgorithmAndLock() {
            while (c.accept("ALGORITHM") || c.accept("LOCK")) {
                c.acceptEquals();
                c.next();
            }
        }

        private void drop(StatementClassifier.Target target) {
            switch (target.object()) {
                case "DATABASE":
                case "SCHEMA":
                    dropDatabase();
                    break;
                case "INDEX":
                    dropIndex();
                    break;
                default:
                    dropTables();
            }
        }

        private void dropDatabase() {
            c.next(); // DATABASE | SCHEMA
            int keywordEnd = c.previous().end();
            boolean ifExists = c.accept("IF", "EXISTS");
            SqlToken nameToken = c.peek();
            String schema = c.name();
            TableId id = names.schema(schema, nameToken.start(), nameToken.end());
            Template t = new Template();
            t.original(0, keywordEnd);
            if (!ifExists) {
                t.text(" IF EXISTS");
            }
            t.original(keywordEnd, bodyEnd);
            add(DdlEventType.DROP_DATABASE, List.of(id), new DdlOperation.DropDatabase(schema, ifExists), t);
        }

        private void dropIndex() {
            c.expect("INDEX");
            if (!c.accept("ONLINE")) {
                c.accept("OFFLINE");
            }
            boolean ifExists = c.accept("IF", "EXISTS");
            String indexName = c.name();
            c.expect("ON");
            TableId table = names.table(c.qualifiedName());
            skipAlgorithmAndLock();
            if (!c.accept("NOWAIT") && c.accept("WAIT")) {
                c.next();
            }
            add(DdlEventType.DROP_INDEX, List.of(table), new DdlOperation.DropIndex(table, indexName, ifExists),
                    whole());
        }

        private void dropTables() {
            SqlToken kw = c.next(); // TABLE | TABLES
            int keywordEnd = kw.end();
            boolean ifExists = c.accept("IF", "EXISTS");
            List<TokenCursor.QualifiedName> qns = new ArrayList<>();
            List<TableId> ids = new ArrayList<>();
            do {
                TokenCursor.QualifiedName qn = c.qualifiedName();
                qns.add(qn);
                ids.add(names.table(qn));
            } while (c.acceptSymbol(","));
            if (c.accept("WAIT")) {
                c.next();
            } else {
                c.accept("NOWAIT");
            }
            if (!c.accept("RESTRICT")) {
                c.accept("CASCADE");
            }
            int lastEnd = qns.get(qns.size() - 1).end();
            for (int i = 0; i < qns.size(); i++) {
                Template t = new Template();
                t.original(0, keywordEnd);
                if (!ifExists) {
                    t.text(" IF EXISTS");
                }
                t.original(keywordEnd, qns.get(0).start());
                t.name(ids.get(i));
                t.original(lastEnd, bodyEnd);
                add(DdlEventType.DROP_TABLE, List.of(ids.get(i)), new DdlOperation.DropTable(ids.get(i), ifExists), t);
            }
        }

        private void rename() {
            if (!c.accept("TABLE") && !c.accept("TABLES")) {
                throw c.error("expected RENAME TABLE");
            }
            c.accept("IF", "EXISTS");
            List<TokenCursor.QualifiedName[]> pairs = new ArrayList<>();
            List<TableId[]> ids = new ArrayList<>();
            do {
                TokenCursor.QualifiedName from = c.qualifiedName();
                TableId fromId = names.table(from);
                if (c.accept("WAIT")) {
                    c.next();
                } else {
                    c.accept("NOWAIT");
                }
                c.expect("TO");
                TokenCursor.QualifiedName to = c.qualifiedName();
                TableId toId = names.table(to);
                pairs.add(new TokenCursor.QualifiedName[] {from, to});
                ids.add(new TableId[] {fromId, toId});
            } while (c.acceptSymbol(","));
            int firstStart = pairs.get(0)[0].start();
            int lastEnd = pairs.get(pairs.size() - 1)[1].end();
            for (int i = 0; i < pairs.size(); i++) {
                TokenCursor.QualifiedName[] p = pairs.get(i);
                Template t = new Template();
                t.original(0, firstStart);
                t.name(ids.get(i)[0]);
                t.original(p[0].end(), p[1].start());
                t.name(ids.get(i)[1]);
                t.original(lastEnd, bodyEnd);
                add(DdlEventType.RENAME_TABLE, List.of(ids.get(i)[0], ids.get(i)[1]),
                        new DdlOperation.RenameTable(ids.get(i)[0], ids.get(i)[1]), t);
            }
        }

        private void truncate() {
            c.accept("TABLE");
            TableId table = names.table(c.qualifiedName());
            if (c.accept("WAIT")) {
                c.next();
            } else {
                c.accept("NOWAIT");
            }
            add(DdlEventType.TRUNCATE_TABLE, List.of(table), new DdlOperation.TruncateTable(table), whole());
        }

        private void alter(StatementClassifier.Target target) {
            if (target.object().equals("DATABASE") || target.object().equals("SCHEMA")) {
                alterDatabase();
                return;
            }
            AlterTableReader.Alter alter = AlterTableReader.read(c, names);
            if (!split || alter.clauses().size() <= 1) {
                List<TableId> tables = new ArrayList<>();
                tables.add(alter.table());
                for (AlterTableReader.Clause cl : alter.clauses()) {
                    if (cl.spec() instanceof AlterSpec.RenameTable r) {
                        tables.add(r.newName());
                    }
                }
                List<AlterSpec> specs = alter.clauses().stream().map(AlterTableReader.Clause::spec).toList();
                add(DdlEventType.ALTER_TABLE, tables, new DdlOperation.AlterTable(alter.table(), specs), whole());
                return;
            }
            splitAlter(alter);
        }

        /** One statement per clause; ALGORITHM/LOCK clauses go with every statement; later clauses see a new name. */
        private void splitAlter(AlterTableReader.Alter alter) {
            List<AlterTableReader.Clause> shared = new ArrayList<>();
            List<AlterTableReader.Clause> own = new ArrayList<>();
            for (AlterTableReader.Clause cl : alter.clauses()) {
                if (cl.spec() instanceof AlterSpec.NoChange nc && isAlgorithmOrLock(nc.text())) {
                    shared.add(cl);
                } else {
                    own.add(cl);
                }
            }
            if (own.isEmpty()) {
                own.add(shared.remove(0));
            }
            TableId current = alter.table();
            for (AlterTableReader.Clause cl : own) {
                Template t = new Template();
                t.original(0, alter.nameStart());
                t.name(current);
                t.text(" ");
                t.original(c.token(cl.from()).start(), c.token(cl.to() - 1).end());
                for (AlterTableReader.Clause s : shared) {
                    t.text(", ");
                    t.original(c.token(s.from()).start(), c.token(s.to() - 1).end());
                }
                List<TableId> tables = new ArrayList<>();
                tables.add(current);
                TableId next = current;
                if (cl.spec() instanceof AlterSpec.RenameTable r) {
                    tables.add(r.newName());
                    next = r.newName();
                }
                add(DdlEventType.ALTER_TABLE, tables, new DdlOperation.AlterTable(current, List.of(cl.spec())), t);
                current = next;
            }
        }

        private static boolean isAlgorithmOrLock(String text) {
            String u = text.toUpperCase(Locale.ROOT);
            return u.startsWith("ALGORITHM") || u.startsWith("LOCK");
        }

        private void alterDatabase() {
            SqlToken kw = c.next(); // DATABASE | SCHEMA
            String schema;
            TableId id;
            Template t = new Template();
            SqlToken n = c.peek();
            if (n != null && n.isName() && !isDatabaseOptionStart(n)) {
                schema = c.name();
                id = names.schema(schema, n.start(), n.end());
                t.original(0, bodyEnd);
            } else {
                schema = names.currentSchema();
                if (schema == null) {
                    throw new DdlSyntaxException("ALTER DATABASE without a name and no current schema");
                }
                id = TableId.schemaOnly(schema);
                t.original(0, kw.end());
                t.text(" ");
                t.name(id);
                t.original(kw.end(), bodyEnd);
            }
            TableOptionReader.Options options = readDatabaseOptions();
            add(DdlEventType.ALTER_DATABASE, List.of(id),
                    new DdlOperation.AlterDatabase(schema, options.charset, options.collation), t);
        }

        private static boolean isDatabaseOptionStart(SqlToken t) {
            return t.kind() == SqlToken.Kind.WORD && (t.is("DEFAULT") || t.is("CHARACTER") || t.is("CHARSET")
                    || t.is("COLLATE") || t.is("ENCRYPTION") || t.is("READ") || t.is("COMMENT"));
        }

        private Template whole() {
            Template t = new Template();
            t.original(0, bodyEnd);
            return t;
        }

        private void add(DdlEventType type, List<TableId> tables, DdlOperation op, Template t) {
            out.add(new DdlStatement(type, tables, op, sql, t.pieces()));
        }

        /** Downstream text under construction: original ranges (names inside replaced), literal text, names. */
        private final class Template {
            private final List<Piece> pieces = new ArrayList<>();

            void original(int start, int end) {
                int pos = start;
                List<NameContext.NameSlot> inside = names.slots().stream()
                        .filter(s -> s.start() >= start && s.end() <= end)
                        .sorted(Comparator.comparingInt(NameContext.NameSlot::start)).toList();
                for (NameContext.NameSlot s : inside) {
                    text(sql.substring(pos, s.start()));
                    name(s.id());
                    pos = s.end();
                }
                text(sql.substring(pos, Math.max(pos, end)));
            }

            void text(String text) {
                if (!text.isEmpty()) {
                    pieces.add(new Piece.Text(text));
                }
            }

            void name(TableId id) {
                pieces.add(new Piece.Name(id));
            }

            List<Piece> pieces() {
                List<Piece> out = new ArrayList<>(pieces);
                // trailing blanks of the original text are not part of the statement
                if (!out.isEmpty() && out.get(out.size() - 1) instanceof Piece.Text last) {
                    String stripped = last.text().stripTrailing();
                    out.set(out.size() - 1, new Piece.Text(stripped));
                }
                return out;
            }
        }
    }
}
