package io.dm4j.worker.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.RelayErrors;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import io.dm4j.worker.relay.MysqlBinlogFiles.Version;
import io.dm4j.worker.sync.decode.BinlogDeserializers;
import io.dm4j.worker.sync.stream.EventSource;
import io.dm4j.worker.sync.stream.StreamEvent;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reading the relay across an upstream switch on MySQL 5.7 and 8.0 event bytes ({@link MysqlBinlogFiles}): the old
 * server's sub-directory holds transactions 11 and 12 of its server UUID; the new server (a replica with the same
 * GTIDs, another server UUID) starts its file after 1-10 and holds 11 to 14. Each row comes out once.
 */
class MysqlSwitchReadTest {
    private static final String OLD = MysqlBinlogFiles.SID + ".000001";
    private static final String NEW_UUID = "5a9c0e1e-6f0d-11ee-b962-0242ac120003";
    private static final String NEW = NEW_UUID + ".000002";
    private static final String START_SET = MysqlBinlogFiles.SID + ":1-10," + MysqlBinlogFiles.OTHER_SID + ":1-3";

    @TempDir
    Path dir;

    /** Old sub-directory: its file cut after {@code oldEvents} events; new one: the replica's file whole. */
    private RelayLayout relay(Version v, int oldEvents) throws Exception {
        RelayLayout layout = new RelayLayout(dir.resolve("relay")).create();
        layout.appendSubDir(MysqlBinlogFiles.SID);
        List<byte[]> old = MysqlBinlogFiles.events(v, new long[][] {{1, 10}}, 3, new long[] {11, 12}, "mysql-bin.000009");
        Files.write(layout.file(OLD, "mysql-bin.000008"), RealBinlogs.file(old.subList(0, oldEvents)));
        layout.appendSubDir(NEW_UUID);
        Files.write(layout.file(NEW, "replica-bin.000003"), RealBinlogs.file(MysqlBinlogFiles.events(v,
                new long[][] {{1, 10}}, 3, new long[] {11, 12, 13, 14}, "replica-bin.000004")));
        return layout;
    }

    private static List<Long> rows(EventSource s) throws Exception {
        List<Long> out = new ArrayList<>();
        for (StreamEvent e = s.poll(1, TimeUnit.MILLISECONDS); e != null; e = s.poll(1, TimeUnit.MILLISECONDS)) {
            if (EventType.isWrite(e.event().getHeader().getEventType())) {
                for (Serializable[] row : ((WriteRowsEventData) e.event().getData()).getRows()) {
                    out.add(((Number) row[0]).longValue());
                }
            }
        }
        return out;
    }

    private static EventSource open(RelayLayout layout) {
        EventSource s = new RelayEventSource(layout, OLD, new RelayNotifier(), BinlogDeserializers::create, () -> { });
        s.start(new Location(new BinlogPosition("mysql-bin.000008", 4), GtidSet.parse(Flavor.MYSQL, START_SET)));
        return s;
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void readsOnIntoTheNewServersSubDirectoryAndSkipsWhatTheOldOneHadAlready(Version v) throws Exception {
        RelayLayout layout = relay(v, 2 + 5 * 2 + 1); // FDE, PREVIOUS_GTIDS, two transactions, the ROTATE
        try (EventSource s = open(layout)) {
            assertEquals(List.of(11L, 12L, 13L, 14L), rows(s));
        }
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void aTransactionTornAtTheEndOfTheOldSubDirectoryRestartsTheSyncUnit(Version v) throws Exception {
        RelayLayout layout = relay(v, 2 + 5 + 4); // transaction 12 without its XID
        try (EventSource s = open(layout)) {
            DmException e = assertThrows(DmException.class, () -> rows(s));
            assertEquals(RelayErrors.SWITCH_IN_TRANSACTION, e.code(), e.getMessage());
        }
    }
}
