package io.dm4j.testsupport;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Servers named by the environment: {@code DM_TEST_UPSTREAM} and {@code DM_TEST_DOWNSTREAM} ({@code host:port},
 * port 3306 when omitted), account {@code DM_TEST_USER}/{@code DM_TEST_PASSWORD} (default admin/admin), which
 * {@code DM_TEST_UPSTREAM_USER}, {@code DM_TEST_UPSTREAM_PASSWORD}, {@code DM_TEST_DOWNSTREAM_USER} and
 * {@code DM_TEST_DOWNSTREAM_PASSWORD} override per side.
 */
final class EnvDatabases {
    static final String DEFAULT_USER = "admin";
    static final String DEFAULT_PASSWORD = "admin";

    private EnvDatabases() {
    }

    /** Empty when neither address is set; the verified pair when both are; a failure when only one is. */
    static Optional<DatabasePair> fromEnv(UnaryOperator<String> env) {
        String up = value(env, "DM_TEST_UPSTREAM");
        String down = value(env, "DM_TEST_DOWNSTREAM");
        if (up == null && down == null) {
            return Optional.empty();
        }
        if (up == null || down == null) {
            throw DatabaseProvisioner.fail("Only " + (up == null ? "DM_TEST_DOWNSTREAM" : "DM_TEST_UPSTREAM")
                    + " is set; set both DM_TEST_UPSTREAM and DM_TEST_DOWNSTREAM (host:port, two different servers)"
                    + " or neither.");
        }
        return Optional.of(Probe.verified(parse(env, up, down), "from DM_TEST_UPSTREAM/DM_TEST_DOWNSTREAM"));
    }

    static DatabasePair parse(UnaryOperator<String> env, String up, String down) {
        String user = orDefault(value(env, "DM_TEST_USER"), DEFAULT_USER);
        String password = orDefault(env.apply("DM_TEST_PASSWORD"), DEFAULT_PASSWORD);
        DbEndpoint upstream = endpoint("DM_TEST_UPSTREAM", up,
                orDefault(value(env, "DM_TEST_UPSTREAM_USER"), user),
                orDefault(env.apply("DM_TEST_UPSTREAM_PASSWORD"), password));
        DbEndpoint downstream = endpoint("DM_TEST_DOWNSTREAM", down,
                orDefault(value(env, "DM_TEST_DOWNSTREAM_USER"), user),
                orDefault(env.apply("DM_TEST_DOWNSTREAM_PASSWORD"), password));
        return new DatabasePair(upstream, downstream, "env");
    }

    static DbEndpoint endpoint(String variable, String hostPort, String user, String password) {
        String host = hostPort;
        int port = 3306;
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (host.isEmpty() || port <= 0 || port > 65535) {
            throw DatabaseProvisioner.fail(variable + "='" + hostPort + "' is not host:port (e.g. 127.0.0.1:3307).");
        }
        return new DbEndpoint(host, port, user, password);
    }

    private static String value(UnaryOperator<String> env, String name) {
        String v = env.apply(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String orDefault(String v, String dflt) {
        return v == null ? dflt : v;
    }
}
