package io.dm4j.worker.db;

import io.dm4j.common.tls.DbTls;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach the target database (DM's {@code target-database}) and how every session must be set up.
 *
 * @param host      server host
 * @param port      server port
 * @param user      account name
 * @param password  account password (never logged, never printed by {@link #toString()})
 * @param session   extra session variables applied on every connection ({@code target-database.session});
 *                  {@code sql_mode} and {@code foreign_key_checks} given here replace dm4j's defaults
 * @param timeZone  the task's {@code timezone}; sets the session {@code time_zone} (overrides {@code session});
 *                  null keeps the server's default
 * @param tls       TLS of {@code target-database.security} ({@link DbTls#NONE} when there is none)
 * @param poolSize  maximum number of pooled connections (worker-count plus a few for checkpoints and DDL)
 */
public record DownstreamConfig(String host, int port, String user, String password, Map<String, String> session,
                               ZoneId timeZone, DbTls tls, int poolSize) {

    public DownstreamConfig {
        tls = tls == null ? DbTls.NONE : tls;
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
        session = session == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(session));
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
        if (poolSize <= 0) {
            throw new IllegalArgumentException("poolSize must be positive, got " + poolSize);
        }
    }

    /**
     * The target database of a subtask ({@code target-database}), with the session map's {@code time_zone} replaced
     * by {@code zone} (the zone TIMESTAMP values are written in).
     */
    public static DownstreamConfig forTask(io.dm4j.common.config.SubTaskConfig task, ZoneId zone, int poolSize) {
        var to = task.targetDatabase();
        Map<String, String> session = new LinkedHashMap<>(to.session());
        session.remove("time_zone");
        return new DownstreamConfig(to.host(), to.port(), to.user(), to.password().reveal(), session, zone,
                DbTls.of(to.security(), "target-database.security"), poolSize);
    }

    /** The pool size for an applier with {@code workerCount} queues: one connection each, plus checkpoint and DDL. */
    public static int poolSizeFor(int workerCount) {
        return workerCount + 4;
    }

    /** A plain configuration: no extra session variables, server time zone, no security section. */
    public static DownstreamConfig of(String host, int port, String user, String password, int poolSize) {
        return new DownstreamConfig(host, port, user, password, Map.of(), null, null, poolSize);
    }

    public DownstreamConfig withSession(Map<String, String> newSession) {
        return new DownstreamConfig(host, port, user, password, newSession, timeZone, tls, poolSize);
    }

    public DownstreamConfig withTimeZone(ZoneId zone) {
        return new DownstreamConfig(host, port, user, password, session, zone, tls, poolSize);
    }

    /** {@code user@host:port}, for logs and messages. */
    public String address() {
        return user + "@" + host + ":" + port;
    }

    @Override
    public String toString() {
        return "DownstreamConfig[" + address() + ", session=" + session + ", timeZone=" + timeZone
                + ", " + tls + ", poolSize=" + poolSize + ", password=******]";
    }
}
