-- dm4j conformance corpus, expression_filter: one pair per rule, the should_skip = 1 row matches it, the other none
USE c4j_expr;
INSERT INTO t1 (should_skip, c_int) VALUES (0, 5), (1, 5000);
INSERT INTO t1 (should_skip, c_dec) VALUES (0, 1.50), (1, -0.01);
INSERT INTO t1 (should_skip, c_double) VALUES (0, 0.25), (1, 0.625);
INSERT INTO t1 (should_skip, c_name) VALUES (0, 'temporary'), (1, 'tmp-1');
INSERT INTO t1 (should_skip, c_name) VALUES (0, '12-y'), (1, '12-x');
INSERT INTO t1 (should_skip, c_name) VALUES (0, 'shoot'), (1, 'shout');
INSERT INTO t1 (should_skip, c_int, c_name) VALUES (0, 77, 'present'), (1, 77, NULL);
INSERT INTO t1 (should_skip, c_day) VALUES (0, '2024-05-05'), (1, '1999-12-31');
INSERT INTO t1 (should_skip, c_when) VALUES (0, '2030-01-01 00:00:00.499'), (1, '2030-01-01 00:00:00.500');
INSERT INTO t1 (should_skip, c_color) VALUES (0, 'red'), (1, 'blue');
INSERT INTO t1 (should_skip, c_flags) VALUES (0, b'0111'), (1, b'1111');
INSERT INTO t1 (should_skip, c_doc) VALUES (0, '{"tier": "silver"}'), (1, '{"tier": "gold"}');
INSERT INTO t1 (should_skip, c_int) VALUES (0, 11), (1, 10);
INSERT INTO t1 (should_skip, c_name) VALUES (0, 'twelve chars'), (1, 'thirteen chars');
