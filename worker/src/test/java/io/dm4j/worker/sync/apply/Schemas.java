package io.dm4j.worker.sync.apply;

import io.dm4j.common.model.TableId;
import io.dm4j.worker.schema.ColumnDef;
import io.dm4j.worker.schema.KeyDef;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.model.RowChange;
import java.util.List;

/** Small builders of table structures and row changes for tests. */
final class Schemas {
    private Schemas() {
    }

    static ColumnDef intCol(String name, boolean nullable) {
        return new ColumnDef(name, "int", "int(11)", false, nullable, null, null, -1, -1, -1, -1, null,
                ColumnDef.Generated.NONE);
    }

    static ColumnDef bigintCol(String name, boolean nullable) {
        return new ColumnDef(name, "bigint", "bigint(20)", false, nullable, null, null, -1, -1, -1, -1, null,
                ColumnDef.Generated.NONE);
    }

    static ColumnDef textCol(String name, boolean nullable, String collation) {
        return new ColumnDef(name, "varchar", "varchar(32)", false, nullable, "utf8mb4", collation, 32, -1, -1, -1,
                null, ColumnDef.Generated.NONE);
    }

    static ColumnDef binaryCol(String name, boolean nullable) {
        return new ColumnDef(name, "varbinary", "varbinary(16)", false, nullable, "binary", "binary", 16, -1, -1, -1,
                null, ColumnDef.Generated.NONE);
    }

    static ColumnDef generated(String name, ColumnDef.Generated kind) {
        return new ColumnDef(name, "int", "int(11)", false, true, null, null, -1, -1, -1, -1, null, kind);
    }

    static KeyDef pk(String... cols) {
        return new KeyDef("PRIMARY", List.of(cols), true);
    }

    static KeyDef uk(String name, String... cols) {
        return new KeyDef(name, List.of(cols), false);
    }

    static TableSchema table(String db, String tbl, List<ColumnDef> cols, KeyDef... keys) {
        return new TableSchema(new TableId(db, tbl), cols, List.of(keys), null);
    }

    /** `db`.`t` (id INT PK, name VARCHAR ci). */
    static TableSchema simple() {
        return table("db", "t", List.of(intCol("id", false), textCol("name", true, "utf8mb4_general_ci")), pk("id"));
    }

    /** Changes of a table into itself (source = target). */
    static RowChange ins(TableSchema s, Object... after) {
        return RowChange.insert(s.id(), s.id(), s, after);
    }

    static RowChange upd(TableSchema s, Object[] before, Object[] after) {
        return RowChange.update(s.id(), s.id(), s, before, after);
    }

    static RowChange del(TableSchema s, Object... before) {
        return RowChange.delete(s.id(), s.id(), s, before);
    }

    static Object[] row(Object... values) {
        return values;
    }
}
