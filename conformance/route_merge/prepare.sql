-- dm4j conformance corpus, route_merge: two shards whose ids overlap
DROP DATABASE IF EXISTS c4j_shard_a;
DROP DATABASE IF EXISTS c4j_shard_b;
CREATE DATABASE c4j_shard_a;
CREATE DATABASE c4j_shard_b;
CREATE TABLE c4j_shard_a.orders_1 (id INT PRIMARY KEY, customer VARCHAR(32) NOT NULL, amount DECIMAL(10,2) NOT NULL);
CREATE TABLE c4j_shard_b.orders_2 (id INT PRIMARY KEY, customer VARCHAR(32) NOT NULL, amount DECIMAL(10,2) NOT NULL);
INSERT INTO c4j_shard_a.orders_1 VALUES (1, 'ana', 10.00), (2, 'bob', 20.50), (3, 'cy', 30.00);
INSERT INTO c4j_shard_b.orders_2 VALUES (1, 'dee', 11.00), (2, 'eve', 21.25);
-- not merged: only the schema is renamed
CREATE TABLE c4j_shard_a.regions (code CHAR(2) PRIMARY KEY, name VARCHAR(32));
INSERT INTO c4j_shard_a.regions VALUES ('eu', 'Europe'), ('as', 'Asia');
