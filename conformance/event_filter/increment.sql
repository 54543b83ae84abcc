-- dm4j conformance corpus, event_filter: some of these must not reach the downstream
USE c4j_evf;
DELETE FROM audit_log WHERE id = 2;
INSERT INTO audit_log VALUES (4, 'd');
UPDATE audit_log SET msg = 'A' WHERE id = 1;
DELETE FROM plain WHERE id = 1;
INSERT INTO plain VALUES (3, 'c');
TRUNCATE TABLE wiped;
INSERT INTO wiped VALUES (4);
DROP TABLE scratch;
DROP DATABASE c4j_evf;
