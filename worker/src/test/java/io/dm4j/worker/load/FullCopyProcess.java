package io.dm4j.worker.load;

import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.errors.DmException;
import io.dm4j.worker.JulBridge;
import io.dm4j.worker.subtask.DefaultUnitFactory;
import io.dm4j.worker.subtask.UnitContext;
import io.dm4j.worker.unit.Unit;
import io.dm4j.worker.unit.UnitResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker's subtask in a JVM of its own, for tests that kill it with SIGKILL: the units of the production factory
 * ({@link DefaultUnitFactory}) run one after the other, as a dm-worker runs them. Usage:
 * {@code FullCopyProcess task.yaml source.yaml <mode>} where mode is
 * {@code run} (until SIGTERM), {@code stop-after-load} (prints {@code LOADED} after the load unit and waits to be
 * killed, before the sync unit could store a checkpoint) or {@code hang-in-load:N} (prints {@code HANGING} just before the
 * N-th load transaction is committed (see {@link CommitHook}), and waits to be killed). Prints {@code UNITS [...]} first ({@code Dump+Load}
 * for a dump and load that overlap). JVM options such as {@code -Ddm4j.test.dump-hold-file} come from the caller.
 */
public final class FullCopyProcess {
    private FullCopyProcess() {
    }

    public static void main(String[] args) throws Exception {
        JulBridge.install();
        SourceConfig source = SourceConfig.load(Path.of(args[1]));
        SubTaskConfig sub = TaskConfig.load(Path.of(args[0])).subTask(source.sourceId()).withSource(source);
        String mode = args[2];
        List<Unit> units = new DefaultUnitFactory().create(sub, source, new UnitContext("w-test", false, "", ""));
        // an overlapped dump and load show as Dump+Load
        System.out.println("UNITS " + units.stream().map(u -> String.join("+",
                u.parts().stream().map(p -> p.type().label()).toList())).toList());
        AtomicInteger status = new AtomicInteger();
        CountDownLatch stopped = new CountDownLatch(1);
        Unit[] current = new Unit[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Unit u = current[0];
            if (u != null) {
                u.pause();
            }
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(status.get());
        }, "full-copy-process-shutdown"));
        for (Unit u : units) {
            current[0] = u;
            LoadUnit load = u.parts().stream().filter(LoadUnit.class::isInstance).map(LoadUnit.class::cast).findFirst()
                    .orElse(null);
            if (load != null && mode.startsWith("hang-in-load:")) {
                int at = Integer.parseInt(mode.substring("hang-in-load:".length()));
                AtomicInteger commits = new AtomicInteger();
                load.setCommitHook((file, offset) -> {
                    if (commits.incrementAndGet() == at) {
                        System.out.println("HANGING in " + file + " before the commit up to " + offset);
                        System.out.flush();
                        sleepForever();
                    }
                });
            }
            UnitResult r = u.process();
            u.close();
            if (!r.ok()) {
                for (DmException e : r.errors()) {
                    System.out.println("FAILED " + e.getMessage());
                }
                status.set(1);
                break;
            }
            if (load != null && mode.equals("stop-after-load")) {
                System.out.println("LOADED");
                System.out.flush();
                sleepForever();
            }
        }
        stopped.countDown();
        System.exit(status.get());
    }

    private static void sleepForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
