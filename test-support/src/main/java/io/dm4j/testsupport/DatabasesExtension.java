package io.dm4j.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that hands a test {@link TestDatabases}: from {@code DM_TEST_UPSTREAM} /
 * {@code DM_TEST_DOWNSTREAM} when set, else the local sandbox started by {@code scripts/mysql-sandbox.sh}.
 * When no database can be had the test fails with a message naming the fix; it never skips.
 */
public final class DatabasesExtension implements ParameterResolver {
    private static volatile TestDatabases shared;

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
        return pc.getParameter().getType() == TestDatabases.class;
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
        return provide();
    }

    static synchronized TestDatabases provide() {
        if (shared == null) {
            String user = env("DM_TEST_USER", "admin");
            String password = env("DM_TEST_PASSWORD", "admin");
            DbEndpoint up = parse(env("DM_TEST_UPSTREAM", "127.0.0.1:" + env("DM_UP_PORT", "3307")), user, password);
            DbEndpoint down = parse(env("DM_TEST_DOWNSTREAM", "127.0.0.1:" + env("DM_DOWN_PORT", "3308")), user, password);
            for (DbEndpoint db : new DbEndpoint[] {up, down}) {
                try (Connection c = db.connect()) {
                    c.isValid(5);
                } catch (SQLException e) {
                    throw new ParameterResolutionException("No test database at " + db + ": " + e.getMessage()
                            + ". Start the local sandbox with 'scripts/mysql-sandbox.sh start' (installs mariadb-server"
                            + " when run as root), or point DM_TEST_UPSTREAM/DM_TEST_DOWNSTREAM (host:port) and"
                            + " DM_TEST_USER/DM_TEST_PASSWORD at servers you have.", e);
                }
            }
            shared = new TestDatabases(up, down, System.getenv("DM_TEST_UPSTREAM") != null ? "env" : "sandbox");
        }
        return new TestDatabases(shared.upstream(), shared.downstream(), shared.origin());
    }

    private static DbEndpoint parse(String hostPort, String user, String password) {
        int colon = hostPort.lastIndexOf(':');
        return new DbEndpoint(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)), user, password);
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}
