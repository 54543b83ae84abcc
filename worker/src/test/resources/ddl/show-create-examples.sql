-- ==== mariadb
CREATE TABLE `sv` (
  `a` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci WITH SYSTEM VERSIONING
-- ==== mariadb
CREATE TABLE `sv2` (
  `x` int(11) DEFAULT NULL,
  `rs` timestamp(6) GENERATED ALWAYS AS ROW START INVISIBLE,
  `re` timestamp(6) GENERATED ALWAYS AS ROW END INVISIBLE,
  PERIOD FOR SYSTEM_TIME (`rs`, `re`)
) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci WITH SYSTEM VERSIONING
-- ==== mariadb
CREATE TABLE `ap` (
  `id` int(11) DEFAULT NULL,
  `s` date NOT NULL,
  `e` date NOT NULL,
  PERIOD FOR `p` (`s`, `e`),
  UNIQUE KEY `u` (`id`,`p` WITHOUT OVERLAPS)
) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci
-- ==== mariadb
CREATE TABLE `seqt` (
  `next_not_cached_value` bigint(21) NOT NULL,
  `minimum_value` bigint(21) NOT NULL,
  `maximum_value` bigint(21) NOT NULL,
  `start_value` bigint(21) NOT NULL COMMENT 'start value when sequences is created or value if RESTART is used',
  `increment` bigint(21) NOT NULL COMMENT 'increment value',
  `cache_size` bigint(21) unsigned NOT NULL,
  `cycle_option` tinyint(1) unsigned NOT NULL COMMENT '0 if no cycles are allowed, 1 if the sequence should begin a new cycle when maximum_value is passed',
  `cycle_count` bigint(21) NOT NULL COMMENT 'How many cycles have been done'
) ENGINE=InnoDB SEQUENCE=1
-- ==== mariadb
CREATE TABLE `my` (
  `a` int(11) NOT NULL,
  `b` char(3) DEFAULT NULL,
  PRIMARY KEY (`a`) USING HASH,
  KEY `b` (`b`)
) ENGINE=MyISAM DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci CHECKSUM=1 DELAY_KEY_WRITE=1 ROW_FORMAT=FIXED
-- ==== mariadb
CREATE TABLE `mem` (
  `a` int(11) DEFAULT NULL,
  `b` varchar(10) DEFAULT NULL,
  KEY `a` (`a`) USING HASH
) ENGINE=MEMORY DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci
-- ==== mariadb
CREATE TABLE `inv` (
  `a` int(11) DEFAULT NULL,
  `b` int(11) INVISIBLE DEFAULT 5,
  `c` varchar(5) NOT NULL DEFAULT '' COMMENT 'see ''c'''
) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci
-- ==== mariadb
CREATE TABLE `cmp` (
  `a` blob /*M!100301 COMPRESSED*/ DEFAULT NULL,
  `b` varchar(100) /*M!100301 COMPRESSED*/ DEFAULT NULL,
  `c` text DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci ROW_FORMAT=DYNAMIC `PAGE_COMPRESSED`='1'
-- ==== mariadb
CREATE TABLE `fkc` (
  `id` int(11) NOT NULL,
  `pid` int(11) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `fk` (`pid`),
  CONSTRAINT `fk` FOREIGN KEY (`pid`) REFERENCES `fkp` (`id`) ON DELETE SET NULL ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci
-- ==== mariadb
CREATE TABLE `big` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `d` datetime DEFAULT current_timestamp(),
  `ts` timestamp(3) NOT NULL DEFAULT current_timestamp(3) ON UPDATE current_timestamp(3),
  `amount` decimal(65,30) DEFAULT 0.500000000000000000000000000000,
  `flag` bit(1) DEFAULT b'0',
  `lbl` varchar(20) DEFAULT 'x',
  `u` uuid DEFAULT uuid(),
  PRIMARY KEY (`id`),
  UNIQUE KEY `lbl` (`lbl`,`id`),
  KEY `kd` (`d` DESC)
) ENGINE=InnoDB AUTO_INCREMENT=100 DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci
 PARTITION BY HASH (`id`)
PARTITIONS 3
-- ==== mysql8
CREATE TABLE `film` (
  `film_id` smallint unsigned NOT NULL AUTO_INCREMENT,
  `title` varchar(128) NOT NULL,
  `description` text,
  `release_year` year DEFAULT NULL,
  `language_id` tinyint unsigned NOT NULL,
  `original_language_id` tinyint unsigned DEFAULT NULL,
  `rental_duration` tinyint unsigned NOT NULL DEFAULT '3',
  `rental_rate` decimal(4,2) NOT NULL DEFAULT '4.99',
  `length` smallint unsigned DEFAULT NULL,
  `replacement_cost` decimal(5,2) NOT NULL DEFAULT '19.99',
  `rating` enum('G','PG','PG-13','R','NC-17') DEFAULT 'G',
  `special_features` set('Trailers','Commentaries','Deleted Scenes','Behind the Scenes') DEFAULT NULL,
  `last_update` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (`film_id`),
  KEY `idx_title` (`title`),
  KEY `idx_fk_language_id` (`language_id`),
  KEY `idx_fk_original_language_id` (`original_language_id`),
  CONSTRAINT `fk_film_language` FOREIGN KEY (`language_id`) REFERENCES `language` (`language_id`) ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT `fk_film_language_original` FOREIGN KEY (`original_language_id`) REFERENCES `language` (`language_id`) ON DELETE RESTRICT ON UPDATE CASCADE
) ENGINE=InnoDB AUTO_INCREMENT=1001 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci
-- ==== mysql8
CREATE TABLE `address` (
  `address_id` smallint unsigned NOT NULL AUTO_INCREMENT,
  `address` varchar(50) NOT NULL,
  `address2` varchar(50) DEFAULT NULL,
  `district` varchar(20) NOT NULL,
  `city_id` smallint unsigned NOT NULL,
  `postal_code` varchar(10) DEFAULT NULL,
  `phone` varchar(20) NOT NULL,
  `location` geometry NOT NULL /*!80003 SRID 0 */,
  `last_update` timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (`address_id`),
  KEY `idx_fk_city_id` (`city_id`),
  SPATIAL KEY `idx_location` (`location`),
  CONSTRAINT `fk_address_city` FOREIGN KEY (`city_id`) REFERENCES `city` (`city_id`) ON DELETE RESTRICT ON UPDATE CASCADE
) ENGINE=InnoDB AUTO_INCREMENT=606 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci
-- ==== mysql8
CREATE TABLE `film_text` (
  `film_id` smallint NOT NULL,
  `title` varchar(255) NOT NULL,
  `description` text,
  PRIMARY KEY (`film_id`),
  FULLTEXT KEY `idx_title_description` (`title`,`description`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci
-- ==== mysql8
CREATE TABLE `orders` (
  `id` bigint NOT NULL AUTO_INCREMENT,
  `uuid` binary(16) NOT NULL DEFAULT (uuid_to_bin(uuid())),
  `doc` json NOT NULL,
  `customer` varchar(64) GENERATED ALWAYS AS (json_unquote(json_extract(`doc`,_utf8mb4'$.customer'))) VIRTUAL,
  `total` decimal(12,2) GENERATED ALWAYS AS (json_extract(`doc`,_utf8mb4'$.total')) STORED NOT NULL,
  `note` varchar(255) CHARACTER SET ascii COLLATE ascii_bin DEFAULT NULL COMMENT 'plain ascii',
  `created` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  `flags` bit(8) NOT NULL DEFAULT b'0',
  `hexed` varbinary(4) DEFAULT 0x00FF,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_uuid` (`uuid`),
  UNIQUE KEY `uk_customer_created` (`customer`,`created`),
  KEY `idx_total` (`total` DESC) /*!80000 INVISIBLE */,
  KEY `idx_doc_tags` ((cast(json_extract(`doc`,_utf8mb4'$.tags') as char(32) array))),
  CONSTRAINT `orders_chk_1` CHECK ((`total` >= 0))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci ROW_FORMAT=DYNAMIC STATS_PERSISTENT=0 /*!80016 ENCRYPTION='N' */
-- ==== mysql8
CREATE TABLE `part_list` (
  `region` varchar(8) NOT NULL,
  `id` int NOT NULL,
  PRIMARY KEY (`region`,`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci
/*!50500 PARTITION BY LIST  COLUMNS(`region`)
(PARTITION p_east VALUES IN ('east','north') ENGINE = InnoDB,
 PARTITION p_west VALUES IN ('west') ENGINE = InnoDB) */
-- ==== mysql57
CREATE TABLE `wp_posts` (
  `ID` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `post_author` bigint(20) unsigned NOT NULL DEFAULT '0',
  `post_date` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `post_content` longtext COLLATE utf8mb4_unicode_520_ci NOT NULL,
  `post_title` text COLLATE utf8mb4_unicode_520_ci NOT NULL,
  `post_status` varchar(20) COLLATE utf8mb4_unicode_520_ci NOT NULL DEFAULT 'publish',
  `post_name` varchar(200) COLLATE utf8mb4_unicode_520_ci NOT NULL DEFAULT '',
  `post_type` varchar(20) COLLATE utf8mb4_unicode_520_ci NOT NULL DEFAULT 'post',
  `guid` varchar(255) COLLATE utf8mb4_unicode_520_ci NOT NULL DEFAULT '',
  `menu_order` int(11) NOT NULL DEFAULT '0',
  `comment_count` bigint(20) NOT NULL DEFAULT '0',
  PRIMARY KEY (`ID`),
  KEY `post_name` (`post_name`(191)),
  KEY `type_status_date` (`post_type`,`post_status`,`post_date`,`ID`),
  KEY `post_author` (`post_author`)
) ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
-- ==== mysql57
CREATE TABLE `legacy` (
  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `code` char(8) CHARACTER SET latin1 NOT NULL,
  `name` varchar(100) NOT NULL DEFAULT '',
  `updated` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  `payload` mediumblob,
  `meta` json DEFAULT NULL,
  `v` int(11) GENERATED ALWAYS AS ((`id` + 1)) VIRTUAL,
  `amount` double(16,4) NOT NULL DEFAULT '0.0000',
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_code` (`code`) USING BTREE,
  KEY `idx_name` (`name`(32)) KEY_BLOCK_SIZE=8
) ENGINE=InnoDB AUTO_INCREMENT=17 DEFAULT CHARSET=utf8 ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8 COMMENT='legacy table'
-- ==== mysql57
CREATE TABLE `myisam_t` (
  `a` int(11) NOT NULL,
  `b` varchar(10) DEFAULT NULL,
  PRIMARY KEY (`a`)
) ENGINE=MyISAM DEFAULT CHARSET=gbk CHECKSUM=1 DELAY_KEY_WRITE=1 /*!50100 TABLESPACE `innodb_system` */
-- ==== mysql57
CREATE TABLE `hist` (
  `id` int(11) NOT NULL,
  `created` date NOT NULL,
  `c` char(1) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin /*!50606 STORAGE MEMORY */ /*!50606 COLUMN_FORMAT DYNAMIC */ DEFAULT NULL,
  PRIMARY KEY (`id`,`created`)
) ENGINE=InnoDB DEFAULT CHARSET=latin1
/*!50100 PARTITION BY RANGE (YEAR(created))
SUBPARTITION BY HASH (id)
SUBPARTITIONS 2
(PARTITION p2019 VALUES LESS THAN (2020) ENGINE = InnoDB,
 PARTITION pmax VALUES LESS THAN MAXVALUE ENGINE = InnoDB) */
