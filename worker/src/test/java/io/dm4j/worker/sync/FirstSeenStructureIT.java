package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.SyncErrors;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.unit.UnitResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An incremental task started from an old position: the table changed upstream after that position, so its
 * current upstream structure does not fit the rows the unit reads first. The structure must come from the
 * downstream (which has not seen the later DDL yet), as in DM; when nothing fits, the unit stops with a coded error
 * that names {@code binlog-schema update}.
 */
@ExtendWith(DatabasesExtension.class)
class FirstSeenStructureIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void rowsOlderThanTheUpstreamsStructureAreDecodedWithTheDownstreamTable(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("first_seen");
        dbs.execUp("CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, a VARCHAR(10))");
        BinlogPosition start = SyncFixture.masterPosition(dbs.upstream());
        dbs.execUp("INSERT INTO `" + db + "`.t VALUES (1, 'x'), (2, 'y')",
                "ALTER TABLE `" + db + "`.t ADD COLUMN b INT NOT NULL DEFAULT 7",
                "INSERT INTO `" + db + "`.t VALUES (3, 'z', 9)",
                "UPDATE `" + db + "`.t SET a = 'w' WHERE id = 1");
        // The user prepared the downstream as the upstream was at the start position.
        dbs.execDown("CREATE DATABASE `" + db + "`", "CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, a VARCHAR(10))");
        SyncFixture f = new SyncFixture(dbs, db, start, null);
        try (SyncFixture.Running r = f.start()) {
            SyncFixture.awaitSynced(r, dbs.upstream(), WAIT);
            TableChecksum.assertSameContent(dbs, db + ".t");
        }
    }

    @Test
    void whenNoStructureFitsTheUnitStopsNamingBinlogSchemaUpdate(TestDatabases dbs) throws Exception {
        String db = dbs.freshSchema("first_seen_none");
        dbs.execUp("CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, a VARCHAR(10))");
        BinlogPosition start = SyncFixture.masterPosition(dbs.upstream());
        dbs.execUp("INSERT INTO `" + db + "`.t VALUES (1, 'x')",
                "ALTER TABLE `" + db + "`.t ADD COLUMN b INT NOT NULL DEFAULT 7");
        dbs.execDown("CREATE DATABASE `" + db + "`",
                "CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, a VARCHAR(10), c INT, d INT)");
        SyncFixture f = new SyncFixture(dbs, db, start, null);
        try (SyncFixture.Running r = f.start()) {
            SyncFixture.await(r::finished, WAIT, "the unit to stop");
            UnitResult result = r.result();
            assertFalse(result.ok());
            DmException e = result.errors().get(0);
            assertEquals(SyncErrors.FIRST_SEEN_STRUCTURE, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains("binlog-schema update"), e.getMessage());
            assertTrue(e.detail().contains(db + "`.`t") || e.detail().contains(db + ".t"), e.detail());
        }
        assertEquals(0, Long.parseLong(dbs.queryDown("SELECT COUNT(*) FROM `" + db + "`.t").get(0).get(0)),
                "nothing applied with a wrong structure");
    }
}
