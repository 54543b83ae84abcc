package io.dm4j.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * Whether a Docker engine answers, asked quickly and quietly: Testcontainers' own probe (slow, and it logs errors
 * when it finds nothing) runs only when some Docker endpoint is configured or a docker.sock exists, and then
 * under a time limit.
 */
final class DockerProbe {
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);

    private DockerProbe() {
    }

    static boolean engineAnswers(UnaryOperator<String> env) {
        if (!endpointConfigured(env, Path.of(System.getProperty("user.home", "/")))) {
            return false;
        }
        FutureTask<Boolean> probe = new FutureTask<>(ContainerDatabases::dockerAvailable);
        Thread t = new Thread(probe, "dm4j-docker-probe");
        t.setDaemon(true); // a hung probe must not keep the test JVM alive
        t.start();
        try {
            return probe.get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            probe.cancel(true);
            return false;
        }
    }

    /** True when DOCKER_HOST, a Testcontainers host property or a docker.sock on one of the usual paths exists. */
    static boolean endpointConfigured(UnaryOperator<String> env, Path home) {
        String dockerHost = env.apply("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return true;
        }
        if (testcontainersHostConfigured(home.resolve(".testcontainers.properties"))) {
            return true;
        }
        return candidateSockets(env, home).stream().anyMatch(Files::exists);
    }

    static List<Path> candidateSockets(UnaryOperator<String> env, Path home) {
        List<Path> paths = new ArrayList<>(List.of(
                Path.of("/var/run/docker.sock"),
                Path.of("/run/docker.sock"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock"),
                home.resolve(".colima/default/docker.sock"),
                home.resolve(".colima/docker.sock"),
                home.resolve(".rd/docker.sock"),
                home.resolve(".orbstack/run/docker.sock")));
        String runtimeDir = env.apply("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            paths.add(Path.of(runtimeDir, "docker.sock"));
        }
        return paths;
    }

    private static boolean testcontainersHostConfigured(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            return false;
        }
        return p.getProperty("docker.host") != null || p.getProperty("tc.host") != null;
    }
}
