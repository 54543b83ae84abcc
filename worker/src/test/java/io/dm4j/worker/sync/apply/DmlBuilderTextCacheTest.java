package io.dm4j.worker.sync.apply;

import static io.dm4j.worker.sync.apply.Schemas.binaryCol;
import static io.dm4j.worker.sync.apply.Schemas.bigintCol;
import static io.dm4j.worker.sync.apply.Schemas.generated;
import static io.dm4j.worker.sync.apply.Schemas.intCol;
import static io.dm4j.worker.sync.apply.Schemas.pk;
import static io.dm4j.worker.sync.apply.Schemas.row;
import static io.dm4j.worker.sync.apply.Schemas.table;
import static io.dm4j.worker.sync.apply.Schemas.textCol;
import static io.dm4j.worker.sync.apply.Schemas.uk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.model.TableId;
import io.dm4j.worker.db.SqlStatement;
import io.dm4j.worker.schema.ColumnDef;
import io.dm4j.worker.schema.PartialKey;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.model.ChangeType;
import io.dm4j.worker.sync.model.RowChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The cached statement texts of {@link DmlBuilder} ({@link TableTexts}, {@link TableTextCache}): byte-identical to
 * the builder before the cache ({@link UncachedDmlBuilder}) for every statement kind and option, and rebuilt when
 * the table structure changes.
 */
class DmlBuilderTextCacheTest {

    /** One upstream table as the dispatcher hands it over: structure, target, extra (route) columns. */
    private record Table(TableSchema schema, TableId target, List<String> extra) {
        Table(TableSchema schema) {
            this(schema, schema.id(), List.of());
        }
    }

    private static ColumnDef jsonCol(String name) {
        return new ColumnDef(name, "json", "json", false, true, null, null, -1, -1, -1, -1, null,
                ColumnDef.Generated.NONE);
    }

    private static List<Table> tables() {
        TableSchema prefixKeyed = new TableSchema(new TableId("db", "pre"),
                List.of(intCol("id", false), textCol("name", false, "utf8mb4_bin"), intCol("v", true)),
                List.of(pk("id")), null,
                List.of(new PartialKey(List.of(new PartialKey.Part("name", 4)))));
        TableSchema prefixOnly = new TableSchema(new TableId("db", "preonly"),
                List.of(textCol("name", false, "utf8mb4_bin"), intCol("v", true)), List.of(), null,
                List.of(new PartialKey(List.of(new PartialKey.Part("name", 4)))));
        return List.of(
                new Table(table("db", "t", List.of(intCol("id", false), textCol("name", true, "utf8mb4_general_ci")),
                        pk("id"))),
                new Table(table("db", "c", List.of(intCol("a", false), textCol("b", false, "utf8mb4_bin"),
                        intCol("v", true)), pk("a", "b"))),
                new Table(table("db", "u", List.of(bigintCol("x", true), intCol("k", false), binaryCol("bin", true)),
                        uk("uk_k", "k"))),
                new Table(table("db", "nk", List.of(intCol("a", true), jsonCol("j")))),
                new Table(table("db", "g", List.of(intCol("id", false), intCol("v", true),
                        generated("gv", ColumnDef.Generated.VIRTUAL), generated("gs", ColumnDef.Generated.STORED)),
                        pk("id"))),
                new Table(prefixKeyed),
                new Table(prefixOnly),
                new Table(table("shard1", "`odd`", List.of(intCol("id", false), intCol("v", true)), pk("id")),
                        new TableId("merged", "all"), List.of("c_table", "c_source")),
                new Table(table("shard2", "`odd`", List.of(intCol("id", false), intCol("v", true)), pk("id")),
                        new TableId("merged", "all"), List.of("c_table", "c_source")),
                // shards whose structures differ: same written columns, another key; same key, other columns
                new Table(table("shard3", "`odd`", List.of(intCol("id", false), intCol("v", false)), pk("id", "v")),
                        new TableId("merged", "all"), List.of("c_table", "c_source")),
                new Table(table("shard4", "`odd`", List.of(intCol("id", false), intCol("v", true), intCol("w", true)),
                        pk("id")), new TableId("merged", "all"), List.of("c_table", "c_source")));
    }

    /** A random value for a column: small numbers (so identities repeat and collide), text, bytes, JSON, or NULL. */
    private static Object value(Random r, ColumnDef col) {
        if (col.nullable() && r.nextInt(5) == 0) {
            return null;
        }
        return switch (col.dataType()) {
            case "varchar" -> "s" + r.nextInt(4);
            case "varbinary" -> new byte[] {(byte) r.nextInt(3)};
            case "json" -> "{\"k\": " + r.nextInt(3) + "}";
            default -> (long) r.nextInt(6);
        };
    }

    private static Object[] randomRow(Random r, TableSchema s) {
        Object[] row = new Object[s.columns().size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = value(r, s.columns().get(i));
        }
        return row;
    }

    private static RowChange randomChange(Random r, Table t) {
        Object[] extraValues = t.extra().isEmpty() ? null : new Object[] {t.schema().id().table(), "mysql-01"};
        List<String> extra = t.extra().isEmpty() ? null : t.extra();
        ChangeType type = ChangeType.values()[r.nextInt(ChangeType.values().length)];
        Object[] before = type == ChangeType.INSERT ? null : randomRow(r, t.schema());
        Object[] after = type == ChangeType.DELETE ? null : randomRow(r, t.schema());
        if (type == ChangeType.UPDATE && r.nextBoolean()) {
            int[] id = t.schema().identityColumns();
            for (int k : id) {
                after[k] = before[k]; // identity kept: the UPSERT path of multiple-rows
            }
        }
        return new RowChange(type, t.schema().id(), t.target(), t.schema(), before, after, extra, extraValues);
    }

    @Test
    void cachedTextsAreByteIdenticalToTheUncachedBuilderForEveryKindAndOption() {
        List<Table> tables = tables();
        Random r = new Random(20261203L);
        int statements = 0;
        for (boolean multi : new boolean[] {false, true}) {
            for (boolean compact : new boolean[] {false, true}) {
                for (JsonMatch json : JsonMatch.values()) {
                    for (int maxPlaceholders : new int[] {DmlBuilder.DEFAULT_MAX_PLACEHOLDERS, 7}) {
                        // one builder for all batches, as an applier keeps it: later batches hit the cache
                        DmlBuilder cached = new DmlBuilder(multi, compact, maxPlaceholders,
                                DmlBuilder.DEFAULT_MAX_PARAM_BYTES, json);
                        UncachedDmlBuilder oracle = new UncachedDmlBuilder(multi, compact, maxPlaceholders,
                                DmlBuilder.DEFAULT_MAX_PARAM_BYTES, json);
                        for (int b = 0; b < 60; b++) {
                            List<QueuedChange> batch = new ArrayList<>();
                            int size = 1 + r.nextInt(25);
                            for (int i = 0; i < size; i++) {
                                Table t = tables.get(r.nextInt(tables.size()));
                                batch.add(new QueuedChange(randomChange(r, t), r.nextInt(3) == 0));
                            }
                            List<SqlStatement> expected = oracle.build(batch);
                            List<SqlStatement> actual = cached.build(batch);
                            assertEquals(expected, actual, "multi " + multi + ", compact " + compact + ", " + json
                                    + ", max placeholders " + maxPlaceholders + ", batch " + batch);
                            statements += actual.size();
                        }
                    }
                }
            }
        }
        assertTrue(statements > 5000, "the comparison covered only " + statements + " statements");
    }

    @Test
    void everyStatementShapeIsCovered() {
        // the random comparison above must reach each text the builder can write
        List<Table> tables = tables();
        Random r = new Random(20261203L);
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (boolean multi : new boolean[] {false, true}) {
            DmlBuilder cached = new DmlBuilder(multi, false);
            for (int b = 0; b < 200; b++) {
                List<QueuedChange> batch = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    batch.add(new QueuedChange(randomChange(r, tables.get(r.nextInt(tables.size()))),
                            r.nextInt(3) == 0));
                }
                for (SqlStatement s : cached.build(batch)) {
                    String sql = s.sql();
                    seen.add(sql.startsWith("INSERT") && sql.contains("ON DUPLICATE KEY UPDATE") ? "upsert"
                            : sql.startsWith("INSERT") ? (sql.contains("),(") ? "insert multi" : "insert")
                            : sql.startsWith("REPLACE") ? (sql.contains("),(") ? "replace multi" : "replace")
                            : sql.startsWith("UPDATE") ? "update"
                            : sql.contains(" IN (") ? "delete in"
                            : "delete");
                    if (sql.contains("IS NULL")) {
                        seen.add("is null");
                    }
                    if (sql.contains("LIMIT 1")) {
                        seen.add("keyless");
                    }
                    if (sql.contains("`c_source`")) {
                        seen.add("extra columns");
                    }
                }
            }
        }
        assertEquals(new java.util.TreeSet<>(List.of("delete", "delete in", "extra columns", "insert",
                "insert multi", "is null", "keyless", "replace", "replace multi", "update", "upsert")), seen);
    }

    @Test
    void aSchemaChangeGivesNewTextAndTheSameSchemaReusesItsTexts() {
        TableSchema v1 = table("db", "t", List.of(intCol("id", false), intCol("a", true)), pk("id"));
        TableSchema v2 = table("db", "t", List.of(intCol("id", false), intCol("a", true), intCol("b", true)),
                pk("id"));
        DmlBuilder builder = new DmlBuilder(false, false);
        assertEquals("INSERT INTO `db`.`t` (`id`,`a`) VALUES (?,?)",
                builder.build(List.of(new QueuedChange(RowChange.insert(v1.id(), v1.id(), v1, row(1L, 2L)), false)))
                        .get(0).sql());
        // ALTER TABLE ... ADD COLUMN b: the tracker hands over a new structure
        assertEquals("INSERT INTO `db`.`t` (`id`,`a`,`b`) VALUES (?,?,?)",
                builder.build(List.of(new QueuedChange(
                        RowChange.insert(v2.id(), v2.id(), v2, row(1L, 2L, 3L)), false))).get(0).sql());
        assertEquals("UPDATE `db`.`t` SET `id`=?,`a`=?,`b`=? WHERE `id`=?",
                builder.build(List.of(new QueuedChange(
                        RowChange.update(v2.id(), v2.id(), v2, row(1L, 2L, 3L), row(1L, 2L, 4L)), false)))
                        .get(0).sql());
        // primary key changed to (a): the WHERE follows
        TableSchema v3 = table("db", "t", List.of(intCol("id", false), intCol("a", false)), pk("a"));
        assertEquals("DELETE FROM `db`.`t` WHERE `a`=?",
                builder.build(List.of(new QueuedChange(RowChange.delete(v3.id(), v3.id(), v3, row(1L, 2L)), false)))
                        .get(0).sql());

        TableTextCache cache = new TableTextCache(JsonMatch.AS_JSON);
        TableTexts first = cache.of(RowChange.insert(v1.id(), v1.id(), v1, row(1L, 2L)));
        assertSame(first, cache.of(RowChange.delete(v1.id(), v1.id(), v1, row(1L, 2L))));
        TableTexts afterDdl = cache.of(RowChange.insert(v2.id(), v2.id(), v2, row(1L, 2L, 3L)));
        assertNotSame(first, afterDdl);
        assertEquals(List.of("id", "a", "b"), afterDdl.writeColumns);
        // an equal structure read again (a reload from the upstream or a checkpoint) is a new instance: rebuilt
        TableSchema v2Again = table("db", "t", v2.columns(), pk("id"));
        assertNotSame(afterDdl, cache.of(RowChange.insert(v2.id(), v2.id(), v2Again, row(1L, 2L, 3L))));
        // a different route for the same table
        TableTexts routed = cache.of(RowChange.insert(v2.id(), new TableId("db2", "t"), v2Again, row(1L, 2L, 3L)));
        assertTrue(routed.insertPrefix.startsWith("INSERT INTO `db2`.`t` "), routed.insertPrefix);
        assertEquals(1, cache.size());
    }

    @Test
    void theCacheStartsOverPastItsCapacity() {
        TableTextCache cache = new TableTextCache(JsonMatch.AS_JSON, 2);
        for (int i = 0; i < 5; i++) {
            TableSchema s = table("db", "t" + i, List.of(intCol("id", false)), pk("id"));
            cache.of(RowChange.insert(s.id(), s.id(), s, row(1L)));
            assertTrue(cache.size() <= 2, "size " + cache.size());
        }
    }
}
