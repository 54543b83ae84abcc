package io.dm4j.worker.dump;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Opens the dump's connections all at once instead of one after the other: each upstream connection costs a few
 * network round trips (handshake, authentication, the driver's session queries, the dump's SET statements), which
 * the server answers for all of them at the same time. Either every connection opens, or none stays open.
 */
final class ParallelConnect {
    private ParallelConnect() {
    }

    /** {@code n} connections from {@code source}, in no particular order; the first failure is thrown. */
    static List<Connection> open(SnapshotOpener.ConnectionSource source, int n) throws SQLException {
        if (n <= 1) {
            List<Connection> one = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                one.add(source.open());
            }
            return one;
        }
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "dm4j-dump-connect");
            t.setDaemon(true);
            return t;
        });
        List<Future<Connection>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(source::open));
            }
            List<Connection> out = new ArrayList<>();
            Throwable failure = null;
            int next = 0;
            for (; next < futures.size(); next++) {
                try {
                    out.add(futures.get(next).get());
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = failure == null ? new SQLException("interrupted while opening dump connections", e) : failure;
                    break;
                }
            }
            if (failure == null) {
                return out;
            }
            out.forEach(DumpSnapshot::closeQuietly);
            futures.subList(next, futures.size()).forEach(ParallelConnect::closeWhenOpened);
            if (failure instanceof SQLException s) {
                throw s;
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            throw new SQLException(failure);
        } finally {
            pool.shutdown();
        }
    }

    /** After an interrupt: a connection not taken yet is closed once it has opened. */
    private static void closeWhenOpened(Future<Connection> f) {
        Thread t = new Thread(() -> {
            try {
                DumpSnapshot.closeQuietly(f.get());
            } catch (InterruptedException | ExecutionException ignored) {
                // it did not open: nothing to close
            }
        }, "dm4j-dump-connect-cleanup");
        t.setDaemon(true);
        t.start();
    }
}
