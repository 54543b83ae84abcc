package io.dm4j.testsupport;

import java.util.function.UnaryOperator;

/**
 * The sandbox's optional instances, started through {@code scripts/mysql-sandbox.sh} on demand: the GTID replica of
 * the upstream ({@code replica}, {@code DM_REPLICA_PORT}, default 3309) and a server without binary logging
 * ({@code nobinlog}, {@code DM_NOBINLOG_PORT}, default 3310). Account admin/admin on both.
 */
final class SandboxExtras {
    private SandboxExtras() {
    }

    /**
     * The replica, replicating: {@code replica start} is run every time, because it is idempotent and rebuilds a
     * replica a previous test promoted (stopped replication and wrote to).
     */
    static DbEndpoint replica(UnaryOperator<String> env) {
        SandboxDatabases.runScript(env, "replica", "start");
        return endpoint(env, "DM_REPLICA_PORT", "3309");
    }

    /** The server started without {@code log_bin}. */
    static DbEndpoint withoutBinlog(UnaryOperator<String> env) {
        DbEndpoint e = endpoint(env, "DM_NOBINLOG_PORT", "3310");
        if (!Probe.portAnswers(e)) {
            SandboxDatabases.runScript(env, "nobinlog", "start");
        }
        return e;
    }

    private static DbEndpoint endpoint(UnaryOperator<String> env, String portVariable, String defaultPort) {
        String port = env.apply(portVariable);
        port = port == null || port.isBlank() ? defaultPort : port.strip();
        return new DbEndpoint("127.0.0.1", Integer.parseInt(port), EnvDatabases.DEFAULT_USER, EnvDatabases.DEFAULT_PASSWORD);
    }
}
