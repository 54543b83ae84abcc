package io.dm4j.worker.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import io.dm4j.worker.relay.MysqlBinlogFiles.Version;
import io.dm4j.worker.sync.decode.BinlogDeserializers;
import io.dm4j.worker.sync.stream.StreamEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync start given only a GTID set, on real MariaDB 10.11 relay files ({@code up-bin.000002}: Gtid_list [],
 * transactions 0-1-1..0-1-4; {@code up-bin.000003}: Gtid_list [0-1-4], transactions 0-1-5, 0-1-6) and on MySQL 8.0
 * files built from the format ({@link MysqlBinlogFiles}).
 */
class RelayGtidStartTest {
    @TempDir
    Path dir;

    @Test
    void aSetAtAFileBoundaryStartsAtTheFileWhoseGtidListItIs() throws Exception {
        RelayLayout layout = RealBinlogs.relayWith(dir, RealBinlogs.FIRST, RealBinlogs.SECOND);
        RelayGtidStart.Located at = new RelayGtidStart(layout).locate(mariadb("0-1-4"));
        assertEquals(new BinlogPosition(RealBinlogs.SECOND, 4), at.start().position());
        assertEquals("0-1-4", at.start().gtidText());
        assertEquals(RealBinlogs.SUB_DIR, at.subDir());

        Read read = readAll(layout, at, mariadb("0-1-4"));
        assertEquals(List.of("0-1-5", "0-1-6"), read.gtids);
        assertEquals(0, read.skipped);
    }

    @Test
    void transactionsTheSetHoldsAreSkippedAndNoLocationGoesBehindIt() throws Exception {
        RelayLayout layout = RealBinlogs.relayWith(dir, RealBinlogs.FIRST, RealBinlogs.SECOND);
        GtidSet wanted = mariadb("0-1-3");
        RelayGtidStart.Located at = new RelayGtidStart(layout).locate(wanted);
        assertEquals(new BinlogPosition(RealBinlogs.FIRST, 4), at.start().position(),
                "up-bin.000003 begins at 0-1-4, after the set: the start is in up-bin.000002");

        Read read = readAll(layout, at, wanted);
        assertEquals(List.of("0-1-4", "0-1-5", "0-1-6"), read.gtids, "0-1-1..0-1-3 (two DDL, one DML) are left out");
        assertEquals(3, read.skipped);
        for (Location l : read.locations) {
            assertTrue(l.gtidSet().contains(wanted), "location " + l + " behind the start set");
        }
        assertEquals("0-1-6", read.locations.get(read.locations.size() - 1).gtidText());
    }

    @Test
    void aSetOlderThanTheRelayIsNotServedAndSaysWhy() throws Exception {
        RelayLayout layout = RealBinlogs.relayWith(dir, RealBinlogs.SECOND);
        RelayGtidStart.Located at = new RelayGtidStart(layout).locate(mariadb("0-1-2"));
        assertNull(at.start());
        assertTrue(at.whyNot().contains("begins after transactions the set lacks") && at.whyNot().contains("0-1-4"),
                at.whyNot());
        assertTrue(new RelayGtidStart(new RelayLayout(dir.resolve("empty")).create()).locate(mariadb("0-1-2"))
                .whyNot().contains("no file yet"));
        assertTrue(new RelayGtidStart(layout).locate(GtidSet.parse(Flavor.MYSQL, MysqlBinlogFiles.SID + ":1-5"))
                .whyNot().contains("no GTID set"), "a MySQL set cannot be found in MariaDB files");
    }

    @Test
    void mysqlSetsWithHolesGetExactlyTheMissingTransactions() throws Exception {
        RelayLayout layout = new RelayLayout(dir).create();
        String sub = layout.appendSubDir(MysqlBinlogFiles.SID);
        Files.write(layout.file(sub, "mysql-bin.000001"), RealBinlogs.file(MysqlBinlogFiles.events(Version.MYSQL_80,
                new long[][] {{1, 10}}, 0, new long[] {11, 12}, "mysql-bin.000002")));
        Files.write(layout.file(sub, "mysql-bin.000002"), RealBinlogs.file(MysqlBinlogFiles.events(Version.MYSQL_80,
                new long[][] {{1, 12}}, 0, new long[] {13, 14}, "mysql-bin.000003")));
        GtidSet wanted = GtidSet.parse(Flavor.MYSQL, MysqlBinlogFiles.SID + ":1-11:13");
        RelayGtidStart.Located at = new RelayGtidStart(layout).locate(wanted);
        assertEquals(new BinlogPosition("mysql-bin.000001", 4), at.start().position(),
                "mysql-bin.000002 begins with 12, which the set lacks");
        assertEquals(MysqlBinlogFiles.SID + ":1-10", at.start().gtidText());

        Read read = readAll(layout, at, wanted);
        assertEquals(List.of(MysqlBinlogFiles.SID + ":12", MysqlBinlogFiles.SID + ":14"), read.gtids);
        assertEquals(2, read.skipped);
        assertEquals(MysqlBinlogFiles.SID + ":1-14", read.locations.get(read.locations.size() - 1).gtidText());
    }

    private static GtidSet mariadb(String text) {
        return GtidSet.parse(Flavor.MARIADB, text);
    }

    private record Read(List<String> gtids, List<Location> locations, long skipped) {
    }

    /** Everything on disk from {@code at}: the GTIDs handed on and the locations of the transaction ends. */
    private static Read readAll(RelayLayout layout, RelayGtidStart.Located at, GtidSet wanted) throws Exception {
        List<String> gtids = new ArrayList<>();
        List<Location> ends = new ArrayList<>();
        try (GtidSkippingSource s = new GtidSkippingSource(new RelayEventSource(layout, at.subDir(), new RelayNotifier(),
                BinlogDeserializers::create, () -> { }), at.start(), wanted)) {
            s.start(new Location(new BinlogPosition("", 0), wanted));
            for (StreamEvent e = s.poll(50, TimeUnit.MILLISECONDS); e != null; e = s.poll(50, TimeUnit.MILLISECONDS)) {
                if (e.event().getData() instanceof MariadbGtidEventData g) {
                    gtids.add(g.getDomainId() + "-" + ((EventHeaderV4) e.event().getHeader()).getServerId() + "-"
                            + g.getSequence()); // MariaDB's GTID event takes its server id from the header
                } else if (e.event().getData() instanceof GtidEventData g) {
                    gtids.add(g.getMySqlGtid().toString());
                }
                if (e.transactionEnd()) {
                    ends.add(e.location());
                }
            }
            return new Read(gtids, ends, s.skipped());
        }
    }
}
