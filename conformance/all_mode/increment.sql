-- dm4j conformance corpus, all_mode: changes the sync unit must apply after the full copy
USE c4j_all;
INSERT INTO numbers (id, i8, u8, i16, u24, i32, u32, i64, u64, d, f, g, b, flag) VALUES
  (5, -1, 200, -2, 3, -4, 5, -6, 9223372036854775808, '99999999999999999999.9999999999', 1e10, 1e-300, b'1', TRUE);
UPDATE numbers SET u64 = u64 - 1, d = d + 1, b = b'010101010101' WHERE id = 1;
UPDATE numbers SET i32 = 42 WHERE id = 3;
DELETE FROM numbers WHERE id = 2;
UPDATE numbers SET id = 40 WHERE id = 4;

INSERT INTO moments VALUES (5, '2000-01-01', '12:00:00.5', '2000-01-01 00:00:00.5', '2000-01-01 00:00:00.500', 2000, '2000-01-01 00:00:00');
UPDATE moments SET dt = '2020-06-15 08:30:00.000001', t = '-00:00:00.001' WHERE id = 3;
DELETE FROM moments WHERE id = 1;

BEGIN;
INSERT INTO strings (c, v, tx, bin, vb, bl, e, s, j, latin) VALUES
  ('x', 'in a transaction', REPEAT('long text ', 2000), 'q', x'01', REPEAT(x'ab', 60000), 'red', 'b', '{"nested": {"a": {"b": [1]}}}', 'x');
UPDATE strings SET v = CONCAT(v, ' (changed)'), s = 'c' WHERE e = 'blue';
DELETE FROM strings WHERE e = 'green';
COMMIT;
UPDATE strings SET j = JSON_SET(j, '$.added', 'yes') WHERE id = 1;
UPDATE strings SET tx = NULL, bl = NULL WHERE id = 4;

UPDATE by_unique SET qty = qty * 10 WHERE code = 'B-2';
UPDATE by_unique SET code = 'A-9' WHERE code = 'A-1';
DELETE FROM by_unique WHERE code = 'C-3';
INSERT INTO by_unique VALUES ('D-4', 4);

INSERT INTO no_key VALUES ('third', 3);
UPDATE no_key SET n = 20 WHERE note = 'second';
DELETE FROM no_key WHERE note = 'first';
