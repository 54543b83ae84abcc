package io.dm4j.testsupport;

import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, once per JVM, which servers the tests get. {@code DM_TEST_DB} picks a strategy ({@code env},
 * {@code testcontainers}, {@code sandbox}); unset or {@code auto} tries them in that order:
 * <ol>
 *   <li>{@code DM_TEST_UPSTREAM} / {@code DM_TEST_DOWNSTREAM} when set ({@link EnvDatabases});</li>
 *   <li>Testcontainers MySQL 8 when a Docker engine answers ({@link ContainerDatabases});</li>
 *   <li>the local MariaDB sandbox, started through {@code scripts/mysql-sandbox.sh} if it is down ({@link SandboxDatabases}).</li>
 * </ol>
 * A failure is remembered so every later test fails at once with the same message instead of retrying.
 */
final class DatabaseProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseProvisioner.class);

    static final String HOW_TO_FIX = "Fix: start the local sandbox with 'scripts/mysql-sandbox.sh start' (it installs"
            + " mariadb-server when run as root), or set DM_TEST_UPSTREAM and DM_TEST_DOWNSTREAM (host:port) with"
            + " DM_TEST_USER/DM_TEST_PASSWORD to servers you have, or run a Docker engine for Testcontainers.";

    private static DatabasePair shared;
    private static ParameterResolutionException failure;

    private final UnaryOperator<String> env;

    DatabaseProvisioner(UnaryOperator<String> env) {
        this.env = env;
    }

    static synchronized DatabasePair shared() {
        if (shared != null) {
            return shared;
        }
        if (failure != null) {
            throw new ParameterResolutionException(failure.getMessage(), failure);
        }
        try {
            DatabasePair pair = new DatabaseProvisioner(System::getenv).provision();
            forgetEarlierRuns(pair.downstream());
            shared = pair;
            LOG.info("Test databases ({}): upstream {}, downstream {}", shared.origin(), shared.upstream(), shared.downstream());
            return shared;
        } catch (ParameterResolutionException e) {
            failure = e;
            throw e;
        } catch (RuntimeException e) {
            failure = new ParameterResolutionException("No test databases: " + e + ". " + HOW_TO_FIX, e);
            throw failure;
        }
    }

    /**
     * Drops the downstream's {@code dm_meta}: tests reuse task names, and a checkpoint left by an earlier run
     * (the sandbox outlives a run) would make a fresh {@code start-task} resume from a binlog position the
     * upstream may have purged since, instead of starting over as the test expects.
     */
    static void forgetEarlierRuns(DbEndpoint downstream) {
        try {
            TestDatabases.exec(downstream, "DROP DATABASE IF EXISTS `" + META_SCHEMA + "`");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot drop the checkpoints of earlier test runs (`" + META_SCHEMA
                    + "` on " + downstream + "): " + e.getMessage(), e);
        }
    }

    /** The meta schema of DM's default {@code meta-schema}, which most tests' tasks use. */
    static final String META_SCHEMA = "dm_meta";

    DatabasePair provision() {
        String mode = Optional.ofNullable(env.apply("DM_TEST_DB")).map(String::strip).filter(s -> !s.isEmpty())
                .orElse("auto").toLowerCase(Locale.ROOT);
        switch (mode) {
            case "env":
                return EnvDatabases.fromEnv(env).orElseThrow(() -> fail(
                        "DM_TEST_DB=env but DM_TEST_UPSTREAM/DM_TEST_DOWNSTREAM are not set. " + HOW_TO_FIX));
            case "testcontainers":
                if (!DockerProbe.engineAnswers(env)) {
                    throw fail("DM_TEST_DB=testcontainers but no Docker engine answers (checked DOCKER_HOST,"
                            + " ~/.testcontainers.properties and the usual docker.sock paths). " + HOW_TO_FIX);
                }
                return ContainerDatabases.start(env);
            case "sandbox":
                return new SandboxDatabases(env).provide();
            case "auto":
                Optional<DatabasePair> fromEnv = EnvDatabases.fromEnv(env);
                if (fromEnv.isPresent()) {
                    return fromEnv.get();
                }
                if (DockerProbe.engineAnswers(env)) {
                    return ContainerDatabases.start(env);
                }
                return new SandboxDatabases(env).provide();
            default:
                throw fail("DM_TEST_DB='" + mode + "' is not one of auto, env, testcontainers, sandbox.");
        }
    }

    static ParameterResolutionException fail(String message) {
        return new ParameterResolutionException(message);
    }

    static ParameterResolutionException fail(String message, Throwable cause) {
        return new ParameterResolutionException(message, cause);
    }
}
