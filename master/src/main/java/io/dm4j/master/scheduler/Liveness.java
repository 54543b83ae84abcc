package io.dm4j.master.scheduler;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Which workers are alive, from their keepalives: a worker is alive until its keepalive TTL has passed since it was
 * last heard from. Not persisted: after a master restart every known worker gets one TTL of grace to show up.
 */
public final class Liveness {
    private record Seen(long atNanos, long ttlNanos) {
    }

    private final LongSupplier nanoClock;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    public Liveness(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public static Liveness systemClock() {
        return new Liveness(System::nanoTime);
    }

    /** The worker was heard from now; it stays alive for {@code ttl}. */
    public void seen(String worker, Duration ttl) {
        seen.put(worker, new Seen(nanoClock.getAsLong(), ttl.toNanos()));
    }

    public void forget(String worker) {
        seen.remove(worker);
    }

    /** Marks a worker dead at once (e.g. it said it is shutting down). */
    public void expire(String worker) {
        seen.computeIfPresent(worker, (k, v) -> new Seen(v.atNanos, -1));
    }

    public boolean alive(String worker) {
        Seen s = seen.get(worker);
        return s != null && nanoClock.getAsLong() - s.atNanos <= s.ttlNanos;
    }

    /** Names of the live workers, sorted. */
    public Set<String> alive() {
        Set<String> out = new TreeSet<>();
        seen.keySet().forEach(w -> {
            if (alive(w)) {
                out.add(w);
            }
        });
        return out;
    }

    /** Time since the worker was last heard from, if ever. */
    public Optional<Duration> sinceLastSeen(String worker) {
        Seen s = seen.get(worker);
        return s == null ? Optional.empty() : Optional.of(Duration.ofNanos(nanoClock.getAsLong() - s.atNanos));
    }
}
