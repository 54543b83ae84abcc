package io.dm4j.worker.sync;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.errors.DmException;
import io.dm4j.worker.JulBridge;
import io.dm4j.worker.unit.UnitResult;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

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
        AtomicInteger status = new AtomicInteger();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            unit.pause();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // SIGTERM is the normal way to stop: report the unit's own outcome, not 128+15.
            Runtime.getRuntime().halt(status.get());
        }, "standalone-sync-shutdown"));
        UnitResult r = unit.process();
        unit.close();
        if (!r.ok()) {
            for (DmException e : r.errors()) {
                System.err.println(e.getMessage());
            }
            status.set(1);
        }
        stopped.countDown();
        System.exit(status.get());
    }
}
