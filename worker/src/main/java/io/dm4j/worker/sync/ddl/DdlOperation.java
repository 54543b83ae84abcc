package io.dm4j.worker.sync.ddl;

import io.dm4j.common.model.TableId;
import java.util.List;

/** What one (split) DDL statement does, in the form the schema tracker applies it. Names are resolved. */
public sealed interface DdlOperation {

    record CreateDatabase(String schema, boolean ifNotExists, String charset, String collation) implements DdlOperation {
    }

    record DropDatabase(String schema, boolean ifExists) implements DdlOperation {
    }

    record AlterDatabase(String schema, String charset, String collation) implements DdlOperation {
    }

    record CreateTable(TableSyntax table) implements DdlOperation {
    }

    record DropTable(TableId table, boolean ifExists) implements DdlOperation {
    }

    record TruncateTable(TableId table) implements DdlOperation {
    }

    record RenameTable(TableId from, TableId to) implements DdlOperation {
    }

    record AlterTable(TableId table, List<AlterSpec> specs) implements DdlOperation {
        public AlterTable {
            specs = List.copyOf(specs);
        }
    }

    record CreateIndex(TableId table, IndexSyntax index, boolean ifNotExists) implements DdlOperation {
    }

    record DropIndex(TableId table, String name, boolean ifExists) implements DdlOperation {
    }
}
