package io.dm4j.worker.sync.apply;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.model.TableId;
import io.dm4j.worker.schema.ColumnDef;
import io.dm4j.worker.schema.PartialKey;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.model.RowChange;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rows that conflict on a prefix or expression UNIQUE key share a causality key, so they run in one queue. */
class DerivedKeysTest {
    private static final TableId T = new TableId("db", "t");

    private static TableSchema schema(List<ColumnDef> cols, PartialKey... partial) {
        return new TableSchema(T, cols, List.of(Schemas.pk("id")), null, List.of(partial));
    }

    private static PartialKey prefix(String col, int len) {
        return new PartialKey(List.of(new PartialKey.Part(col, len)));
    }

    private static boolean shareAKey(TableSchema s, Object[] a, Object[] b) {
        Set<String> ka = new HashSet<>(RowKeys.causalityKeys(RowChange.insert(T, T, s, a)));
        ka.retainAll(RowKeys.causalityKeys(RowChange.insert(T, T, s, b)));
        return !ka.isEmpty();
    }

    @Test
    void textPrefixKeysCompareTheFirstCharactersUnderTheCollation() {
        TableSchema ci = schema(List.of(Schemas.intCol("id", false), Schemas.textCol("c", true, "utf8mb4_general_ci")),
                prefix("c", 10));
        assertTrue(shareAKey(ci, Schemas.row(1L, "abcdefghij-1"), Schemas.row(2L, "ABCDEFGHIJ-2")),
                "same 10-character prefix, case-insensitive");
        assertTrue(shareAKey(ci, Schemas.row(1L, "ééééééééééx"), Schemas.row(2L, "eeeeeeeeeey")),
                "characters, not bytes; accents fold as in _ci");
        assertTrue(shareAKey(ci, Schemas.row(1L, "😀😀😀😀😀😀😀😀😀😀a"), Schemas.row(2L, "😀😀😀😀😀😀😀😀😀😀b")),
                "supplementary characters count once");
        assertFalse(shareAKey(ci, Schemas.row(1L, "abcdefghi1"), Schemas.row(2L, "abcdefghi2")),
                "prefixes differ in the 10th character");
        assertFalse(shareAKey(ci, Schemas.row(1L, null), Schemas.row(2L, null)), "NULL never conflicts");

        TableSchema bin = schema(List.of(Schemas.intCol("id", false), Schemas.textCol("c", true, "utf8mb4_bin")),
                prefix("c", 3));
        assertFalse(shareAKey(bin, Schemas.row(1L, "abcX"), Schemas.row(2L, "ABCX")), "_bin is case-sensitive");
        assertTrue(shareAKey(bin, Schemas.row(1L, "abcX"), Schemas.row(2L, "abcY")));
    }

    @Test
    void binaryPrefixKeysCompareTheFirstBytes() {
        TableSchema s = schema(List.of(Schemas.intCol("id", false), Schemas.binaryCol("b", true)), prefix("b", 4));
        byte[] a = "\u00e9\u00e9x".getBytes(StandardCharsets.UTF_8); // c3 a9 c3 a9 78
        byte[] b = "\u00e9\u00e9y".getBytes(StandardCharsets.UTF_8);
        byte[] c = "\u00e9e".getBytes(StandardCharsets.UTF_8);
        assertTrue(shareAKey(s, Schemas.row(1L, a), Schemas.row(2L, b)), "same first 4 bytes");
        assertFalse(shareAKey(s, Schemas.row(1L, a), Schemas.row(2L, c)));
    }

    @Test
    void functionalKeysSerialiseTheTable() {
        TableSchema s = schema(List.of(Schemas.intCol("id", false), Schemas.textCol("c", true, "utf8mb4_bin")),
                new PartialKey(List.of(new PartialKey.Part(null, -1))));
        assertTrue(shareAKey(s, Schemas.row(1L, "x"), Schemas.row(2L, "y")),
                "the expression's value is not in the binlog: every change of the table shares one key");
    }

    @Test
    void uniqueKeyOnAVirtualColumnMissingFromTheImageSerialisesTheTable() {
        List<ColumnDef> cols = List.of(Schemas.intCol("id", false), Schemas.generated("v", ColumnDef.Generated.VIRTUAL));
        TableSchema s = new TableSchema(T, cols, List.of(Schemas.pk("id"), Schemas.uk("uv", "v")), null);
        assertTrue(shareAKey(s, Schemas.row(1L, null), Schemas.row(2L, null)));
        assertTrue(shareAKey(s, Schemas.row(1L, 7L), Schemas.row(2L, 7L)), "a logged value keys as usual");
        TableSchema p = schema(cols, prefix("v", 2));
        assertTrue(shareAKey(p, Schemas.row(1L, null), Schemas.row(2L, null)));
    }
}
