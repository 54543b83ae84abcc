package io.dm4j.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local MariaDB pair of {@code scripts/mysql-sandbox.sh} on 127.0.0.1 ({@code DM_UP_PORT}, default 3307, and
 * {@code DM_DOWN_PORT}, default 3308; account admin/admin). When a port does not answer, the script is run with
 * {@code start} (it installs MariaDB first when run as root) and the ports are checked again.
 */
final class SandboxDatabases {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxDatabases.class);
    static final String SCRIPT = "scripts/mysql-sandbox.sh";
    private static final long SCRIPT_TIMEOUT_MINUTES = 10; // an apt-get install included

    private final UnaryOperator<String> env;

    SandboxDatabases(UnaryOperator<String> env) {
        this.env = env;
    }

    DatabasePair provide() {
        String upPort = orDefault(env.apply("DM_UP_PORT"), "3307");
        String downPort = orDefault(env.apply("DM_DOWN_PORT"), "3308");
        DatabasePair pair = new DatabasePair(
                EnvDatabases.endpoint("DM_UP_PORT", "127.0.0.1:" + upPort, EnvDatabases.DEFAULT_USER, EnvDatabases.DEFAULT_PASSWORD),
                EnvDatabases.endpoint("DM_DOWN_PORT", "127.0.0.1:" + downPort, EnvDatabases.DEFAULT_USER, EnvDatabases.DEFAULT_PASSWORD),
                "sandbox");
        if (!Probe.portAnswers(pair.upstream()) || !Probe.portAnswers(pair.downstream())) {
            startSandbox(upPort, downPort);
            if (!Probe.portAnswers(pair.upstream()) || !Probe.portAnswers(pair.downstream())) {
                throw DatabaseProvisioner.fail("'" + SCRIPT + " start' succeeded but 127.0.0.1:" + upPort + " or 127.0.0.1:"
                        + downPort + " still does not answer; does DM_SANDBOX_DIR hold a sandbox configured for other"
                        + " ports? Check with '" + SCRIPT + " status'.");
            }
        }
        return Probe.verified(pair, "local sandbox");
    }

    private void startSandbox(String upPort, String downPort) {
        LOG.info("Sandbox ports {}/{} do not answer; running {} start", upPort, downPort, SCRIPT);
        runScript(env, "start");
    }

    /**
     * Runs {@value #SCRIPT} with {@code args} from the repository root, with the sandbox variables of {@code env}
     * (ports, directory); a failure or a run past the time limit fails the test with the script's output.
     */
    static void runScript(UnaryOperator<String> env, String... args) {
        String command = "'" + SCRIPT + " " + String.join(" ", args) + "'";
        Path root = findRepoRoot(Path.of(System.getProperty("user.dir")).toAbsolutePath()).orElseThrow(() ->
                DatabaseProvisioner.fail("No " + SCRIPT + " above " + System.getProperty("user.dir") + " to run "
                        + command + ". " + DatabaseProvisioner.HOW_TO_FIX));
        Path output = null;
        try {
            output = Files.createTempFile("dm4j-sandbox", ".log");
            List<String> argv = new java.util.ArrayList<>(List.of("bash", root.resolve(SCRIPT).toString()));
            argv.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(argv)
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            for (String name : List.of("DM_SANDBOX_DIR", "DM_UP_PORT", "DM_DOWN_PORT", "DM_REPLICA_PORT", "DM_NOBINLOG_PORT")) {
                String v = env.apply(name);
                if (v != null && !v.isBlank()) {
                    pb.environment().put(name, v.strip());
                }
            }
            Process p = pb.start();
            if (!p.waitFor(SCRIPT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw DatabaseProvisioner.fail(command + " did not finish within " + SCRIPT_TIMEOUT_MINUTES
                        + " minutes. Output:\n" + tail(output));
            }
            if (p.exitValue() != 0) {
                throw DatabaseProvisioner.fail(command + " failed (exit " + p.exitValue() + "):\n" + tail(output)
                        + "\n" + DatabaseProvisioner.HOW_TO_FIX);
            }
        } catch (IOException e) {
            throw DatabaseProvisioner.fail("Could not run " + command + ": " + e.getMessage() + ". " + DatabaseProvisioner.HOW_TO_FIX, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DatabaseProvisioner.fail("Interrupted while running " + command, e);
        } finally {
            deleteQuietly(output);
        }
    }

    /** The nearest directory at or above {@code start} that contains {@value #SCRIPT}. */
    static Optional<Path> findRepoRoot(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SCRIPT))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }

    private static String orDefault(String v, String dflt) {
        return v == null || v.isBlank() ? dflt : v.strip();
    }
}
