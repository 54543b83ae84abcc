CREATE TABLE `t8` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `ti` tinyint(1) NOT NULL DEFAULT '0',
  `bi` bigint NOT NULL,
  `name` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT '',
  `l1` varchar(10) CHARACTER SET latin1 COLLATE latin1_swedish_ci DEFAULT NULL,
  `doc` json DEFAULT NULL,
  `g` point NOT NULL /*!80003 SRID 4326 */,
  `d` datetime(3) DEFAULT (now(3)),
  `y` year DEFAULT NULL,
  `e` enum('a','b') COLLATE utf8mb4_unicode_ci DEFAULT 'a',
  `gen` int GENERATED ALWAYS AS ((`id` + 1)) VIRTUAL,
  `gs` varchar(20) GENERATED ALWAYS AS (json_unquote(json_extract(`doc`,_utf8mb4'$.name'))) STORED,
  `inv` int DEFAULT NULL /*!80023 INVISIBLE */,
  `bin` varbinary(16) NOT NULL,
  `dz` decimal(12,4) NOT NULL DEFAULT '0.0000',
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_name` (`name`),
  UNIQUE KEY `uk_bin` (`bin`),
  UNIQUE KEY `uk_fn` ((lower(`l1`))),
  KEY `idx_d` (`d` DESC),
  SPATIAL KEY `g` (`g`),
  CONSTRAINT `t8_chk_1` CHECK ((`bi` > 0)),
  CONSTRAINT `t8_chk_2` CHECK ((`ti` < 5)) /*!80016 NOT ENFORCED */
) ENGINE=InnoDB AUTO_INCREMENT=12 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci COMMENT='x'
/*!50100 PARTITION BY HASH (`id`)
PARTITIONS 4 */
