package io.dm4j.worker.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.model.TableId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prefix and expression UNIQUE keys are kept apart from the identifying keys, and survive table_info. */
class PartialKeysTest {
    private static final TableId T = new TableId("db", "t");

    @Test
    void prefixAndFunctionalUniqueKeysAreTracked() {
        CreateTableParser parser = new CreateTableParser(ServerDefaults.mysql8());
        TableSchema s = parser.parse(T, "CREATE TABLE `t` (`id` int NOT NULL, `c` varchar(40), `b` varbinary(40),"
                + " `d` int, PRIMARY KEY (`id`), UNIQUE KEY `uc` (`C`(10)), UNIQUE KEY `ub` (`d`, `b`(4)),"
                + " UNIQUE KEY `uf` ((lower(`c`))), KEY `ix` (`c`(5)))");
        assertEquals(List.of(new KeyDef("PRIMARY", List.of("id"), true)), s.uniqueKeys(), "only whole-column keys identify");
        assertEquals(List.of(
                new PartialKey(List.of(new PartialKey.Part("c", 10))),
                new PartialKey(List.of(new PartialKey.Part("d", -1), new PartialKey.Part("b", 4))),
                new PartialKey(List.of(new PartialKey.Part(null, -1)))), s.partialKeys());
        assertTrue(s.partialKeys().get(2).functional());

        TableSchemaJson json = new TableSchemaJson(parser);
        assertEquals(s, json.fromJson(json.toJson(s)));
    }

    @Test
    void tableInfoWrittenBeforePartialKeysGetsThemFromTheCreateText() {
        CreateTableParser parser = new CreateTableParser(ServerDefaults.mariadb());
        TableSchema s = parser.parse(T, "CREATE TABLE `t` (`id` int NOT NULL, `c` varchar(40), PRIMARY KEY (`id`),"
                + " UNIQUE KEY `uc` (`c`(10)))");
        TableSchemaJson json = new TableSchemaJson(parser);
        String old = json.toJson(s).replaceAll(",\"partialKeys\":\\[[^\\]]*\\]\\}\\]", "");
        assertEquals(s.partialKeys(), json.fromJson(old).partialKeys(), old);
    }
}
