package io.dm4j.common.config;

import static io.dm4j.common.config.ValueTypes.INT;
import static io.dm4j.common.config.ValueTypes.SECRET;
import static io.dm4j.common.config.ValueTypes.STRING;
import static io.dm4j.common.config.ValueTypes.STRING_MAP;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A database connection: the upstream ({@code from} in source.yaml) or the downstream ({@code target-database} in
 * task.yaml). Session variable values are kept exactly as written ({@code off}, {@code 1}). The password is a
 * {@link Secret}, so {@link #toString()} never shows it.
 *
 * @param maxAllowedPacket deprecated in DM (read from the server); null when not given
 */
public record DbConfig(String host, int port, String user, Secret password, Integer maxAllowedPacket,
                       Map<String, String> session, SecurityConfig security) {

    static final Option<String> HOST = Option.of("host", STRING, "", "Host name or IP address of the server.").required();
    static final Option<Integer> PORT = Option.of("port", INT, 3306, "TCP port of the server.")
            .check(p -> p > 0 && p <= 65535 ? null : "must be a port number from 1 to 65535, found " + p);
    static final Option<String> USER = Option.of("user", STRING, "", "User name to log in with.");
    static final Option<Secret> PASSWORD = Option.of("password", SECRET, Secret.EMPTY,
            "Password, in plain text or encrypted with `dmctl encrypt`.").defaultText("\"\"");
    static final Option<Integer> MAX_ALLOWED_PACKET = Option.of("max-allowed-packet", INT, null,
            "Largest packet the client accepts, in bytes.").deprecated("the value is read from the server");
    static final Option<Map<String, String>> SESSION = Option.of("session", STRING_MAP, Map.of(),
            "Session variables set on every connection, e.g. `sql_mode`, `time_zone`; values are kept as written.");

    static Schema schema(String title, String doc) {
        return Schema.of(title, doc, HOST, PORT, USER, PASSWORD, MAX_ALLOWED_PACKET, SESSION,
                Schema.one("security", SecurityConfig.SCHEMA, "TLS of this connection."));
    }

    public DbConfig {
        session = Collections.unmodifiableMap(new LinkedHashMap<>(session));
        security = security == null ? SecurityConfig.NONE : security;
        password = password == null ? Secret.EMPTY : password;
    }

    static DbConfig from(Values v) {
        return new DbConfig(v.get(HOST), v.get(PORT), v.get(USER), v.get(PASSWORD), v.get(MAX_ALLOWED_PACKET),
                v.get(SESSION), v.child("security").map(SecurityConfig::from).orElse(SecurityConfig.NONE));
    }

    /** The session variable named (case-insensitively), if set. */
    public Optional<String> sessionValue(String name) {
        return session.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    /** A copy with a session variable set, replacing any spelling of the same name. */
    public DbConfig withSession(String name, String value) {
        Map<String, String> s = new LinkedHashMap<>();
        session.forEach((k, v) -> {
            if (!k.equalsIgnoreCase(name)) {
                s.put(k, v);
            }
        });
        s.put(name.toLowerCase(Locale.ROOT), value);
        return new DbConfig(host, port, user, password, maxAllowedPacket, s, security);
    }

    /** {@code host:port} for messages. */
    public String address() {
        return host + ":" + port;
    }
}
