-- dm4j conformance corpus, ddl
DROP DATABASE IF EXISTS c4j_ddl;
CREATE DATABASE c4j_ddl;
USE c4j_ddl;
CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(16) NOT NULL, age SMALLINT);
INSERT INTO people VALUES (1, 'ann', 30), (2, 'ben', 40);
CREATE TABLE old_name (id INT PRIMARY KEY, v INT);
INSERT INTO old_name VALUES (1, 10);
CREATE TABLE doomed (id INT PRIMARY KEY);
INSERT INTO doomed VALUES (1);
CREATE TABLE emptied (id INT PRIMARY KEY, v VARCHAR(8));
INSERT INTO emptied VALUES (1, 'x'), (2, 'y');
