package io.dm4j.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Command-line settings of {@link SyncBench}.
 *
 * @param rows              row changes the workload makes upstream (inserted + updated + deleted rows)
 * @param multipleRows      also run the dm4j variants with {@code multiple-rows: true}
 * @param safeModeDuration  {@code syncers.safe-mode-duration} of the dm4j runs ("0s": plain writes from the start)
 * @param keep              leave the bench schema on both servers afterwards
 * @param warmupRows        row changes of a separate, unmeasured workload each dm4j variant replays first, so the
 *                          measured replays run on a warmed-up JVM (0: none)
 * @param only              run only the variants whose label contains one of these texts (all when empty)
 */
record BenchOptions(int rows, boolean multipleRows, long seed, int clients, Endpoint upstream, Endpoint downstream,
                    Endpoint replication, String safeModeDuration, boolean keep, int timeoutSeconds, List<String> only,
                    int warmupRows) {

    static final String USAGE = """
            usage: SyncBench [--rows N] [--multiple-rows] [--seed S] [--clients C] [--safe-mode-duration D] [--keep]
                             [--timeout SECONDS] [--only TEXT[,TEXT...]] [--warmup-rows N]
                             [--up HOST:PORT] [--down HOST:PORT]
              --rows N               row changes of the upstream workload (default 300000)
              --multiple-rows        also run the dm4j variants with syncers.multiple-rows: true, and
                             worker-count 4 with batch 200 (the setting for 2 cores)
              --seed S               seed of the workload (default 20240601)
              --clients C            concurrent upstream client connections (default 4)
              --safe-mode-duration D dm4j syncers.safe-mode-duration (default 0s: no safe mode at the fresh start;
                                     "" gives DM's default of 2 x checkpoint-flush-interval = 60s)
              --keep                 keep the bench_sync_<n> schema on both servers
              --timeout SECONDS      longest wait for one replay (default 3600)
              --warmup-rows N        row changes of a separate workload each dm4j variant replays once, unmeasured,
                                     before the measured replays, so they run with a warmed-up JIT (default
                                     30000; 0: none, the first dm4j variant then includes the JVM's warm-up)
              --only TEXT[,TEXT...]  run only the variants whose name contains one of the texts, e.g.
                                     --only "replica,worker-count=16" (the ratio column needs the
                                     "slave_parallel_threads=0" run)
              --up / --down          the sandbox servers (default 127.0.0.1:3307 / 127.0.0.1:3308, admin/admin;
                                     the replication account is dm/dm)
            """;

    static BenchOptions parse(String[] args) {
        int rows = 300_000;
        boolean multipleRows = false;
        long seed = 20240601L;
        int clients = 4;
        String up = "127.0.0.1:3307";
        String down = "127.0.0.1:3308";
        String safeMode = "0s";
        boolean keep = false;
        int timeout = 3600;
        List<String> only = List.of();
        int warmupRows = 30_000;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String a = rest.remove(0);
            switch (a) {
                case "--rows" -> rows = positive(a, value(a, rest));
                case "--multiple-rows" -> multipleRows = true;
                case "--seed" -> seed = Long.parseLong(value(a, rest));
                case "--clients" -> clients = positive(a, value(a, rest));
                case "--safe-mode-duration" -> safeMode = value(a, rest);
                case "--keep" -> keep = true;
                case "--timeout" -> timeout = positive(a, value(a, rest));
                case "--warmup-rows" -> warmupRows = Integer.parseInt(value(a, rest));
                case "--only" -> only = List.of(value(a, rest).split(","));
                case "--up" -> up = value(a, rest);
                case "--down" -> down = value(a, rest);
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        return new BenchOptions(rows, multipleRows, seed, clients, endpoint(up, "admin", "admin"),
                endpoint(down, "admin", "admin"), endpoint(up, "dm", "dm"), safeMode, keep, timeout,
                only.stream().map(String::trim).filter(t -> !t.isEmpty()).toList(), warmupRows);
    }

    /** The same settings with a different workload size (for the warm-up workload). */
    BenchOptions withRows(int newRows) {
        return new BenchOptions(newRows, multipleRows, seed + 1, clients, upstream, downstream, replication,
                safeModeDuration, keep, timeoutSeconds, only, warmupRows);
    }

    boolean selects(String variant) {
        return only.isEmpty() || only.stream().anyMatch(t -> variant.toLowerCase(java.util.Locale.ROOT)
                .contains(t.toLowerCase(java.util.Locale.ROOT)));
    }

    private static String value(String flag, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return rest.remove(0);
    }

    private static int positive(String flag, String v) {
        int n = Integer.parseInt(v.replace("_", ""));
        if (n <= 0) {
            throw new IllegalArgumentException(flag + " must be positive, got " + v);
        }
        return n;
    }

    private static Endpoint endpoint(String hostPort, String user, String password) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected HOST:PORT, got " + hostPort);
        }
        return new Endpoint(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)), user, password);
    }
}
