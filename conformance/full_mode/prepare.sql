-- dm4j conformance corpus, full_mode: what the dump files must escape and the load must restore
DROP DATABASE IF EXISTS c4j_full;
CREATE DATABASE c4j_full;
USE c4j_full;
CREATE TABLE texts (id INT PRIMARY KEY, s VARCHAR(100), b VARBINARY(100), big MEDIUMBLOB);
INSERT INTO texts VALUES
  (1, 'it''s "quoted"', 'x', NULL),
  (2, 'back\\slash \\n not a newline', x'5c6e', NULL),
  (3, 'tab\there\nnew line\r\nwindows', x'090a0d', NULL),
  (4, 'nul byte: \0 end', x'00', x'00'),
  (5, 'emoji 🙂 and 漢字', x'f09f9982', NULL),
  (6, ';; semicolons; -- not a comment /* nor this */', ';', NULL),
  (7, '', '', ''),
  (8, NULL, NULL, NULL),
  (9, 'big', NULL, REPEAT(x'00ff7f80', 65536));
CREATE TABLE stamped (
  id INT PRIMARY KEY,
  v INT,
  created DATETIME(3) NOT NULL DEFAULT '2020-01-01 00:00:00.000',
  changed TIMESTAMP(6) NOT NULL DEFAULT '2020-01-01 00:00:00.000000' ON UPDATE CURRENT_TIMESTAMP(6)
);
INSERT INTO stamped (id, v) VALUES (1, 1), (2, 2);
UPDATE stamped SET v = 20 WHERE id = 2;
CREATE TABLE many (id INT PRIMARY KEY, h CHAR(32) NOT NULL);
INSERT INTO many (id, h) WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 900) SELECT n, MD5(n) FROM seq;
