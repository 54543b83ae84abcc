package io.dm4j.common.daemon;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a daemon until SIGTERM/SIGINT: the stop action runs in a shutdown hook, then the process exits with status 0
 * (a clean stop, not the JVM's 143), unless the daemon itself asked to exit with another status first. A stop that
 * takes longer than the limit is cut short so that service managers are not kept waiting.
 */
public final class DaemonLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonLifecycle.class);

    private static volatile int exitStatus;

    private DaemonLifecycle() {
    }

    /** Installs the hook and blocks the calling thread for ever. */
    public static void runUntilSignal(String name, Runnable stop, Duration limit) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            LOG.info("{} received a stop signal; stopping", name);
            Thread worker = new Thread(() -> {
                try {
                    stop.run();
                } catch (RuntimeException e) {
                    LOG.error("{}: error while stopping", name, e);
                } finally {
                    stopped.countDown();
                }
            }, name + "-stop");
            worker.setDaemon(true);
            worker.start();
            try {
                if (!stopped.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("{} did not stop within {} ms; exiting anyway", name, limit.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LOG.info("{} stopped", name);
            flushLogs();
            Runtime.getRuntime().halt(exitStatus);
        }, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        new CountDownLatch(1).await();
    }

    /** Exits with {@code status} after running the stop action (for fatal errors inside the daemon). */
    public static void exit(int status) {
        exitStatus = status;
        System.exit(status);
    }

    private static void flushLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx) {
            ctx.stop();
        }
    }
}
