package io.dm4j.it;

import io.dm4j.testsupport.ConformanceFiles;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TestDatabases;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The project's own conformance corpus ({@code conformance/}, see its README: all-mode, incremental, full, routes
 * and shard merge, block-allow-list, binlog event filters, expression filters, DDL, column types) replayed through
 * the real dm-master, dm-worker and dmctl by {@link ConformanceRunner}, the runner of DM's own cases.
 */
@ExtendWith(DatabasesExtension.class)
class ConformanceIT {
    static Cluster cluster;
    static TestDatabases dbs;

    @BeforeAll
    static void start(TestDatabases databases) throws Exception {
        dbs = databases;
        cluster = Cluster.withOneWorker("dm4j-conformance", "conf-w1");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> ownCases() throws IOException {
        return new ConformanceRunner(cluster, dbs, "c4j_").cases(ConformanceFiles.cases(), 8);
    }
}
