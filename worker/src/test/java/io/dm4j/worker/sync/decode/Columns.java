package io.dm4j.worker.sync.decode;

import io.dm4j.common.model.TableId;
import io.dm4j.worker.schema.ColumnDef;
import io.dm4j.worker.schema.ColumnDef.Generated;
import io.dm4j.worker.schema.TableSchema;
import java.util.List;

/** Short ColumnDef/TableSchema factories for decoder tests. */
final class Columns {
    private Columns() {
    }

    static ColumnDef num(String name, String dataType, boolean unsigned) {
        return new ColumnDef(name, dataType, dataType + (unsigned ? " unsigned" : ""), unsigned, true, null, null,
                -1, -1, -1, -1, List.of(), Generated.NONE);
    }

    static ColumnDef decimal(String name, int precision, int scale) {
        return new ColumnDef(name, "decimal", "decimal(" + precision + "," + scale + ")", false, true, null, null,
                -1, precision, scale, -1, List.of(), Generated.NONE);
    }

    static ColumnDef temporal(String name, String dataType, int fsp) {
        return new ColumnDef(name, dataType, dataType + (fsp > 0 ? "(" + fsp + ")" : ""), false, true, null, null,
                -1, -1, -1, fsp, List.of(), Generated.NONE);
    }

    static ColumnDef text(String name, String dataType, int length, String charset, String collation) {
        return new ColumnDef(name, dataType, dataType + (length > 0 ? "(" + length + ")" : ""), false, true,
                charset, collation, length, -1, -1, -1, List.of(), Generated.NONE);
    }

    static ColumnDef binary(String name, String dataType, int length) {
        return text(name, dataType, length, "binary", "binary");
    }

    static ColumnDef bit(String name, int n) {
        return new ColumnDef(name, "bit", "bit(" + n + ")", false, true, null, null, n, -1, -1, -1, List.of(),
                Generated.NONE);
    }

    static ColumnDef members(String name, String dataType, String... labels) {
        return new ColumnDef(name, dataType, dataType + "(" + String.join(",", labels) + ")", false, true,
                "utf8mb4", "utf8mb4_general_ci", -1, -1, -1, -1, List.of(labels), Generated.NONE);
    }

    static ColumnDef plain(String name, String dataType) {
        return new ColumnDef(name, dataType, dataType, false, true, null, null, -1, -1, -1, -1, List.of(),
                Generated.NONE);
    }

    static ColumnDef generated(ColumnDef c, Generated kind) {
        return new ColumnDef(c.name(), c.dataType(), c.columnType(), c.unsigned(), c.nullable(), c.charset(),
                c.collation(), c.length(), c.precision(), c.scale(), c.fsp(), c.elements(), kind);
    }

    static TableSchema table(String db, String table, ColumnDef... columns) {
        return new TableSchema(new TableId(db, table), List.of(columns), List.of(), null);
    }
}
