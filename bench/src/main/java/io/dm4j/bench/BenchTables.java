package io.dm4j.bench;

import io.dm4j.common.model.TableId;
import java.util.ArrayList;
import java.util.List;

/** The eight tables of the benchmark schema and their definition. */
final class BenchTables {
    static final int COUNT = 8;
    static final String COLUMNS = "id, uk, name, note, qty, price, created, updated";
    static final int COLUMN_COUNT = 8;

    private BenchTables() {
    }

    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= COUNT; i++) {
            names.add("t" + i);
        }
        return names;
    }

    static String createTable(String table) {
        return "CREATE TABLE " + TableId.quote(table) + " ("
                + "id INT NOT NULL PRIMARY KEY, "
                + "uk INT NOT NULL, "
                + "name VARCHAR(64) NOT NULL, "
                + "note VARCHAR(255) NULL, "
                + "qty INT NOT NULL, "
                + "price DECIMAL(12,2) NOT NULL, "
                + "created DATETIME NOT NULL, "
                + "updated DATETIME NULL, "
                + "UNIQUE KEY uk_uk (uk)"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
    }
}
