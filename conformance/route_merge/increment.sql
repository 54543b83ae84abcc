-- dm4j conformance corpus, route_merge: changes on both shards after the full copy
INSERT INTO c4j_shard_a.orders_1 VALUES (4, 'fay', 40.00);
INSERT INTO c4j_shard_b.orders_2 VALUES (3, 'gus', 31.00), (4, 'hal', 41.00);
UPDATE c4j_shard_a.orders_1 SET amount = amount + 1 WHERE id = 1;
UPDATE c4j_shard_b.orders_2 SET customer = 'DEE' WHERE id = 1;
DELETE FROM c4j_shard_b.orders_2 WHERE id = 2;
DELETE FROM c4j_shard_a.orders_1 WHERE id = 3;
INSERT INTO c4j_shard_a.regions VALUES ('af', 'Africa');
