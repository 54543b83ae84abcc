-- Row changes the demo makes upstream once the task runs (scripts/demo.sh, TarballIT).
INSERT INTO demo.customers VALUES (5, 'Barbara', 'barbara@example.com', NOW(3), 5.00);
INSERT INTO demo.orders (customer_id, item, qty, note) VALUES (5, 'laptop', 1, 'new customer'), (3, 'dock', 1, NULL);
UPDATE demo.customers SET balance = balance + 100, name = 'Ada L.' WHERE id = 1;
UPDATE demo.orders SET qty = qty + 1 WHERE customer_id = 2;
DELETE FROM demo.orders WHERE item = 'cable';
DELETE FROM demo.customers WHERE id = 4;
