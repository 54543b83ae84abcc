-- dm4j conformance corpus, incremental_mode: written before the task starts, but after its start position
DROP DATABASE IF EXISTS c4j_incr;
CREATE DATABASE c4j_incr;
USE c4j_incr;
CREATE TABLE events (id INT PRIMARY KEY AUTO_INCREMENT, kind VARCHAR(16) NOT NULL, payload VARCHAR(255), at DATETIME(3) NOT NULL);
INSERT INTO events (kind, payload, at) VALUES ('created', 'one', '2025-01-01 00:00:00.001'), ('created', 'two', '2025-01-01 00:00:00.002');
CREATE TABLE counters (name VARCHAR(16) PRIMARY KEY, n BIGINT NOT NULL);
INSERT INTO counters VALUES ('a', 1), ('b', 2);
