package io.dm4j.common.config;

import static io.dm4j.common.config.ValueTypes.STRING;

import io.dm4j.common.errors.ConfigErrors;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Keys dm-master.toml and dm-worker.toml share (logging, secret key), and their address rules. */
final class DaemonOptions {
    private DaemonOptions() {
    }

    enum LogLevel implements ConfigEnum {
        DEBUG("debug"), INFO("info"), WARN("warn", "warning"), ERROR("error"), FATAL("fatal");

        private final String label;
        private final List<String> aliases;

        LogLevel(String label, String... aliases) {
            this.label = label;
            this.aliases = List.of(aliases);
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public List<String> aliases() {
            return aliases;
        }
    }

    enum LogFormat implements ConfigEnum {
        TEXT("text"), JSON("json");

        private final String label;

        LogFormat(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    static final Option<LogLevel> LOG_LEVEL = Option.of("log-level", ValueTypes.choice(LogLevel.class), LogLevel.INFO,
            "Log level (flag `-L`).");
    static final Option<String> LOG_FILE = Option.of("log-file", STRING, "", "Log file; \"\" = standard output.");
    static final Option<LogFormat> LOG_FORMAT = Option.of("log-format", ValueTypes.choice(LogFormat.class), LogFormat.TEXT, "Log format.");
    static final Option<String> SECRET_KEY_PATH = Option.of("secret-key-path", STRING, "",
            "File holding the 64-hex-character AES-256 key for encrypted passwords; \"\" = DM4J_SECRET_KEY or the built-in key.");
    static final Option<String> CONFIG_FILE = Option.of("config-file", STRING, "", "Path of this file (set by --config).").hidden();

    /** A {@code host:port} address, with an optional {@code http://} or {@code https://} prefix removed. */
    record HostPort(String host, int port) {
        static HostPort parse(String address) {
            String a = unwrapScheme(address.trim());
            int colon = a.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("`" + address + "` is not host:port (e.g. 127.0.0.1:8261 or :8261)");
            }
            String host = a.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(a.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("`" + address + "` has no valid port (e.g. 127.0.0.1:8261 or :8261)");
            }
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("`" + address + "` has port " + port + "; ports run from 1 to 65535");
            }
            return new HostPort(host, port);
        }

        /** Usable by others: a host that is neither empty nor 0.0.0.0. */
        boolean advertisable() {
            return !host.isEmpty() && !host.equals("0.0.0.0");
        }
    }

    static String unwrapScheme(String address) {
        for (String scheme : List.of("http://", "https://")) {
            if (address.startsWith(scheme)) {
                return address.substring(scheme.length());
            }
        }
        return address;
    }

    static Option.Check<String> hostPort() {
        return a -> {
            if (a.isEmpty()) {
                return null;
            }
            try {
                HostPort.parse(a);
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        };
    }

    static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isEmpty() ? "localhost" : env;
        }
    }

    /**
     * The address a daemon tells others (advertise-addr), checked against the listen address: a listen address
     * without a usable host (empty or 0.0.0.0) needs an explicit advertise-addr. Problems are recorded; the
     * advertise address (the listen address when none is given) is returned.
     *
     * @param example an address for the message, e.g. {@code :8261}
     */
    static String advertiseAddress(Values v, Problems problems, Option<String> listen, Option<String> advertiseOption,
                                   String example) {
        String listenAddr = unwrapScheme(v.get(listen));
        String advertise = unwrapScheme(v.get(advertiseOption));
        String key = listen.key();
        if (listenAddr.isEmpty()) {
            problems.error(ConfigErrors.MISSING_KEY, key, v.mark(key),
                    key + " is empty; give the address to listen on, e.g. " + example);
        } else if (advertise.isEmpty()) {
            if (hostPort().problem(listenAddr) == null && !HostPort.parse(listenAddr).advertisable()) {
                problems.error(ConfigErrors.INVALID_VALUE, key, v.mark(key), key + " `" + listenAddr
                        + "` has no usable host (empty or 0.0.0.0) and advertise-addr is not set; set advertise-addr (e.g. 127.0.0.1"
                        + example + ") or give " + key + " a host");
            }
            advertise = listenAddr;
        } else if (hostPort().problem(advertise) == null && !HostPort.parse(advertise).advertisable()) {
            problems.error(ConfigErrors.INVALID_VALUE, advertiseOption.key(), v.mark(advertiseOption.key()), "advertise-addr `"
                    + advertise + "` must name a host others can reach (not empty, not 0.0.0.0)");
        }
        return advertise;
    }
}
