package io.dm4j.common.config;

import static io.dm4j.common.config.ValueTypes.BOOL;
import static io.dm4j.common.config.ValueTypes.LONG;
import static io.dm4j.common.config.ValueTypes.STRING;

import io.dm4j.common.config.ConfigTreeReader.Format;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * dm-worker's configuration: {@code dm-worker.toml} with command-line flags over it (flags win). Resolved as DM
 * does: advertise-addr defaults to worker-addr, name to advertise-addr.
 *
 * @param relayDir worker-level relay log directory ("" = the source's); relay files go to {@code <relay-dir>/<name>/}
 */
public record WorkerConfig(String name, String workerAddr, String advertiseAddr, String join, long keepaliveTtl,
                           long relayKeepaliveTtl, String relayDir, String logLevel, String logFile, String logFormat,
                           SecurityConfig security, boolean redactInfoLog, String secretKeyPath,
                           LogFileConfig logFiles) {

    static final Option<String> NAME = Option.of("name", STRING, "", "Member name, unique among the workers.").defaultText("= advertise-addr");
    static final Option<String> WORKER_ADDR = Option.of("worker-addr", STRING, ":8262",
            "Address serving the master's calls and HTTP `/status` and `/metrics` (same port); `:8262` listens on every interface.").check(DaemonOptions.hostPort());
    static final Option<String> ADVERTISE_ADDR = Option.of("advertise-addr", STRING, "",
            "Address the masters use to reach this worker; needed when worker-addr has no host.")
            .defaultText("= worker-addr").check(DaemonOptions.hostPort());
    static final Option<String> JOIN = Option.of("join", STRING, "", "master-addr list of the cluster, `h1:8261,h2:8261`.");
    static final Option<Long> KEEPALIVE_TTL = Option.of("keepalive-ttl", LONG, 60L,
            "Seconds without heartbeat after which the masters consider this worker gone.").check(v -> v > 0 ? null : "must be greater than 0, found " + v);
    static final Option<Long> RELAY_KEEPALIVE_TTL = Option.of("relay-keepalive-ttl", LONG, 1800L,
            "Seconds without heartbeat after which the masters consider this worker gone while it pulls a relay log"
                    + " (relay started for its bound source, running or paused), as in DM: its source then stays with"
                    + " it through longer outages instead of moving to a worker without the relay log.")
            .check(v -> v > 0 ? null : "must be greater than 0, found " + v);
    static final Option<String> RELAY_DIR = Option.of("relay-dir", STRING, "",
            "Relay log directory of this worker (wins over the source's relay-dir); files go to `<relay-dir>/<name>/`.");
    static final Option<Boolean> REDACT_INFO_LOG = Option.of("redact-info-log", BOOL, false, "Hide row values and query arguments in logs.");

    static final Schema SCHEMA = Schema.of("dm-worker.toml", "The dm-worker process.",
            NAME, WORKER_ADDR, ADVERTISE_ADDR, JOIN, KEEPALIVE_TTL, RELAY_KEEPALIVE_TTL, RELAY_DIR, DaemonOptions.LOG_LEVEL,
            DaemonOptions.LOG_FILE, DaemonOptions.LOG_FORMAT, REDACT_INFO_LOG, DaemonOptions.SECRET_KEY_PATH,
            DaemonOptions.CONFIG_FILE)
            .plus(SecurityConfig.OPTIONS).plus(LogFileConfig.OPTIONS);

    /** Loads {@code file} (null = no file) with {@code flags} over it; flag names are the file's keys (e.g. "worker-addr"). */
    public static WorkerConfig load(Path file, Map<String, String> flags) {
        String text = file == null ? "" : ConfigTreeReader.readFile(file, "dm-worker");
        return parse(text, file == null ? "(none)" : file.toString(), flags);
    }

    public static WorkerConfig parse(String toml, String origin, Map<String, String> flags) {
        return check(toml, origin, flags).config();
    }

    /** Like {@link #parse(String, String, Map)}, also returning the warnings. */
    public static LoadedConfig<WorkerConfig> check(String toml, String origin, Map<String, String> flags) {
        return ConfigFiles.read(toml, origin, "dm-worker", Format.TOML, SCHEMA, Encryptor.builtIn(), flags, WorkerConfig::from);
    }

    static WorkerConfig from(Values v, Problems problems) {
        String workerAddr = DaemonOptions.unwrapScheme(v.get(WORKER_ADDR));
        String advertise = DaemonOptions.advertiseAddress(v, problems, WORKER_ADDR, ADVERTISE_ADDR, ":8262");
        String name = v.get(NAME).isEmpty() ? advertise : v.get(NAME);
        String secretKeyPath = v.get(DaemonOptions.SECRET_KEY_PATH);
        MasterConfig.checkSecretKey(secretKeyPath, v, problems);
        if (v.get(RELAY_KEEPALIVE_TTL) < v.get(KEEPALIVE_TTL)) {
            problems.warn(RELAY_KEEPALIVE_TTL.key(), v.mark(RELAY_KEEPALIVE_TTL.key()), "relay-keepalive-ttl "
                    + v.get(RELAY_KEEPALIVE_TTL) + " is shorter than keepalive-ttl " + v.get(KEEPALIVE_TTL)
                    + ": a worker pulling a relay log would be declared offline sooner than one without");
        }
        return new WorkerConfig(name, workerAddr, advertise, v.get(JOIN), v.get(KEEPALIVE_TTL), v.get(RELAY_KEEPALIVE_TTL),
                v.get(RELAY_DIR), v.get(DaemonOptions.LOG_LEVEL).label(), v.get(DaemonOptions.LOG_FILE),
                v.get(DaemonOptions.LOG_FORMAT).label(), SecurityConfig.from(v), v.get(REDACT_INFO_LOG), secretKeyPath,
                LogFileConfig.from(v));
    }

    /** The master addresses of {@link #join()}. */
    public List<String> joinAddrs() {
        return MasterConfig.split(join);
    }

    /** The relay directory for a source: this worker's relay-dir when set (as {@code <relay-dir>/<name>}), else the source's. */
    public String relayDirFor(SourceConfig source) {
        return relayDir.isEmpty() ? source.relayDir() : Path.of(relayDir, name).toString();
    }

    /** The encryptor for passwords: secret-key-path, else DM4J_SECRET_KEY, else built-in. */
    public Encryptor encryptor() {
        return Encryptor.resolve(secretKeyPath.isEmpty() ? null : Path.of(secretKeyPath));
    }
}
