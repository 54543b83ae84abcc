package io.dm4j.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension that hands a test a {@link TestDatabases} parameter: a real upstream (binlog ROW/FULL, GTID)
 * and downstream. Where they come from is decided once per JVM by {@link DatabaseProvisioner}: the
 * {@code DM_TEST_UPSTREAM}/{@code DM_TEST_DOWNSTREAM} variables, else Testcontainers MySQL 8 when a Docker
 * engine answers, else the local MariaDB sandbox of {@code scripts/mysql-sandbox.sh} (started on demand).
 * When none can be had the test fails with a message naming the fix; it never skips.
 */
public final class DatabasesExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
        return pc.getParameter().getType() == TestDatabases.class;
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
        return provide();
    }

    /** A new {@link TestDatabases} (its own list of fresh schemas) over the servers shared by the whole JVM. */
    static TestDatabases provide() {
        DatabasePair pair = DatabaseProvisioner.shared();
        return new TestDatabases(pair.upstream(), pair.downstream(), pair.origin());
    }
}
