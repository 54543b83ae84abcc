-- dm4j conformance corpus, block_allow_list: binlog events of selected and of unselected tables
INSERT INTO c4j_bal_keep.items VALUES (2, 'kept too');
INSERT INTO c4j_bal_keep.tmp_scratch VALUES (2);
CREATE TABLE c4j_bal_keep.tmp_more (id INT PRIMARY KEY);
CREATE TABLE c4j_bal_keep.later (id INT PRIMARY KEY, v VARCHAR(8));
INSERT INTO c4j_bal_keep.later VALUES (1, 'new');
INSERT INTO c4j_bal_skip.items VALUES (2, 'skipped');
CREATE TABLE c4j_bal_skip.later (id INT PRIMARY KEY);
UPDATE c4j_bal_re_1.items SET name = 'changed';
INSERT INTO c4j_bal_re_x.items VALUES (2, 'skipped');
CREATE DATABASE IF NOT EXISTS c4j_bal_re_22;
CREATE TABLE c4j_bal_re_22.items (id INT PRIMARY KEY);
INSERT INTO c4j_bal_re_22.items VALUES (22);
