package io.dm4j.worker.sync.stream;

import io.dm4j.common.position.Flavor;
import io.dm4j.common.tls.DbTls;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the upstream binlog. {@code gtidMode} picks GTID auto-positioning (source.yaml
 * {@code enable-gtid}); otherwise the stream starts at file and offset.
 */
public record StreamSettings(String host, int port, String user, String password, long serverId, Flavor flavor,
                             boolean gtidMode, Duration heartbeatInterval, Duration connectTimeout,
                             Duration initialBackoff, Duration maxBackoff, DbTls tls) {

    /** Settings without a {@code from.security} section. */
    public StreamSettings(String host, int port, String user, String password, long serverId, Flavor flavor,
                          boolean gtidMode, Duration heartbeatInterval, Duration connectTimeout,
                          Duration initialBackoff, Duration maxBackoff) {
        this(host, port, user, password, serverId, flavor, gtidMode, heartbeatInterval, connectTimeout, initialBackoff,
                maxBackoff, DbTls.NONE);
    }

    public StreamSettings {
        tls = tls == null ? DbTls.NONE : tls;
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(flavor, "flavor");
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(5) : heartbeatInterval;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        initialBackoff = initialBackoff == null ? Duration.ofMillis(200) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(30) : maxBackoff;
    }

    /** The settings for a source's upstream ({@code from}), with the stream's usual timings. */
    public static StreamSettings forSource(io.dm4j.common.config.SourceConfig source, long serverId, Flavor flavor,
                                           boolean gtidMode, DbTls tls) {
        var from = source.from();
        return new StreamSettings(from.host(), from.port(), from.user(), from.password().reveal(), serverId, flavor,
                gtidMode, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ofSeconds(30), tls);
    }

    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "StreamSettings[" + user + "@" + address() + ", serverId=" + serverId + ", flavor=" + flavor
                + ", gtidMode=" + gtidMode + ", " + tls + "]";
    }
}
