-- The demo's sample schema, loaded upstream by scripts/demo.sh (and by the release's TarballIT).
DROP DATABASE IF EXISTS demo;
CREATE DATABASE demo;
CREATE TABLE demo.customers (
  id INT PRIMARY KEY, name VARCHAR(64) NOT NULL, email VARCHAR(128) UNIQUE, created_at DATETIME(3) NOT NULL,
  balance DECIMAL(12,2) NOT NULL DEFAULT 0
);
CREATE TABLE demo.orders (
  id BIGINT AUTO_INCREMENT PRIMARY KEY, customer_id INT NOT NULL, item VARCHAR(64) NOT NULL, qty INT NOT NULL,
  note TEXT, placed_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), KEY (customer_id)
);
INSERT INTO demo.customers VALUES
  (1, 'Ada', 'ada@example.com', '2024-01-01 10:00:00.125', 10.50),
  (2, 'Linus', 'linus@example.com', '2024-01-02 11:30:00.000', 0),
  (3, 'Grace', 'grace@example.com', '2024-01-03 09:15:42.999', 99.99),
  (4, 'Edsger', NULL, '2024-01-04 08:00:00.001', 1.00);
INSERT INTO demo.orders (customer_id, item, qty, note) VALUES
  (1, 'keyboard', 1, 'ü and 漢字 and 🙂'), (2, 'mouse', 2, NULL), (3, 'monitor', 1, 'fragile'), (1, 'cable', 5, '');
