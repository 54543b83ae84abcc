-- dm4j conformance corpus, incremental_mode: rotations and an ALTER in the middle of the stream
USE c4j_incr;
INSERT INTO events (kind, payload, at) VALUES ('updated', 'three', '2025-01-02 10:00:00.000');
FLUSH LOGS;
UPDATE counters SET n = n + 100;
ALTER TABLE events ADD COLUMN source VARCHAR(8) NOT NULL DEFAULT 'web' AFTER kind;
INSERT INTO events (kind, source, payload, at) VALUES ('created', 'api', NULL, '2025-01-03 00:00:00.000');
FLUSH LOGS;
DELETE FROM events WHERE payload = 'one';
UPDATE events SET payload = 'two, edited' WHERE payload = 'two';
INSERT INTO counters VALUES ('c', 3);
