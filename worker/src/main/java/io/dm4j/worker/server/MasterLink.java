package io.dm4j.worker.server;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.WorkerErrors;
import io.dm4j.proto.message.CommonResponse;
import io.dm4j.proto.message.KeepAliveRequest;
import io.dm4j.proto.message.KeepAliveResponse;
import io.dm4j.proto.message.MasterMethods;
import io.dm4j.proto.message.RegisterWorkerRequest;
import io.dm4j.proto.rpc.FailoverRpcClient;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's side of membership: registers with the master, then sends a keepalive every third of the TTL
 * (the shorter of {@code keepalive-ttl} and {@code relay-keepalive-ttl}); each keepalive names the TTL that applies
 * now ({@link KeepaliveTtls}).
 * Subtasks keep running while the master cannot be reached (a master restart must not stop replication); when the
 * master answers again it re-sends this worker's assignment, which stops the subtasks if the source was given to
 * another worker meanwhile, and a master that no longer knows the worker asks it to register again. With several
 * masters ({@code --join h1,h2,h3}) the calls go to whichever answers (followers forward them to the leader) and move
 * on to the next master when one does not answer.
 */
final class MasterLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterLink.class);

    private final FailoverRpcClient master;
    private final Worker worker;
    private final String address;
    private final KeepaliveTtls ttls;
    private final Duration interval;
    private final Thread thread;
    private volatile boolean running = true;
    private boolean registered;
    private long lastOkNanos = System.nanoTime();
    private String lastError = "";
    private boolean warnedLapse;

    private Duration askedTtl;

    MasterLink(FailoverRpcClient master, Worker worker, String address, KeepaliveTtls ttls) {
        this.master = master;
        this.worker = worker;
        this.address = address;
        this.ttls = ttls;
        long third = ttls.shortest().toMillis() / 3;
        this.interval = Duration.ofMillis(Math.max(200, Math.min(10_000, third)));
        this.thread = new Thread(this::loop, "dm4j-master-link");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                if (!registered) {
                    register();
                } else {
                    keepAlive();
                }
            } catch (DmException e) {
                if (!e.getMessage().equals(lastError)) {
                    LOG.warn("{} with the master failed: {}", registered ? "keepalive" : "registration", e.getMessage());
                    lastError = e.getMessage();
                }
            }
            Duration ttl = ttls.current();
            boolean lapsed = System.nanoTime() - lastOkNanos > ttl.toNanos();
            if (lapsed && !warnedLapse && worker.hasWork()) {
                LOG.warn("{}", WorkerErrors.KEEPALIVE_LOST.error(ttl.toSeconds()).getMessage());
                warnedLapse = true;
            }
            sleep(interval);
        }
    }

    private void register() {
        Duration timeout = interval.multipliedBy(3);
        Duration ttl = ttls.current();
        CommonResponse r = master.callBlocking(MasterMethods.REGISTER_WORKER,
                new RegisterWorkerRequest(worker.name(), address, ttl.toSeconds()), attempt(timeout), timeout);
        if (!r.result()) {
            throw WorkerErrors.REGISTER_FAILED.error("master", r.msg());
        }
        worker.resetRevision();
        registered = true;
        askedTtl = ttl;
        lastOkNanos = System.nanoTime();
        lastError = "";
        LOG.info("registered with the master as {} ({}), keepalive every {} ms", worker.name(), address, interval.toMillis());
    }

    private void keepAlive() {
        Duration timeout = interval.multipliedBy(2);
        Duration ttl = ttls.current();
        KeepAliveResponse r = master.callBlocking(MasterMethods.KEEP_ALIVE, new KeepAliveRequest(worker.name(),
                ttl.toSeconds()), attempt(timeout), timeout);
        if (r.reRegister()) {
            LOG.warn("the master asks this worker to register again: {}", r.msg());
            registered = false;
            return;
        }
        lastOkNanos = System.nanoTime();
        lastError = "";
        warnedLapse = false;
        if (!ttl.equals(askedTtl)) {
            LOG.info("keepalive TTL is now {} s ({})", ttl.toSeconds(), ttls.pullingRelay().getAsBoolean()
                    ? "relay-keepalive-ttl: this worker pulls a relay log" : "keepalive-ttl");
            askedTtl = ttl;
        }
    }

    /** One master may take this long before the next is tried: a stopped master must not eat the whole TTL. */
    private static Duration attempt(Duration total) {
        return total.compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : total;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the keepalives; a registered worker tells the master it leaves (call after its subtasks paused). */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (registered) {
            try {
                master.callBlocking(MasterMethods.KEEP_ALIVE, new KeepAliveRequest(worker.name(), 0, true),
                        Duration.ofSeconds(1), Duration.ofSeconds(2));
                LOG.info("told the master this worker is stopping");
            } catch (DmException e) {
                LOG.info("could not tell the master this worker is stopping (it will notice after the keepalive TTL): {}",
                        e.getMessage());
            }
        }
        master.close();
    }
}
