-- dm4j conformance corpus, expression_filter
DROP DATABASE IF EXISTS c4j_expr;
CREATE DATABASE c4j_expr;
USE c4j_expr;
CREATE TABLE t1 (
  id INT NOT NULL AUTO_INCREMENT,
  should_skip INT NOT NULL,
  c_int INT,
  c_dec DECIMAL(8,2),
  c_double DOUBLE,
  c_name VARCHAR(32),
  c_day DATE,
  c_when DATETIME(3),
  c_color ENUM('red', 'green', 'blue'),
  c_flags BIT(4),
  c_doc JSON,
  PRIMARY KEY (id)
);
-- rows of the full copy are not filtered (DM filters binlog rows only)
INSERT INTO t1 (should_skip, c_int) VALUES (0, 1);
