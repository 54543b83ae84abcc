package io.dm4j.bench;

import io.dm4j.common.model.TableId;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.worker.db.Upstream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes the benchmark's binlog range once: the schema, its tables and {@code rows} row changes from concurrent
 * clients, between two SHOW MASTER STATUS readings.
 *
 * @param start the upstream binlog position before CREATE DATABASE
 * @param end   the upstream binlog position after the last client committed
 */
record Workload(String schema, BinlogPosition start, BinlogPosition end, WorkloadClient.Counts counts, double seconds) {

    static Workload generate(BenchOptions o, String schema) throws Exception {
        Upstream status = new Upstream(o.upstream().host(), o.upstream().port(), o.upstream().user(), o.upstream().password());
        BinlogPosition start = status.masterStatus()
                .orElseThrow(() -> new IllegalStateException("SHOW MASTER STATUS is empty: binary logging is off upstream"));
        long t0 = System.nanoTime();
        try (Connection c = o.upstream().connect(); Statement st = c.createStatement()) {
            // IF NOT EXISTS: the native replica's run pre-creates the schema (see NativeReplay)
            st.execute("CREATE DATABASE IF NOT EXISTS " + TableId.quote(schema));
        }
        try (Connection c = o.upstream().connect(schema); Statement st = c.createStatement()) {
            for (String t : BenchTables.names()) {
                st.execute(BenchTables.createTable(t));
            }
        }
        long perClient = (o.rows() + o.clients() - 1) / o.clients();
        ExecutorService pool = Executors.newFixedThreadPool(o.clients());
        WorkloadClient.Counts total = new WorkloadClient.Counts(0, 0, 0, 0);
        try {
            List<Future<WorkloadClient.Counts>> results = new ArrayList<>();
            for (int i = 0; i < o.clients(); i++) {
                results.add(pool.submit(new WorkloadClient(o.upstream(), schema, i, o.clients(), perClient, o.seed())));
            }
            for (Future<WorkloadClient.Counts> r : results) {
                total = total.plus(r.get());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException s ? s : e;
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        BinlogPosition end = status.masterStatus().orElseThrow();
        return new Workload(schema, start, end, total, seconds);
    }
}
