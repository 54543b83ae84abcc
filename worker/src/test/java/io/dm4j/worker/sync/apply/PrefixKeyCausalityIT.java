package io.dm4j.worker.sync.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dm4j.common.model.TableId;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.db.Downstream;
import io.dm4j.worker.db.DownstreamConfig;
import io.dm4j.worker.schema.CreateTableParser;
import io.dm4j.worker.schema.ServerDefaults;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.model.RowChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rows with different primary keys that conflict only on a prefix UNIQUE key: a row is deleted and another with
 * the same (case-insensitive) 4-character prefix inserted, many times over. If the delete and the next insert ran
 * in different queues, the insert could reach the downstream first and fail with a duplicate key.
 */
@ExtendWith(DatabasesExtension.class)
class PrefixKeyCausalityIT {
    private static final int CHAINS = 40;
    private static final int STEPS = 30;

    private static Downstream open(DbEndpoint db) {
        return Downstream.open(DownstreamConfig.of(db.host(), db.port(), db.user(), db.password(), 20), "it-prefix");
    }

    @Test
    void rowsConflictingOnAPrefixKeyKeepTheirOrder(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("prefix_uk");
        String ddl = "CREATE TABLE `t` (`id` int NOT NULL, `c` varchar(32) COLLATE utf8mb4_general_ci DEFAULT NULL,"
                + " PRIMARY KEY (`id`), UNIQUE KEY `uc` (`c`(4))) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci";
        dbs.execDown("CREATE DATABASE IF NOT EXISTS `" + db + "`", "USE `" + db + "`",
                ddl.replace("`t`", "`" + db + "`.`t`"));
        TableId t = new TableId(db, "t");
        TableSchema s = new CreateTableParser(ServerDefaults.mariadb()).parse(t, ddl);

        List<RowChange> changes = new ArrayList<>();
        List<List<String>> expected = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            for (int chain = 0; chain < CHAINS; chain++) {
                long id = chain * 1000L + step;
                // same prefix "q007" in every step of chain 7, in alternating case, different tails
                String prefix = String.format(Locale.ROOT, "q%03d", chain);
                String c = (step % 2 == 0 ? prefix : prefix.toUpperCase(Locale.ROOT)) + "-" + step;
                if (step > 0) {
                    long prev = chain * 1000L + step - 1;
                    String pc = ((step - 1) % 2 == 0 ? prefix : prefix.toUpperCase(Locale.ROOT)) + "-" + (step - 1);
                    changes.add(RowChange.delete(t, t, s, Schemas.row(prev, pc)));
                }
                changes.add(RowChange.insert(t, t, s, Schemas.row(id, c)));
                if (step == STEPS - 1) {
                    expected.add(List.of(String.valueOf(id), c));
                }
            }
        }
        try (Downstream down = open(dbs.downstream());
             DmlApplier applier = new DmlApplier(down, ApplyOptions.defaults("prefix").withWorkers(16, 1))) {
            for (RowChange ch : changes) {
                applier.submit(ch, false);
            }
            applier.flush();
        }
        expected.sort((a, b) -> Long.compare(Long.parseLong(a.get(0)), Long.parseLong(b.get(0))));
        assertEquals(expected, dbs.queryDown("SELECT id, c FROM `" + db + "`.t ORDER BY id"));
    }
}
