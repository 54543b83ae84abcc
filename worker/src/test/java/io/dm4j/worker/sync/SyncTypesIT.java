package io.dm4j.worker.sync;

import io.dm4j.common.position.BinlogPosition;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.sync.decode.RowDecoderIT;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every column type through the whole sync unit (CREATE TABLE replicated as DDL, rows inserted under several
 * session time zones, updated, one deleted), compared byte for byte, for several task time zones.
 */
@ExtendWith(DatabasesExtension.class)
class SyncTypesIT {

    @ParameterizedTest
    @ValueSource(strings = {"", "+04:00", "-07:30"})
    void everyTypeReplicatesByteForByte(String timezone, TestDatabases dbs) throws Exception {
        BinlogPosition start = SyncFixture.masterPosition(dbs.upstream());
        String db = dbs.freshSchema("sync_types");
        SyncFixture f = new SyncFixture(dbs, db, start, null,
                timezone.isEmpty() ? "" : "timezone: \"" + timezone + "\"");
        try (Connection c = dbs.upstream().connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (" + RowDecoderIT.COLUMNS + ")");
            st.execute("SET SESSION sql_mode = 'ALLOW_INVALID_DATES'");
            for (String[] row : RowDecoderIT.ROWS) {
                st.execute("SET SESSION time_zone = '" + row[0] + "'");
                st.execute("INSERT INTO t (" + RowDecoderIT.INSERT_COLUMNS + ") VALUES " + row[1]);
            }
            // Every column of every row travels again in UPDATE images, before and after.
            st.execute("UPDATE t SET id = id + 100");
            st.execute("UPDATE t SET c_utf8 = CONCAT(IFNULL(c_utf8, ''), '+') WHERE id = 101");
            st.execute("DELETE FROM t WHERE id = 103");
        }
        try (SyncFixture.Running r = f.start()) {
            SyncFixture.awaitSynced(r, dbs.upstream(), Duration.ofSeconds(60));
            TableChecksum.assertSameContent(dbs, db + ".t");
        }
    }
}
