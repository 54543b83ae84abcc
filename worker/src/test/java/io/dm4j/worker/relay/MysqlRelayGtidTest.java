package io.dm4j.worker.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.worker.relay.MysqlBinlogFiles.Version;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The relay follows MySQL's GTID sets as DM does: the PREVIOUS_GTIDS event at each file's head gives the set before
 * the file, each GTID event extends it when its transaction ends, and relay.meta's {@code binlog-gtid} carries it.
 */
class MysqlRelayGtidTest {
    private static final String SUB = "3e11fa47-71ca-11e1-9e33-c80aa9429562.000001";
    @TempDir
    Path dir;

    private final BoundaryDecoder decoder = new BoundaryDecoder();

    @ParameterizedTest
    @EnumSource(Version.class)
    void relayMetaCarriesTheMysqlSetFromPreviousGtidsAndEachTransaction(Version v) throws Exception {
        RelayLayout layout = new RelayLayout(dir).create();
        layout.appendSubDir(MysqlBinlogFiles.SID);
        List<byte[]> first = MysqlBinlogFiles.events(v, new long[][] {{1, 10}}, 3, new long[] {11, 12}, "mysql-bin.000008");
        List<byte[]> second = MysqlBinlogFiles.events(v, new long[][] {{1, 12}}, 3, new long[] {13}, "mysql-bin.000009");
        String sids = MysqlBinlogFiles.SID + ":1-%d," + MysqlBinlogFiles.OTHER_SID + ":1-3";
        try (RelayWriter w = writer(layout)) {
            w.startTracking(new Location(new BinlogPosition("mysql-bin.000007", 4), GtidSet.empty(Flavor.MYSQL)));
            feed(w, fakeRotate("mysql-bin.000007"));
            feed(w, first.get(0));
            feed(w, first.get(1));
            w.sync();
            assertEquals(String.format(sids, 10), layout.readMeta(SUB).orElseThrow().gtidSet(),
                    "before the first transaction: the set PREVIOUS_GTIDS names");
            for (byte[] e : first.subList(2, first.size())) {
                feed(w, e);
            }
            assertEquals(new RelayMeta("mysql-bin.000007", RawEvents.MAGIC.length + first.stream().mapToInt(e -> e.length).sum(),
                    String.format(sids, 12)), layout.readMeta(SUB).orElseThrow(), "synced on the rotation");
            for (byte[] e : second.subList(0, second.size() - 1)) {
                feed(w, e);
            }
            w.sync();
            assertEquals(String.format(sids, 13), layout.readMeta(SUB).orElseThrow().gtidSet());
            assertEquals(String.format(sids, 13), w.written().gtidText());
        }
        assertArrayEquals(RealBinlogs.file(first), Files.readAllBytes(layout.file(SUB, "mysql-bin.000007")),
                "the relay file is the upstream's bytes");
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void aRelayWhoseMetaHasNoMysqlSetLearnsItFromTheFirstFilesPreviousGtids(Version v) throws Exception {
        RelayLayout layout = new RelayLayout(dir).create();
        layout.appendSubDir(MysqlBinlogFiles.SID);
        List<byte[]> first = MysqlBinlogFiles.events(v, new long[][] {{1, 4}, {6, 9}}, 0, new long[] {10}, "mysql-bin.000002");
        List<byte[]> second = MysqlBinlogFiles.events(v, new long[][] {{1, 4}, {6, 10}}, 0, new long[] {11, 12}, "mysql-bin.000003");
        Files.write(layout.file(SUB, "mysql-bin.000001"), RealBinlogs.file(first));
        Files.write(layout.file(SUB, "mysql-bin.000002"), RealBinlogs.file(second.subList(0, second.size() - 1)));
        // what a relay wrote before it tracked MySQL sets: a position, no set
        layout.writeMeta(SUB, new RelayMeta("mysql-bin.000002", 300, ""));
        try (RelayWriter w = writer(layout)) {
            BinlogPosition end = w.recover(Flavor.MYSQL, file -> GtidSet.empty(Flavor.MYSQL)).orElseThrow();
            assertEquals(new BinlogPosition("mysql-bin.000002", Files.size(layout.file(SUB, "mysql-bin.000002"))), end);
            assertEquals(MysqlBinlogFiles.SID + ":1-4:6-12", w.written().gtidText());
        }
        assertEquals(MysqlBinlogFiles.SID + ":1-4:6-12", layout.readMeta(SUB).orElseThrow().gtidSet());
    }

    private RelayWriter writer(RelayLayout layout) {
        return new RelayWriter(layout, SUB, new RelayNotifier(), Clock.systemUTC(), Duration.ofHours(1));
    }

    private void feed(RelayWriter w, byte[] raw) throws Exception {
        w.accept(raw, decoder.decode(raw));
    }

    private static byte[] fakeRotate(String file) {
        byte[] name = file.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(RawEvents.HEADER + 8 + name.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0).put((byte) RawEvents.ROTATE).putInt(1).putInt(RawEvents.HEADER + 8 + name.length).putInt(0)
                .putShort((short) RawEvents.ARTIFICIAL).putLong(4).put(name);
        return b.array();
    }
}
