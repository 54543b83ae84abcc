package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dm4j.common.model.TableId;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Location;
import io.dm4j.worker.db.SqlStatement;
import io.dm4j.worker.schema.ColumnDef;
import io.dm4j.worker.schema.KeyDef;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.apply.ApplyOptions;
import io.dm4j.worker.sync.apply.DmlApplier;
import io.dm4j.worker.sync.apply.KeylessLane;
import io.dm4j.worker.sync.model.RowChange;
import io.dm4j.worker.sync.model.RowPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RowDispatcherTest {
    private static final TableSchema KEYLESS = table("k");
    private static final TableSchema KEYED = table("p", new KeyDef("PRIMARY", List.of("a"), true));

    private static TableSchema table(String name, KeyDef... keys) {
        ColumnDef a = new ColumnDef("a", "int", "int(11)", false, false, null, null, -1, -1, -1, -1, null,
                ColumnDef.Generated.NONE);
        return new TableSchema(new TableId("db", name), List.of(a), List.of(keys), null);
    }

    private static final KeylessLane LANE = new KeylessLane() {
        @Override
        public SqlStatement markApplied(RowPoint last) {
            return new SqlStatement("MARK", List.of(last.toString()));
        }

        @Override
        public Optional<RowPoint> applied() {
            return Optional.empty();
        }
    };

    private static Location at(long pos) {
        return new Location(new BinlogPosition("bin.000002", pos), null);
    }

    private static List<RowChange> inserts(TableSchema s, long... values) {
        List<RowChange> out = new ArrayList<>();
        for (long v : values) {
            out.add(RowChange.insert(s.id(), s.id(), s, new Object[] {v}));
        }
        return out;
    }

    @Test
    void aReplaySkipsExactlyTheKeylessChangesAtOrBeforeTheStoredPoint() {
        // stored: the second change (index 1) of the rows event ending at 200 is downstream
        List<Object> applied = appliedBy(d -> {
            d.submit(inserts(KEYLESS, 1), at(100), true);        // before the point: skipped
            d.submit(inserts(KEYED, 2), at(150), true);          // keyed: replayed in safe mode
            d.submit(inserts(KEYLESS, 3, 4, 5), at(200), true);  // #0 and #1 skipped, #2 applied
            d.submit(inserts(KEYLESS, 6), at(300), true);        // after: applied
            d.submit(inserts(KEYLESS, 7), at(50), true);         // point passed once: no more skipping
        }, new RowPoint(new BinlogPosition("bin.000002", 200), 1));
        assertEquals(List.of(2L, 5L, 6L, 7L), applied);
    }

    @Test
    void changesOfEventsSharingOneLocationAreNumberedOn() {
        List<RowPoint> points = new ArrayList<>();
        KeylessLane lane = new KeylessLane() {
            @Override
            public SqlStatement markApplied(RowPoint last) {
                synchronized (points) {
                    points.add(last);
                }
                return new SqlStatement("MARK", List.of());
            }

            @Override
            public Optional<RowPoint> applied() {
                return Optional.empty();
            }
        };
        // batch 1 and a transaction end after each event: every event commits on its own, so every newest point
        // is marked
        DmlApplier applier = new DmlApplier(statements -> { }, ApplyOptions.defaults("test").withWorkers(1, 1), lane);
        try (applier) {
            RowDispatcher d = new RowDispatcher(applier, null);
            d.submit(inserts(KEYLESS, 1), at(500), false); // three rows events inside one compressed transaction
            d.endTransaction(at(500), false);
            d.submit(inserts(KEYLESS, 2), at(500), false);
            d.endTransaction(at(500), false);
            d.submit(inserts(KEYLESS, 3), at(500), false);
            d.endTransaction(at(500), false);
            d.submit(inserts(KEYLESS, 4), at(600), false);
            d.endTransaction(at(600), false);
            applier.flush();
        }
        BinlogPosition p500 = new BinlogPosition("bin.000002", 500);
        assertEquals(List.of(new RowPoint(p500, 0), new RowPoint(p500, 1), new RowPoint(p500, 2),
                new RowPoint(new BinlogPosition("bin.000002", 600), 0)), points);
    }

    private static Location gtidAt(String file, long pos, io.dm4j.common.position.Flavor flavor, String set) {
        return new Location(new BinlogPosition(file, pos), io.dm4j.common.position.GtidSet.parse(flavor, set));
    }

    private static List<Object> appliedBy(java.util.function.Consumer<RowDispatcher> run, RowPoint stored) {
        return appliedBy(run, stored, null);
    }

    private static List<Object> appliedBy(java.util.function.Consumer<RowDispatcher> run, RowPoint stored,
                                          io.dm4j.common.position.GtidSet start) {
        List<Object> applied = new ArrayList<>();
        DmlApplier applier = new DmlApplier(statements -> {
            synchronized (applied) {
                for (SqlStatement st : statements) {
                    if (!st.sql().equals("MARK")) {
                        applied.add(st.params().get(0));
                    }
                }
            }
        }, ApplyOptions.defaults("test").withWorkers(2, 10), LANE);
        try (applier) {
            run.accept(new RowDispatcher(applier, stored, start));
            applier.flush();
        }
        List<Object> sorted = new ArrayList<>(applied);
        sorted.sort((x, y) -> Long.compare((Long) x, (Long) y));
        return sorted;
    }

    @Test
    void afterASwitchToAReplicaTheStoredKeylessPointIsComparedByGtidNotByFileAndPosition() {
        var maria = io.dm4j.common.position.Flavor.MARIADB;
        // stored on the old primary: the second change (index 1) of transaction 0-1-101 (set before it: 0-1-100)
        RowPoint stored = new RowPoint(new BinlogPosition("up-bin.000007", 5000), 1,
                io.dm4j.common.position.GtidSet.parse(maria, "0-1-100"), 1);
        // the replica's binlog: other file names, lower positions; 0-1-101 split over two rows events there
        List<Object> applied = appliedBy(d -> {
            d.submit(inserts(KEYLESS, 1), gtidAt("rep-bin.000001", 300, maria, "0-1-99"), false);    // skipped
            d.endTransaction(gtidAt("rep-bin.000001", 400, maria, "0-1-100"), false);
            d.submit(inserts(KEYLESS, 2), gtidAt("rep-bin.000001", 600, maria, "0-1-100"), false);   // #0 skipped
            d.submit(inserts(KEYLESS, 3, 4), gtidAt("rep-bin.000001", 700, maria, "0-1-100"), false); // #1 skipped, #2 applied
            d.endTransaction(gtidAt("rep-bin.000001", 800, maria, "0-1-101"), false);
            d.submit(inserts(KEYLESS, 5), gtidAt("rep-bin.000001", 900, maria, "0-1-101"), false);   // applied
        }, stored, io.dm4j.common.position.GtidSet.parse(maria, "0-1-99"));
        assertEquals(List.of(4L, 5L), applied);
    }

    @Test
    void mysqlGtidSetsOrderKeylessPointsOnAReplicaWithHigherPositionsAlsoAfterACompressedTransaction() {
        var mysql = io.dm4j.common.position.Flavor.MYSQL;
        String uuid = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
        // stored: the first change of the transaction after uuid:1-10 (it is uuid:11, an uncompressed one)
        RowPoint stored = new RowPoint(new BinlogPosition("mysql-bin.000001", 400), 0,
                io.dm4j.common.position.GtidSet.parse(mysql, uuid + ":1-10"), 0);
        List<Object> applied = appliedBy(d -> {
            // uuid:10 compressed (TRANSACTION_PAYLOAD): its inner events already stand at the set after it
            d.submit(inserts(KEYLESS, 1, 2), gtidAt("binlog.000009", 90_000, mysql, uuid + ":1-10"), false); // skipped
            d.endTransaction(gtidAt("binlog.000009", 90_000, mysql, uuid + ":1-10"), false);
            d.submit(inserts(KEYLESS, 3, 4), gtidAt("binlog.000009", 91_000, mysql, uuid + ":1-10"), false); // #0 skipped
            d.endTransaction(gtidAt("binlog.000009", 91_500, mysql, uuid + ":1-11"), false);
            d.submit(inserts(KEYLESS, 5), gtidAt("binlog.000009", 92_000, mysql, uuid + ":1-11"), false);    // applied
        }, stored, io.dm4j.common.position.GtidSet.parse(mysql, uuid + ":1-9"));
        assertEquals(List.of(4L, 5L), applied);
    }
}
