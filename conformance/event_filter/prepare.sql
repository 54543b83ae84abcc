-- dm4j conformance corpus, event_filter
DROP DATABASE IF EXISTS c4j_evf;
CREATE DATABASE c4j_evf;
USE c4j_evf;
CREATE TABLE audit_log (id INT PRIMARY KEY, msg VARCHAR(16));
CREATE TABLE plain (id INT PRIMARY KEY, v VARCHAR(16));
CREATE TABLE scratch (id INT PRIMARY KEY);
CREATE TABLE wiped (id INT PRIMARY KEY);
INSERT INTO audit_log VALUES (1, 'a'), (2, 'b'), (3, 'c');
INSERT INTO plain VALUES (1, 'a'), (2, 'b');
INSERT INTO scratch VALUES (1), (2);
INSERT INTO wiped VALUES (1), (2), (3);
