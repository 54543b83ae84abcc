package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeferredIndexesTest {
    private static final String SYSBENCH = """
            CREATE TABLE IF NOT EXISTS `db`.`sbtest1` (
              `id` int(11) NOT NULL AUTO_INCREMENT,
              `k` int(11) NOT NULL DEFAULT 0,
              `c` char(120) NOT NULL DEFAULT '',
              `pad` char(60) NOT NULL DEFAULT '',
              PRIMARY KEY (`id`),
              KEY `k_1` (`k`)
            ) ENGINE=InnoDB AUTO_INCREMENT=250001 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci""";

    @Test
    void aPlainKeyIsLeftOutAndTheLineBeforeItLosesItsComma() {
        DeferredIndexes.Split split = DeferredIndexes.split(SYSBENCH);
        assertEquals(List.of(new DeferredIndexes.Index("k_1", "KEY `k_1` (`k`)")), split.deferred());
        assertEquals("""
                CREATE TABLE IF NOT EXISTS `db`.`sbtest1` (
                  `id` int(11) NOT NULL AUTO_INCREMENT,
                  `k` int(11) NOT NULL DEFAULT 0,
                  `c` char(120) NOT NULL DEFAULT '',
                  `pad` char(60) NOT NULL DEFAULT '',
                  PRIMARY KEY (`id`)
                ) ENGINE=InnoDB AUTO_INCREMENT=250001 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci""", split.create());
        assertEquals("ALTER TABLE `db`.`sbtest1` ADD KEY `k_1` (`k`)",
                DeferredIndexes.addStatement("`db`.`sbtest1`", split.deferred()));
    }

    @Test
    void uniqueFullTextSpatialAndPrimaryKeysStayAndSeveralPlainKeysGoInOneAlter() {
        String create = """
                CREATE TABLE `t` (
                  `id` bigint NOT NULL,
                  `a` varchar(20) DEFAULT NULL,
                  `b` int DEFAULT NULL,
                  `doc` text,
                  `g` point NOT NULL,
                  PRIMARY KEY (`id`),
                  UNIQUE KEY `ua` (`a`),
                  KEY `ab` (`a`(10),`b`) COMMENT 'x, y',
                  FULLTEXT KEY `fd` (`doc`),
                  SPATIAL KEY `sg` (`g`),
                  KEY `we``ird` (`b`) USING BTREE
                ) ENGINE=InnoDB""";
        DeferredIndexes.Split split = DeferredIndexes.split(create);
        assertEquals(List.of(new DeferredIndexes.Index("ab", "KEY `ab` (`a`(10),`b`) COMMENT 'x, y'"),
                new DeferredIndexes.Index("we`ird", "KEY `we``ird` (`b`) USING BTREE")), split.deferred());
        assertEquals("""
                CREATE TABLE `t` (
                  `id` bigint NOT NULL,
                  `a` varchar(20) DEFAULT NULL,
                  `b` int DEFAULT NULL,
                  `doc` text,
                  `g` point NOT NULL,
                  PRIMARY KEY (`id`),
                  UNIQUE KEY `ua` (`a`),
                  FULLTEXT KEY `fd` (`doc`),
                  SPATIAL KEY `sg` (`g`)
                ) ENGINE=InnoDB""", split.create());
        assertEquals("ALTER TABLE `t` ADD KEY `ab` (`a`(10),`b`) COMMENT 'x, y', ADD KEY `we``ird` (`b`) USING BTREE",
                DeferredIndexes.addStatement("`t`", split.deferred()));
    }

    @Test
    void theIndexThatCarriesTheAutoIncrementColumnStays() {
        // InnoDB needs an index that starts with the AUTO_INCREMENT column; here only the plain key has it first
        String create = """
                CREATE TABLE `t` (
                  `tenant` int NOT NULL,
                  `seq` int NOT NULL AUTO_INCREMENT,
                  `v` int DEFAULT NULL,
                  PRIMARY KEY (`tenant`,`seq`),
                  KEY `seq` (`seq`),
                  KEY `v` (`v`)
                ) ENGINE=InnoDB""";
        DeferredIndexes.Split split = DeferredIndexes.split(create);
        assertEquals(List.of(new DeferredIndexes.Index("v", "KEY `v` (`v`)")), split.deferred());
        assertTrue(split.create().contains("  KEY `seq` (`seq`)\n) ENGINE"), split.create());
    }

    @Test
    void aTableWithAForeignKeyOrWithoutPlainKeysIsUnchanged() {
        String withFk = """
                CREATE TABLE `child` (
                  `id` int NOT NULL,
                  `p` int DEFAULT NULL,
                  PRIMARY KEY (`id`),
                  KEY `p` (`p`),
                  CONSTRAINT `fk` FOREIGN KEY (`p`) REFERENCES `parent` (`id`)
                ) ENGINE=InnoDB""";
        assertTrue(DeferredIndexes.hasForeignKey(withFk));
        assertEquals(new DeferredIndexes.Split(withFk, List.of()), DeferredIndexes.split(withFk));
        String keysOnly = "CREATE TABLE `t` (\n  `id` int NOT NULL,\n  UNIQUE KEY `u` (`id`)\n) ENGINE=InnoDB";
        assertEquals(new DeferredIndexes.Split(keysOnly, List.of()), DeferredIndexes.split(keysOnly));
    }
}
