package io.dm4j.worker.schema;

import io.dm4j.common.errors.SchemaErrors;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.sync.ddl.CreateTableReader;
import io.dm4j.worker.sync.ddl.DdlSyntaxException;
import io.dm4j.worker.sync.ddl.TableSyntax;
import java.util.Objects;

/**
 * Reads a CREATE TABLE statement, as SHOW CREATE TABLE prints it on MariaDB 10.x / MySQL 5.7 / 8.0 or as it
 * appears in the binlog, into the {@link TableSchema} the sync unit decodes rows with.
 *
 * <p>Character columns get the charset/collation written on the column, else the table's DEFAULT CHARSET /
 * COLLATE, else the database default the caller gives, else the server's. PRIMARY KEY columns are NOT NULL.
 * Unique keys with a prefix part ({@code UNIQUE KEY (c(10))}) or an expression part are left out of
 * {@link TableSchema#uniqueKeys()}: they do not identify a row by column values.
 */
public final class CreateTableParser {
    private final ServerDefaults server;

    public CreateTableParser(ServerDefaults server) {
        this.server = Objects.requireNonNull(server, "server");
    }

    public ServerDefaults server() {
        return server;
    }

    /** Parses with the server's default charset standing in for the database's. */
    public TableSchema parse(TableId id, String createTableSql) {
        return parse(id, createTableSql, server.server());
    }

    /**
     * @param id              the table (the name in the text is not used: SHOW CREATE TABLE prints it unqualified)
     * @param createTableSql  the statement; kept as {@link TableSchema#createTable()}
     * @param databaseDefault the default charset/collation of the table's database
     */
    public TableSchema parse(TableId id, String createTableSql, CharsetCollation databaseDefault) {
        return model(id, createTableSql, databaseDefault).toSchema(createTableSql);
    }

    /** The editable model of a CREATE TABLE text (used by the tracker to apply ALTER TABLE). */
    TableModel model(TableId id, String createTableSql, CharsetCollation databaseDefault) {
        TableSyntax syntax;
        try {
            syntax = CreateTableReader.parse(createTableSql, id.schema());
        } catch (DdlSyntaxException | NumberFormatException e) {
            throw SchemaErrors.INVALID_CREATE_TABLE.wrap(e, id, abbreviate(createTableSql));
        }
        return model(id, syntax, databaseDefault);
    }

    TableModel model(TableId id, TableSyntax syntax, CharsetCollation databaseDefault) {
        if (syntax.likeTable() != null) {
            throw SchemaErrors.INVALID_CREATE_TABLE.error(id, "CREATE TABLE ... LIKE has no columns of its own");
        }
        if (syntax.columns().isEmpty()) {
            throw SchemaErrors.INVALID_CREATE_TABLE.error(id, "no column definitions");
        }
        try {
            return TableModel.of(id, syntax, databaseDefault == null ? server.server() : databaseDefault, server);
        } catch (TableModel.ModelException | NumberFormatException e) {
            throw SchemaErrors.INVALID_CREATE_TABLE.wrap(e, id, e.getMessage());
        }
    }

    static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }
}
