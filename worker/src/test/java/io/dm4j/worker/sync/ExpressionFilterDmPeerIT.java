package io.dm4j.worker.sync;

import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.sync.expr.ExpressionFilterSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DM's expression_filter case through the sync unit over the real binlog; runs only in the {@code dm-peer-suite}
 * profile ({@code DM4J_SHARED}), like every {@code *DmPeer*} test.
 */
@ExtendWith(DatabasesExtension.class)
class ExpressionFilterDmPeerIT {
    @Test
    void dmRulesDropEveryShouldSkipRow(TestDatabases dbs) throws Exception {
        ExpressionFilterIT.assertSuiteReplicates(dbs, ExpressionFilterSuite.dm(), "exprf_dm");
    }
}
