package io.dm4j.worker.schema;

import io.dm4j.common.model.TableId;
import io.dm4j.common.position.Flavor;
import io.dm4j.worker.sync.ddl.AlterSpec;
import io.dm4j.worker.sync.ddl.ColumnPosition;
import io.dm4j.worker.sync.ddl.ColumnSyntax;
import io.dm4j.worker.sync.ddl.ColumnSyntax.Attribute;
import io.dm4j.worker.sync.ddl.ColumnSyntax.AttributeKind;
import io.dm4j.worker.sync.ddl.ConstraintSyntax;
import io.dm4j.worker.sync.ddl.DataTypeSyntax;
import io.dm4j.worker.sync.ddl.IndexSyntax;
import io.dm4j.worker.sync.ddl.TableOption;
import io.dm4j.worker.sync.ddl.TableSyntax;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table's definition that ALTER TABLE can change and that writes itself back as a canonical CREATE TABLE.
 * Columns carry their resolved charset/collation, so the text does not depend on database defaults; keys
 * are named as the server names them and ordered as the server orders them.
 */
final class TableModel {
    private static final Logger LOG = LoggerFactory.getLogger(TableModel.class);

    /** A column: name, normalized type (charset pinned for character types), other attributes as written. */
    static final class Column {
        String name;
        DataTypeSyntax type;
        List<Attribute> attributes;

        Column(String name, DataTypeSyntax type, List<Attribute> attributes) {
            this.name = name;
            this.type = type;
            this.attributes = new ArrayList<>(attributes);
        }
    }

    /** A rule the statement breaks (unknown column, duplicate key name ...), as the server would refuse it. */
    static final class ModelException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ModelException(String message) {
            super(message);
        }
    }

    private static final Pattern JSON_VALID = Pattern.compile("\\s*json_valid\\s*\\(\\s*`?([^`)]+)`?\\s*\\)\\s*",
            Pattern.CASE_INSENSITIVE);

    TableId id;
    final ServerDefaults server;
    final List<Column> columns = new ArrayList<>();
    final List<IndexSyntax> indexes = new ArrayList<>();
    final List<ConstraintSyntax> constraints = new ArrayList<>();
    final List<TableOption> options = new ArrayList<>();
    CharsetCollation charset;
    /** Keys added since the model was built; the server re-orders its keys only when a statement adds one. */
    private int keysAdded;

    private TableModel(TableId id, ServerDefaults server) {
        this.id = id;
        this.server = server;
    }

    /** Builds the model of a CREATE TABLE (not LIKE); {@code databaseDefault} is the schema's default charset. */
    static TableModel of(TableId id, TableSyntax t, CharsetCollation databaseDefault, ServerDefaults server) {
        TableModel m = new TableModel(id, server);
        CharsetCollation own = server.resolve(t.charset(), t.collation());
        m.charset = own != null ? own : databaseDefault;
        m.options.addAll(t.options());
        for (ColumnSyntax c : t.columns()) {
            m.addColumn(c, m.columns.size());
        }
        for (IndexSyntax i : t.indexes()) {
            m.addIndex(i, false);
        }
        for (ConstraintSyntax k : t.constraints()) {
            m.addConstraint(k);
        }
        m.keysAdded = 0;
        return m;
    }

    // ---------------------------------------------------------------- columns

    /** The column's name as declared (index parts may spell it in another case). */
    private String columnName(String column) {
        int i = indexOf(column);
        return i < 0 ? column : columns.get(i).name;
    }

    int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name.equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }

    private Column column(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new ModelException("Unknown column '" + name + "' in '" + id + "'");
        }
        return columns.get(i);
    }

    /** Adds a column definition at {@code position}, turning inline PRIMARY KEY / UNIQUE into keys. */
    private void addColumn(ColumnSyntax c, int position) {
        columns.add(position, toColumn(c));
        inlineKeys(c);
    }

    private Column toColumn(ColumnSyntax c) {
        DataTypeSyntax type = ColumnTypes.normalize(c.type(), charset, server);
        List<Attribute> attrs = new ArrayList<>();
        for (Attribute a : c.attributes()) {
            if (a.kind() != AttributeKind.PRIMARY_KEY && a.kind() != AttributeKind.UNIQUE_KEY
                    && a.kind() != AttributeKind.REFERENCES) {
                attrs.add(a);
            }
        }
        if (c.type().name().equals("json") && server.flavor() == Flavor.MARIADB && !hasJsonCheck(c.name(), attrs)) {
            String check = "json_valid(" + TableId.quote(c.name()) + ")";
            attrs.add(new Attribute(AttributeKind.CHECK, "CHECK (" + check + ")", check));
        }
        if (type.name().equals("timestamp") && !server.explicitDefaultsForTimestamp()
                && attrs.stream().noneMatch(a -> a.kind() == AttributeKind.NULL || a.kind() == AttributeKind.NOT_NULL)) {
            attrs.add(0, new Attribute(AttributeKind.NOT_NULL, "NOT NULL", null));
        }
        return new Column(c.name(), type, attrs);
    }

    private void inlineKeys(ColumnSyntax c) {
        IndexSyntax.Part part = new IndexSyntax.Part(c.name(), -1, false, null);
        if (c.has(AttributeKind.PRIMARY_KEY)) {
            addIndex(new IndexSyntax(IndexSyntax.Kind.PRIMARY, "PRIMARY", List.of(part), ""), false);
        }
        if (c.has(AttributeKind.UNIQUE_KEY)) {
            addIndex(new IndexSyntax(IndexSyntax.Kind.UNIQUE, null, List.of(part), ""), false);
        }
    }

    private void place(Column col, ColumnPosition position) {
        switch (position.kind()) {
            case FIRST:
                columns.remove(col);
                columns.add(0, col);
                break;
            case AFTER:
                columns.remove(col);
                int after = indexOf(position.after());
                if (after < 0) {
                    columns.add(col);
                    throw new ModelException("Unknown column '" + position.after() + "' in '" + id + "'");
                }
                columns.add(after + 1, col);
                break;
            default:
        }
    }

    private void renameInKeys(String oldName, String newName) {
        for (int i = 0; i < indexes.size(); i++) {
            IndexSyntax idx = indexes.get(i);
            List<IndexSyntax.Part> parts = new ArrayList<>();
            for (IndexSyntax.Part p : idx.parts()) {
                parts.add(p.column() != null && p.column().equalsIgnoreCase(oldName)
                        ? new IndexSyntax.Part(newName, p.prefix(), p.descending(), null) : p);
            }
            indexes.set(i, idx.withParts(parts));
        }
    }

    // ---------------------------------------------------------------- keys

    private int indexOfKey(String name) {
        for (int i = 0; i < indexes.size(); i++) {
            if (indexes.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Adds a key. A name clash with a tracked key replaces it with a warning (the upstream accepted the
     * statement, so the tracked key was one the upstream no longer had), unless IF NOT EXISTS was given.
     */
    private void addIndex(IndexSyntax index, boolean ifNotExists) {
        for (IndexSyntax.Part p : index.parts()) {
            if (p.column() != null) {
                column(p.column());
            }
        }
        String name = index.kind() == IndexSyntax.Kind.PRIMARY ? "PRIMARY" : index.name();
        if (name == null) {
            name = generatedKeyName(index);
        } else if (indexOfKey(name) >= 0) {
            if (ifNotExists) {
                return;
            }
            LOG.warn("{}: key `{}` is added again; the tracked one is replaced", id, name);
            indexes.remove(indexOfKey(name));
        }
        indexes.add(index.withName(name));
        keysAdded++;
    }

    /** The server's name for an unnamed key: its first column, then {@code _2}, {@code _3} ... when taken. */
    private String generatedKeyName(IndexSyntax index) {
        IndexSyntax.Part first = index.parts().get(0);
        String base = first.column() != null ? first.column() : "functional_index";
        if (indexOfKey(base) < 0 && !base.equalsIgnoreCase("PRIMARY")) {
            return base;
        }
        for (int n = 2; ; n++) {
            String candidate = base + "_" + n;
            if (indexOfKey(candidate) < 0) {
                return candidate;
            }
        }
    }

    /**
     * Drops a key. An unknown name is only logged: the upstream had the key (the statement succeeded there), so
     * it is one the model does not mirror, such as an index the server created for a foreign key on its own.
     */
    private void dropIndex(String name, boolean ifExists) {
        int i = indexOfKey(name);
        if (i < 0) {
            if (!ifExists) {
                LOG.warn("{}: dropped key `{}` was not tracked", id, name);
            }
            return;
        }
        indexes.remove(i);
    }

    /** CHECK and FOREIGN KEY; a foreign key without a usable index gets one, as InnoDB creates it. */
    private void addConstraint(ConstraintSyntax k) {
        constraints.add(k);
        if (k.kind() != ConstraintSyntax.Kind.FOREIGN_KEY || k.columns().isEmpty()) {
            return;
        }
        for (IndexSyntax idx : indexes) {
            List<String> lead = idx.parts().stream().limit(k.columns().size())
                    .map(p -> p.column() == null ? "" : p.column().toLowerCase(Locale.ROOT)).toList();
            if (lead.equals(k.columns().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList())) {
                return;
            }
        }
        List<IndexSyntax.Part> parts = k.columns().stream().map(c -> new IndexSyntax.Part(c, -1, false, null)).toList();
        String name = k.name() != null ? k.name() : k.indexName();
        addIndex(new IndexSyntax(IndexSyntax.Kind.INDEX, name != null && indexOfKey(name) < 0 ? name : null, parts, ""),
                false);
    }

    // ---------------------------------------------------------------- ALTER TABLE

    /** Applies one ALTER TABLE clause. */
    void apply(AlterSpec spec, CharsetCollation databaseDefault) {
        if (spec instanceof AlterSpec.AddColumns a) {
            addColumns(a);
        } else if (spec instanceof AlterSpec.ChangeColumn ch) {
            changeColumn(ch);
        } else if (spec instanceof AlterSpec.DropColumn d) {
            dropColumn(d);
        } else if (spec instanceof AlterSpec.RenameColumn r) {
            Column col = column(r.oldName());
            if (!r.oldName().equalsIgnoreCase(r.newName()) && indexOf(r.newName()) >= 0) {
                throw new ModelException("Duplicate column name '" + r.newName() + "'");
            }
            col.name = r.newName();
            renameInKeys(r.oldName(), r.newName());
        } else if (spec instanceof AlterSpec.SetColumnDefault sd) {
            setDefault(column(sd.column()), sd.defaultText());
        } else if (spec instanceof AlterSpec.AddIndex ai) {
            addIndex(ai.index(), ai.ifNotExists());
        } else if (spec instanceof AlterSpec.DropIndex di) {
            dropIndex(di.name(), di.ifExists());
        } else if (spec instanceof AlterSpec.DropPrimaryKey) {
            dropIndex("PRIMARY", false);
        } else if (spec instanceof AlterSpec.RenameIndex ri) {
            int i = indexOfKey(ri.oldName());
            if (i < 0) {
                LOG.warn("{}: renamed key `{}` was not tracked", id, ri.oldName());
                return;
            }
            if (indexOfKey(ri.newName()) >= 0 && !ri.oldName().equalsIgnoreCase(ri.newName())) {
                throw new ModelException("Duplicate key name '" + ri.newName() + "'");
            }
            indexes.set(i, indexes.get(i).withName(ri.newName()));
        } else if (spec instanceof AlterSpec.AddConstraint ac) {
            addConstraint(ac.constraint());
        } else if (spec instanceof AlterSpec.DropConstraint dc) {
            dropConstraint(dc);
        } else if (spec instanceof AlterSpec.RenameTable rt) {
            id = rt.newName();
        } else if (spec instanceof AlterSpec.ConvertCharset cc) {
            convert(cc, databaseDefault);
        } else if (spec instanceof AlterSpec.TableOptions to) {
            tableOptions(to);
        }
        // NoChange: ALGORITHM, LOCK, FORCE, partition maintenance ... leave the structure alone
    }

    private void addColumns(AlterSpec.AddColumns a) {
        for (ColumnSyntax c : a.columns()) {
            if (indexOf(c.name()) >= 0) {
                if (a.ifNotExists()) {
                    continue;
                }
                throw new ModelException("Duplicate column name '" + c.name() + "'");
            }
            addColumn(c, columns.size());
            place(columns.get(indexOf(c.name())), a.position());
        }
    }

    private void changeColumn(AlterSpec.ChangeColumn ch) {
        int i = indexOf(ch.oldName());
        if (i < 0) {
            if (ch.ifExists()) {
                return;
            }
            throw new ModelException("Unknown column '" + ch.oldName() + "' in '" + id + "'");
        }
        String newName = ch.column().name();
        if (!newName.equalsIgnoreCase(ch.oldName()) && indexOf(newName) >= 0) {
            throw new ModelException("Duplicate column name '" + newName + "'");
        }
        Column replacement = toColumn(ch.column());
        columns.set(i, replacement);
        renameInKeys(ch.oldName(), newName);
        inlineKeys(ch.column());
        place(replacement, ch.position());
    }

    private void dropColumn(AlterSpec.DropColumn d) {
        int i = indexOf(d.name());
        if (i < 0) {
            if (d.ifExists()) {
                return;
            }
            throw new ModelException("Can't DROP COLUMN `" + d.name() + "`; check that it exists");
        }
        columns.remove(i);
        for (int k = indexes.size() - 1; k >= 0; k--) {
            IndexSyntax idx = indexes.get(k);
            List<IndexSyntax.Part> parts = new ArrayList<>();
            for (IndexSyntax.Part p : idx.parts()) {
                if (p.column() == null || !p.column().equalsIgnoreCase(d.name())) {
                    parts.add(p);
                }
            }
            if (parts.isEmpty()) {
                indexes.remove(k);
            } else {
                indexes.set(k, idx.withParts(parts));
            }
        }
    }

    private static void setDefault(Column col, String defaultText) {
        col.attributes.removeIf(a -> a.kind() == AttributeKind.DEFAULT);
        if (defaultText == null) {
            return;
        }
        int at = 0;
        for (int i = 0; i < col.attributes.size(); i++) {
            AttributeKind k = col.attributes.get(i).kind();
            if (k == AttributeKind.NULL || k == AttributeKind.NOT_NULL) {
                at = i + 1;
            }
        }
        col.attributes.add(at, new Attribute(AttributeKind.DEFAULT, "DEFAULT " + defaultText, defaultText));
    }

    private void dropConstraint(AlterSpec.DropConstraint dc) {
        for (int i = 0; i < constraints.size(); i++) {
            if (dc.name().equalsIgnoreCase(constraints.get(i).name())) {
                constraints.remove(i);
                return;
            }
        }
        int k = indexOfKey(dc.name());
        if (k >= 0 && indexes.get(k).unique()) {
            indexes.remove(k); // MySQL 8: DROP CONSTRAINT also drops a unique key of that name
            return;
        }
        // server-named checks and foreign keys (t_chk_1, t_ibfk_1, CONSTRAINT_1) are not all mirrored;
        // they do not change the tracked structure
        LOG.debug("{}: dropped constraint `{}` was not tracked", id, dc.name());
    }

    private void convert(AlterSpec.ConvertCharset cc, CharsetCollation databaseDefault) {
        CharsetCollation target = cc.charset() == null && cc.collation() == null ? databaseDefault
                : server.resolve(cc.charset(), cc.collation());
        for (Column col : columns) {
            if (!ColumnTypes.isCharacter(col.type.name())) {
                continue;
            }
            String from = col.type.charset();
            String widened = ColumnTypes.widenText(col.type.name(), from, target.charset());
            col.type = col.type.withName(widened, col.type.args()).withCharset(target.charset(), target.collation());
        }
        charset = target;
    }

    private void tableOptions(AlterSpec.TableOptions to) {
        CharsetCollation cc = server.resolve(to.charset(), to.collation());
        if (cc != null) {
            charset = cc;
        }
        for (TableOption o : to.options()) {
            options.removeIf(x -> x.key().equals(o.key()));
            options.add(o);
        }
    }

    // ---------------------------------------------------------------- output

    private boolean inPrimaryKey(String column) {
        int pk = indexOfKey("PRIMARY");
        return pk >= 0 && indexes.get(pk).parts().stream()
                .anyMatch(p -> p.column() != null && p.column().equalsIgnoreCase(column));
    }

    boolean nullable(Column c) {
        return !inPrimaryKey(c.name) && c.attributes.stream().noneMatch(a -> a.kind() == AttributeKind.NOT_NULL);
    }

    /**
     * Orders the keys as the server does when it builds a table or a statement adds a key: PRIMARY and
     * NOT NULL unique keys first, then unique keys with nullable parts, then prefix unique keys, then the rest,
     * FULLTEXT last; otherwise declaration order. (Changing a column's nullability alone does not re-order.)
     */
    void sortKeys() {
        indexes.sort(Comparator.comparingInt(this::keyRank));
        keysAdded = 0;
    }

    /** Sorts the keys when the applied statement added any. */
    void sortKeysIfAdded() {
        if (keysAdded > 0) {
            sortKeys();
        }
    }

    private int keyRank(IndexSyntax idx) {
        if (!idx.unique()) {
            return idx.kind() == IndexSyntax.Kind.FULLTEXT ? 11 : 10;
        }
        boolean nullPart = idx.parts().stream().anyMatch(p -> p.column() == null || nullable(column(p.column())));
        boolean prefix = idx.parts().stream().anyMatch(p -> p.prefix() >= 0);
        return (nullPart ? 4 : 0) + (idx.kind() == IndexSyntax.Kind.PRIMARY ? 0 : 2) + (prefix ? 1 : 0);
    }

    /** The canonical CREATE TABLE text (unqualified name, explicit charsets, no AUTO_INCREMENT counter or partitions). */
    String render() {
        List<String> lines = new ArrayList<>();
        for (Column c : columns) {
            StringBuilder sb = new StringBuilder("  ").append(TableId.quote(c.name)).append(' ').append(c.type.text());
            if (c.type.charset() != null) {
                sb.append(" CHARACTER SET ").append(c.type.charset()).append(" COLLATE ").append(c.type.collation());
            }
            boolean forceNotNull = inPrimaryKey(c.name);
            if (forceNotNull && c.attributes.stream().noneMatch(a -> a.kind() == AttributeKind.NOT_NULL)) {
                sb.append(" NOT NULL");
            }
            for (Attribute a : c.attributes) {
                if (forceNotNull && a.kind() == AttributeKind.NULL) {
                    continue;
                }
                sb.append(' ').append(a.text());
            }
            lines.add(sb.toString());
        }
        for (IndexSyntax idx : indexes) {
            lines.add("  " + renderIndex(idx));
        }
        for (ConstraintSyntax c : constraints) {
            lines.add("  " + c.text());
        }
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(TableId.quote(id.table())).append(" (\n");
        sb.append(String.join(",\n", lines)).append("\n)");
        for (TableOption o : options) {
            if (!o.key().equals("AUTO_INCREMENT") && !o.key().equals("START TRANSACTION")) {
                sb.append(' ').append(o.text());
            }
        }
        sb.append(" DEFAULT CHARSET=").append(charset.charset()).append(" COLLATE=").append(charset.collation());
        return sb.toString();
    }

    private static String renderIndex(IndexSyntax idx) {
        StringBuilder sb = new StringBuilder();
        switch (idx.kind()) {
            case PRIMARY:
                sb.append("PRIMARY KEY ");
                break;
            case UNIQUE:
                sb.append("UNIQUE KEY ").append(TableId.quote(idx.name())).append(' ');
                break;
            case FULLTEXT:
                sb.append("FULLTEXT KEY ").append(TableId.quote(idx.name())).append(' ');
                break;
            case SPATIAL:
                sb.append("SPATIAL KEY ").append(TableId.quote(idx.name())).append(' ');
                break;
            default:
                sb.append("KEY ").append(TableId.quote(idx.name())).append(' ');
        }
        List<String> parts = new ArrayList<>();
        for (IndexSyntax.Part p : idx.parts()) {
            String s = p.column() != null ? TableId.quote(p.column()) : p.expression();
            if (p.prefix() >= 0) {
                s += "(" + p.prefix() + ")";
            }
            if (p.descending()) {
                s += " DESC";
            }
            parts.add(s);
        }
        sb.append('(').append(String.join(",", parts)).append(')');
        if (!idx.options().isEmpty()) {
            sb.append(' ').append(idx.options());
        }
        return sb.toString();
    }

    /** The structure as the sync unit uses it; {@code createTable} is stored with it. */
    TableSchema toSchema(String createTable) {
        List<io.dm4j.worker.schema.ColumnDef> defs = new ArrayList<>();
        for (Column c : columns) {
            defs.add(columnDef(c));
        }
        List<KeyDef> keys = new ArrayList<>();
        List<PartialKey> partialKeys = new ArrayList<>();
        for (IndexSyntax idx : indexes) {
            if (!idx.unique()) {
                continue;
            }
            boolean wholeColumns = idx.parts().stream().allMatch(p -> p.column() != null && p.prefix() < 0);
            if (!wholeColumns) {
                // a prefix or expression key does not identify rows by column values, but rows conflict on it
                partialKeys.add(new PartialKey(idx.parts().stream()
                        .map(p -> new PartialKey.Part(p.column() == null ? null : columnName(p.column()), p.prefix()))
                        .toList()));
                continue;
            }
            keys.add(new KeyDef(idx.kind() == IndexSyntax.Kind.PRIMARY ? "PRIMARY" : idx.name(),
                    idx.parts().stream().map(p -> columns.get(indexOf(p.column())).name).toList(),
                    idx.kind() == IndexSyntax.Kind.PRIMARY));
        }
        return new TableSchema(id, defs, keys, createTable, partialKeys);
    }

    private ColumnDef columnDef(Column c) {
        DataTypeSyntax t = c.type;
        String dataType = isJson(c) ? "json" : t.name();
        String charset = t.charset();
        String collation = t.collation();
        if (ColumnTypes.BINARY_TYPES.contains(t.name())) {
            charset = "binary";
            collation = "binary";
        }
        int length = -1;
        int precision = -1;
        int scale = -1;
        int fsp = -1;
        switch (t.name()) {
            case "char":
            case "varchar":
            case "binary":
            case "varbinary":
            case "bit":
                length = Integer.parseInt(t.args().get(0));
                break;
            case "decimal":
                precision = Integer.parseInt(t.args().get(0));
                scale = Integer.parseInt(t.args().get(1));
                break;
            case "time":
            case "datetime":
            case "timestamp":
                fsp = t.args().isEmpty() ? 0 : Integer.parseInt(t.args().get(0));
                break;
            default:
        }
        Attribute gen = c.attributes.stream().filter(a -> a.kind() == AttributeKind.GENERATED).findFirst().orElse(null);
        ColumnDef.Generated generated = gen == null ? ColumnDef.Generated.NONE
                : "STORED".equals(gen.detail()) ? ColumnDef.Generated.STORED : ColumnDef.Generated.VIRTUAL;
        return new ColumnDef(c.name, dataType, t.text(), t.unsigned(), nullable(c), charset, collation, length,
                precision, scale, fsp, t.elements(), generated);
    }

    /** Declared JSON, or (MariaDB) a LONGTEXT column carrying a json_valid(column) check. */
    private boolean isJson(Column c) {
        if (c.type.name().equals("json")) {
            return true;
        }
        if (!c.type.name().equals("longtext")) {
            return false;
        }
        if (hasJsonCheck(c.name, c.attributes)) {
            return true;
        }
        return constraints.stream().anyMatch(k -> k.kind() == ConstraintSyntax.Kind.CHECK
                && jsonValidOf(k.expression(), c.name));
    }

    private static boolean hasJsonCheck(String column, List<Attribute> attrs) {
        return attrs.stream().anyMatch(a -> a.kind() == AttributeKind.CHECK && jsonValidOf(a.detail(), column));
    }

    private static boolean jsonValidOf(String expression, String column) {
        if (expression == null) {
            return false;
        }
        var m = JSON_VALID.matcher(expression.toLowerCase(Locale.ROOT));
        return m.matches() && m.group(1).trim().equalsIgnoreCase(column);
    }
}
