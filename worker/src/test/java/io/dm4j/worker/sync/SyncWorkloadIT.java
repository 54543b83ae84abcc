package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The random-workload acceptance: 100,000 mixed changes over 10 tables from 4 clients end identical. */
@ExtendWith(DatabasesExtension.class)
class SyncWorkloadIT {
    static final int OPS = Integer.getInteger("dm4j.workload.ops", 100_000);

    @Test
    void randomWorkloadEndsIdenticalWhileTheUnitRunsAndTheUpstreamKillsItsConnection(TestDatabases dbs) throws Exception {
        BinlogPosition start = SyncFixture.masterPosition(dbs.upstream());
        String db = dbs.freshSchema("sync_load");
        RandomWorkload w = new RandomWorkload(dbs.upstream(), db, 10);
        w.createTables();
        SyncFixture f = new SyncFixture(dbs, db, start, null);
        try (SyncFixture.Running r = f.start()) {
            Thread killer = new Thread(() -> {
                try {
                    // Drop the binlog connection twice mid-stream: the unit must reconnect and catch up by itself.
                    for (int i = 0; i < 2; i++) {
                        Thread.sleep(4000);
                        for (var row : dbs.queryUp("SELECT id FROM information_schema.PROCESSLIST WHERE COMMAND LIKE 'Binlog Dump%'")) {
                            dbs.execUp("KILL " + row.get(0));
                        }
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            killer.start();
            w.run(OPS, 4, 42);
            killer.join();
            SyncFixture.awaitSynced(r, dbs.upstream(), Duration.ofMinutes(5));
            for (String t : w.tableNames()) {
                TableChecksum.assertSameContent(dbs, t);
            }
            assertTrue(r.unit.status().reconnects() >= 1, "the binlog connection was killed, so the unit reconnected");
            assertTrue(r.unit.status().totalRows() > OPS / 2, "rows applied: " + r.unit.status().totalRows());
        }
    }
}
