package io.dm4j.worker.sync;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.errors.DmException;
import io.dm4j.worker.JulBridge;
import io.dm4j.worker.unit.UnitResult;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one sync unit from a task file and a source file until SIGTERM, without a master: for tests that kill the
 * process, and for operators who want to replay a source by hand. Usage: {@code StandaloneSync task.yaml source.yaml}.
 * Exit status 0 after a clean stop, 1 when the unit failed (the error is printed).
 */
public final class StandaloneSync {
    private StandaloneSync() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: StandaloneSync <task.yaml> <source.yaml>");
            System.exit(2);
        }
        JulBridge.install();
        SourceConfig source = SourceConfig.load(Path.of(args[1]));
        SubTaskConfig sub = TaskConfig.load(Path.of(args[0])).subTask(source.sourceId()).withSource(source);
        SyncUnit unit = new SyncUnit(sub, source, SyncStart.NONE);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            unit.pause();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "standalone-sync-shutdown"));
        UnitResult r = unit.process();
        unit.close();
        stopped.countDown();
        if (!r.ok()) {
            for (DmException e : r.errors()) {
                System.err.println(e.getMessage());
            }
            Runtime.getRuntime().halt(1);
        }
    }
}
