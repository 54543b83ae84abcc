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
 * {@code -XX:+PrintFlagsFinal} and reads the flags the JVM ended with.
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
