package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One subtask's full copy run in worker processes of its own ({@link FullCopyProcess}), for the ITs that kill them:
 * writes {@code source.yaml} and {@code task.yaml} into a directory, starts the process (with JVM options such as the
 * test-only dump hold), and reads its log.
 */
final class FullCopyRun {
    final Path dir;
    final Path log;
    final String task;
    final String meta;

    /** @param schema the upstream schema the task copies (it names the task, so runs do not share checkpoints) */
    FullCopyRun(Path dir, String schema) {
        this.dir = dir;
        this.log = dir.resolve("worker.log");
        this.task = "fc_" + Math.abs(schema.hashCode() % 100000);
        this.meta = task + "_meta";
    }

    /** The task's dump directory. */
    Path dumpDir() {
        return dir.resolve("dump." + task);
    }

    /**
     * Writes the files of a task copying {@code schema} ({@code routes}: a YAML block for the task's top level and
     * the instance's route-rules, or "") and drops its meta schema downstream.
     */
    void writeConfig(TestDatabases dbs, String schema, String taskMode, int dumpThreads, int poolSize, String routes)
            throws Exception {
        DbEndpoint up = dbs.upstream();
        DbEndpoint down = dbs.downstream();
        dbs.execDown("DROP DATABASE IF EXISTS `" + meta + "`");
        Files.writeString(dir.resolve("source.yaml"), """
                source-id: "s1"
                enable-gtid: false
                from:
                  host: "%s"
                  port: %d
                  user: "%s"
                  password: "%s"
                """.formatted(up.host(), up.port(), up.user(), up.password()));
        Files.writeString(dir.resolve("task.yaml"), """
                name: "%s"
                task-mode: %s
                meta-schema: "%s"
                target-database:
                  host: "%s"
                  port: %d
                  user: "%s"
                  password: "%s"
                mysql-instances:
                  - source-id: "s1"
                    block-allow-list: "only"
                    mydumper-config-name: "d"
                    loader-config-name: "l"
                    syncer-config-name: "g"
                %s
                block-allow-list:
                  only:
                    do-dbs: ["%s"]
                mydumpers:
                  d:
                    threads: %d
                    rows: 2000
                    statement-size: 4000
                loaders:
                  l:
                    pool-size: %d
                    dir: "%s"
                syncers:
                  g:
                    checkpoint-flush-interval: 1
                """.formatted(task, taskMode, meta, down.host(), down.port(), down.user(), down.password(),
                routes.isEmpty() ? "" : "    route-rules: [\"merge\"]\nroutes:\n" + routes.indent(2).stripTrailing(),
                schema, dumpThreads, poolSize, dir.resolve("dump")));
    }

    /** Starts {@link FullCopyProcess} in {@code mode}, appending its output to {@link #log}. */
    Process start(String mode, String... jvmOptions) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), FullCopyProcess.class.getName(),
                dir.resolve("task.yaml").toString(), dir.resolve("source.yaml").toString(), mode));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }

    /** SIGTERM, then SIGKILL when it does not end in 30 s. */
    static void stop(Process p) throws Exception {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    /** SIGKILL: nothing of the process runs any more. */
    static void kill(Process p) throws Exception {
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }

    void awaitLog(String marker, Process p) throws Exception {
        await(() -> read().contains(marker) || !p.isAlive(), Duration.ofMinutes(3));
        assertTrue(read().contains(marker), "no " + marker + " in the log:\n" + tail());
    }

    static void await(BooleanSupplier condition, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    String read() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (Exception e) {
            return "";
        }
    }

    String tail() {
        List<String> lines = read().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
