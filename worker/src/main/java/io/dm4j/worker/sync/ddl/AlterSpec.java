package io.dm4j.worker.sync.ddl;

import io.dm4j.common.model.TableId;
import java.util.List;

/** One clause of ALTER TABLE, in the form the schema tracker applies it. */
public sealed interface AlterSpec {

    /** ADD [COLUMN] ...; several for {@code ADD (a int, b int)} (then position is DEFAULT). */
    record AddColumns(List<ColumnSyntax> columns, ColumnPosition position, boolean ifNotExists) implements AlterSpec {
        public AddColumns {
            columns = List.copyOf(columns);
        }
    }

    /** CHANGE old new-definition, or MODIFY (then {@code oldName} equals the definition's name). */
    record ChangeColumn(String oldName, ColumnSyntax column, ColumnPosition position, boolean ifExists)
            implements AlterSpec {
    }

    record DropColumn(String name, boolean ifExists) implements AlterSpec {
    }

    record RenameColumn(String oldName, String newName) implements AlterSpec {
    }

    /** ALTER COLUMN c SET DEFAULT expr ({@code defaultText} is the expression) or DROP DEFAULT (null). */
    record SetColumnDefault(String column, String defaultText) implements AlterSpec {
    }

    record AddIndex(IndexSyntax index, boolean ifNotExists) implements AlterSpec {
    }

    /** DROP INDEX/KEY name; name {@code PRIMARY} means the primary key. */
    record DropIndex(String name, boolean ifExists) implements AlterSpec {
    }

    record DropPrimaryKey() implements AlterSpec {
    }

    record RenameIndex(String oldName, String newName) implements AlterSpec {
    }

    /** ADD CHECK / FOREIGN KEY / PERIOD. */
    record AddConstraint(ConstraintSyntax constraint) implements AlterSpec {
    }

    /** DROP CONSTRAINT / CHECK / FOREIGN KEY name (DROP CONSTRAINT may also name a unique key in MySQL 8). */
    record DropConstraint(String name, boolean ifExists) implements AlterSpec {
    }

    /** RENAME [TO|AS] new name. */
    record RenameTable(TableId newName) implements AlterSpec {
    }

    /** CONVERT TO CHARACTER SET cs [COLLATE co]: every character column and the table default change. */
    record ConvertCharset(String charset, String collation) implements AlterSpec {
    }

    /** Table options: a new default charset/collation (either may be null) and other options as written. */
    record TableOptions(String charset, String collation, List<TableOption> options) implements AlterSpec {
        public TableOptions {
            options = List.copyOf(options);
        }
    }

    /** A clause that does not change what the tracker keeps (ALGORITHM, LOCK, FORCE, partition maintenance ...). */
    record NoChange(String text) implements AlterSpec {
    }
}
