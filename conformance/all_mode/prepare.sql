-- dm4j conformance corpus, all_mode: the data the full copy must carry
DROP DATABASE IF EXISTS c4j_all;
CREATE DATABASE c4j_all DEFAULT CHARACTER SET utf8mb4;
USE c4j_all;

CREATE TABLE numbers (
  id INT PRIMARY KEY,
  i8 TINYINT, u8 TINYINT UNSIGNED, i16 SMALLINT, u24 MEDIUMINT UNSIGNED, i32 INT, u32 INT UNSIGNED,
  i64 BIGINT, u64 BIGINT UNSIGNED, d DECIMAL(30,10), f FLOAT, g DOUBLE, b BIT(12), flag BOOLEAN,
  twice BIGINT AS (i32 * 2) VIRTUAL
);
INSERT INTO numbers (id, i8, u8, i16, u24, i32, u32, i64, u64, d, f, g, b, flag) VALUES
  (1, -128, 255, -32768, 16777215, -2147483648, 4294967295, -9223372036854775808, 18446744073709551615,
   '-12345678901234567890.0123456789', -1.5, 2.2250738585072014e-308, b'101010101010', TRUE),
  (2, 127, 0, 32767, 0, 2147483647, 0, 9223372036854775807, 0, '0.0000000001', 3.25, -1.7976931348623157e308, b'0', FALSE),
  (3, 0, 1, 0, 1, 0, 1, 0, 1, '0', 0, 0, b'111111111111', NULL),
  (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);

CREATE TABLE moments (
  id INT PRIMARY KEY,
  d DATE, t TIME(3), dt DATETIME(6), ts TIMESTAMP(3) NULL DEFAULT NULL, y YEAR, dt0 DATETIME
);
INSERT INTO moments VALUES
  (1, '1000-01-01', '-838:59:59.000', '1000-01-01 00:00:00.000000', '2001-02-03 04:05:06.789', 1901, '2024-02-29 23:59:59'),
  (2, '9999-12-31', '838:59:59.000', '9999-12-31 23:59:59.999999', '2038-01-18 03:14:07.999', 2155, '1999-12-31 00:00:00'),
  (3, '2024-02-29', '00:00:00.001', '2024-02-29 12:34:56.123456', '2024-02-29 12:34:56.000', 2024, NULL),
  (4, NULL, NULL, NULL, NULL, NULL, NULL);

CREATE TABLE strings (
  id BIGINT PRIMARY KEY AUTO_INCREMENT,
  c CHAR(8), v VARCHAR(64), tx TEXT, bin BINARY(4), vb VARBINARY(16), bl BLOB,
  e ENUM('red', 'green', 'blue'), s SET('a', 'b', 'c'), j JSON, latin VARCHAR(16) CHARACTER SET latin1
);
INSERT INTO strings (c, v, tx, bin, vb, bl, e, s, j, latin) VALUES
  ('abc', 'héllo wörld', 'ü and 漢字 and 🙂', 'ab', x'00ff10', x'cafebabe00', 'red', 'a,c', '{"k": [1, 2.5, "x", null, true]}', 'café'),
  ('', '', '', x'00000000', '', '', 'blue', '', '[]', ''),
  ('tab	x', 'quote '' and "double"', 'back\\slash', 'z', x'5c27', x'0a0d', 'green', 'a,b,c', '"text"', 'naïve'),
  (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);

-- a table with only a unique key, and one with no key at all
CREATE TABLE by_unique (code VARCHAR(16) NOT NULL, qty INT, UNIQUE KEY uk_code (code));
INSERT INTO by_unique VALUES ('A-1', 1), ('B-2', 2), ('C-3', 3);
CREATE TABLE no_key (note VARCHAR(32), n INT);
INSERT INTO no_key VALUES ('first', 1), ('second', 2);
