package io.dm4j.worker.schema;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.SchemaErrors;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.sync.ddl.AlterSpec;
import io.dm4j.worker.sync.ddl.DdlOperation;
import io.dm4j.worker.sync.ddl.DdlStatement;
import io.dm4j.worker.sync.ddl.TableSyntax;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The structure of every upstream table of one task as of the binlog position being replicated. Tables are
 * loaded from the upstream (SHOW CREATE TABLE) or from the checkpoint, and evolve with each replicated (or
 * filtered) DDL through {@link #apply}. Every tracked table keeps a CREATE TABLE text that matches its
 * columns: after a DDL the table is re-written as a canonical CREATE TABLE and parsed again.
 *
 * <p>Reads ({@link #get}) may come from any thread; changes are serialized.
 */
public final class SchemaTracker {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaTracker.class);

    private final String task;
    private final ServerDefaults server;
    private final CreateTableParser parser;
    private final TableSchemaJson json;
    private final Map<TableId, TableSchema> tables = new ConcurrentHashMap<>();
    private final Map<String, CharsetCollation> databases = new ConcurrentHashMap<>();

    public SchemaTracker(String task, ServerDefaults server) {
        this.task = Objects.requireNonNull(task, "task");
        this.server = Objects.requireNonNull(server, "server");
        this.parser = new CreateTableParser(server);
        this.json = new TableSchemaJson(parser);
    }

    public String task() {
        return task;
    }

    public ServerDefaults server() {
        return server;
    }

    public CreateTableParser parser() {
        return parser;
    }

    /** The tracked structure, or null when the table is not tracked. */
    public TableSchema get(TableId table) {
        return tables.get(table);
    }

    public synchronized void put(TableSchema schema) {
        tables.put(schema.id(), schema);
    }

    /** Forgets a table; returns what was tracked, or null. */
    public synchronized TableSchema remove(TableId table) {
        return tables.remove(table);
    }

    /** The tracked tables, sorted. */
    public List<TableId> tables() {
        List<TableId> ids = new ArrayList<>(tables.keySet());
        ids.sort(null);
        return ids;
    }

    /** Records a database's default charset (from SHOW CREATE DATABASE, a checkpoint, or a query event). */
    public void setDatabaseDefault(String schema, CharsetCollation charset) {
        databases.put(schema, Objects.requireNonNull(charset, "charset"));
    }

    /** The database's default charset when known, else the server's. */
    public CharsetCollation databaseDefault(String schema) {
        return databases.getOrDefault(schema, server.server());
    }

    /**
     * Reads a table's current structure from the upstream (SHOW CREATE TABLE and the database's default
     * charset) and tracks it.
     */
    public TableSchema loadFromUpstream(Connection upstream, TableId table) {
        TableSchema schema = readStructure(upstream, table, table);
        put(schema);
        LOG.info("task {}: loaded structure of {} from the upstream ({} columns)", task, table, schema.columns().size());
        return schema;
    }

    /**
     * Reads the structure of {@code table} on the server of {@code c} (SHOW CREATE TABLE and its database's
     * default charset) as the structure of {@code trackAs}, without tracking it: for the downstream table a source
     * table is routed to, read as that source table.
     */
    public TableSchema readStructure(Connection c, TableId table, TableId trackAs) {
        String createTable;
        CharsetCollation databaseDefault;
        try {
            databaseDefault = readDatabaseDefault(c, table.schema());
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SHOW CREATE TABLE " + table.quoted())) {
                if (!rs.next()) {
                    throw SchemaErrors.CANNOT_FETCH_UPSTREAM_TABLE.error(table);
                }
                createTable = rs.getString(2);
            }
        } catch (SQLException e) {
            throw SchemaErrors.CANNOT_FETCH_UPSTREAM_TABLE.wrap(e, table);
        }
        if (!createTable.regionMatches(true, 0, "CREATE TABLE", 0, 12)) {
            throw SchemaErrors.CANNOT_FETCH_UPSTREAM_TABLE.error(table)
                    .withWorkaround("The upstream object is not a base table (a view?); views are not replicated.");
        }
        if (databaseDefault != null && table.equals(trackAs)) {
            setDatabaseDefault(trackAs.schema(), databaseDefault);
        }
        return parser.parse(trackAs, createTable,
                databaseDefault != null ? databaseDefault : databaseDefault(trackAs.schema()));
    }

    private static CharsetCollation readDatabaseDefault(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME"
                + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new CharsetCollation(rs.getString(1), rs.getString(2)) : null;
            }
        }
    }

    /**
     * Changes the tracked structures as the DDL did upstream. Tables the DDL works on must be tracked
     * (except for CREATE, DROP and RENAME): ALTER of an untracked table is an error, because loading it
     * now from the upstream could give a structure from a later position.
     *
     * @param currentSchema the query event's schema (names in the statement are already resolved with it)
     * @throws DmException {@link SchemaErrors#CANNOT_GET_TABLE} or {@link SchemaErrors#CANNOT_EXEC_DDL}
     */
    public synchronized void apply(String currentSchema, DdlStatement ddl) {
        DdlOperation op = ddl.operation();
        try {
            if (op instanceof DdlOperation.CreateDatabase cd) {
                CharsetCollation cc = server.resolve(cd.charset(), cd.collation());
                if (!(cd.ifNotExists() && databases.containsKey(cd.schema()))) {
                    databases.put(cd.schema(), cc != null ? cc : server.server());
                }
            } else if (op instanceof DdlOperation.DropDatabase dd) {
                databases.remove(dd.schema());
                tables.keySet().removeIf(t -> t.schema().equals(dd.schema()));
            } else if (op instanceof DdlOperation.AlterDatabase ad) {
                String schema = ad.schema() != null ? ad.schema() : currentSchema;
                CharsetCollation cc = server.resolve(ad.charset(), ad.collation());
                if (cc != null && schema != null) {
                    databases.put(schema, cc);
                }
            } else if (op instanceof DdlOperation.CreateTable ct) {
                createTable(ct.table());
            } else if (op instanceof DdlOperation.DropTable dt) {
                tables.remove(dt.table());
            } else if (op instanceof DdlOperation.RenameTable rt) {
                TableSchema old = tables.get(rt.from());
                if (old == null) {
                    LOG.debug("task {}: rename of untracked table {}", task, rt.from());
                } else {
                    TableModel m = model(old);
                    m.id = rt.to();
                    store(m, rt.from());
                }
            } else if (op instanceof DdlOperation.AlterTable at) {
                TableModel m = model(tracked(at.table()));
                for (AlterSpec spec : at.specs()) {
                    m.apply(spec, databaseDefault(at.table().schema()));
                }
                m.sortKeysIfAdded();
                store(m, at.table());
            } else if (op instanceof DdlOperation.CreateIndex ci) {
                TableModel m = model(tracked(ci.table()));
                m.apply(new AlterSpec.AddIndex(ci.index(), ci.ifNotExists()), databaseDefault(ci.table().schema()));
                m.sortKeysIfAdded();
                store(m, ci.table());
            } else if (op instanceof DdlOperation.DropIndex di) {
                TableModel m = model(tracked(di.table()));
                m.apply(new AlterSpec.DropIndex(di.name(), di.ifExists()), databaseDefault(di.table().schema()));
                store(m, di.table());
            }
            // TRUNCATE TABLE leaves the structure as it is
        } catch (TableModel.ModelException e) {
            throw SchemaErrors.CANNOT_EXEC_DDL.wrap(e, CreateTableParser.abbreviate(ddl.originalSql()), e.getMessage());
        }
    }

    private void createTable(TableSyntax syntax) {
        TableId id = syntax.table();
        if (syntax.ifNotExists() && tables.containsKey(id)) {
            return;
        }
        TableModel m;
        if (syntax.likeTable() != null) {
            m = model(tracked(syntax.likeTable()));
            m.id = id;
        } else {
            m = parser.model(id, syntax, databaseDefault(id.schema()));
        }
        m.sortKeys(); // a new table gets its keys in the server's order
        if (tables.containsKey(id) && !syntax.orReplace()) {
            LOG.warn("task {}: CREATE TABLE {} replaces a tracked table of the same name", task, id);
        }
        store(m, id);
    }

    private TableSchema tracked(TableId table) {
        TableSchema s = tables.get(table);
        if (s == null) {
            throw SchemaErrors.CANNOT_GET_TABLE.error(table, "the DDL needs its structure before the change");
        }
        return s;
    }

    private TableModel model(TableSchema schema) {
        return parser.model(schema.id(), schema.createTable(), databaseDefault(schema.id().schema()));
    }

    /** Writes the model as canonical text and tracks what that text parses to, in place of {@code previous}. */
    private void store(TableModel m, TableId previous) {
        String text = m.render();
        TableSchema schema = parser.parse(m.id, text, databaseDefault(m.id.schema()));
        tables.remove(previous);
        tables.put(m.id, schema);
    }

    /** {@code table_info} JSON of a tracked structure. */
    public String toJson(TableSchema schema) {
        return json.toJson(schema);
    }

    public TableSchema fromJson(String tableInfo) {
        return json.fromJson(tableInfo);
    }
}
