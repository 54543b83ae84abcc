package io.dm4j.testsupport;

import java.sql.SQLException;
import java.util.function.UnaryOperator;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A MySQL 8 pair in Docker through Testcontainers: the upstream writes a ROW/FULL binlog with GTID on, the downstream
 * is plain. Both get the sandbox's accounts (admin/admin with everything, dm/dm with DM's source privileges upstream),
 * so tests see the same users whichever way the servers came. The image is {@code DM_TEST_MYSQL_IMAGE}
 * (default {@value #DEFAULT_IMAGE}). The containers live as long as the JVM.
 */
final class ContainerDatabases {
    static final String DEFAULT_IMAGE = "mysql:8.0";
    private static final String ROOT_PASSWORD = "admin";

    private ContainerDatabases() {
    }

    /** Testcontainers' own check; only called by {@link DockerProbe} once a Docker endpoint is known to exist. */
    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static DatabasePair start(UnaryOperator<String> env) {
        String image = env.apply("DM_TEST_MYSQL_IMAGE");
        DockerImageName name = DockerImageName.parse(image == null || image.isBlank() ? DEFAULT_IMAGE : image.strip());
        MySQLContainer up = container(name).withCommand(
                "--server-id=1", "--log-bin=mysql-bin", "--binlog-format=ROW", "--binlog-row-image=FULL",
                "--binlog-row-metadata=FULL", "--gtid-mode=ON", "--enforce-gtid-consistency=ON",
                "--character-set-server=utf8mb4", "--default-time-zone=+00:00", "--local-infile=ON");
        MySQLContainer down = container(name).withCommand(
                "--server-id=2", "--character-set-server=utf8mb4", "--default-time-zone=+00:00", "--local-infile=ON");
        try {
            up.start();
            down.start();
        } catch (RuntimeException e) {
            up.stop();
            down.stop();
            throw DatabaseProvisioner.fail("Testcontainers could not start " + name + ": " + e.getMessage()
                    + ". Set DM_TEST_DB=sandbox to use the local MariaDB sandbox instead.", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            up.stop();
            down.stop();
        }, "dm4j-containers-stop"));
        DbEndpoint upstream = createAccounts(up, true);
        DbEndpoint downstream = createAccounts(down, false);
        return Probe.verified(new DatabasePair(upstream, downstream, "testcontainers"), "Testcontainers " + name);
    }

    private static MySQLContainer container(DockerImageName name) {
        return new MySQLContainer(name).withUsername("root").withPassword(ROOT_PASSWORD);
    }

    private static DbEndpoint createAccounts(MySQLContainer c, boolean upstream) {
        DbEndpoint root = new DbEndpoint(c.getHost(), c.getMappedPort(MySQLContainer.MYSQL_PORT), "root", ROOT_PASSWORD);
        String dmGrants = upstream
                ? "SELECT, RELOAD, LOCK TABLES, PROCESS, SHOW VIEW, EVENT, TRIGGER, REPLICATION SLAVE, REPLICATION CLIENT"
                : "ALL PRIVILEGES";
        try {
            TestDatabases.exec(root,
                    "SET SESSION sql_log_bin=0",
                    "CREATE USER IF NOT EXISTS 'admin'@'%' IDENTIFIED BY 'admin'",
                    "GRANT ALL PRIVILEGES ON *.* TO 'admin'@'%' WITH GRANT OPTION",
                    "CREATE USER IF NOT EXISTS 'dm'@'%' IDENTIFIED BY 'dm'",
                    "GRANT " + dmGrants + " ON *.* TO 'dm'@'%'");
        } catch (SQLException e) {
            throw DatabaseProvisioner.fail("Creating the admin/dm accounts in " + c.getDockerImageName() + " failed: "
                    + e.getMessage(), e);
        }
        return new DbEndpoint(root.host(), root.port(), "admin", "admin");
    }
}
