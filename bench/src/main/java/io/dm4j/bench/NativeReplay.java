package io.dm4j.bench;

import io.dm4j.common.model.TableId;
import io.dm4j.common.position.BinlogPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Replays the workload's binlog range with MariaDB's own replication: the downstream becomes, for the run, a replica of
 * the upstream from the workload's start position (file/position, not GTID), filtered to the bench schema, with
 * {@code START SLAVE UNTIL} the end position. Every server setting it changes is put back afterwards, also on failure
 * and on Ctrl-C.
 */
final class NativeReplay {
    private static final long POLL_MILLIS = 20;

    /** {@code slave_parallel_threads} of one run; optimistic parallel mode when above zero. */
    record Variant(int parallelThreads) {
        String label() {
            return parallelThreads == 0 ? "MariaDB replica slave_parallel_threads=0"
                    : "MariaDB replica slave_parallel_threads=" + parallelThreads + " optimistic";
        }
    }

    /** The downstream's replication settings before the run. */
    private record Saved(String gtidStrictMode, String gtidSlavePos, String replicateDoDb, String parallelThreads,
                         String parallelMode) {
        static Saved read(Connection c) throws SQLException {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT @@GLOBAL.gtid_strict_mode,"
                    + " @@GLOBAL.gtid_slave_pos, @@GLOBAL.replicate_do_db, @@GLOBAL.slave_parallel_threads,"
                    + " @@GLOBAL.slave_parallel_mode")) {
                rs.next();
                return new Saved(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
            }
        }
    }

    private NativeReplay() {
    }

    static RunResult run(BenchOptions o, CpuMeter.Servers servers, Workload w, Variant v) throws Exception {
        Endpoint down = o.downstream();
        Endpoint source = o.replication();
        try (Connection c = down.connect()) {
            refuseIfReplica(c);
            Saved saved = Saved.read(c);
            AtomicBoolean restored = new AtomicBoolean();
            Thread hook = new Thread(() -> restoreOnce(down, saved, restored), "bench-restore-replica");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                try (Statement st = c.createStatement()) {
                    st.execute("DROP DATABASE IF EXISTS " + TableId.quote(w.schema()));
                    // the workload's CREATE DATABASE IF NOT EXISTS has no default database, so the replica's
                    // replicate_do_db filter may skip it; the tables' DDL then needs the schema to exist
                    st.execute("CREATE DATABASE " + TableId.quote(w.schema()));
                    // the replica logs the upstream's GTIDs (log_slave_updates) behind the downstream's own ones
                    st.execute("SET GLOBAL gtid_strict_mode = 0");
                    st.execute("SET GLOBAL slave_parallel_threads = " + v.parallelThreads());
                    if (v.parallelThreads() > 0) {
                        st.execute("SET GLOBAL slave_parallel_mode = 'optimistic'");
                    }
                }
                execute(c, "SET GLOBAL replicate_do_db = ?", w.schema());
                try (PreparedStatement ps = c.prepareStatement("CHANGE MASTER TO MASTER_HOST = ?, MASTER_PORT = ?,"
                        + " MASTER_USER = ?, MASTER_PASSWORD = ?, MASTER_LOG_FILE = ?, MASTER_LOG_POS = ?,"
                        + " MASTER_USE_GTID = no, MASTER_CONNECT_RETRY = 1")) {
                    ps.setString(1, source.host());
                    ps.setInt(2, source.port());
                    ps.setString(3, source.user());
                    ps.setString(4, source.password());
                    ps.setString(5, w.start().file());
                    ps.setLong(6, w.start().pos());
                    ps.execute();
                }
                CpuMeter cpu = servers.start();
                long t0 = System.nanoTime();
                try (PreparedStatement ps = c.prepareStatement("START SLAVE UNTIL MASTER_LOG_FILE = ?, MASTER_LOG_POS = ?")) {
                    ps.setString(1, w.end().file());
                    ps.setLong(2, w.end().pos());
                    ps.execute();
                }
                String last = awaitEnd(c, w, v, t0 + TimeUnit.SECONDS.toNanos(o.timeoutSeconds()));
                double seconds = (System.nanoTime() - t0) / 1e9;
                CpuMeter.Cpu used = cpu.stop();
                return new RunResult(v.label(), seconds, w.counts().total(),
                        TableChecksum.differences(o.upstream(), down, w.schema()), used, null, "replica stopped at " + last);
            } finally {
                restoreOnce(down, saved, restored);
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }

    private static void refuseIfReplica(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW ALL SLAVES STATUS")) {
            if (rs.next()) {
                throw new IllegalStateException("the downstream already has a replication connection ('"
                        + rs.getString("Connection_name") + "' from " + rs.getString("Master_Host") + ":"
                        + rs.getString("Master_Port") + "); the benchmark does not touch it");
            }
        }
    }

    /** Polls SHOW SLAVE STATUS until the executed position is at or past the workload's end; returns that position. */
    private static String awaitEnd(Connection c, Workload w, Variant v, long deadline) throws Exception {
        String lastIoError = "";
        while (true) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW SLAVE STATUS")) {
                if (!rs.next()) {
                    throw new IllegalStateException(v.label() + ": SHOW SLAVE STATUS is empty");
                }
                BinlogPosition executed = new BinlogPosition(rs.getString("Relay_Master_Log_File"),
                        rs.getLong("Exec_Master_Log_Pos"));
                if (!executed.file().isEmpty() && executed.compareTo(w.end()) >= 0) {
                    return executed.toString();
                }
                if (rs.getInt("Last_SQL_Errno") != 0) {
                    throw new IllegalStateException(v.label() + ": replica SQL thread error " + rs.getInt("Last_SQL_Errno")
                            + ": " + rs.getString("Last_SQL_Error"));
                }
                if (rs.getInt("Last_IO_Errno") != 0) {
                    lastIoError = rs.getInt("Last_IO_Errno") + ": " + rs.getString("Last_IO_Error");
                }
                if ("No".equals(rs.getString("Slave_SQL_Running"))) {
                    throw new IllegalStateException(v.label() + ": replica SQL thread stopped at " + executed
                            + " before " + w.end() + (lastIoError.isEmpty() ? "" : "; last IO error " + lastIoError));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(v.label() + ": not caught up in time, executed up to " + executed
                            + (lastIoError.isEmpty() ? "" : "; last IO error " + lastIoError));
                }
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static void restoreOnce(Endpoint down, Saved saved, AtomicBoolean restored) {
        if (!restored.compareAndSet(false, true)) {
            return;
        }
        List<String> failures = new ArrayList<>();
        try (Connection c = down.connect()) {
            attempt(failures, c, "STOP SLAVE");
            attempt(failures, c, "RESET SLAVE ALL");
            attempt(failures, c, "SET GLOBAL replicate_do_db = ?", saved.replicateDoDb());
            attempt(failures, c, "SET GLOBAL slave_parallel_threads = " + Integer.parseInt(saved.parallelThreads()));
            attempt(failures, c, "SET GLOBAL slave_parallel_mode = ?", saved.parallelMode());
            // the SQL thread recorded the upstream's GTIDs in mysql.gtid_slave_pos
            attempt(failures, c, "SET GLOBAL gtid_slave_pos = ?", saved.gtidSlavePos());
            attempt(failures, c, "SET GLOBAL gtid_strict_mode = " + ("1".equals(saved.gtidStrictMode())
                    || "ON".equalsIgnoreCase(saved.gtidStrictMode()) ? 1 : 0));
        } catch (SQLException e) {
            failures.add("connect: " + e.getMessage());
        }
        if (!failures.isEmpty()) {
            System.out.println("WARNING: restoring the downstream's replication settings failed: " + failures
                    + "; saved values: " + saved);
        }
    }

    private static void attempt(List<String> failures, Connection c, String sql, String... params) {
        try {
            execute(c, sql, params);
        } catch (SQLException e) {
            failures.add(sql + ": " + e.getMessage());
        }
    }

    private static void execute(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i] == null ? "" : params[i]);
            }
            ps.execute();
        }
    }
}
