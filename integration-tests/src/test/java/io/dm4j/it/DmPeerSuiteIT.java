package io.dm4j.it;

import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.SharedFiles;
import io.dm4j.testsupport.TestDatabases;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DM's own integration-test cases ({@code shared/peer-suites/dm-tests}, see its README; the files are DM's,
 * unchanged) through {@link ConformanceRunner}. An extra conformance run, not part of a plain build: the Maven
 * profile {@code dm-peer-suite} runs it (and every other {@code *DmPeer*} test) when {@code DM4J_SHARED} names the
 * shared folder, as {@code .ci/run} does when {@code ../shared} exists; switched on, a missing folder fails it.
 */
@ExtendWith(DatabasesExtension.class)
class DmPeerSuiteIT {
    static Cluster cluster;
    static TestDatabases dbs;

    @BeforeAll
    static void start(TestDatabases databases) throws Exception {
        dbs = databases;
        cluster = Cluster.withOneWorker("dm4j-peer-suite", "peer-w1");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> dmCases() throws IOException {
        return new ConformanceRunner(cluster, dbs, "dmt_").cases(SharedFiles.dmTests(), 10);
    }
}
