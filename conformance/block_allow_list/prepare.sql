-- dm4j conformance corpus, block_allow_list
DROP DATABASE IF EXISTS c4j_bal_keep;
DROP DATABASE IF EXISTS c4j_bal_skip;
DROP DATABASE IF EXISTS c4j_bal_re_1;
DROP DATABASE IF EXISTS c4j_bal_re_x;
CREATE DATABASE c4j_bal_keep;
CREATE DATABASE c4j_bal_skip;
CREATE DATABASE c4j_bal_re_1;
CREATE DATABASE c4j_bal_re_x;
CREATE TABLE c4j_bal_keep.items (id INT PRIMARY KEY, name VARCHAR(16));
CREATE TABLE c4j_bal_keep.tmp_scratch (id INT PRIMARY KEY);
CREATE TABLE c4j_bal_skip.items (id INT PRIMARY KEY, name VARCHAR(16));
CREATE TABLE c4j_bal_re_1.items (id INT PRIMARY KEY, name VARCHAR(16));
CREATE TABLE c4j_bal_re_x.items (id INT PRIMARY KEY, name VARCHAR(16));
INSERT INTO c4j_bal_keep.items VALUES (1, 'kept');
INSERT INTO c4j_bal_keep.tmp_scratch VALUES (1);
INSERT INTO c4j_bal_skip.items VALUES (1, 'skipped');
INSERT INTO c4j_bal_re_1.items VALUES (1, 'kept');
INSERT INTO c4j_bal_re_x.items VALUES (1, 'skipped');
