package io.dm4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue #15: {@code bin/dm4j-launch} starts dm-worker and dmctl with the C1 compiler only and the serial collector
 * (less JVM CPU for a cold full copy on two cores and for a one-command dmctl, measured in docs/benchmarks.md);
 * JAVA_OPTS overrides them, a collector named there replaces the default one instead of making the JVM refuse to
 * start, DM4J_JVM_DEFAULTS=off drops them, and dm-master keeps the JVM's own defaults. Each case runs {@code bin/<program> --version} with
 * {@code -XX:+PrintFlagsFinal} and reads the flags the JVM ended with. dmctl records its class-data archive only
 * from a command for a master.
 */
class LauncherJvmOptionsIT {
    private static final Pattern FLAG = Pattern.compile("^\\s*\\S+\\s+(\\w+)\\s+:?=\\s+(\\S+)", Pattern.MULTILINE);

    @Test
    void workerGetsC1AndTheSerialCollectorByDefault() throws Exception {
        Map<String, String> flags = flags("dm-worker", "", Map.of());
        assertEquals("1", flags.get("TieredStopAtLevel"));
        assertEquals("true", flags.get("UseSerialGC"));
    }

    @Test
    void dmctlGetsC1AndTheSerialCollectorByDefault() throws Exception {
        // a command-line JVM lives for one round trip: C2 and G1 only cost it start-up CPU (docs/operations.md)
        Map<String, String> flags = flags("dmctl", "", Map.of());
        assertEquals("1", flags.get("TieredStopAtLevel"));
        assertEquals("true", flags.get("UseSerialGC"));
    }

    @Test
    void javaOptsOverrideTheDefaultsAndMayNameAnotherCollector() throws Exception {
        Map<String, String> flags = flags("dm-worker", "-XX:+UseG1GC -XX:TieredStopAtLevel=4", Map.of());
        assertEquals("4", flags.get("TieredStopAtLevel"));
        assertEquals("true", flags.get("UseG1GC"));
        assertEquals("false", flags.get("UseSerialGC"));
        assertEquals("true", flags("dm-worker", "-Xmx256m -XX:+UseParallelGC", Map.of()).get("UseParallelGC"));
    }

    @Test
    void defaultsCanBeTurnedOffAndOtherProgramsKeepTheJvmDefaults() throws Exception {
        Map<String, String> off = flags("dm-worker", "", Map.of("DM4J_JVM_DEFAULTS", "off"));
        assertEquals("4", off.get("TieredStopAtLevel"));
        assertEquals("false", off.get("UseSerialGC"));
        Map<String, String> master = flags("dm-master", "", Map.of());
        assertEquals("4", master.get("TieredStopAtLevel"));
        assertEquals("false", master.get("UseSerialGC"));
    }

    @Test
    void dmctlRecordsItsClassArchiveOnlyFromACommandForAMaster(@org.junit.jupiter.api.io.TempDir java.nio.file.Path cds)
            throws Exception {
        // an archive recorded by a local command would leave the RPC and JSON classes to every later command
        run(cds, "bin/dmctl", "--help");
        assertEquals(List.of(), archives(cds), "dmctl --help recorded an archive");
        run(cds, "bin/dmctl", "--master-addr", "127.0.0.1:1", "--rpc-timeout", "1s", "list-member");
        assertEquals(1, archives(cds).size(), "a command for a master records the archive: " + archives(cds));
        assertTrue(archives(cds).get(0).startsWith("dmctl-"), archives(cds).toString());
    }

    private static List<String> archives(java.nio.file.Path dir) throws IOException {
        try (var files = java.nio.file.Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jsa")).toList();
        }
    }

    /** Runs a launcher with DM4J_CDS_DIR={@code cds} and waits for it (its exit status does not matter here). */
    private static void run(java.nio.file.Path cds, String... command) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(command));
        cmd.set(0, Cluster.repoRoot().resolve(command[0]).toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DM4J_CDS_DIR", cds.toString());
        pb.environment().remove("DM4J_CDS");
        pb.environment().remove("JAVA_OPTS");
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd) + " did not exit");
    }

    /** The final JVM flags of {@code bin/<program> --version} started with these JAVA_OPTS and environment. */
    private static Map<String, String> flags(String program, String javaOpts, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(Cluster.repoRoot().resolve("bin/" + program).toString(),
                "--version")).redirectErrorStream(true);
        pb.environment().put("JAVA_OPTS", javaOpts + " -XX:+PrintFlagsFinal");
        pb.environment().put("DM4J_CDS", "off");
        pb.environment().remove("DM4J_JVM_DEFAULTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bin/" + program + " did not exit");
        assertEquals(0, p.exitValue(), "bin/" + program + " with JAVA_OPTS '" + javaOpts + "' " + env + " failed:\n" + out);
        assertTrue(out.contains(program + " (dm4j)"), out);
        Map<String, String> flags = new HashMap<>();
        Matcher m = FLAG.matcher(out);
        while (m.find()) {
            flags.put(m.group(1), m.group(2));
        }
        return flags;
    }
}
