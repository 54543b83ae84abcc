package io.dm4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * CPU seconds used during one replay by this JVM and by the two database server processes (read from
 * {@code /proc/<pid>/stat}; the servers' pids from their {@code @@pid_file}). A server's figure is NaN when its process
 * is not readable here, e.g. on another machine. On a shared machine the servers' figures include other clients' work.
 */
final class CpuMeter {
    /** USER_HZ, the unit of utime/stime in /proc on Linux. */
    private static final double TICKS_PER_SECOND = 100.0;

    /** @param jitMillis compilation time reported by the JIT (summed over compiler threads, wall clock), in ms */
    record Cpu(double jvm, double downstream, double upstream, long jitMillis) {
    }

    /** The server processes to watch (pid -1: not readable from here). */
    record Servers(long downPid, long upPid) {
        static Servers of(BenchOptions o) {
            return new Servers(serverPid(o.downstream()), serverPid(o.upstream()));
        }

        CpuMeter start() {
            return new CpuMeter(downPid, upPid);
        }
    }

    private final long downPid;
    private final long upPid;
    private final double jvm0;
    private final double down0;
    private final double up0;
    private final long jit0;

    CpuMeter(long downPid, long upPid) {
        this.downPid = downPid;
        this.upPid = upPid;
        this.jvm0 = jvmSeconds();
        this.down0 = processSeconds(downPid);
        this.up0 = processSeconds(upPid);
        this.jit0 = jitMillis();
    }

    Cpu stop() {
        return new Cpu(jvmSeconds() - jvm0, processSeconds(downPid) - down0, processSeconds(upPid) - up0,
                jitMillis() - jit0);
    }

    /** The pid of the server behind {@code e}, or -1 when its pid file is not readable from here. */
    private static long serverPid(Endpoint e) {
        try (Connection c = e.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT @@pid_file")) {
            rs.next();
            long pid = Long.parseLong(Files.readString(Path.of(rs.getString(1))).trim());
            return Files.isReadable(Path.of("/proc/" + pid + "/stat")) ? pid : -1;
        } catch (Exception ex) {
            return -1;
        }
    }

    private static long jitMillis() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private static double jvmSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    private static double processSeconds(long pid) {
        if (pid <= 0) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // fields after the parenthesised command name; utime and stime are fields 14 and 15 of the line
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
