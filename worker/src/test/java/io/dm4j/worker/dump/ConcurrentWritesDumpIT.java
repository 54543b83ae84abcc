package io.dm4j.worker.dump;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.position.Location;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.db.DownstreamConfig;
import io.dm4j.worker.db.Upstream;
import io.dm4j.worker.load.LoadUnit;
import io.dm4j.worker.unit.UnitResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * (b) A writer inserts, updates and deletes rows (one transaction each, GTID recorded) during the whole dump. The
 * dumped table must be exactly the table as of the metadata GTID: every transaction at or before it is in the dump,
 * none after it. For modes with a safe-mode window (start point, exit point) every row must show a state it had
 * between the two points.
 */
@ExtendWith(DatabasesExtension.class)
class ConcurrentWritesDumpIT {
    private static final int INITIAL_ROWS = 30_000;
    private static final String DELETED = "<deleted>";

    /** One committed change: its GTID sequence number (domain 0), the row and its new value (or DELETED). */
    record Op(long seq, long id, String value) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"flush", "snapshot", "none", "lock"})
    void dumpHoldsExactlyTheTransactionsUpToItsPosition(String consistency, TestDatabases dbs, @TempDir Path dir)
            throws Exception {
        String s = dbs.freshSchema("dl_conc");
        dbs.execUp("CREATE TABLE `" + s + "`.w (id BIGINT PRIMARY KEY, v VARCHAR(40))",
                "INSERT INTO `" + s + "`.w SELECT seq, CONCAT('init-', seq) FROM `" + s + "`.seq_1_to_" + INITIAL_ROWS,
                "ANALYZE TABLE `" + s + "`.w");
        SubTaskConfig cfg = subTask(dbs, s, dir, consistency);

        AtomicBoolean stop = new AtomicBoolean();
        List<Op> ops = new ArrayList<>();
        Thread writer = new Thread(() -> write(dbs.upstream(), s, stop, ops), "writer");
        writer.start();
        Thread.sleep(300);
        DumpUnit dump = new DumpUnit(cfg, new Upstream(dbs.upstream().host(), dbs.upstream().port(),
                dbs.upstream().user(), dbs.upstream().password()));
        UnitResult r = dump.process();
        Thread.sleep(300);
        stop.set(true);
        writer.join();
        assertTrue(r.ok() && r.finished(), () -> "dump failed: " + r.errors());

        DumpMetadata meta = dump.metadata();
        Location start = meta.location();
        assertNotNull(start);
        long s1 = seq(start);
        long s2 = meta.exitSafe() == null ? s1 : seq(meta.exitSafe());
        if (consistency.equals("flush") || consistency.equals("lock")) {
            assertNull(meta.exitSafe(), "a lock gives one exact point");
        }
        synchronized (ops) {
            assertTrue(ops.stream().anyMatch(o -> o.seq() <= s1), "the writer wrote before the snapshot");
            assertTrue(ops.stream().anyMatch(o -> o.seq() > s2), "the writer wrote after the snapshot");
        }

        DumpIndex index = DumpIndex.read(Path.of(cfg.dumpDir()));
        assertTrue(index.tables().get(0).files().size() > 1, "the table is dumped in several chunks");
        DbEndpoint d = dbs.downstream();
        LoadUnit load = new LoadUnit(cfg, DownstreamConfig.of(d.host(), d.port(), d.user(), d.password(), 4));
        UnitResult lr = load.process();
        load.close();
        assertTrue(lr.ok() && lr.finished(), () -> "load failed: " + lr.errors());

        Map<Long, String> dumped = new HashMap<>();
        for (List<String> row : dbs.queryDown("SELECT id, v FROM `" + s + "`.w")) {
            dumped.put(Long.parseLong(row.get(0)), row.get(1));
        }
        checkStates(ops, dumped, s1, s2);
        dbs.execUp("DROP DATABASE `" + s + "`");
        dbs.execDown("DROP DATABASE `" + s + "`", "DROP DATABASE IF EXISTS conc_" + consistency + "_meta");
    }

    /** Each row must have a state it had at some point in [s1, s2]; with s1 == s2 exactly the state at s1. */
    private static void checkStates(List<Op> ops, Map<Long, String> dumped, long s1, long s2) {
        Map<Long, List<Op>> history = new HashMap<>();
        for (Op o : ops) {
            history.computeIfAbsent(o.id(), k -> new ArrayList<>()).add(o);
        }
        Set<Long> ids = new HashSet<>(dumped.keySet());
        ids.addAll(history.keySet());
        for (long id = 1; id <= INITIAL_ROWS; id++) {
            ids.add(id);
        }
        int checked = 0;
        for (long id : ids) {
            String initial = id <= INITIAL_ROWS ? "init-" + id : DELETED;
            List<Op> h = history.getOrDefault(id, List.of());
            String atStart = initial;
            Set<String> allowed = new HashSet<>();
            for (Op o : h) {
                if (o.seq() <= s1) {
                    atStart = o.value();
                }
            }
            allowed.add(atStart);
            for (Op o : h) {
                if (o.seq() > s1 && o.seq() <= s2) {
                    allowed.add(o.value());
                }
            }
            String got = dumped.getOrDefault(id, DELETED);
            if (!allowed.contains(got)) {
                fail("row " + id + " is " + got + " in the dump but was " + allowed + " between GTID seq " + s1 + " and "
                        + s2 + "; history " + h);
            }
            checked++;
        }
        assertTrue(checked > INITIAL_ROWS);
    }

    private static long seq(Location loc) {
        for (String part : loc.gtidText().split(",")) {
            String[] f = part.trim().split("-");
            if (f.length == 3 && f[0].equals("0")) {
                return Long.parseLong(f[2]);
            }
        }
        throw new AssertionError("no domain 0 in " + loc);
    }

    private static void write(DbEndpoint up, String schema, AtomicBoolean stop, List<Op> ops) {
        Random r = new Random(42);
        long next = INITIAL_ROWS + 1;
        try (Connection c = up.connect(schema);
             PreparedStatement ins = c.prepareStatement("INSERT INTO w VALUES (?, ?)");
             PreparedStatement upd = c.prepareStatement("UPDATE w SET v = ? WHERE id = ?");
             PreparedStatement del = c.prepareStatement("DELETE FROM w WHERE id = ?");
             Statement st = c.createStatement()) {
            for (long n = 0; !stop.get(); n++) {
                int kind = r.nextInt(10);
                long id;
                String value;
                int changed;
                if (kind < 5) {
                    id = next++;
                    value = "new-" + n;
                    ins.setLong(1, id);
                    ins.setString(2, value);
                    changed = ins.executeUpdate();
                } else if (kind < 9) {
                    id = 1 + r.nextInt((int) (next - 1));
                    value = "upd-" + n;
                    upd.setString(1, value);
                    upd.setLong(2, id);
                    changed = upd.executeUpdate();
                } else {
                    id = 1 + r.nextInt((int) (next - 1));
                    value = DELETED;
                    del.setLong(1, id);
                    changed = del.executeUpdate();
                }
                if (changed == 0) {
                    continue; // no row changed: no transaction in the binlog to compare with
                }
                try (ResultSet rs = st.executeQuery("SELECT @@last_gtid")) {
                    rs.next();
                    String[] g = rs.getString(1).split("-");
                    synchronized (ops) {
                        ops.add(new Op(Long.parseLong(g[2]), id, value));
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static SubTaskConfig subTask(TestDatabases dbs, String schema, Path dir, String consistency) {
        DbEndpoint down = dbs.downstream();
        String task = "conc_" + consistency;
        String yaml = "name: " + task + "\ntask-mode: full\nmeta-schema: " + task + "_meta\nclean-dump-file: false\n"
                + "target-database:\n  host: " + down.host() + "\n  port: " + down.port() + "\n  user: " + down.user()
                + "\n  password: \"" + down.password() + "\"\n"
                + "mysql-instances:\n  - source-id: s1\n    block-allow-list: bal\n    mydumper-config-name: d\n"
                + "    loader-config-name: l\n"
                + "block-allow-list:\n  bal:\n    do-dbs: [" + schema + "]\n"
                + "mydumpers:\n  d:\n    threads: 3\n    rows: 5000\n    extra-args: \"--consistency " + consistency + "\"\n"
                + "loaders:\n  l:\n    pool-size: 2\n    dir: \"" + dir.resolve("dump") + "\"\n";
        try {
            dbs.execDown("DROP DATABASE IF EXISTS `" + task + "_meta`"); // checkpoints of an earlier run
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return TaskConfig.parse(yaml, "task.yaml").subTask("s1");
    }
}
