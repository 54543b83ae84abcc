package io.dm4j.testsupport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerProbeTest {

    @Test
    void dockerHostCountsAsConfigured(@TempDir Path home) {
        assertTrue(DockerProbe.endpointConfigured(Map.of("DOCKER_HOST", "tcp://10.0.0.1:2375")::get, home));
    }

    @Test
    void testcontainersPropertiesCountOnlyWithAHost(@TempDir Path home) throws IOException {
        Path props = home.resolve(".testcontainers.properties");
        Files.writeString(props, "testcontainers.reuse.enable=true\n");
        boolean systemSocket = Files.exists(Path.of("/var/run/docker.sock")) || Files.exists(Path.of("/run/docker.sock"));
        assertTrue(systemSocket || !DockerProbe.endpointConfigured(Map.<String, String>of()::get, home));
        Files.writeString(props, "tc.host=tcp://127.0.0.1:1\n");
        assertTrue(DockerProbe.endpointConfigured(Map.<String, String>of()::get, home));
    }

    @Test
    void socketUnderRuntimeDirCounts(@TempDir Path home, @TempDir Path runtime) throws IOException {
        assertTrue(DockerProbe.candidateSockets(Map.of("XDG_RUNTIME_DIR", runtime.toString())::get, home)
                .contains(runtime.resolve("docker.sock")));
        Files.createFile(runtime.resolve("docker.sock"));
        assertTrue(DockerProbe.endpointConfigured(Map.of("XDG_RUNTIME_DIR", runtime.toString())::get, home));
    }

    @Test
    void probeIsQuickWithoutAnyEndpoint(@TempDir Path home) {
        // Only meaningful on machines without a system docker.sock, like the CI image; elsewhere it checks nothing.
        if (Files.exists(Path.of("/var/run/docker.sock")) || Files.exists(Path.of("/run/docker.sock"))) {
            return;
        }
        long start = System.nanoTime();
        assertFalse(DockerProbe.endpointConfigured(Map.<String, String>of()::get, home));
        assertTrue(System.nanoTime() - start < 1_000_000_000L);
    }
}
