package io.dm4j.worker.sync.ddl;

import io.dm4j.common.model.TableId;
import java.util.List;
import java.util.Objects;

/**
 * A CREATE TABLE statement as written.
 *
 * @param table          the table (schema resolved)
 * @param ifNotExists    IF NOT EXISTS given
 * @param orReplace      MariaDB's CREATE OR REPLACE
 * @param temporary      CREATE TEMPORARY TABLE
 * @param likeTable      the source of CREATE TABLE ... LIKE, else null (then columns are empty)
 * @param columns        column definitions in order
 * @param indexes        indexes declared as table elements (inline PRIMARY KEY/UNIQUE stay on the columns)
 * @param constraints    CHECK / FOREIGN KEY / PERIOD elements
 * @param charset        DEFAULT CHARSET, or null
 * @param collation      DEFAULT COLLATE, or null
 * @param options        other table options in order
 * @param partitioning   the partition clause as written, or null
 * @param asSelect       the statement ends with a SELECT (columns may come from it)
 */
public record TableSyntax(TableId table, boolean ifNotExists, boolean orReplace, boolean temporary, TableId likeTable,
                          List<ColumnSyntax> columns, List<IndexSyntax> indexes, List<ConstraintSyntax> constraints,
                          String charset, String collation, List<TableOption> options, String partitioning,
                          boolean asSelect) {

    public TableSyntax {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
        constraints = List.copyOf(constraints);
        options = List.copyOf(options);
    }
}
